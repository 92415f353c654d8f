"""``normengine compare``: evaluate a case under every perspective and compare."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

from .base import Context, Output, Spec, Target, add_case, add_format, add_limits, add_output, case_input
from .base import limits as limits_of
from .base import render as render_for
from .evaluate import render_result

__all__ = ["Compared", "add_parser", "comparison_json", "comparison_text", "render_comparison", "run"]

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
        case_input(args, ctx),
        args.rules,
        perspectives,
        limits=limits_of(args, ctx),
        allow_scripts=args.allow_scripts,
        explanations=False,
    )
    return render_result(renderer("comparison", args.format), Compared(comparison, reports, words), ctx.target)


def comparison_json(result: Compared) -> str:
    return str(result.comparison.to_json())


def comparison_text(result: Compared, target: Target) -> str:
    return render_for(lambda console: render_comparison(result.comparison, result.words, console), target)


_STYLE = {"lawful": "green", "unlawful": "red", "contested": "yellow", "survives": "green", "defeated": "red"}


def render_comparison(comparison: Any, words: Any, console: Any) -> None:
    """Print a comparison side by side (case text escaped and made printable, as in the report)."""
    from ..compare import Comparison
    from ..textsafe import PrintableWords, printable_data

    comparison = Comparison.model_validate(printable_data(comparison.model_dump()))
    _render_comparison(comparison, PrintableWords(words), console)


def _render_comparison(comparison: Any, words: Any, console: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text.assemble(comparison.title, ": verdicts by perspective"), expand=True, show_lines=True)
    table.add_column("act / justification", ratio=4)
    for p in comparison.perspectives:
        table.add_column(p, ratio=2)
    table.add_column("holds under all?", ratio=2)
    for act in comparison.acts:
        table.add_row(
            Text(act.title, style="bold"),
            *[Text(act.verdicts[p], style=_STYLE.get(act.verdicts[p], "")) for p in comparison.perspectives],
            Text("yes" if act.agreed else "depends on the perspective", style="" if act.agreed else "bold yellow"),
        )
        for j in act.justifications:
            table.add_row(
                Text(f"  {words.constant(j.type)} ({j.id})"),
                *[Text(j.statuses[p], style=_STYLE.get(j.statuses[p], "")) for p in comparison.perspectives],
                Text("yes" if j.agreed else "depends on the perspective", style="" if j.agreed else "yellow"),
            )
    console.print(table)
    if comparison.conflicts:
        ct = Table(title="conflicts: which principle prevails", expand=True)
        ct.add_column("act", ratio=3)
        ct.add_column("principles", ratio=3)
        for p in comparison.perspectives:
            ct.add_column(p, ratio=2)
        for c in comparison.conflicts:
            ct.add_row(
                Text(words.name(c.act)),
                Text(" vs ".join(words.constant(x) for x in c.principles)),
                *[
                    Text(
                        "—"
                        if p not in c.prevails
                        else f"{words.constant(c.prevails[p] or '')} ({words.constant(c.settled_by[p] or '')})"
                        if c.prevails[p]
                        else "unsettled dilemma"
                    )
                    for p in comparison.perspectives
                ],
            )
        console.print(ct)
