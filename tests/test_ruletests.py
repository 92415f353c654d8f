"""``normengine test``: rule-set tests in YAML, and case files' recorded outcomes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .authoring_helpers import NATIONALS, RESCUE, ruleset, run, write
from .conftest import CASES, ROOT
from .test_cases import DISAGREEING

CASE_FILES = sorted(CASES.glob("*.yaml"))
RULE_TESTS = ROOT / "tests" / "rules"


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, id=p.stem, marks=[pytest.mark.xfail(strict=True, reason=DISAGREEING[p.stem])])
        if p.stem in DISAGREEING
        else pytest.param(p, id=p.stem)
        for p in CASE_FILES
    ],
)
def test_each_bundled_case_passes_normengine_test(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "test", str(path))
    assert status == 0, out + err
    assert out.startswith(f"PASS {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}:")
    assert "1 passed, 0 failed" in out


def test_the_rule_tests_pass_through_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "test", str(RULE_TESTS), "--format", "json")
    data = json.loads(out)
    assert status == 0, out + err
    assert data["failed"] == 0 and data["passed"] >= 15
    names = {t["name"] for t in data["tests"]}
    assert "without a request from the victim, collective self-defence is defeated" in names
    assert {t["perspective"] for t in data["tests"]} == {"orthodox", "humanitarian", "sovereigntist"}


WRONG = """
tests:
  - name: protection of nationals survives on the orthodox view (it does not)
    perspective: orthodox
    case: rescue.yaml
    expect:
      acts:
        - act: raid
          verdict: lawful
          justifications:
            - {id: a-nationals, status: survives, failing: [necessity]}
      conflicts:
        - {act: raid, settled_by: stated_position, prevails: non_use_of_force}
