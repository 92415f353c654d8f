"""The authoring subcommands: ``vocab``, ``check``, ``test`` and ``new``.

Registered through :data:`normengine.commands.COMMANDS`. Each handler imports what
it needs when it runs, so that ``normengine --help`` stays fast. ``check`` and ``test``
run in a worker under ``--timeout`` and ``--max-memory`` (the dispatcher,
:mod:`normengine.commands.dispatch`, sees to it) and exit 0 clean or all tests
passed, 1 a check or a test found a problem, 2 bad input (raised as a
:class:`~normengine.errors.NormengineError`).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .base import Context, Output, Spec, add_limits, add_output
from .base import limits as limits_of

__all__ = ["add_parser", "cmd_check", "cmd_new", "cmd_test", "cmd_vocab"]

EPILOG_VOCAB = """\
example:
  normengine vocab                                   # the bundled rule set's vocabulary
  normengine vocab --rules my-view --format json     # a rule set of your own, for tools
  normengine vocab --format markdown -o docs/vocabulary.md
"""

EPILOG_CHECK = """\
findings (file:line: severity: message [code]); errors and warnings both fail the check:
  syntax, undefined, unsafe, clingo     clingo's own messages (a misspelt predicate is an error)
  unused, declared-only, stale-doc      a derived predicate nobody reads, a declaration or doc nothing matches
  no-source, no-wording                 a rule without %@ source:, a shown conclusion nothing explains
  says-*, reads-placeholder, unknown-annotation, duplicate-id, misplaced-annotation
  position-*, perspective-*             a perspective that takes a position on a point that is not
                                        contested, or that changes the shared law instead of taking sides
  no-arguments, unsatisfiable, timeout, case
                                        nothing for the argumentation core, no answer set, too slow, or a
                                        failure on a case given with --case

