"""Command line: ``normengine af solve FILE --task TASK [--query ARG] [--timeout S]``.

Exit status: 0 with an answer, 2 on bad input (one message on stderr naming
the file and line), 3 when the time limit runs out.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Sequence
from typing import Any

from .framework import AFFormatError
from .parse import read_file
from .solver import TASK_NAMES, AFTimeout, Solver, Task

__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "EXIT_TIMEOUT", "add_parser", "main", "run_solve"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_TIMEOUT = 3

_EPILOG = f"""\
tasks: {", ".join(TASK_NAMES)} (case-insensitive).
  SE: print "w" and the arguments of one extension, or NO when there is none.
  DC/DS: print YES or NO (credulous / sceptical acceptance of --query).
         DS-ST answers YES when there is no stable extension (ICCMA rule).
  EE: print one "w ..." line per extension, or NO when there is none.

formats: ICCMA 2023 ("p af N" then "a b" attack lines, '#' comments; .i23/.af)
  and apx ("arg(a1). att(a1,a2)."; .apx), detected by extension or content.
  A query may be written 17 or a17 in either format.

exit status: 0 answer, 2 bad input, 3 timeout.

example:
  $ printf 'p af 3\\n1 2\\n2 3\\n' > chain.i23
  $ normengine af solve chain.i23 --task SE-PR
  w 1 3
  $ normengine af solve chain.i23 --task DS-PR --query a3
  YES
"""


def _prog_name(prog: str | None) -> str:
    return prog or "normengine af"


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``af`` command (with its ``solve`` subcommand).

    Args:
        subparsers: the object returned by ``ArgumentParser.add_subparsers()``.

    Returns:
        The ``af`` parser.
    """
    af_parser: argparse.ArgumentParser = subparsers.add_parser(
        "af",
        help="abstract argumentation frameworks (ICCMA tasks)",
        description="Solve ICCMA reasoning tasks on abstract argumentation frameworks.",
        epilog="example:\n"
        "  normengine af solve tests/data/af/instances/real__aspartix-test-toy__chain.i23 --task DC-PR --query 3",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    af_sub = af_parser.add_subparsers(dest="af_command", metavar="COMMAND")
    af_sub.required = True
    solve_parser: argparse.ArgumentParser = af_sub.add_parser(
        "solve",
        help="answer one task (SE, DC, DS, EE under GR, CO, ST, PR)",
        description="Answer one ICCMA task on a framework file; the answer goes to stdout.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    solve_parser.add_argument("file", metavar="FILE", help="framework file (.i23, .af or .apx)")
    solve_parser.add_argument("--task", "-p", required=True, metavar="TASK", help="ICCMA task, e.g. DS-PR")
    solve_parser.add_argument("--query", "-a", metavar="ARG", help="the queried argument (DC and DS tasks)")
    solve_parser.add_argument("--timeout", type=float, metavar="S", help="give up after S seconds (exit status 3)")
    solve_parser.set_defaults(func=run_solve)
    return af_parser


def _error(message: str) -> int:
    print(f"normengine af solve: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _watchdog(seconds: float) -> threading.Timer:
    """Exit the process with status 3 after ``seconds``, even inside clingo's grounder."""

    def expire() -> None:
        sys.stdout.flush()
        sys.stderr.write(f"normengine af solve: timeout after {seconds:g} s\n")
        sys.stderr.flush()
        os._exit(EXIT_TIMEOUT)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    return timer


def run_solve(args: argparse.Namespace) -> int:
    """Handle ``af solve``: read the file, answer the task, print the answer.

    Args:
        args: the parsed arguments (``file``, ``task``, ``query``, ``timeout``).

    Returns:
        The exit status.
    """
    timer = None
    if args.timeout is not None:
        if args.timeout <= 0:
            return _error(f"--timeout must be positive, not {args.timeout:g}")
        timer = _watchdog(args.timeout)
    try:
        try:
            task = Task.parse(args.task)
        except ValueError as exc:
            return _error(str(exc))
        if task.needs_query and args.query is None:
            return _error(f"task {task} needs --query ARG")
        try:
            af = read_file(args.file)
        except AFFormatError as exc:
            return _error(str(exc))
        index = None
        if task.needs_query:
            index = af.resolve(args.query)
            if index is None:
                return _error(f"{args.file}: no argument {args.query!r} in the framework")
        try:
            answer = Solver(af).solve(task, index, args.timeout)
        except AFTimeout:
            sys.stderr.write(f"normengine af solve: timeout after {args.timeout:g} s\n")
            return EXIT_TIMEOUT
        sys.stdout.write("\n".join(answer.lines(af)) + "\n")
        sys.stdout.flush()
        return EXIT_OK
    finally:
        if timer is not None:
            timer.cancel()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``af`` command line on its own (``python -m normengine.af.cli solve ...``).

    Args:
        argv: the arguments after the program name; ``None`` means ``sys.argv[1:]``.

    Returns:
        The exit status.
    """
    parser = argparse.ArgumentParser(prog="normengine")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_parser(sub)
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] != "af":
        args_list = ["af", *args_list]
    args = parser.parse_args(args_list)
    status: int = args.func(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