"""


def test_a_mismatch_shows_expected_actual_and_the_reasons(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, {"rescue.yaml": RESCUE, "wrong.yaml": WRONG})
    status, out, _ = run(capsys, "test", str(tmp_path / "wrong.yaml"))
    assert status == 1
    assert "FAIL" in out and "wrong.yaml:2: protection of nationals survives" in out and "[orthodox]" in out
    assert "raid: verdict: expected lawful, engine says unlawful" in out
    assert "raid: justification a-nationals: expected survives, engine says defeated" in out
    assert "This perspective rejects protection of nationals abroad" in out
    assert "UNGA Res 38/7" in out
    assert "element necessity of a-nationals: expected fails, engine says holds" in out
    assert "raid: conflict: expected present, engine says no such conflict" in out
    assert "0 passed, 1 failed" in out


def test_the_same_tests_pass_under_a_perspective_that_admits_the_doctrine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = ruleset(tmp_path / "rs", NATIONALS)
    right = """
        tests:
          - name: protection of nationals survives on this perspective, and is defeated on the orthodox one
            perspective: mine
            case: rescue.yaml
            expect:
              acts:
                - act: raid
                  verdict: lawful
                  justifications:
                    - {id: a-nationals, status: survives, holding: [necessity, nationals_in_imminent_danger]}
              conflicts:
                - {act: raid, settled_by: null, presence: absent}
          - name: the orthodox view rejects it
            perspective: orthodox
            case: rescue.yaml
            expect:
              acts:
                - act: raid
                  verdict: unlawful
                  violations: [non_use_of_force, sovereign_equality]
                  justifications:
                    - {id: a-nationals, status: defeated}
        """
    write(tmp_path, {"rescue.yaml": RESCUE, "right.yaml": right})
    status, out, err = run(capsys, "test", str(tmp_path / "right.yaml"), "--rules", str(root))
    assert status == 0, out + err
    assert "[mine]" in out and "[orthodox]" in out and "2 passed, 0 failed" in out


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        (
            "tests:\n  - name: x\n    case: rescue.yaml\n    expect: {}\n    perspectiv: orthodox\n",
            5,
            "tests[0].perspectiv",
            "unknown field 'perspectiv'; did you mean 'perspective'?",
        ),
        ("tests:\n  - name: x\n    case: rescue.yaml\n", 2, "tests[0].expect", "missing required field 'expect'"),
        (
            "tests:\n  - name: x\n    case: rescue.yaml\n    expect:\n      acts:\n"
            "        - {act: rade, verdict: lawful}\n",
            6,
            "tests[0].expect.acts[0].act",
            "did you mean 'raid'?",
        ),
        (
            "tests:\n  - name: x\n    case: rescue.yaml\n    expect:\n      acts:\n"
            "        - {act: raid, verdict: lawfull}\n",
            6,
            "tests[0].expect.acts[0].verdict",
            "did you mean 'lawful'?",
        ),
        (
            "tests:\n  - name: x\n    case: rescue.yaml\n    expect:\n      acts:\n"
            "        - act: raid\n          justifications: [{id: a-nationals, status: survive}]\n",
            7,
            "tests[0].expect.acts[0].justifications[0].status",
            "did you mean 'survives'?",
        ),
        ("tests:\n  - name: x\n    case: nowhere.yaml\n    expect: {}\n", 3, "tests[0].case", "no such case file"),
        (
            "tests:\n  - name: x\n    case:\n      id: c\n      title: t\n      date: 2001-01-01\n"
            "      parties: [{id: a, kind: state}]\n"
            "      acts: [{id: x, type: air_strike, actors: [a], start: 2001-01-01}]\n"
            "    expect: {}\n",
            8,
            "tests[0].case.acts[0].type",
            "did you mean 'air_strikes'?",
        ),
        ("tests: [unclosed\n", 2, None, "not valid YAML"),
        ("just: a mapping\n", 1, None, "neither a test file"),
    ],
    ids=[
        "unknown-field",
        "missing-field",
        "unknown-act",
        "unknown-verdict",
        "unknown-status",
        "missing-case-file",
        "bad-inline-case",
        "yaml-syntax",
        "not-a-test-file",
    ],
)
def test_bad_test_files(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    line: int,
    field: str | None,
    words: str,
) -> None:
    write(tmp_path, {"rescue.yaml": RESCUE})
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    status, out, err = run(capsys, "test", str(tmp_path / "bad.yaml"))
    assert status == 2 and out == "", out + err
    first = err.splitlines()[0]
    assert first.startswith("error: invalid test file: ") and f"bad.yaml:{line}:" in first, err
    if field:
        assert f" {field}:" in first, err
    assert words in first, err


def test_an_unknown_perspective_stops_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "tests:\n  - name: x\n    perspective: orthodx\n    case: rescue.yaml\n    expect: {}\n"
    write(tmp_path, {"rescue.yaml": RESCUE, "t.yaml": text})
    status, out, err = run(capsys, "test", str(tmp_path / "t.yaml"))
    assert status == 2 and out == ""
    assert "t.yaml:3: perspective: rule set 'international-law' has no perspective 'orthodx'" in err
    assert "did you mean 'orthodox'?" in err


def test_no_tests_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, {"rescue.yaml": RESCUE})
    status, _, err = run(capsys, "test", str(tmp_path))
    assert status == 2 and "no tests found" in err
    status, _, err = run(capsys, "test", str(tmp_path / "nowhere"))
    assert status == 2 and "no such file or directory" in err


def test_a_directory_mixes_test_files_and_case_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kosovo = (CASES / "kosovo-1999.yaml").read_text(encoding="utf-8")
    right = """
        tests:
          - name: the orthodox view rejects protection of nationals
            case: ../rescue.yaml
            expect:
              acts: [{act: raid, justifications: [{id: a-nationals, status: defeated}]}]
        """
    write(tmp_path, {"rescue.yaml": RESCUE, "cases/kosovo.yaml": kosovo, "tests/t.yaml": right})
    status, out, err = run(capsys, "test", str(tmp_path))
    assert status == 0, out + err
    assert "2 passed, 0 failed (2 tests in 2 files); skipped 1 case file(s) without an outcome" in out
