"""``normengine graph``: the argument graph of a case, as a picture or in an exchange format."""

from __future__ import annotations

import argparse
import sys
from typing import Any

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
    from .cli import _add_limits, _add_rules

    p = sub.add_parser(
        "graph",
        help="write the argument graph of a case (DOT, Mermaid, SVG, PNG, AIF, apx, ICCMA)",
        description="Write the argument graph of a case: the arguments the rules build (in words), the attacks "
        "between them, and which are accepted under grounded semantics and which are credulously accepted "
        "under preferred semantics; or the framework itself, for other argumentation tools.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("case", metavar="CASE", help="a YAML case file")
    p.add_argument("--act", metavar="ID", help="keep the arguments about this act and (transitively) what attacks them")
    _add_rules(p)
    p.add_argument("--format", choices=FORMATS, default="dot", help="output format (default dot)")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE (whole or not at all)")
    p.add_argument(
        "--names", metavar="FILE", help="apx, iccma: also write the arguments' words, statuses and metadata as JSON"
    )
    p.add_argument(
        "--comments", action="store_true", help="apx, iccma: put the arguments' words in comment lines of the file"
    )
    _add_limits(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .atomic import write_atomic
    from .cli import _limits
    from .engine import evaluate_full
    from .errors import NormengineError
    from .graph import argument_graph, render_graphviz

    if args.format == "png" and (args.output is None or args.output == "-") and sys.stdout.isatty():
        raise NormengineError("--format png writes binary data: give --output FILE (or redirect stdout)")
    if args.output not in (None, "-") and Path(args.output).resolve() == Path(args.case).resolve():
        raise NormengineError(f"--output {args.output} is the case file itself: choose another file")
    if args.names is not None and args.format not in ("apx", "iccma"):
        raise NormengineError("--names goes with --format apx or iccma (the other formats carry the names)")
    if args.names is not None and Path(args.names).resolve() in {
        Path(args.case).resolve(),
        Path(args.output or "-").resolve(),
    }:
        raise NormengineError(f"--names {args.names} is the case file or the output: choose another file")
    ev = evaluate_full(
        args.case,
        args.rules,
        args.perspective,
        limits=_limits(args),
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
    if args.output is None or args.output == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(data)
            sys.stdout.flush()
        return 0
    try:
        write_atomic(Path(args.output), data)
    except OSError as exc:
        raise NormengineError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    return 0
