"""``normengine graph``: the argument graph of a case, as a picture or in an exchange format."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .base import Context, Output, Spec, add_case, add_limits, add_output, add_rules, case_input
from .base import limits as limits_of

__all__ = ["FORMATS", "add_parser"]

FORMATS = ("dot", "mermaid", "svg", "png", "aif", "apx", "iccma")

EPILOG = """\
formats:
  dot      Graphviz source (colour and shape per status, a legend, full text as tooltips)
  mermaid  a Mermaid flowchart (for Markdown pages; full texts in %% comments)
  svg, png drawn by Graphviz's 'dot' program, which must be installed
  aif      the Argument Interchange Format, as AIFdb JSON (I-, RA- and CA-nodes)
  apx      the abstract framework as arg(a1). att(a1,a2). (ASPARTIX, ICCMA 2015-2021)
  iccma    the abstract framework in the ICCMA 2023 format: 'p af N', then 'i j' attack lines

apx and iccma files hold only the framework, which every reader accepts; --names FILE writes
what each id means (words, term, status) and the case's metadata as JSON beside it, and
--comments puts the same in comment lines of the file (some readers refuse them).

Arguments are numbered a1..aN in the same order in every format (a3 is 3 in ICCMA).
Statuses: accepted or rejected under grounded semantics; credulously accepted under
preferred semantics (in some preferred extension) but not grounded; or undecided.
apx and iccma refuse a case with contested facts: its framework differs between readings.

example:
  normengine graph cases/kosovo-1999.yaml --format svg --output kosovo.svg
  normengine graph cases/kosovo-1999.yaml --act allied-force --format mermaid
  normengine graph cases/nicaragua-1986.yaml --format iccma --output nicaragua.i23 --names nicaragua.json
"""


def add_parser(sub: Any) -> None:
    """Register the ``graph`` subcommand."""
    p = sub.add_parser(
        "graph",
        help="write the argument graph of a case (DOT, Mermaid, SVG, PNG, AIF, apx, ICCMA)",
        description="Write the argument graph of a case: the arguments the rules build (in words), the attacks "
        "between them, and which are accepted under grounded semantics and which are credulously accepted "
        "under preferred semantics; or the framework itself, for other argumentation tools.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_case(p)
    p.add_argument("--act", metavar="ID", help="keep the arguments about this act and (transitively) what attacks them")
    add_rules(p)
    p.add_argument("--format", choices=FORMATS, default="dot", help="output format (default dot)")
    add_output(p, "the graph")
    p.add_argument(
        "--names", metavar="FILE", help="apx, iccma: also write the arguments' words, statuses and metadata as JSON"
    )
    p.add_argument(
        "--comments", action="store_true", help="apx, iccma: put the arguments' words in comment lines of the file"
    )
    add_limits(p)
    p.set_defaults(func=run, spec=Spec())


def run(args: argparse.Namespace, ctx: Context) -> Output:
    from ..atomic import write_atomic
    from ..engine import evaluate_full
    from ..errors import NormengineError
    from ..graph import argument_graph, render_graphviz

    if args.names is not None and args.format not in ("apx", "iccma"):
        raise NormengineError("--names goes with --format apx or iccma (the other formats carry the names)")
    if args.names is not None and args.names != "-":
        names = Path(args.names).resolve()
        taken = {Path(p).resolve() for p in (args.case, args.output) if p not in (None, "-")}
        if args.rules:
            taken.add(Path(args.rules).resolve())
        if names in taken:
            raise NormengineError(f"--names {args.names} is an input or the output: choose another file")
    if args.format == "png" and (args.output is None or args.output == "-") and ctx.target.terminal:
        raise NormengineError("--format png writes binary data: give --output FILE (or redirect stdout)")
    ev = evaluate_full(
        case_input(args, ctx),
        args.rules,
        args.perspective,
        limits=limits_of(args, ctx),
        allow_scripts=args.allow_scripts,
        explanations=False,
    )
    graph = argument_graph(ev, args.act)
    if args.format in ("apx", "iccma") and graph.contested_facts:
        raise NormengineError(
            f"--format {args.format}: the case has contested facts ({', '.join(graph.contested_facts)}), so its "
            "arguments and attacks differ between readings and no single framework has the report's acceptance; "
            "use --format dot, mermaid or aif (which mark what holds on some readings only), or export a copy of "
            "the case without the 'contested' entries"
        )
    data: str | bytes
    if args.format == "dot":
        data = graph.to_dot()
    elif args.format == "mermaid":
        data = graph.to_mermaid()
    elif args.format == "aif":
        data = graph.to_aif_json()
    elif args.format == "apx":
        data = graph.to_apx(comments=args.comments)
    elif args.format == "iccma":
        data = graph.to_iccma(comments=args.comments)
    else:
        data = render_graphviz(graph.to_dot(), args.format)
    if args.names is not None:
        try:
            write_atomic(Path(args.names), graph.to_names_json())
        except OSError as exc:
            raise NormengineError(f"cannot write {args.names}: {exc.strerror or exc}") from None
    return Output(data)