exit status: 0 clean, 1 findings, 2 not a rule set (or an #include outside it, or a refused #script)

example:
  normengine check                                   # the bundled rule set, every perspective
  normengine check my-view                           # a rule-set directory (with ruleset.toml)
  normengine check my-view --case cases/kosovo-1999.yaml --format json
"""

EPILOG_TEST = """\
A test file (YAML) lists tests; each names a case (a path relative to the test file, or a case written
inline), the perspective(s), and what the engine must conclude:

  tests:
    - name: collective self-defence without a request is defeated
      perspective: orthodox
      case: ../cases/nicaragua-1986.yaml
      expect:
        acts:
          - act: support-contras
            verdict: unlawful
            justifications: [{id: us-csd, status: defeated, failing: [request]}]
        conflicts:
          - {act: support-contras, settled_by: null}

A case file with an `outcome` section is itself a test (under the default perspective).
exit status: 0 all passed, 1 a mismatch, 2 a bad test file (named with its line and field)

example:
  normengine test cases/                             # every bundled case against its recorded outcome
  normengine test my-view/tests --rules my-view      # a rule set's own tests
  normengine test tests/rules --format json
"""

EPILOG_NEW = """\
The skeletons evaluate and pass `normengine check` and `normengine test` as written; nothing is
overwritten.

example:
  normengine new case entebbe-1976                   # writes entebbe-1976.yaml
  normengine new ruleset nationals --dir rulesets    # writes rulesets/nationals/...
  normengine check rulesets/nationals && normengine test rulesets/nationals/tests --rules rulesets/nationals
"""


def add_parser(sub: Any) -> None:
    """Add the ``vocab``, ``check``, ``test`` and ``new`` subcommands."""
    fmt = argparse.RawDescriptionHelpFormatter

    p = sub.add_parser(
        "vocab",
        help="print the vocabulary that case facts and rules share",
        description="Print the vocabulary of a rule set: the input predicates a case file provides (declared "
        "in rules/core/inputs.lp), the output predicates the rule set shows, and the other derived predicates "
        "it documents, each with its arguments, its meaning and how explanations read it.",
        epilog=EPILOG_VOCAB,
        formatter_class=fmt,
    )
    p.add_argument("--rules", metavar="PATH", help="a rule-set directory or .lp file (default: the bundled one)")
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text", help="output format")
    add_output(p, "the vocabulary")
    p.add_argument("--allow-scripts", action="store_true", help="accept #script blocks in the rule set")
    p.set_defaults(func=cmd_vocab, spec=Spec(isolate=False, inputs=()))

    p = sub.add_parser(
        "check",
        help="check a rule set before anyone runs it",
        description="Check a rule set under every perspective: syntax, predicates used but never defined "
        "(misspellings) or defined but never used, unsafe variables, rules without a source, conclusions no "
        "sentence explains, duplicate rule ids, misplaced annotations, and perspectives that take sides on "
        "points that are not contested. Prints one line per finding and a summary.",
        epilog=EPILOG_CHECK,
        formatter_class=fmt,
    )
    p.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="a rule-set directory, manifest or .lp file (default: the bundled rule set)",
    )
    p.add_argument(
        "--case",
        action="append",
        default=[],
        metavar="FILE",
        help="also evaluate this case file under every perspective (repeatable)",
    )
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format (default text)")
    add_output(p, "the findings")
    p.add_argument(
        "--allow-scripts",
        action="store_true",
        help="accept #script blocks (they then run when the rule set is grounded)",
    )
    add_limits(p)
    p.set_defaults(func=cmd_check, spec=Spec(inputs=("case",), rules="path", subject="path"))

    p = sub.add_parser(
        "test",
        help="run rule-set tests (YAML) and case files' recorded outcomes",
        description="Run rule-set tests: every test file (and every case file with an outcome) in the given "
        "files and directories. Each mismatch is reported with the expected value, the engine's value and "
        "the engine's reasons.",
        epilog=EPILOG_TEST,
        formatter_class=fmt,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="test files, case files or directories")
    p.add_argument("--rules", metavar="PATH", help="a rule-set directory or .lp file (default: the bundled one)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format (default text)")
    add_output(p, "the results")
    p.add_argument("--allow-scripts", action="store_true", help="accept #script blocks in the rule set")
    add_limits(p)
    p.set_defaults(func=cmd_test, spec=Spec(inputs=("paths",)))

    p = sub.add_parser(
        "new",
        help="write a documented skeleton of a case file or a rule set",
        description="Write a documented skeleton: a case file (NAME.yaml) or a rule set (NAME/ with "
        "ruleset.toml, a perspective, a test file and a README) that builds on the bundled law.",
        epilog=EPILOG_NEW,
        formatter_class=fmt,
    )
    p.add_argument("kind", choices=["case", "ruleset"], help="what to write")
    p.add_argument("name", metavar="NAME", help="its name: lower-case letters, digits, '-' and '_'")
    p.add_argument("--dir", default=".", metavar="DIR", help="where to write it (default: the current directory)")
    p.set_defaults(func=cmd_new)


def cmd_vocab(args: argparse.Namespace, _ctx: Context) -> Output:
    from ..authoring.vocab import vocabulary

    vocab = vocabulary(args.rules, allow_scripts=args.allow_scripts)
    text = {"json": vocab.to_json, "markdown": vocab.to_markdown}.get(args.format, vocab.to_text)()
    return Output(text)


def cmd_check(args: argparse.Namespace, _ctx: Context) -> Output:
    from ..authoring.check import check_ruleset

    # The check's own solve limit stays (it is reported as a finding); the worker's limit holds the grounding.
    result = check_ruleset(args.path, allow_scripts=args.allow_scripts, cases=args.case, limits=limits_of(args))
    return Output(result.to_json() if args.format == "json" else result.to_text(), 0 if result.clean else 1)


def cmd_test(args: argparse.Namespace, ctx: Context) -> Output:
    from ..errors import InputIssue
    from ..rulesets import load_ruleset
    from ..ruletests import TestFileError, TestRun, collect, run_tests
    from ..solve import build_program
    from ..vocabulary import using_vocabulary, vocabulary_of

    limits = limits_of(args, ctx)
    program = build_program(load_ruleset(args.rules), None, allow_scripts=args.allow_scripts)[1]
    with using_vocabulary(vocabulary_of(program)):  # the cases' vocabulary is the rule set's
        tests, skipped = collect(args.paths, limits)
    if not tests:
        given = ", ".join(args.paths)
        raise TestFileError(
            [InputIssue(given, None, None, "", "no tests found (no test file, no case with an outcome)")]
        )
    run = TestRun(run_tests(tests, args.rules, allow_scripts=args.allow_scripts, limits=limits), skipped)
    return Output(run.to_json() if args.format == "json" else run.to_text(), 0 if run.failed == 0 else 1)


def cmd_new(args: argparse.Namespace) -> int:
    from ..authoring.scaffold import new_case, new_ruleset
    from ..errors import display_path

    written = new_case(args.name, args.dir) if args.kind == "case" else new_ruleset(args.name, args.dir)
    for path in written:
        sys.stdout.write(f"wrote {display_path(path)}\n")
    return 0
