"""``normengine agree``: do two independent encodings of one episode lead to the same verdicts?"""

from __future__ import annotations

import argparse
from typing import Any

from .base import Context, Output, Spec, Target, add_format, add_limits, add_output
from .base import limits as limits_of

__all__ = ["add_parser", "agreement_json", "agreement_text", "run"]

EPILOG = """\
example:
  normengine agree cases/kosovo-1999.yaml my-kosovo.yaml
  normengine agree kosovo-1999 my-kosovo.yaml --format json

Acts are paired by what happened, not by their ids: parties by id or name, acts by their actors
(an organisation's acts are its members'), target, kind and start date (within a week); an act
still without a counterpart is paired with the act of the other file that records its kind among its
conducts (`acts[].conduct[].kind`, same target, overlapping periods). An act without a counterpart
counts as a difference. Exit status 0 when every act is paired and agrees
under every perspective, 1 when some do not (as diff does), 2 for bad input.
"""


def add_parser(sub: Any) -> None:
    """Register the ``agree`` subcommand."""
    p = sub.add_parser(
        "agree",
        help="compare two independent encodings of one episode, act by act, under every perspective",
        description="Evaluate two case files that record the same episode (written independently, from the "
        "same sources) under every perspective of the rule set, pair their acts by what happened, and show "
        "where their verdicts and the statuses of their justifications differ. A difference means that the "
        "case format asked one of the writers to decide a point of law, or that the law needs a rule.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("case", metavar="CASE", nargs=2, help="the two case files (or bundled case ids)")
    p.add_argument("--rules", metavar="PATH", help="a rule-set directory or .lp file (default: the bundled one)")
    add_format(p, "agreement")
    add_output(p, "the comparison")
    add_limits(p)
    p.set_defaults(func=run, spec=Spec())


def run(args: argparse.Namespace, ctx: Context) -> Output:
    from ..agreement import compare_encodings
    from ..errors import NormengineError
    from ..formats import renderer

    if "-" in args.case:
        raise NormengineError("agree reads two case files; standard input (-) cannot be one of them")
    result = compare_encodings(args.case[0], args.case[1], rules=args.rules, limits=limits_of(args, ctx))
    how = renderer("agreement", args.format)
    fn = how.load()
    return Output(fn(result, ctx.target) if how.terminal else fn(result), 0 if result.complete else 1)


def agreement_json(result: Any) -> str:
    return str(result.to_json())


def agreement_text(result: Any, _target: Target) -> str:
    return str(result.render()) + "\n"
