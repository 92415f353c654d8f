"""Generated case files, valid and broken, through the real command line.

Every valid case evaluates (exit status 0, a report for every act); every broken one
gets exit status 2 and one message whose first line names the file, the line and the
field that the mutation damaged; nothing raises. Example counts: see docs/robustness.md.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normengine.report import Report

from .fuzz import first_error, fuzz_settings, run_cli
from .strategies import (
    ID_GROUPS,
    REF_FIELDS,
    case_dicts,
    dotted,
    emit,
    field_info,
    inner_model,
    is_literal_field,
    objects,
)

pytestmark = pytest.mark.slow  # fuzzing: deselected by -m 'not slow', run by .ci/run


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@fuzz_settings(50)
@given(case=case_dicts())
def test_every_valid_case_evaluates(workdir: Path, case: dict[str, Any]) -> None:
    text, _ = emit(case)
    path = workdir / "valid.yaml"
    path.write_text(text, encoding="utf-8")
    status, out, err = run_cli("evaluate", str(path), "--format", "json")
    assert (status, err) == (0, ""), err
    report = Report.model_validate_json(out)
    assert [a.id for a in report.acts] == sorted(a["id"] for a in case["acts"])
    for act in report.acts:
        claims = sorted(c["id"] for c in case.get("justifications", []) if c["act"] == act.id)
        assert [j.id for j in act.justifications] == claims


# --------------------------------------------------------------------------
# Mutations


@dataclass
class Broken:
    """A damaged case file and what its error must say."""

    kind: str
    text: str
    line: int
    field: str | None = None
    words: str | None = None
    exact_line: bool = True


def _at(data: dict[str, Any], path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]  # type: ignore[index]
    return data


@st.composite
def broken_cases(draw: Any) -> Broken:
    case = draw(case_dicts())
    kind = draw(
        st.sampled_from(
            ["drop_required", "wrong_type", "unknown_value", "dangling_ref", "duplicate_id", "unknown_field", "yaml"]
        )
    )
    data = copy.deepcopy(case)
    if kind == "drop_required":
        choices = [
            (path, key) for path, model, obj in objects(data) for key in obj if field_info(model, key).is_required()
        ]
        path, key = draw(st.sampled_from(choices))
        del _at(data, path)[key]
        text, pos = emit(data)
        return Broken(kind, text, pos[path], dotted((*path, key)), f"missing required field {key!r}")
    if kind == "wrong_type":
        choices = [(path, model, key) for path, model, obj in objects(data) for key in obj]
        path, model, key = draw(st.sampled_from(choices))
        # A field of objects gets a string, any other field a mapping: neither can be read as what it expects.
        _at(data, path)[key] = "x" if inner_model(model, key) is not None else {"k": "v"}
        text, pos = emit(data)
        return Broken(kind, text, pos[(*path, key)], dotted((*path, key)))
    if kind == "unknown_value":
        choices = [(path, key) for path, model, obj in objects(data) for key in obj if is_literal_field(model, key)]
        path, key = draw(st.sampled_from(choices))
        obj = _at(data, path)
        bad = draw(st.sampled_from(["zz_unknown", "NON_USE_OF_FORCE", "air strike", "7"]))
        if isinstance(obj[key], list):
            i = draw(st.integers(0, len(obj[key]) - 1))
            obj[key][i] = bad
            where: tuple[str | int, ...] = (*path, key, i)
        else:
            obj[key] = bad
            where = (*path, key)
        text, pos = emit(data)
        return Broken(kind, text, pos[where], dotted(where), "unknown value")
    if kind == "dangling_ref":
        choices = [
            (path, key)
            for path, model, obj in objects(data)
            for key in REF_FIELDS.get(model.__name__, ())
            if obj.get(key) not in (None, [])
        ]
        path, key = draw(st.sampled_from(choices))
        obj = _at(data, path)
        if isinstance(obj[key], list):
            i = draw(st.integers(0, len(obj[key]) - 1))
            obj[key][i] = "nowhere"
            where = (*path, key, i)
        else:
            obj[key] = "nowhere"
            where = (*path, key)
        text, pos = emit(data)
        return Broken(kind, text, pos[where], dotted(where), "unknown")
    if kind == "duplicate_id":
        ids = [(group, i) for group in ID_GROUPS for i in range(len(data.get(group, [])))]
        if len(ids) < 2:
            ids = [("parties", 0), ("acts", 0)]
        first, second = sorted(draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True)), key=ids.index)
        data[second[0]][second[1]]["id"] = data[first[0]][first[1]]["id"]
        text, pos = emit(data)
        where = (second[0], second[1], "id")
        return Broken(kind, text, pos[where], dotted(where), "already used")
    if kind == "unknown_field":
        path, model, obj = draw(st.sampled_from(list(objects(data))))
        key = draw(st.sampled_from(["colour", "titel", "Type", "sourc", "zz"]))
        obj[key] = "x"
        text, pos = emit(data)
        return Broken(kind, text, pos[(*path, key)], dotted((*path, key)), f"unknown field {key!r}")
    text, _pos = emit(data)
    lines = text.splitlines(keepends=True)
    line = draw(st.integers(2, len(lines)))
    damage, exact = draw(
        st.sampled_from([("\tbad: x\n", True), ("]\n", True), (" : : [\n", True), ("zz: [a, b\n", False)])
    )
    text = "".join(lines[: line - 1]) + damage + "".join(lines[line - 1 :])
    return Broken(kind, text, line, None, "not valid YAML", exact_line=exact)


@fuzz_settings(200)
@given(broken=broken_cases())
def test_every_broken_case_gets_one_located_message_and_status_2(workdir: Path, broken: Broken) -> None:
    path = workdir / "broken.yaml"
    path.write_text(broken.text, encoding="utf-8")
    status, out, err = run_cli("evaluate", str(path), "--format", "json")
    assert status == 2, (broken.kind, err)
    assert out == ""
    assert "Traceback" not in err and "internal error" not in err
    assert err.count("error:") == 1, err
    line, rest = first_error(err, path)
    if broken.exact_line:
        assert line == broken.line, (broken.kind, err)
    else:
        assert broken.line <= line <= broken.text.count("\n") + 1, (broken.kind, err)
    if broken.field is not None:
        assert rest.startswith(f"{broken.field}:") or rest.startswith(f"{broken.field}["), (broken.kind, err)
    if broken.words is not None:
        assert broken.words in rest, (broken.kind, err)


def test_the_mutations_are_not_vacuous(workdir: Path) -> None:
    """A broken case's expectation is checked against the real message: a wrong line is caught."""
    from .test_bad_input import GOOD

    path = workdir / "check.yaml"
    path.write_text(GOOD.replace("target: b", "target: c"), encoding="utf-8")
    status, _out, err = run_cli("evaluate", str(path))
    assert status == 2
    line, rest = first_error(err, path)
    assert (line, rest.split(":")[0]) == (11, "acts[0].target")
    with pytest.raises(AssertionError):
        first_error(err, workdir / "other.yaml")
