"""The dispatcher: runs every command alike.

For each command it owns, in this order:

1. the guard that refuses to write over an input (a case file, a rule file, a test
   file): exit status 2 before any work is done;
2. standard input: a case given as ``-`` is read here, once, by the parent;
3. isolation: a command with limits (``--timeout`` or ``--max-memory`` above 0) runs in
   a worker process of :mod:`normengine.worker` that is killed at the time limit and
   capped in memory, so that the limits hold whatever the rule set does, grounding
   included; the worker gets the parsed arguments (as JSON) and runs the same handler;
4. the output: the handler's text (for a terminal: its width and colours; for a file
   or a pipe: plain and never truncated) or bytes go to standard output, or to ``-o
   FILE`` whole or not at all, in every format the command offers;
5. errors: each error a user can see has its exit status in one table
   (:data:`normengine.errors.KINDS`); anything else is an internal error (exit 70)
   with one line asking for a bug report.
"""

from __future__ import annotations

import argparse
import base64
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ..errors import KINDS, NormengineError, ReportedError
from .base import FILE_WIDTH, Context, Output, Spec, Target

__all__ = ["dispatch", "exit_status_of", "guarded", "main", "work"]


def _target(to_file: bool) -> Target:
    if to_file or not sys.stdout.isatty():
        # Plain text, FILE_WIDTH wide or as wide as $COLUMNS asks if wider: never narrower, so never cut short.
        columns = os.environ.get("COLUMNS", "")
        return Target(width=max(FILE_WIDTH, int(columns) if columns.isdigit() else 0))
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=False, emoji=False)
    return Target(terminal=True, width=console.width, color_system=console.color_system, no_color=console.no_color)


def _read_stdin(args: argparse.Namespace) -> bytes:
    limit = int(getattr(args, "max_bytes", 20_000_000))
    return sys.stdin.buffer.read(limit + 1)


def _worker_limits(args: argparse.Namespace) -> Any:
    timeout = getattr(args, "timeout", None)
    memory = getattr(args, "max_memory", None)
    timeout = timeout if timeout and timeout > 0 else None
    memory = memory if memory and memory > 0 else None
    if timeout is None and memory is None:
        return None
    from ..worker import WorkerLimits

    return WorkerLimits(timeout=timeout, max_memory=memory, max_tasks=1)


def dispatch(args: argparse.Namespace, argv: Sequence[str]) -> int:
    """Run the command ``args`` names (parsed from ``argv``); return its exit status."""
    _bundled_case_ids(args)
    spec: Spec | None = getattr(args, "spec", None)
    if spec is None:  # a command that runs itself: serve, batch, new, af, completion
        status: int = args.func(args)
        return status
    output = getattr(args, "output", None)
    to_file = output is not None and output != "-"
    if to_file:
        from ..outputs import check_output, protected_files

        check_output(output, protected_files(spec.input_paths(args), spec.rules_path(args)))
    stdin = _read_stdin(args) if getattr(args, "case", None) == "-" else None
    ctx = Context(target=_target(to_file), stdin=stdin)
    limits = _worker_limits(args) if spec.isolate else None
    if limits is None:
        out: Output = args.func(args, ctx)
    else:
        from ..worker import run_one

        job = {
            "name": spec.name(args),
            "handler": f"{args.func.__module__}:{args.func.__qualname__}",
            "args": {k: v for k, v in vars(args).items() if k not in ("func", "spec")},
            "cwd": os.getcwd(),
            "target": ctx.target.to_json(),
            "stdin": None if stdin is None else base64.b64encode(stdin).decode("ascii"),
        }
        result = run_one("normengine.commands.dispatch:work", job, limits)
        if result.get("status") != "ok":
            raise ReportedError(str(result.get("error", "the worker failed")), result)
        out = Output.from_json(result)
    _write(out, output)
    return out.status


def _write(out: Output, output: str | None) -> None:
    if output is not None and output != "-":
        from ..outputs import write_output

        write_output(output, out.data)
        return
    if isinstance(out.data, bytes):
        sys.stdout.buffer.write(out.data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(out.data)
        sys.stdout.flush()


def work(job: dict[str, Any], _context: object = None) -> dict[str, Any]:
    """The worker's side (a :mod:`normengine.worker` handler): the same arguments, the same handler."""
    import importlib

    from ..worker import failure

    os.chdir(job["cwd"])
    module, _, name = str(job["handler"]).partition(":")
    handler = getattr(importlib.import_module(module), name)
    args = argparse.Namespace(**job["args"])
    stdin = None if job.get("stdin") is None else base64.b64decode(job["stdin"])
    ctx = Context(target=Target.from_json(job["target"]), stdin=stdin, in_worker=True)
    try:
        out: Output = handler(args, ctx)
    except NormengineError as exc:
        return failure(exc.exit_status, str(exc), exc.kind)
    return {"status": "ok", **out.to_json()}


def _say(text: str) -> None:
    from ..textsafe import printable

    sys.stderr.write(printable(text) + "\n")
    sys.stderr.flush()


def _bundled_case_ids(args: argparse.Namespace) -> None:
    """Every command's case argument may name a bundled case by id (``kosovo-1999``): resolve it here, once,
    before the guard against writing over an input compares paths."""
    case = getattr(args, "case", None)
    if case is None or case == "-":
        return
    from ..cases import case_location

    if isinstance(case, str):
        args.case = str(case_location(case))
    elif isinstance(case, list):
        args.case = [str(case_location(c)) if isinstance(c, str) and c != "-" else c for c in case]


def main(parser: argparse.ArgumentParser, argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the command; map every error to its exit status (never a traceback)."""
    given = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(given)
    return guarded(lambda: dispatch(args, given))


def guarded(run: Callable[[], int]) -> int:
    """Run ``run``; map every error to its exit status (:data:`normengine.errors.KINDS`), never a traceback."""
    try:
        return run()
    except (Exception, KeyboardInterrupt) as exc:
        return exit_status_of(exc)


def exit_status_of(exc: BaseException) -> int:
    """Say what went wrong on stderr (one message, never a traceback); return the exit status."""
    if isinstance(exc, NormengineError):
        _say(f"error: {exc}")
        return exc.exit_status
    if isinstance(exc, KeyboardInterrupt):
        _say("interrupted")
        return 130
    if isinstance(exc, BrokenPipeError):
        return 0
    if os.environ.get("NORMENGINE_DEBUG"):
        import traceback  # only here: an internal error is rare, and the module costs every start

        traceback.print_exception(exc)
    _say(
        f"internal error: {type(exc).__name__}: {exc}\n"
        "This is a bug in normengine; please report it (set NORMENGINE_DEBUG=1 to see the traceback)."
    )
    return KINDS["internal"].exit_status
