"""Every command alike (issue 14 part 1, issue 15 defect 1): limits in a worker, the input guard, -o in every format.

One table names, for every command that evaluates, how to run it on a case; the tests run
each command of the table through the real command line and the real dispatcher. A
command that the parser offers and the table lacks fails the first test, so that a new
command cannot skip the limits.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from normengine.cli import build_parser

from .conftest import CASES
from .fuzz import run_cli
from .test_bad_input import GOOD

DATA = Path(__file__).parent / "data"
OUTCOME = """\
outcome:
  standing: official_commission
  authority: a test
  summary: a test
  source: a test
  acts:
    - act: strike
      verdict: unlawful
"""
BOOM = GOOD.replace("  - {id: b, kind: state}", "  - {id: b, kind: state}\n  - {id: boom, kind: state}") + OUTCOME


class Place:
    """Where a command runs: a case file (with an outcome, so that ``test`` takes it too) and a rule set."""

    def __init__(self, root: Path, case_text: str, rules: Path | None) -> None:
        self.root = root
        self.case = root / "cases" / "case.yaml"
        self.case.parent.mkdir(parents=True, exist_ok=True)
        self.case.write_text(case_text, encoding="utf-8")
        self.rules = rules


Argv = Callable[[Place], list[str]]


def _rules(place: Place) -> list[str]:
    return ["--rules", str(place.rules)] if place.rules else []


# Every command that evaluates a case or a rule set: how to run it, and the file it must never write over.
EVALUATING: dict[str, Argv] = {
    "evaluate": lambda p: ["evaluate", str(p.case), *_rules(p)],
    "compare": lambda p: ["compare", str(p.case), *_rules(p)],
    "agree": lambda p: ["agree", str(p.case), str(p.case), *_rules(p)],
    "explain": lambda p: ["explain", str(p.case), *_rules(p)],
    "graph": lambda p: ["graph", str(p.case), *_rules(p)],
    "whatif": lambda p: ["whatif", str(p.case), "--no-pairs", *_rules(p)],
    "check": lambda p: ["check", *([str(p.rules)] if p.rules else []), "--case", str(p.case)],
    "test": lambda p: ["test", str(p.case.parent), *_rules(p)],
    "batch": lambda p: ["batch", str(p.case.parent), "--out", str(p.root / "results.jsonl"), *_rules(p)],
}
# The commands that evaluate nothing (no limits to hold): they are listed so that a new command is a choice.
NOT_EVALUATING = {"schema", "vocab", "new", "af", "serve", "completion", "cases"}


def _parsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def _formats(command: str) -> list[str | None]:
    for action in _parsers()[command]._actions:
        if "--format" in action.option_strings:
            return list(action.choices or [])
    return [None]


def test_every_command_is_in_the_table() -> None:
    assert set(_parsers()) == set(EVALUATING) | NOT_EVALUATING


@pytest.mark.parametrize("command", sorted(EVALUATING))
def test_every_command_stops_at_the_time_limit_while_grounding(tmp_path: Path, command: str) -> None:
    """A rule set whose grounding explodes (3000^3 instances): stopped within the limit plus a second, exit 3.

    Half a second is enough to be inside the grounding (tests/test_limits.py holds evaluate and compare
    to a limit of 1 s, and checks the whole message)."""
    place = Place(tmp_path, BOOM, DATA / "boom.lp")
    start = time.monotonic()
    status, _out, err = run_cli(*EVALUATING[command](place), "--timeout", "0.5")
    took = time.monotonic() - start
    assert took < 1.5, f"{command} took {took:.1f} s with --timeout 0.5"
    if command == "batch":  # the case gets its line and the batch goes on
        [line] = [json.loads(t) for t in (tmp_path / "results.jsonl").read_text().splitlines()]
        assert (status, line["exit_status"]) == (1, 3) and "ran past the time limit of 0.5 s" in line["error"]
    else:
        assert status == 3 and "ran past the time limit of 0.5 s and was stopped (raise it with --timeout)" in err, err
        assert err.startswith("error: ") and err.count("\n") == 1


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the memory cap is RLIMIT_AS, enforced on Linux")
@pytest.mark.parametrize("command", sorted(EVALUATING))
def test_every_command_holds_the_memory_cap(tmp_path: Path, command: str) -> None:
    place = Place(tmp_path, BOOM, DATA / "boom.lp")
    status, _out, err = run_cli(*EVALUATING[command](place), "--timeout", "300", "--max-memory", "300")
    if command == "batch":
        [line] = [json.loads(t) for t in (tmp_path / "results.jsonl").read_text().splitlines()]
        assert (status, line["exit_status"]) == (1, 3) and "300 MB" in line["error"]
    else:
        # "ran out of memory" (a MemoryError), or a native abort at the cap ("most likely at the limit").
        assert status == 3 and err.startswith("error: ") and "300 MB" in err and "--max-memory" in err, err


def _guarded(place: Place, command: str) -> list[Path]:
    """The inputs a command is given: each must be refused as its output."""
    inputs = [place.case]
    if place.rules is not None:
        inputs.append(place.rules)
    return inputs


@pytest.mark.parametrize("command", sorted(EVALUATING))
def test_every_command_refuses_to_write_over_its_input(tmp_path: Path, command: str) -> None:
    rules = tmp_path / "rules.lp"
    shutil.copy(DATA / "boom.lp", rules)
    place = Place(tmp_path, GOOD + OUTCOME, rules)
    for target in _guarded(place, command):
        before = target.read_bytes()
        argv = EVALUATING[command](place)
        if command == "batch":
            argv = [*argv[: argv.index("--out")], "--out", str(target), *argv[argv.index("--out") + 2 :]]
        else:
            argv += ["-o", str(target)]
        for fmt in _formats(command):
            status, out, err = run_cli(*argv, *(["--format", fmt] if fmt else []))
            assert status == 2 and "refusing to write over an input" in err, (command, target.name, fmt, err)
            assert out == "" and target.read_bytes() == before


@pytest.mark.parametrize(
    ("command", "fmt"),
    [(c, f) for c in sorted([*EVALUATING, "schema", "vocab"]) if c != "batch" for f in _formats(c)],
)
def test_every_command_writes_o_in_every_format(tmp_path: Path, command: str, fmt: str | None) -> None:
    if fmt in ("svg", "png") and shutil.which("dot") is None:
        pytest.skip("needs Graphviz's dot program")
    place = Place(tmp_path, GOOD + OUTCOME, None)
    argv = {"schema": ["schema", "report"], "vocab": ["vocab"]}.get(command) or EVALUATING[command](place)
    argv += ["--format", fmt] if fmt else []
    output = tmp_path / f"out.{fmt or 'txt'}"
    status, out, err = run_cli(*argv, "-o", str(output))
    assert out == "" and output.exists(), (command, fmt, err)
    written = output.read_bytes()
    assert written, "an empty output"
    if fmt in ("svg", "png"):
        return
    status2, stdout, _err = run_cli(*argv)
    assert status2 == status and stdout == written.decode("utf-8"), "-o writes what stdout gets"
    assert "…" not in stdout, "text for a file is never cut short"


@pytest.mark.parametrize(
    ("command", "fmt"),
    [("evaluate", "json"), ("compare", "json"), ("explain", "json"), ("whatif", "json"), ("graph", "dot")],
)
def test_a_case_from_standard_input(monkeypatch: pytest.MonkeyPatch, command: str, fmt: str) -> None:
    case = CASES / "kosovo-1999.yaml"
    extra = ["--act", "allied-force"] if command in ("explain", "whatif", "graph") else []
    extra += ["--no-pairs"] if command == "whatif" else []
    status, given, _err = run_cli(command, str(case), *extra, "--format", fmt)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(case.read_bytes())))
    status2, piped, err = run_cli(command, "-", *extra, "--format", fmt)
    assert (status, status2) == (0, 0), err
    assert piped == given and piped


def test_a_bad_case_on_standard_input_is_named_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD.replace("target: b", "target: x").encode())))
    status, _out, err = run_cli("evaluate", "-")
    assert status == 2 and err.startswith("error: invalid case file: <stdin>:"), err
