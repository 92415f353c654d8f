"""``normengine cases``: the bundled case library, with the engine's verdicts under each perspective."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .base import Context, Output, Spec, add_output

__all__ = ["add_parser", "run"]

EPILOG = """\
example:
  normengine cases
  normengine cases --no-verdicts
  normengine cases --format json -o cases.json
  normengine evaluate kosovo-1999          # any command takes a bundled case's id
"""


def add_parser(sub: Any) -> None:
    """Register the ``cases`` subcommand."""
    p = sub.add_parser(
        "cases",
        help="list the bundled cases, with the verdicts under each perspective",
        description="List the cases that come with normengine: id, date and title, and the engine's verdict "
        "on each act under each perspective of the bundled rule set (computed now; --no-verdicts skips it). "
        "Every command that takes a case file also takes a bundled case's id, from any directory.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--no-verdicts", action="store_true", help="list the cases without evaluating them")
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format (default text)")
    add_output(p, "the list")
    # Evaluating every bundled case under every perspective in one worker: no time limit of its own.
    p.set_defaults(func=run, spec=Spec(isolate=False, inputs=(), rules=None))


def run(args: argparse.Namespace, _ctx: Context) -> Output:
    from ..cases import bundled_cases

    entries: list[dict[str, Any]] = []
    for case in bundled_cases():
        found = {} if args.no_verdicts else case.verdicts()
        entries.append({"id": case.id, "title": case.title, "date": case.date, "verdicts": found})
    if args.format == "json":
        return Output(json.dumps(entries, indent=2, ensure_ascii=False) + "\n")
    from ..textsafe import printable

    lines: list[str] = []
    for entry in entries:
        lines.append(f"{entry['id']}  {entry['date']}  {printable(str(entry['title']))}")
        verdicts: dict[str, dict[str, str]] = entry["verdicts"]
        acts = sorted({act for per in verdicts.values() for act in per})
        width = max((len(a) for a in acts), default=0)
        for act in acts:
            cells = "   ".join(
                f"{name}: {per.get(act, '-')}".ljust(len(name) + 11) for name, per in sorted(verdicts.items())
            ).rstrip()
            lines.append(f"  {act.ljust(width)}   {cells}")
    lines.append(f"{len(entries)} bundled case{'s' if len(entries) != 1 else ''}")
    return Output("\n".join(lines) + "\n")
