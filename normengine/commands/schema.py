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
  normengine schema report
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
    add_output(p, "the schema")
    p.set_defaults(func=run, spec=Spec(isolate=False, inputs=(), rules=None))


def run(args: argparse.Namespace, _ctx: Context) -> Output:
    if args.what == "case":
        from ..case import Case

        schema = Case.model_json_schema(by_alias=True)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = "normengine case file"
    else:
        from ..report import report_schema

        schema = report_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = "normengine report"
    return Output(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
