"""``normengine explain``: the tree of reasons behind each conclusion."""

from __future__ import annotations

import argparse
import json
from typing import Any

__all__ = ["add_parser"]

EPILOG = """\
example:
  normengine explain cases/kosovo-1999.yaml --act allied-force
  normengine explain cases/kosovo-1999.yaml --act allied-force --tree
  normengine explain cases/nicaragua-1986.yaml --justification csd-mining
  normengine explain cases/kosovo-1999.yaml --act allied-force --full --format json
"""

_MARK = {"accepted": "[green]✔[/green] ", "rejected": "[red]✘[/red] ", "undecided": "[yellow]?[/yellow] "}
_KIND = {"fact": "[cyan]fact[/cyan] ", "law": "[magenta]law[/magenta] ", "absent": "[dim]not shown[/dim] "}


def add_parser(sub: Any) -> None:
    """Register the ``explain`` subcommand."""
    from .cli import _add_limits, _add_rules

    p = sub.add_parser(
        "explain",
        help="show the reasons behind each verdict",
        description="Print, for each act, its verdict and the decisive reasons, each said once: which "
        "principle it breaches and on what authority, and for each justification claimed whether it "
        "survives and what decided it (the element that failed, the contested point of law, the basis of "
        "priority that settled a conflict, the contested facts and the burden of proof), with the "
        "authorities numbered at the end. --tree prints instead, for each conclusion, the tree of reasons "
        "that leads to it (rules, facts with their sources, attacks and why they failed or succeeded), "
        "leaving out nodes that add nothing; --full keeps every node of the tree.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("case", metavar="CASE", help="a YAML case file")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--act", metavar="ID", help="explain only this act (its verdict and justifications)")
    target.add_argument("--justification", metavar="ID", help="explain only this justification")
    p.add_argument("--tree", action="store_true", help="print the tree of reasons instead of the decisive reasons")
    p.add_argument("--full", action="store_true", help="print the whole tree of reasons, every node kept")
    _add_rules(p)
    p.add_argument(
        "--format", choices=["text", "json", "markdown", "html"], default="text", help="output format (default text)"
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE (whole or not at all)")
    _add_limits(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .cli import _limits, _stdout, _write_text
    from .engine import evaluate_full
    from .errors import NormengineError
    from .explain import Node
    from .findings import verdict_explanation

    ev = evaluate_full(args.case, args.rules, args.perspective, limits=_limits(args), allow_scripts=args.allow_scripts)
    an = ev.analysis
    trees: list[tuple[str, Node]] = []
    acts = {a.id: a for a in ev.report.acts}
    claims = {j.id: (a.id, j) for a in ev.report.acts for j in a.justifications}
    if args.act is not None and args.act not in acts:
        raise NormengineError(f"no act {args.act!r} in the case (acts: {', '.join(sorted(acts))})")
    if args.justification is not None and args.justification not in claims:
        raise NormengineError(
            f"no justification {args.justification!r} in the case (justifications: {', '.join(sorted(claims))})"
        )
    from clingo import Function, String

    if not (args.tree or args.full or args.justification):
        from .reasons import act_reasons, render_text

        chosen = [act_reasons(ev.report, a.id, an.words) for a in ev.report.acts if args.act in (None, a.id)]
        if args.format == "json":
            data = {
                "case": ev.report.case,
                "perspective": ev.report.perspective,
                "acts": [r.to_dict() for r in chosen],
            }
            _write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", args.output)
        else:
            _write_text(render_text(chosen), args.output)
        return 0
    if args.justification is not None:
        _act, j = claims[args.justification]
        arg = Function("justified", [String(j.id)])
        trees.append((f"{j.id}: {j.status}", an.explainer.argument(arg, full=args.full)))
    else:
        for act in ev.report.acts:
            if args.act is not None and act.id != args.act:
                continue
            trees.append((f"{act.id}: {act.verdict}", verdict_explanation(an, act.id, act.verdict, full=args.full)))
            for j in act.justifications:
                arg = Function("justified", [String(j.id)])
                trees.append((f"{j.id}: {j.status}", an.explainer.argument(arg, full=args.full)))
    if args.format != "text":
        data = {
            "case": ev.report.case,
            "perspective": ev.report.perspective,
            "explanations": [{"conclusion": title, "tree": node.to_dict()} for title, node in trees],
        }
        if args.format in ("markdown", "html"):
            from .formats import render_explanation

            _write_text(render_explanation(args.format, data), args.output)
            return 0
        _write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", args.output)
        return 0
    from rich.markup import escape
    from rich.tree import Tree

    console = _stdout()
    for title, node in trees:
        root = Tree(f"[bold]{escape(title)}[/bold]")
        _add(root, node)
        console.print(root)
        console.print()
    return 0


def _add(parent: Any, node: Any) -> None:
    from rich.markup import escape

    label = _MARK.get(node.status or "", "") + _KIND.get(node.kind, "") + escape(node.text)
    if node.source:
        label += f" [dim]\\[{escape(node.source)}][/dim]"
    branch = parent.add(label)
    for child in node.children:
        _add(branch, child)
