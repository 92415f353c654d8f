"""The case library page takes its perspectives from the rule set's manifest (issue 14, part 6), and gives the
agreement of each case's two independent encodings (issue 12 section 5)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from normengine.agreement import compare_encodings
from normengine.casedoc import render

from .conftest import CASES, ROOT


def test_the_page_has_a_column_for_each_perspective_of_the_rule_set(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    shutil.copy(ROOT / "rules" / "perspectives" / "humanitarian.lp", rules / "lenient.lp")
    (rules / "ruleset.toml").write_text(
        'name = "with-lenient"\nbuilds_on = ["builtin"]\ndefault_perspective = "sovereigntist"\n'
        '[perspectives]\nlenient = "lenient.lp"\n',
        encoding="utf-8",
    )
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(CASES / "kosovo-1999.yaml", cases)
    page = render(cases, rules)
    header = next(line for line in page.splitlines() if line.startswith("| case |"))
    assert header == (
        "| case | act | authority (standing) | recorded | sovereigntist | humanitarian | lenient | orthodox | agrees |"
    )
    assert "compares the sovereigntist perspective (the default)" in page
    rows = [line.split(" | ") for line in page.splitlines() if line.startswith("| kosovo-1999 |")]
    assert rows and all(row[5] == row[6] for row in rows), "lenient is humanitarian under another name"
    assert any(row[5] != row[4] for row in rows), "the columns are the perspectives' own verdicts"


def _agreement_rows(page: str) -> dict[str, list[str]]:
    section = page[page.index("## Two independent encoders") :]
    rows = [line.strip("|").split(" | ") for line in section.splitlines() if line.startswith("| ")]
    return {row[0].strip(): [c.strip() for c in row[1:]] for row in rows if row[0].strip() != "case"}


@pytest.mark.slow
def test_the_page_gives_the_two_encoder_agreement_of_normengine_agreement(tmp_path: Path) -> None:
    """The figures are normengine.agreement's, and the committed page carries the same row. In a scratch library,
    a second encoding of Kosovo 1999 without the plea of an implied authorisation differs from the first under
    the humanitarian perspective only (the one that accepts that plea), so that the columns' order is checked too."""
    case = "kosovo-1999"
    (tmp_path / "cases").mkdir()
    (tmp_path / "tests" / "encodings").mkdir(parents=True)
    shutil.copy(CASES / f"{case}.yaml", tmp_path / "cases")
    data = yaml.safe_load((CASES / f"{case}.yaml").read_text(encoding="utf-8"))
    data["justifications"] = [j for j in data["justifications"] if j["id"] != "nato-implied"]
    for expected_act in data["outcome"]["acts"]:
        expected_act["justifications"] = [
            j for j in expected_act.get("justifications", []) if j["id"] != "nato-implied"
        ]
    second = tmp_path / "tests" / "encodings" / f"{case}.yaml"
    second.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    figures = compare_encodings(CASES / f"{case}.yaml", second).figures()
    assert figures["orthodox"] == figures["sovereigntist"] != figures["humanitarian"]
    expected = [f"{a}/{t}" for a, t in (figures[p] for p in ("orthodox", "humanitarian", "sovereigntist"))]
    row = _agreement_rows(render(tmp_path / "cases"))[case]
    assert row[:3] == expected
    assert row[3] == "no" and row[4] == "—"  # no note beside this copy
    real = compare_encodings(CASES / f"{case}.yaml", ROOT / "tests" / "encodings" / f"{case}.yaml").figures()
    committed = _agreement_rows((ROOT / "docs" / "cases.md").read_text(encoding="utf-8"))[case]
    assert committed[:3] == [f"{a}/{t}" for a, t in (real[p] for p in ("orthodox", "humanitarian", "sovereigntist"))]
    assert committed[4] == f"[two-encoders/{case}.md](two-encoders/{case}.md)"


def test_every_case_with_a_second_encoding_has_a_row() -> None:
    rows = _agreement_rows((ROOT / "docs" / "cases.md").read_text(encoding="utf-8"))
    second = {p.stem for p in (ROOT / "tests" / "encodings").glob("*.yaml") if (CASES / p.name).is_file()}
    assert second and set(rows) == second
    for case in second:
        note = ROOT / "docs" / "two-encoders" / f"{case}.md"
        assert rows[case][-1] == (f"[two-encoders/{case}.md](two-encoders/{case}.md)" if note.is_file() else "—")


def test_a_library_without_second_encodings_has_no_agreement_section(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(CASES / "entebbe-1976.yaml", cases)
    page = render(cases)
    assert "## Two independent encoders" not in page
    assert "| entebbe-1976 |" in page
