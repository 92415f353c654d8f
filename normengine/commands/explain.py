"""``normengine explain``: the tree of reasons behind each conclusion."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from typing import Any

from .base import Context, Output, Spec, Target, add_case, add_format, add_limits, add_output, add_rules, case_input
from .base import limits as limits_of
from .base import render as render_for

__all__ = [
    "Explained",
    "add_parser",
    "explanation_html",
    "explanation_json",
    "explanation_markdown",
    "explanation_text",
    "run",
]

EPILOG = """\
example:
  normengine explain cases/kosovo-1999.yaml --act allied-force
  normengine explain cases/kosovo-1999.yaml --act allied-force --tree
  normengine explain cases/nicaragua-1986.yaml --justification csd-mining
  normengine explain cases/kosovo-1999.yaml --act allied-force --full --format json
"""


@dataclass(frozen=True)
class Explained:
    """What ``explain`` renders: the evaluation and the trees, each with its title."""

    evaluation: Any
    trees: list[tuple[str, Any]]
    reasons: list[Any] | None = None  # the decisive reasons per act (the default), else None: the trees


_MARK = {"accepted": "[green]✔[/green] ", "rejected": "[red]✘[/red] ", "undecided": "[yellow]?[/yellow] "}
_KIND = {"fact": "[cyan]fact[/cyan] ", "law": "[magenta]law[/magenta] ", "absent": "[dim]not shown[/dim] "}


def add_parser(sub: Any) -> None:
    """Register the ``explain`` subcommand."""
    p = sub.add_parser(
        "explain",
        help="show the reasons behind each verdict",
        description="Print, for each act, its verdict and the decisive reasons, each said once: which "
        "principle it breaches and on what authority, and for each justification claimed whether it "
        "survives and what decided it (the element that failed, the contested point of law, the basis of "
        "priority that settled a conflict, the contested facts and the burden of proof), with the "
        "authorities numbered at the end. --tree prints instead, for each conclusion, the tree of reasons "
        "that leads to it (rules, facts with their sources, attacks and why they failed or succeeded), "
        "leaving out nodes that add nothing and giving a reason that recurs in a tree once (later: "
        '"explained above, at [n]"); --full keeps every node of the tree.',
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_case(p)
    target = p.add_mutually_exclusive_group()
    target.add_argument("--act", metavar="ID", help="explain only this act (its verdict and justifications)")
    target.add_argument("--justification", metavar="ID", help="explain only this justification")
    p.add_argument("--tree", action="store_true", help="print the tree of reasons instead of the decisive reasons")
    p.add_argument("--full", action="store_true", help="print the whole tree of reasons, every node kept")
    add_rules(p)
    add_format(p, "explanation")
    add_output(p, "the explanations")
    add_limits(p)
    p.set_defaults(func=run, spec=Spec())


def run(args: argparse.Namespace, ctx: Context) -> Output:
    from ..engine import evaluate_full
    from ..errors import NormengineError
    from ..explain import Node
    from ..findings import verdict_explanation
    from ..formats import renderer
    from .evaluate import render_result

    ev = evaluate_full(
        case_input(args, ctx),
        args.rules,
        args.perspective,
        limits=limits_of(args, ctx),
        allow_scripts=args.allow_scripts,
    )
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
        from ..reasons import act_reasons

        chosen = [act_reasons(ev.report, a.id, an.words) for a in ev.report.acts if args.act in (None, a.id)]
        return render_result(renderer("explanation", args.format), Explained(ev, [], chosen), ctx.target)
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
    from ..authorities import render_node

    table = ev.ruleset.authorities()  # sources cite [id pinpoint]: the trees show the short forms
    for _title, tree in trees:
        render_node(tree, table)
    return render_result(renderer("explanation", args.format), Explained(ev, trees), ctx.target)


def _data(result: Explained) -> dict[str, Any]:
    """The explain result as JSON data: the decisive reasons per act, or the trees."""
    ev = result.evaluation
    if result.reasons is not None:
        return {
            "case": ev.report.case,
            "perspective": ev.report.perspective,
            "acts": [r.to_dict() for r in result.reasons],
        }
    return {
        "case": ev.report.case,
        "perspective": ev.report.perspective,
        "explanations": [{"conclusion": title, "tree": node.to_dict()} for title, node in result.trees],
    }


def explanation_json(result: Explained) -> str:
    return json.dumps(_data(result), indent=2, ensure_ascii=False) + "\n"


def explanation_markdown(result: Explained) -> str:
    from ..formats.markdown import explanation_markdown as trees_markdown
    from ..formats.markdown import reasons_markdown

    return (reasons_markdown if result.reasons is not None else trees_markdown)(_data(result))


def explanation_html(result: Explained) -> str:
    from ..formats.html import explanation_html as trees_html
    from ..formats.html import reasons_html

    return (reasons_html if result.reasons is not None else trees_html)(_data(result))


def explanation_text(result: Explained, target: Target) -> str:
    if result.reasons is not None:
        from ..reasons import render_text

        return render_text(result.reasons, max(target.width, 60) if target.terminal else 100)
    from rich.markup import escape
    from rich.tree import Tree

    def draw(console: Any) -> None:
        for title, node in result.trees:
            root = Tree(f"[bold]{escape(title)}[/bold]")
            _add(root, node.shared())
            console.print(root)
            console.print()

    return render_for(draw, target)


def _add(parent: Any, node: Any) -> None:
    from rich.markup import escape

    label = _MARK.get(node.status or "", "") + _KIND.get(node.kind, "") + escape(node.text)
    if node.id is not None:
        label = f"[bold]\\[{node.id}][/bold] " + label  # a later node refers to it
    if node.source:
        label += f" [dim]\\[{escape(node.source)}][/dim]"
    if node.see is not None:
        label += f" [dim](explained above, at \\[{node.see}])[/dim]"
    branch = parent.add(label)
    for child in node.children:
        _add(branch, child)
