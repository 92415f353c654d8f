"""Bad input gets one clear message naming the file, the line and the field, and exit status 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from normengine.cli import main

from .conftest import CASES

GOOD = """\
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


def run(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    status = main(["evaluate", str(path), *extra])
    err = capsys.readouterr().err
    return status, err


def test_the_good_case_evaluates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(tmp_path, GOOD, capsys, "--format", "json")
    assert status == 0 and err == ""


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        (GOOD.replace("title: A tiny case", "title: [unclosed"), 3, None, "not valid YAML"),
        (GOOD + "    colour: red\n", 13, "acts[0].colour", "unknown field 'colour'"),
        (GOOD.replace("type: air_strikes", "type: air_strike"), 9, "acts[0].type", "did you mean 'air_strikes'"),
        (GOOD.replace("start: 2000-01-01", "start: yesterday"), 12, "acts[0].start", "expected a date"),
        (GOOD.replace("actors: [a]", "actors: a"), 10, "acts[0].actors", "valid list"),
        (GOOD.replace("target: b", "target: c"), 11, "acts[0].target", "unknown party 'c'"),
        (
            GOOD + "justifications:\n  - {id: j, act: bombing, type: self_defence, claimed_by: [a]}\n",
            14,
            "justifications[0].act",
            "unknown act 'bombing'",
        ),
        (
            GOOD + "justifications:\n  - {id: j, act: strike, type: self_defense, claimed_by: [a]}\n",
            14,
            "justifications[0].type",
            "did you mean 'self_defence'",
        ),
        (
            GOOD + "outcome:\n  standing: court_holding\n  authority: x\n  acts:\n"
            "    - {act: strike, verdict: unlawful, violations: [non_use_of_forse]}\n",
            17,
            "outcome.acts[0].violations[0]",
            "did you mean 'non_use_of_force'",
        ),
        (GOOD.replace("title: A tiny case\n", ""), 1, "title", "missing required field 'title'"),
        (GOOD + "acts: []\n", 13, "acts", "duplicate key 'acts'"),
        (GOOD.replace("  - {id: b, kind: state}", "  - {id: a, kind: state}"), 6, "parties[1].id", "already used"),
    ],
    ids=[
        "yaml-syntax",
        "unknown-field",
        "unknown-act-type",
        "wrong-type-date",
        "wrong-type-list",
        "unknown-party",
        "unknown-act",
        "unknown-justification",
        "unknown-principle",
        "missing-field",
        "duplicate-key",
        "duplicate-id",
    ],
)
def test_bad_case_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int, field: str | None, words: str
) -> None:
    status, err = run(tmp_path, text, capsys)
    assert status == 2
    first = err.splitlines()[0]
    assert f"case.yaml:{line}:" in first, err
    if field:
        assert f" {field}:" in first, err
    assert words in first, err
    assert "Traceback" not in err


def test_missing_case_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["evaluate", str(tmp_path / "nowhere.yaml")])
    err = capsys.readouterr().err
    assert status == 2
    assert "nowhere.yaml" in err and "no such file" in err


def test_empty_and_non_mapping_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(tmp_path, "", capsys)
    assert status == 2 and "empty" in err
    status, err = run(tmp_path, "- just\n- a list\n", capsys)
    assert status == 2 and "mapping" in err


def test_rule_file_that_does_not_parse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "broken.lp"
    rules.write_text("%@ source: test\np(X) :- q(X.\n", encoding="utf-8")
    status = main(["evaluate", str(CASES / "kosovo-1999.yaml"), "--rules", str(rules)])
    err = capsys.readouterr().err
    assert status == 2
    assert "broken.lp:2:" in err and "syntax error" in err


def test_rule_file_that_does_not_ground(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "unsafe.lp"
    rules.write_text("%@ source: test\np(X) :- not q(X).\n", encoding="utf-8")
    status = main(["evaluate", str(CASES / "kosovo-1999.yaml"), "--rules", str(rules)])
    err = capsys.readouterr().err
    assert status == 2
    assert "unsafe.lp:2:" in err and "unsafe" in err


def test_a_real_process_exits_2_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(GOOD.replace("target: b", "target: nowhere"), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "normengine", "evaluate", str(path)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "case.yaml:11:" in proc.stderr and "acts[0].target" in proc.stderr
    assert proc.stdout == ""


def test_a_document_nested_too_deeply_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(tmp_path, "id: " + "[" * 3000 + "]" * 3000 + "\n", capsys)
    assert status == 2
    assert "case.yaml:1:1:" in err and "nested too deeply" in err and "Traceback" not in err
