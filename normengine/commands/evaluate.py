"""``normengine evaluate``: evaluate a case file and print the report."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .base import Context, Output, Spec, Target, add_case, add_format, add_limits, add_output, add_rules, case_input
from .base import limits as limits_of
from .base import render as render_for

if TYPE_CHECKING:
    from ..engine import Evaluation

__all__ = ["add_parser", "report_json", "report_text", "run"]

EPILOG = """\
example:
  normengine evaluate cases/kosovo-1999.yaml
  normengine evaluate cases/darfur-2004.yaml --format json
  normengine evaluate cases/kosovo-1999.yaml --perspective humanitarian
  normengine evaluate - --format json < cases/kosovo-1999.yaml
"""


def add_parser(sub: Any) -> None:
    """Register the ``evaluate`` subcommand."""
    p = sub.add_parser(
        "evaluate",
        help="evaluate a case file and print the report",
        description="Evaluate a case file against a rule set and print the report: for each act, "
        "the principles it engages, the justifications claimed with their status and reasons, "
        "and the verdict; then the conflicts between principles.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_case(p)
    add_rules(p)
    add_format(p, "report")
    add_output(p, "the report")
    p.add_argument(
        "--no-explanations",
        action="store_true",
        help="leave the explanation trees out of the JSON report (faster for large cases)",
    )
    add_limits(p)
    p.set_defaults(func=run, spec=Spec())


def run(args: argparse.Namespace, ctx: Context) -> Output:
    """Evaluate the case; render it in the format asked for."""
    from ..engine import evaluate_full
    from ..formats import renderer

    ev = evaluate_full(
        case_input(args, ctx),
        args.rules,
        args.perspective,
        limits=limits_of(args, ctx),
        allow_scripts=args.allow_scripts,
        explanations=not args.no_explanations,
    )
    return render_result(renderer("report", args.format), ev, ctx.target)


def render_result(how: Any, result: Any, target: Target) -> Output:
    """Render ``result`` with a renderer of :mod:`normengine.formats`."""
    fn = how.load()
    return Output(fn(result, target) if how.terminal else fn(result))


def report_json(ev: Evaluation) -> str:
    """The report as JSON (``--format json``)."""
    return ev.report.to_json()


def report_text(ev: Evaluation, target: Target) -> str:
    """The report for a terminal or as plain text (``--format text``)."""
    from ..render import render_report

    return render_for(lambda console: render_report(ev.report, ev.analysis.words, console), target)
