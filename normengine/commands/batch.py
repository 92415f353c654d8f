"""``normengine batch``: evaluate many case files into one JSON-lines file, resumably (see :mod:`normengine.batch`)."""

from __future__ import annotations

import argparse
import contextlib
import os
from typing import Any

from ..limits import DEFAULT_MAX_TASKS
from .base import add_limits, add_rules
from .base import limits as limits_of

__all__ = ["ProgressBar", "add_parser", "cmd_batch"]

EPILOG = """\
examples:
  normengine batch cases/ --out results.jsonl
  normengine batch library/ more/case.yaml --out results.jsonl --workers 4 --timeout 30
  normengine batch library/ --out results.jsonl --executor ray --address ray://head:10001

Run the same command again to resume an interrupted batch: cases already in
the results file are skipped. Exit status: 0 every case evaluated; 1 some
cases failed (their lines say why); 2 bad arguments, rule set or results
file; 130 interrupted.
"""


def add_parser(subparsers: Any) -> None:
    """Add ``normengine batch`` to the command line."""
    p = subparsers.add_parser(
        "batch",
        help="evaluate many case files into a JSON-lines file (resumable)",
        description="Evaluate many case files (files, or directories searched for *.yaml and *.yml) and "
        "write one JSON line per case to --out, in the order of the cases' paths: the report, or the "
        "error and its exit status. A case that fails does not stop the batch. Each case runs in a "
        "worker process that is stopped at --timeout and capped at --max-memory.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="case files, or directories to search for *.yaml, *.yml")
    p.add_argument(
        "--out",
        "-o",
        required=True,
        metavar="FILE",
        help="the JSON-lines results file; if it exists, the batch resumes: cases already in it are skipped",
    )
    p.add_argument(
        "--workers",
        "-j",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes on this machine (default: one per core, here %(default)s)",
    )
    p.add_argument(
        "--max-cases-per-worker",
        type=int,
        default=DEFAULT_MAX_TASKS,
        metavar="N",
        help="cases a worker evaluates before a fresh one replaces it (default %(default)s)",
    )
    p.add_argument(
        "--executor",
        choices=["local", "ray"],
        default="local",
        help="where to evaluate: worker processes on this machine (default), or a Ray cluster "
        "(pip install 'normengine[cluster]')",
    )
    p.add_argument(
        "--address",
        metavar="ADDR",
        help="with --executor ray: the address of an existing Ray cluster (default: start a local Ray instance)",
    )
    p.add_argument(
        "--no-explanations",
        action="store_true",
        help="leave the explanation trees out of the reports, as evaluate --no-explanations (faster)",
    )
    add_rules(p)
    add_limits(p)
    p.set_defaults(func=cmd_batch)


class ProgressBar:
    """A rich progress bar on stderr, refreshed by hand (no refresh thread, so that forking stays safe)."""

    def start(self, total: int, done: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.console = Console(stderr=True, emoji=False)
        self.errors = 0
        self.progress = Progress(
            TextColumn("[bold]batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[errors]} failed"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[current]}", markup=False),
            console=self.console,
            auto_refresh=False,
            transient=False,
        )
        self.task = self.progress.add_task("batch", total=total, completed=done, errors=0, current="")
        self.progress.start()

    def advance(self, name: str, status: str) -> None:
        if status != "ok":
            self.errors += 1
        from ..textsafe import printable

        self.progress.update(self.task, advance=1, errors=self.errors, current=printable(name))
        self.progress.refresh()

    def refresh(self) -> None:
        self.progress.refresh()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.progress.refresh()
        self.progress.stop()


def cmd_batch(args: argparse.Namespace) -> int:
    """``normengine batch``."""
    from rich.console import Console

    from ..batch import run_batch
    from ..errors import display_path
    from ..worker import WorkerLimits

    timeout = args.timeout if args.timeout and args.timeout > 0 else None
    memory = args.max_memory if args.max_memory and args.max_memory > 0 else None
    err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
    summary = run_batch(
        args.paths,
        args.out,
        rules=args.rules,
        perspective=args.perspective,
        allow_scripts=args.allow_scripts,
        workers=args.workers,
        executor=args.executor,
        address=args.address,
        limits=limits_of(args),
        worker_limits=WorkerLimits(timeout=timeout, max_memory=memory, max_tasks=args.max_cases_per_worker),
        progress=ProgressBar() if err.is_terminal else None,
        explanations=not args.no_explanations,
    )
    out = display_path(args.out)
    failed = ", ".join(f"{n} with exit status {s}" for s, n in sorted(summary.failed.items()))
    done = summary.skipped + summary.written
    text = f"batch: {done} of {summary.total} cases in {out}: {summary.ok} ok, {summary.errors} failed"
    text += f" ({failed})" if failed else ""
    if summary.skipped:
        text += f"; {summary.skipped} were done before and skipped"
    if summary.interrupted:
        err.print(f"{text}\ninterrupted: run the same command again to resume", markup=False)
        return 130
    err.print(text, markup=False)
    return 1 if summary.errors else 0
