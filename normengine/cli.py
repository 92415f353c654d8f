"""The ``normengine`` command line.

Results go to stdout; diagnostics go to stderr. Exit statuses: 0 done,
1 a check or test found a problem, 2 bad input (case file, rule set,
option), 3 a limit was reached (size, time). No command prints a traceback:
an unexpected failure prints one line asking for a bug report (set
``NORMENGINE_DEBUG=1`` to see the traceback).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from .errors import NormengineError
from .loader import DEFAULT_LIMITS, Limits
from .textsafe import printable
from .worker import DEFAULT_MAX_MEMORY_MB, WorkerLimits

__all__ = ["main"]

EPILOG_EVALUATE = """\
example:
  normengine evaluate cases/kosovo-1999.yaml
  normengine evaluate cases/darfur-2004.yaml --format json
  normengine evaluate cases/kosovo-1999.yaml --perspective humanitarian
"""

EPILOG_SCHEMA = """\
example:
  normengine schema case > case.schema.json
  normengine schema report
"""


def _limits(args: argparse.Namespace) -> Limits:
    return Limits(
        max_bytes=args.max_bytes,
        max_parties=args.max_parties,
        max_acts=args.max_acts,
        timeout=args.timeout if args.timeout and args.timeout > 0 else None,
    )


def _add_limits(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("limits")
    g.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_LIMITS.timeout,
        metavar="S",
        help="seconds allowed for an evaluation, grounding included: it runs in a worker process that is "
        f"stopped at the limit (exit status 3); 0 for none (default {DEFAULT_LIMITS.timeout:g})",
    )
    g.add_argument(
        "--max-memory",
        type=int,
        default=DEFAULT_MAX_MEMORY_MB,
        metavar="MB",
        help="megabytes of memory the worker may take beyond what it holds when it starts; past it the "
        f"evaluation stops (exit status 3); 0 for no cap (default {DEFAULT_MAX_MEMORY_MB:,})",
    )
    g.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_LIMITS.max_bytes,
        metavar="N",
        help=f"largest case file accepted (default {DEFAULT_LIMITS.max_bytes:,})",
    )
    g.add_argument(
        "--max-parties",
        type=int,
        default=DEFAULT_LIMITS.max_parties,
        metavar="N",
        help=f"most parties accepted (default {DEFAULT_LIMITS.max_parties:,})",
    )
    g.add_argument(
        "--max-acts",
        type=int,
        default=DEFAULT_LIMITS.max_acts,
        metavar="N",
        help=f"most acts accepted (default {DEFAULT_LIMITS.max_acts:,})",
    )


def _add_rules(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--rules",
        metavar="PATH",
        help="a rule-set directory (with ruleset.toml) or an .lp file (default: the bundled rule set)",
    )
    p.add_argument(
        "--perspective",
        metavar="NAME",
        help="the perspective to take (bundled: orthodox (default), humanitarian, sovereigntist)",
    )
    p.add_argument(
        "--allow-scripts",
        action="store_true",
        help="accept #script blocks in the rule set (refused by default: a rule set is data)",
    )


def _stdout() -> Console:
    return Console(highlight=False, soft_wrap=False, emoji=False)


def _write_text(text: str, output: str | None) -> None:
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from .outputs import write_output

    write_output(output, text)


def _isolated(args: argparse.Namespace) -> WorkerLimits | None:
    """The worker's limits when the command must run in a worker (a time limit or a memory cap), else None."""
    timeout = args.timeout if args.timeout and args.timeout > 0 else None
    memory = args.max_memory if args.max_memory and args.max_memory > 0 else None
    if timeout is None and memory is None:
        return None
    return WorkerLimits(timeout=timeout, max_memory=memory, max_tasks=1)


def _job(args: argparse.Namespace) -> dict[str, object]:
    """The worker job for ``evaluate`` or ``compare`` (see :mod:`normengine.jobs`)."""
    from .errors import display_path
    from .jobs import console_spec, limits_json

    to_file = args.output is not None and args.output != "-"
    return {
        "name": display_path(args.case),
        "path": str(Path(args.case).absolute()),
        "rules": str(Path(args.rules).absolute()) if args.rules else None,
        "allow_scripts": args.allow_scripts,
        "limits": limits_json(_limits(args)),
        "format": args.format,
        "console": None if to_file else console_spec(_stdout()),
    }


def _guard_output(args: argparse.Namespace) -> None:
    if args.output is not None and args.output != "-":
        from .outputs import check_output, protected_files

        check_output(args.output, protected_files([args.case], args.rules))


