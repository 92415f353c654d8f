"""``normengine schema``: the JSON Schema of case files or reports."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .base import Context, Output, Spec, add_output

__all__ = ["add_parser", "run"]

EPILOG = """\
example:
  normengine schema case > case.schema.json
  normengine schema case --rules my-rules/ > my-case.schema.json
  normengine schema report

The case schema lists, as enums, the kinds of act, justifications, assessable elements and
principles that the rule set declares (act_kind/1, justification/1, assessed_element/2,
principle/1): the bundled rule set's by default, or those of --rules PATH.
"""


def add_parser(sub: Any) -> None:
    """Register the ``schema`` subcommand."""
    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of case files or reports",
        description="Print the JSON Schema of the case file (for editors) or of the JSON report "
        "(for tools that embed normengine).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("what", choices=["case", "report"])
    p.add_argument(
        "--rules",
        metavar="PATH",
        help="for the case schema: the rule set whose vocabulary it lists, a rule-set directory (with "
        "ruleset.toml) or an .lp file (default: the bundled rule set)",
    )
    add_output(p, "the schema")
    p.set_defaults(func=run, spec=Spec(isolate=False, inputs=(), rules="rules"))


def run(args: argparse.Namespace, _ctx: Context) -> Output:
    if args.what == "case":
        from ..vocabulary import case_schema

        schema = case_schema(args.rules)
    else:
        from ..report import report_schema

        schema = report_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = "normengine report"
    return Output(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
