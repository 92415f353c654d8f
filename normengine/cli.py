"""The ``normengine`` command line.

Results go to stdout; diagnostics go to stderr. Exit statuses: 0 done,
1 a check or test found a problem, 2 bad input (case file, rule set,
option), 3 a limit was reached (size, time, memory). No command prints a
traceback: an unexpected failure prints one line asking for a bug report (set
``NORMENGINE_DEBUG=1`` to see the traceback).

The commands live in :mod:`normengine.commands`, one module each; the
dispatcher (:mod:`normengine.commands.dispatch`) runs them all alike. This
module imports neither the engine, pydantic nor rich: ``--version`` and
``--help`` start fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

__all__ = ["build_parser", "main"]

_LASTING = frozenset({"serve", "batch"})  # commands that run for long or evaluate many cases


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``normengine`` command (:func:`normengine.commands.build_parser`)."""
    from .commands import build_parser as build

    return build()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    given = list(sys.argv[1:] if argv is None else argv)
    if argv is None and not (given and given[0] in _LASTING):
        # A process that runs one command and exits: the cyclic garbage collector's passes over the modules,
        # models and atoms it builds reclaim almost nothing (see normengine/gcpause.py) and cost about a tenth
        # of a fresh `evaluate`. Reference counting still frees what is dropped; `serve` and `batch`, which
        # last, keep the collector.
        import gc

        gc.disable()
    if given == ["--version"]:  # without building the parser: the fastest answer
        from . import __version__

        sys.stdout.write(f"normengine {__version__}\n")
        return 0
    if given[:2] == ["af", "solve"] and "-h" not in given and "--help" not in given:
        # The argumentation solver needs none of the other commands: as fast as ``python -m normengine.af.cli``.
        from .af.cli import main as af_main

        try:
            return af_main(given)
        except (Exception, KeyboardInterrupt) as exc:
            from .commands.dispatch import exit_status_of

            return exit_status_of(exc)
    from .commands import SINGLE
    from .commands import build_parser as build
    from .commands.dispatch import main as dispatch_main

    # A command that runs (not ``--help`` of the whole tool) needs only its own parser.
    return dispatch_main(build(given[0] if given and given[0] in SINGLE else None), given)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