def cmd_evaluate(args: argparse.Namespace) -> int:
    _guard_output(args)
    worker = _isolated(args)
    if worker is not None:
        from .jobs import run_command

        job = {**_job(args), "perspective": args.perspective, "explanations": not args.no_explanations}
        _write_text(run_command("normengine.jobs:evaluate_command", job, worker), args.output)
        return 0

    from .engine import evaluate_full
    from .render import render_report

    ev = evaluate_full(
        args.case,
        args.rules,
        args.perspective,
        limits=_limits(args),
        allow_scripts=args.allow_scripts,
        explanations=not args.no_explanations,
    )
    if args.format == "json":
        _write_text(ev.report.to_json(), args.output)
    elif args.output and args.output != "-":
        with open(os.devnull, "w") as sink:
            console = Console(record=True, width=120, color_system=None, file=sink, emoji=False)
            render_report(ev.report, ev.analysis.words, console)
        _write_text(console.export_text(), args.output)
    else:
        render_report(ev.report, ev.analysis.words, _stdout())
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    _guard_output(args)
    perspectives = args.perspectives.split(",") if args.perspectives else None
    worker = _isolated(args)
    if worker is not None:
        from .jobs import run_command

        job = {**_job(args), "perspectives": perspectives}
        _write_text(run_command("normengine.jobs:compare_command", job, worker), args.output)
        return 0

    from .compare import compare, render_comparison

    comparison, _reports, words = compare(
        args.case, args.rules, perspectives, limits=_limits(args), allow_scripts=args.allow_scripts
    )
    if args.format == "json":
        _write_text(comparison.to_json(), args.output)
    elif args.output and args.output != "-":
        from .jobs import render_text

        _write_text(render_text(lambda c: render_comparison(comparison, words, c), None), args.output)
    else:
        render_comparison(comparison, words, _stdout())
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    if args.what == "case":
        from .case import Case

        schema = Case.model_json_schema(by_alias=True)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = "normengine case file"
    else:
        from .report import report_schema

        schema = report_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = "normengine report"
    _write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", args.output)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``normengine`` command."""
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="normengine",
        description="Reason about conflicts between the norms of international law: "
        "evaluate a case file against a rule set and report which principles are engaged, "
        "which conflict, which justifications survive, and why.",
        epilog="example:\n  normengine evaluate cases/kosovo-1999.yaml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"normengine {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser(
        "evaluate",
        help="evaluate a case file and print the report",
        description="Evaluate a case file against a rule set and print the report: for each act, "
        "the principles it engages, the justifications claimed with their status and reasons, "
        "and the verdict; then the conflicts between principles.",
        epilog=EPILOG_EVALUATE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("case", metavar="CASE", help="a YAML case file")
    _add_rules(p)
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format (default text)")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE (whole or not at all)")
    p.add_argument(
        "--no-explanations",
        action="store_true",
        help="leave the explanation trees out of the JSON report (faster for large cases)",
    )
    _add_limits(p)
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser(
        "compare",
        help="evaluate a case under every perspective and compare",
        description="Evaluate a case under every perspective of the rule set (or those given) and show, side "
        "by side, which conclusions hold under all of them and which depend on the perspective.",
        epilog="example:\n  normengine compare cases/kosovo-1999.yaml\n"
        "  normengine compare cases/kosovo-1999.yaml --perspectives orthodox,humanitarian --format json\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("case", metavar="CASE", help="a YAML case file")
    p.add_argument("--rules", metavar="PATH", help="a rule-set directory or .lp file (default: the bundled one)")
    p.add_argument("--perspectives", metavar="A,B,...", help="the perspectives to compare (default: all)")
    p.add_argument("--allow-scripts", action="store_true", help="accept #script blocks in the rule set")
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format (default text)")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE (whole or not at all)")
    _add_limits(p)
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of case files or reports",
        description="Print the JSON Schema of the case file (for editors) or of the JSON report "
        "(for tools that embed normengine).",
        epilog=EPILOG_SCHEMA,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("what", choices=["case", "report"])
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(func=cmd_schema)

    for name in _COMMAND_MODULES:
        module = importlib.import_module(f"normengine.{name}")
        module.add_parser(sub)
    return parser


# Modules that add their own subcommands through ``add_parser(subparsers)``.
# Each keeps its heavy imports inside its handlers, so that ``--help`` stays fast.
_COMMAND_MODULES: tuple[str, ...] = (
    "explaincmd",
    "authoring.cli",
    "whatif",
    "af.cli",
    "graphcmd",
    "servecmd",
    "batch",
    "casescmd",
)


def _bundled_case_ids(args: argparse.Namespace) -> None:
    """Every command's case argument may name a bundled case by id (``kosovo-1999``): resolve it here."""
    from .cases import case_location

    case = getattr(args, "case", None)
    if isinstance(case, str) and case != "-":
        args.case = str(case_location(case))
    elif isinstance(case, list):
        args.case = [str(case_location(c)) if isinstance(c, str) else c for c in case]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    _bundled_case_ids(args)
    err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
    try:
        status: int = args.func(args)
        return status
    except NormengineError as exc:
        err.print(f"error: {printable(str(exc))}", markup=False)
        return exc.exit_status
    except KeyboardInterrupt:
        err.print("interrupted", markup=False)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if os.environ.get("NORMENGINE_DEBUG"):
            traceback.print_exc()
        err.print(
            f"internal error: {type(exc).__name__}: {printable(str(exc))}\n"
            "This is a bug in normengine; please report it (set NORMENGINE_DEBUG=1 to see the traceback).",
            markup=False,
        )
        return 70


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
