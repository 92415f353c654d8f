"""``normengine whatif``: the smallest changes to the facts that would change a conclusion."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

from .base import Context, Output, Spec, Target, add_case, add_format, add_limits, add_output, add_rules, case_input
from .base import limits as limits_of
from .base import render as render_for
from .evaluate import render_result

__all__ = ["Explored", "add_parser", "run", "whatif_json", "whatif_text"]

EPILOG = """\
example:
  normengine whatif cases/kosovo-1999.yaml --act allied-force
  normengine whatif cases/nicaragua-1986.yaml --no-pairs --format json
"""


@dataclass(frozen=True)
class Explored:
    """What ``whatif`` renders: the :class:`~normengine.whatif.WhatIf` and the words that name the case's ids."""

    result: Any
    words: Any


def add_parser(sub: Any) -> None:
    """Register the ``whatif`` subcommand."""
    p = sub.add_parser(
        "whatif",
        help="list the smallest changes to the facts that would change a verdict",
        description="List the smallest changes to the facts (one fact added, removed or flipped; then pairs, for "
        "conclusions no single change alters) that would change an act's verdict or a justification's status. "
        "Contested facts are read as evaluate reads them (the baseline is evaluate's verdict), and settling a "
        "dispute (one reading of a contested fact taken as established) is a change too.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_case(p)
    p.add_argument("--act", metavar="ID", help="only this act")
    p.add_argument("--no-pairs", action="store_true", help="try single changes only")
    add_rules(p)
    add_format(p, "whatif")
    add_output(p, "the scenarios")
    add_limits(p)
    p.set_defaults(func=run, spec=Spec())


def run(args: argparse.Namespace, ctx: Context) -> Output:
    from ..engine import resolve_case
    from ..formats import renderer
    from ..whatif import what_if
    from ..words import Words

    lim = limits_of(args, ctx)
    case = resolve_case(case_input(args, ctx), lim)
    result = what_if(case, args.rules, args.perspective, act=args.act, pairs=not args.no_pairs, limits=lim)
    return render_result(renderer("whatif", args.format), Explored(result, Words(case, {})), ctx.target)


def _conclusion(key: str, words: Any) -> str:
    """``status:CLAIM`` or ``verdict:ACT`` in words, as ``evaluate`` names them."""
    kind, _, subject = key.partition(":")
    return f"the {kind} of {words.name(subject)}" if subject else key


def whatif_json(explored: Explored) -> str:
    return str(explored.result.to_json())


def whatif_text(explored: Explored, target: Target) -> str:
    from rich.table import Table

    from ..textsafe import printable

    result, words = explored.result, explored.words

    def draw(console: Any) -> None:
        table = Table(title=f"What would change the conclusions ({result.perspective} perspective)", expand=True)
        table.add_column("if ...", ratio=3)
        table.add_column("then", ratio=2)
        for scenario in result.scenarios:
            table.add_row(
                printable("\n".join(scenario.changes)),
                printable(
                    "\n".join(
                        f"{e.conclusion} of {words.name(e.subject)}: {e.before} → {e.after}" for e in scenario.effects
                    )
                ),
            )
        console.print(table, markup=False)
        if result.unchanged:
            console.print(
                "No single change or pair of changes tried alters: "
                + printable("; ".join(_conclusion(u, words) for u in result.unchanged))
                + ".",
                markup=False,
            )
        console.print(f"{result.tried} scenarios tried.", markup=False)

    return render_for(draw, target)
