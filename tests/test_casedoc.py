"""The case library page takes its perspectives from the rule set's manifest (issue 14, part 6)."""

from __future__ import annotations

import shutil
from pathlib import Path

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
