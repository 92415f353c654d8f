"""The report's JSON Schema is pinned: a change to it is a decision, recorded in tests/golden/.

``pytest --update-golden`` rewrites the golden file; ``git diff`` then shows the change for
review. A change to the shape (not only to a description) must come with a new
``SCHEMA_VERSION`` (docs/api.md, "The report's schema and its version").
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from normengine.cli import main
from normengine.report import SCHEMA_VERSION

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "report.schema.json"


def _shape(schema: Any) -> Any:
    """The schema without its prose (descriptions, titles), which can change without a new version."""
    if isinstance(schema, dict):
        return {k: _shape(v) for k, v in schema.items() if k not in ("description", "title")}
    if isinstance(schema, list):
        return [_shape(v) for v in schema]
    return schema


def _version(schema: dict[str, Any]) -> str:
    return str(schema["properties"]["schema_version"]["default"])


def test_report_schema_matches_the_golden_file(capsys: pytest.CaptureFixture[str], update_golden: bool) -> None:
    assert main(["schema", "report"]) == 0
    text = capsys.readouterr().out
    current = json.loads(text)
    assert _version(current) == SCHEMA_VERSION
    if update_golden:
        GOLDEN.write_text(text, encoding="utf-8")
        return
    assert GOLDEN.is_file(), "no golden file: run pytest --update-golden"
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    if current == golden:
        return
    if _shape(current) != _shape(golden) and _version(current) == _version(golden):
        pytest.fail(
            f"the report's schema changed shape but SCHEMA_VERSION is still {SCHEMA_VERSION}: bump it in "
            "normengine/report.py as docs/api.md says (MAJOR for a change that can break a reader, MINOR for an "
            "addition), then run pytest --update-golden and review git diff"
        )
    pytest.fail("the report's schema changed: run pytest --update-golden and review the change with git diff")


def test_the_golden_check_tells_a_shape_change_from_a_description_change() -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    reworded = json.loads(json.dumps(golden))
    reworded["properties"]["acts"]["description"] = "Reworded."
    assert _shape(reworded) == _shape(golden)
    reshaped = json.loads(json.dumps(golden))
    reshaped["properties"]["acts"]["type"] = "object"
    assert _shape(reshaped) != _shape(golden)
