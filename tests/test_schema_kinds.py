"""Every field of the case format says whether it is RECORD or QUALIFICATION (issue 12).

A case file records what happened (RECORD: what a historian would sign, with its source); a legal
qualification of the facts is what an author with standing said (QUALIFICATION), never the case writer's own
conclusion. The schema's description of every field says which; a field added without either word fails here.
"""

from __future__ import annotations

import json
from typing import Any

from normengine.case import Case

from .conftest import ROOT


def _fields(schema: dict[str, Any]) -> list[tuple[str, str, str]]:
    models = {"Case": schema, **schema.get("$defs", {})}
    return [
        (name, key, prop.get("description", ""))
        for name, model in models.items()
        for key, prop in model.get("properties", {}).items()
    ]


def test_every_field_is_record_or_qualification() -> None:
    fields = _fields(Case.model_json_schema())
    assert len(fields) > 150
    missing = [f"{name}.{key}" for name, key, text in fields if "RECORD" not in text and "QUALIFICATION" not in text]
    assert not missing, f"fields described neither as RECORD nor as QUALIFICATION: {missing}"


def test_the_published_schema_says_it_too() -> None:
    published = json.loads((ROOT / "docs" / "schema" / "case.schema.json").read_text(encoding="utf-8"))
    assert all("RECORD" in text or "QUALIFICATION" in text for _, _, text in _fields(published))


def test_the_qualification_fields_take_the_authored_form() -> None:
    schema = Case.model_json_schema()
    defs = schema["$defs"]
    for model, field in (
        ("ArmedAttack", "gravity"),
        ("ArmedAttack", "status"),
        ("ArmedAttack", "attributed_to"),
        ("ArmedAttack", "authorship_proven"),
        ("Act", "evidence_generally_accepted"),
        ("Commitment", "more_specific_than"),
        ("Party", "situation"),
        ("Assessment", "holds"),
    ):
        prop = defs[model]["properties"][field]
        assert prop["description"].startswith("QUALIFICATION"), (model, field)
        refs = json.dumps(prop)
        target = next(name for name in defs if f'"#/$defs/{name}"' in refs)
        assert {"value", "author", "author_kind", "source", "readings"} <= set(defs[target]["properties"])
