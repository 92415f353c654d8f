"""``normengine compare``: evaluate a case under every perspective and compare."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

from .base import Context, Output, Spec, Target, add_case, add_format, add_limits, add_output, case_input
from .base import limits as limits_of
from .base import render as render_for
from .evaluate import render_result

__all__ = ["Compared", "add_parser", "comparison_json", "comparison_text", "run"]

EPILOG = """\
example:
  normengine compare cases/kosovo-1999.yaml
  normengine compare cases/kosovo-1999.yaml --perspectives orthodox,humanitarian --format json
"""


@dataclass(frozen=True)
class Compared:
    """What ``compare`` renders: the comparison, the report under each perspective, and the words."""

    comparison: Any
    reports: Any
    words: Any


def add_parser(sub: Any) -> None:
    """Register the ``compare`` subcommand."""
    p = sub.add_parser(
        "compare",
        help="evaluate a case under every perspective and compare",
        description="Evaluate a case under every perspective of the rule set (or those given) and show, side "
        "by side, which conclusions hold under all of them and which depend on the perspective.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_case(p)
    p.add_argument("--rules", metavar="PATH", help="a rule-set directory or .lp file (default: the bundled one)")
    p.add_argument("--perspectives", metavar="A,B,...", help="the perspectives to compare (default: all)")
    p.add_argument("--allow-scripts", action="store_true", help="accept #script blocks in the rule set")
    add_format(p, "comparison")
    add_output(p, "the comparison")
    add_limits(p)
    p.set_defaults(func=run, spec=Spec())


def run(args: argparse.Namespace, ctx: Context) -> Output:
    from ..compare import compare
    from ..formats import renderer

    perspectives = args.perspectives.split(",") if args.perspectives else None
    comparison, reports, words = compare(
        case_input(args, ctx), args.rules, perspectives, limits=limits_of(args, ctx), allow_scripts=args.allow_scripts
    )
    return render_result(renderer("comparison", args.format), Compared(comparison, reports, words), ctx.target)


def comparison_json(result: Compared) -> str:
    return str(result.comparison.to_json())


def comparison_text(result: Compared, target: Target) -> str:
    from ..compare import render_comparison

    return render_for(lambda console: render_comparison(result.comparison, result.words, console), target)
