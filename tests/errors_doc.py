"""Writes docs/errors.md by running the real commands; tests/test_errors_doc.py checks it is current.

python -m tests.errors_doc          # rewrite docs/errors.md
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
DOC = ROOT / "docs" / "errors.md"

CASE = """\
id: tiny
title: A tiny case
date: 2000-01-01
parties:
  - {id: a, kind: state}
  - {id: b, kind: state}
acts:
  - id: strike
    type: air_strikes
    actors: [a]
    target: b
    start: 2000-01-01
"""

FILES = {
    "case.yaml": CASE,
    "bad-ref.yaml": CASE.replace("target: b", "target: c"),
    "bad-yaml.yaml": CASE.replace("title: A tiny case", "title: [unclosed"),
    "two-problems.yaml": CASE.replace("type: air_strikes", "type: air_strike").replace(
        "start: 2000-01-01", "start: yesterday"
    ),
    "boom.yaml": CASE.replace("  - {id: b, kind: state}", "  - {id: b, kind: state}\n  - {id: boom, kind: state}"),
    "broken.lp": "%@ source: example\np(X) :- q(X.\n",
    "control.yaml": CASE.replace("title: A tiny case", "title: A tiny case  # a comment with \x1b[31m in it"),
    "votes.yaml": CASE
    + "resolutions:\n  - id: r\n    organ: security_council\n    date: 2000-01-01\n"
    + "    votes: {for: 15, against: 15, abstentions: 15}\n",
    "forged.lp": '%@ source: a forgery\n__fired_0("strike").\n',
    "many.yaml": CASE
    + "justifications:\n"
    + "".join(f"  - {{id: j{i}, act: strike, type: self_defence, claimed_by: [a]}}\n" for i in range(1001)),
    "notes.jsonl": "my notes\n",
}


@dataclass
class Example:
    """One command, run for real, and what it printed."""

    title: str
    argv: list[str]
    note: str = ""
    show_file: str | None = None


EXAMPLES: list[tuple[str, int, str, list[Example]]] = [
    (
        "CaseError",
        2,
        "A case file that cannot be read or is not valid. The first line names the file, the line (and "
        "column), the field, and what is wrong; further problems follow, one a line (at most 20).",
        [
            Example("a reference to nothing", ["evaluate", "bad-ref.yaml"]),
            Example("YAML that does not parse", ["evaluate", "bad-yaml.yaml"]),
            Example("two problems at once", ["evaluate", "two-problems.yaml"]),
            Example("a control character, even in a comment", ["evaluate", "control.yaml"]),
            Example("a record the law makes impossible", ["evaluate", "votes.yaml"]),
            Example("no such file", ["evaluate", "missing.yaml"]),
        ],
    ),
    (
        "RuleSetError",
        2,
        "A rule set that cannot be found, read, parsed or grounded, or has no such perspective. "
        "clingo's own messages follow, each with the .lp file and line.",
        [
            Example("a rule file that does not parse", ["evaluate", "case.yaml", "--rules", "broken.lp"]),
            Example("no such perspective", ["evaluate", "case.yaml", "--perspective", "lenient"]),
            Example(
                "a rule set that defines the engine's own records", ["evaluate", "case.yaml", "--rules", "forged.lp"]
            ),
        ],
    ),
    (
        "LimitExceeded",
        3,
        "A case file larger than --max-bytes, with more parties or acts than --max-parties or --max-acts, or a "
        "list past its bound (1,000 items for every other list, 50 contested facts, 20 readings of one fact: "
        "docs/robustness.md). Checked before the case is validated (the size before it is even read).",
        [
            Example("too large", ["evaluate", "case.yaml", "--max-bytes", "100"]),
            Example("too many acts", ["evaluate", "case.yaml", "--max-acts", "0"]),
            Example("a list past its bound", ["evaluate", "many.yaml"]),
        ],
    ),
    (
        "ReportedError",
        3,
        "Every command that evaluates (`evaluate`, `compare`, `explain`, `whatif`, `graph`, `check`, `test`, and "
        "each case of a batch) runs in a worker process. A worker that runs past --timeout is killed, grounding "
        "or not; one that reaches --max-memory stops. Any other error in the worker is reported with its own "
        "message and status, as if it had happened in the command itself.",
        [
            Example(
                "past the time limit (a rule set whose grounding explodes)",
                ["evaluate", "boom.yaml", "--rules", "boom.lp", "--timeout", "1"],
            ),
            Example(
                "out of memory (the same rule set)",
                ["evaluate", "boom.yaml", "--rules", "boom.lp", "--timeout", "300", "--max-memory", "300"],
            ),
        ],
    ),
    (
        "OutputError",
        2,
        "An output file (--output, --out) that must not be written (it is a case file or a file of the rule "
        "set) or cannot be written. Nothing is written: reports are written whole or not at all.",
        [
            Example("over an input", ["evaluate", "case.yaml", "--output", "case.yaml"]),
            Example("no such directory", ["evaluate", "case.yaml", "--output", "missing/report.json"]),
        ],
    ),
    (
        "BatchError",
        2,
        "A batch that cannot start: no case files, a bad option, a results file that is not a batch's "
        "or holds another rule set's results, or one another batch is writing. Nothing is written.",
        [
            Example("no case files", ["batch", "empty", "--out", "results.jsonl"]),
            Example("a results file that is not ours", ["batch", "case.yaml", "--out", "notes.jsonl"]),
        ],
    ),
    (
        "some cases of a batch failed",
        1,
        'The batch ran to its end, but some cases failed: each has a line with `"status":"error"`, its '
        "message and its exit status, and the batch went on. (Exit status 0 when every case evaluated.)",
        [
            Example(
                "one bad case among two",
                ["batch", "case.yaml", "bad-ref.yaml", "--out", "results.jsonl"],
                show_file="results.jsonl",
            )
        ],
    ),
    (
        "usage error",
        2,
        "A command line that argparse cannot read: a missing argument, an unknown option, a bad number.",
        [Example("a missing argument", ["evaluate"])],
    ),
]


def _run(argv: list[str]) -> tuple[int, str, str]:
    from normengine.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exc:
            status = int(exc.code or 0)
    return status, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def _workplace() -> Iterator[Path]:
    old = Path.cwd()
    columns = os.environ.get("COLUMNS")
    with tempfile.TemporaryDirectory() as tmp:
        here = Path(tmp)
        for name, text in FILES.items():
            (here / name).write_text(text, encoding="utf-8")
        shutil.copy(DATA / "boom.lp", here / "boom.lp")
        shutil.copy(DATA / "pigeons.lp", here / "pigeons.lp")
        (here / "empty").mkdir()
        os.chdir(here)
        os.environ["COLUMNS"] = "100"
        try:
            yield here
        finally:
            os.chdir(old)
            if columns is None:
                os.environ.pop("COLUMNS", None)
            else:
                os.environ["COLUMNS"] = columns


def _block(command: str, output: str, status: int) -> list[str]:
    return ["```console", f"$ {command}", *output.rstrip("\n").splitlines(), f"[exit status {status}]", "```", ""]


def _api_example() -> list[str]:
    from normengine import Limits, SolveTimeout, evaluate

    code = 'evaluate("case.yaml", rules="pigeons.lp", limits=Limits(timeout=0.5))'
    try:
        evaluate("case.yaml", rules="pigeons.lp", limits=Limits(timeout=0.5))
    except SolveTimeout as exc:
        text = f"SolveTimeout: {exc}"
    else:  # pragma: no cover
        text = "(no error)"
    return ["```pycon", f">>> {code}", "Traceback (most recent call last):", "  ...", text, "```", ""]


def _internal_example() -> list[str]:
    from normengine.commands import schema

    def broken(_args: object, _ctx: object) -> object:
        raise RuntimeError("an example of a bug")

    real = schema.run
    schema.run = broken  # type: ignore[assignment]
    try:
        status, out, err = _run(["schema", "case"])
    finally:
        schema.run = real
    return _block("normengine schema case   # with a handler that raises RuntimeError", out + err, status)


def render(progress: Callable[[str], None] | None = None) -> str:
    """The whole of docs/errors.md, from real runs."""
    lines = [
        "# Errors and exit statuses",
        "",
        "<!-- Generated by `python -m tests.errors_doc` from real runs; tests/test_errors_doc.py checks it is "
        "current. Do not edit by hand. -->",
        "",
        "Every command prints its results on stdout and its diagnostics on stderr, and exits with:",
        "",
        "| status | meaning |",
        "|---|---|",
        "| 0 | done (every case of a batch evaluated) |",
        "| 1 | a check or a test found a problem; a batch ran to its end but some cases failed |",
        "| 2 | bad input: a case file, a rule set, an option, an output file, a batch that cannot start |",
        "| 3 | a limit was reached: `--timeout`, `--max-memory`, `--max-bytes`, `--max-parties`, `--max-acts` |",
        "| 70 | an internal error: a bug in normengine (please report it) |",
        "| 130 | interrupted (Ctrl-C); a batch says how to resume |",
        "",
        "No command prints a traceback (`NORMENGINE_DEBUG=1` shows one for an internal error). An error is "
        "one message that starts with `error:`; a case-file error names the file, the line, the column and "
        "the field. Text from a case file is quoted (`'...'`) and its control characters shown as escapes.",
        "",
        "The error classes live in `normengine.errors` (`CaseError`, `RuleSetError`, `LimitExceeded`, "
        "`SolveTimeout`, `ReportedError`), `normengine.outputs` (`OutputError`) and "
        "`normengine.batch` (`BatchError`); all are `NormengineError`s with an `exit_status`. In a batch, the "
        "same messages are the `error` of a case's line, and the exit statuses its `exit_status`. One table, "
        "`normengine.errors.KINDS`, gives each kind of error its exit status and its HTTP status "
        "(`normengine serve`).",
        "",
        "| class | exit status | when |",
        "|---|---|---|",
    ]
    for name, status, when, _examples in EXAMPLES:
        lines.append(f"| `{name}` | {status} | {when} |" if name[0].isupper() else f"| ({name}) | {status} | {when} |")
    lines.append(
        "| `SolveTimeout` | 3 | Python API only: `evaluate(..., limits=Limits(timeout=S))` stops a solve that "
        "runs past S seconds, in process (it cannot stop grounding: the command line uses a worker). |"
    )
    lines.append("| (internal error) | 70 | A bug. The message names the exception; please report it. |")
    lines.append("")
    with _workplace() as here:
        for name, _status, _when, examples in EXAMPLES:
            lines += [f"## {name}", ""]
            for ex in examples:
                if progress:
                    progress(ex.title)
                status, out, err = _run(ex.argv)
                lines += [f"{ex.title[:1].upper()}{ex.title[1:]}:", ""]
                lines += _block("normengine " + " ".join(ex.argv), out + err, status)
                if ex.show_file:
                    content = (here / ex.show_file).read_text(encoding="utf-8")
                    errors = [line for line in content.splitlines() if '"status":"error"' in line]
                    lines += [f"The error line of `{ex.show_file}`:", "", "```json", *errors, "```", ""]
        lines += ["## SolveTimeout", "", "From the Python API:", ""]
        lines += _api_example()
        lines += ["## Internal errors", "", "A handler that raises shows what a bug looks like:", ""]
        lines += _internal_example()
        lines += [
            "A worker that dies (a crash in a native library) is reported as "
            "`CASE: internal error: the worker evaluating it stopped (SIGSEGV); this is a bug in normengine, "
            "please report it` with exit status 70; at the memory cap, a worker killed by the kernel is reported "
            "as out of memory (exit status 3).",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


if __name__ == "__main__":
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(render(lambda t: print(t, file=sys.stderr)), encoding="utf-8")
    print(f"wrote {DOC}")
