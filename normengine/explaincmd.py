"""``normengine explain``: the tree of reasons behind each conclusion."""

from __future__ import annotations

import argparse
import json
from typing import Any

__all__ = ["add_parser"]

EPILOG = """\
example:
  normengine explain cases/kosovo-1999.yaml --act allied-force
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
        help="show the tree of reasons behind each conclusion",
        description="Print, for each conclusion, the tree of reasons that leads to it: the rule applied "
        "(with its source), the facts it used (with their sources from the case file), and the arguments "
        "that attacked it and why those attacks failed or succeeded. Nodes that only say that nothing "
        "attacks an argument, and facts that only say that something exists, are left out unless --full.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("case", metavar="CASE", help="a YAML case file")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--act", metavar="ID", help="explain only this act (its verdict and justifications)")
    target.add_argument("--justification", metavar="ID", help="explain only this justification")
    p.add_argument("--full", action="store_true", help="keep every node, even those that add nothing")
    _add_rules(p)
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format (default text)")
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
    from .authorities import render_node

    table = ev.ruleset.authorities()
    for _title, tree in trees:
        render_node(tree, table)
    if args.format == "json":
        data = {
            "case": ev.report.case,
            "perspective": ev.report.perspective,
            "explanations": [{"conclusion": title, "tree": node.to_dict()} for title, node in trees],
        }
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
