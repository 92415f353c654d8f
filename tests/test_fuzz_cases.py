"""Generated case files, valid and broken, through the real command line.

Every valid case evaluates (exit status 0, a report for every act); every broken one
gets exit status 2 and one message whose first line names the file, the line and the
field that the mutation damaged; nothing raises. Example counts: see docs/robustness.md.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normengine import case as models
from normengine.loader import Limits
from normengine.report import Report

from .fuzz import first_error, fuzz_settings, run_cli
from .strategies import (
    ID_GROUPS,
    REF_FIELDS,
    case_dicts,
    dates,
    dotted,
    emit,
    field_info,
    forbidden_character,
    huge_integers,
    inner_model,
    is_literal_field,
    objects,
    odd_keys,
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
            [
                "drop_required",
                "wrong_type",
                "unknown_value",
                "dangling_ref",
                "duplicate_id",
                "unknown_field",
                "yaml",
                "odd_key",
                "huge_int",
                "impossible_votes",
                "membership_cycle",
                "consent_contradiction",
            ]
        )
    )
    data = copy.deepcopy(case)
    if kind in ("odd_key", "huge_int", "impossible_votes", "membership_cycle", "consent_contradiction"):
        broken: Broken = draw(_impossible(data, kind))
        return broken
    if kind == "drop_required":
        choices = [
            (path, key)
            for path, model, obj in objects(data)
            for key in obj
            if _field(model, key) and field_info(model, key).is_required()
        ]
        path, key = draw(st.sampled_from(choices))
        del _at(data, path)[key]
        text, pos = emit(data)
        return Broken(kind, text, pos[path], dotted((*path, key)), f"missing required field {key!r}")
    if kind == "wrong_type":
        typed = [(path, model, key) for path, model, obj in objects(data) for key in obj if _field(model, key)]
        path, model, key = draw(st.sampled_from(typed))
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


@st.composite
def _impossible(draw: Any, data: dict[str, Any], kind: str) -> Broken:
    """Mutations of the classes of issue 15: odd keys, numbers past 32 bits, records the law makes impossible."""
    if kind == "odd_key":
        path, _model, obj = draw(st.sampled_from(list(objects(data))))
        key = draw(odd_keys)
        obj[key] = "x"
        text, pos = emit(data)
        return Broken(kind, text, pos[(*path, key)], dotted((*path, key)), f"unknown field {key!r}")
    if kind == "huge_int":
        value = draw(huge_integers)
        written = draw(st.sampled_from([value, str(value)]))  # pydantic reads "123" as a number too
        field = draw(st.sampled_from(["for", "against", "abstentions"]))
        r = _a_resolution(draw, data)
        r["votes"] = {"for": 0, field: written}
        text, pos = emit(data)
        where: tuple[str | int, ...] = ("resolutions", data["resolutions"].index(r), "votes", field)
        # Counts are never negative: pydantic refuses a negative one before its size is checked.
        words = "beyond what the solver can hold" if value > 0 else "greater than or equal to 0"
        return Broken(kind, text, pos[where], dotted(where), words)
    if kind == "impossible_votes":
        r = _a_resolution(draw, data)
        r["organ"] = draw(st.sampled_from(["security_council", "general_assembly"]))
        r["date"] = draw(dates)
        size = models.organ_membership(r["organ"], r["date"]) or 0
        counts = draw(st.lists(st.integers(0, size + 1), min_size=3, max_size=3).filter(lambda c: sum(c) > size))
        r["votes"] = dict(zip(["for", "against", "abstentions"], counts, strict=True))
        r.pop("negative_votes_by", None)
        r.pop("abstentions_by", None)
        r.pop("adopted_without_vote", None)
        text, pos = emit(data)
        votes_at: tuple[str | int, ...] = ("resolutions", data["resolutions"].index(r), "votes")
        return Broken(
            kind, text, pos[votes_at], dotted(votes_at), f"had {'at most ' if size == 193 else ''}{size} members"
        )
    if kind == "membership_cycle":
        n = draw(st.integers(1, 3))
        ids = [f"o{i}" for i in range(n)]
        start = len(data["parties"])
        for i, oid in enumerate(ids):
            data["parties"].append({"id": oid, "kind": "organisation", "members": [ids[(i + 1) % n]]})
        text, pos = emit(data)
        member_at: tuple[str | int, ...] = ("parties", start, "members", 0)
        return Broken(kind, text, pos[member_at], dotted(member_at), "member of itself" if n == 1 else "in a circle")
    consents = data.setdefault("consents", [])
    by = draw(st.sampled_from([p["id"] for p in data["parties"]]))
    to = draw(st.sampled_from([p["id"] for p in data["parties"]]))
    taken = {k["given"] for k in consents if k["by"] == by}  # a day of its own: no other consent contradicts
    given = draw(dates.filter(lambda d: d not in taken))
    free = draw(st.booleans())
    consents.append({"id": "k_free", "by": by, "to": [to], "given": given, "freely_given": free})
    consents.append({"id": "k_coerced", "by": by, "to": [to], "given": given, "freely_given": not free})
    text, pos = emit(data)
    consent_at: tuple[str | int, ...] = ("consents", len(consents) - 1, "freely_given")
    return Broken(kind, text, pos[consent_at], dotted(consent_at), "contradicts itself")


def _a_resolution(draw: Any, data: dict[str, Any]) -> dict[str, Any]:
    resolutions = data.setdefault("resolutions", [])
    if not resolutions or draw(st.booleans()):
        resolutions.append({"id": "r_new", "organ": "security_council", "date": dt.date(2000, 1, 1)})
    chosen: dict[str, Any] = resolutions[-1] if resolutions[-1]["id"] == "r_new" else draw(st.sampled_from(resolutions))
    return chosen


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


# --------------------------------------------------------------------------
# Raw characters anywhere in the file, comments included


@st.composite
def with_raw_character(draw: Any, alphabet: st.SearchStrategy[str]) -> tuple[str, int, int, str]:
    """A valid case file (with comments) and one raw character put anywhere: (text, line, column, character)."""
    text, _ = emit(draw(case_dicts()))
    lines = text.splitlines(keepends=True)
    # Comments at the end of some lines and on lines of their own: a character in a comment counts too.
    for i in sorted(draw(st.lists(st.integers(0, len(lines) - 1), max_size=3, unique=True)), reverse=True):
        if draw(st.booleans()):
            lines[i] = lines[i].rstrip("\n") + "  # a comment\n"
        else:
            lines.insert(i, "# a comment of its own\n")
    index = draw(st.integers(0, len(lines) - 1))
    line = lines[index]
    column = draw(st.integers(0, len(line) - 1))
    char = draw(alphabet)
    lines[index] = line[:column] + char + line[column:]
    return "".join(lines), index + 1, column + 1, char


@pytest.mark.slow
@fuzz_settings(60)
@given(case=with_raw_character(forbidden_character))
def test_a_forbidden_character_anywhere_is_located(workdir: Path, case: tuple[str, int, int, str]) -> None:
    text, line, column, char = case
    path = workdir / "raw.yaml"
    path.write_text(text, encoding="utf-8")
    status, out, err = run_cli("evaluate", str(path), "--format", "json")
    assert (status, out) == (2, ""), (repr(char), err)
    assert err.count("error:") == 1 and "Traceback" not in err and "internal error" not in err, err
    found, rest = first_error(err, path)
    assert found == line, (repr(char), err)
    assert err.splitlines()[0].split(f"{path}:{line}:")[1].startswith(f"{column}:"), err
    assert f"U+{ord(char):04X}" in rest and "not allowed in a YAML file" in rest, err


@pytest.mark.slow
@fuzz_settings(60)
@given(case=with_raw_character(st.characters(blacklist_categories=["Cs"]) | forbidden_character))
def test_any_raw_character_anywhere_is_never_an_internal_error(workdir: Path, case: tuple[str, int, int, str]) -> None:
    """Any character at all (tabs, line separators, bidi marks, quotes, YAML indicators): evaluated or refused."""
    text, _line, _column, char = case
    path = workdir / "any.yaml"
    path.write_text(text, encoding="utf-8")
    status, out, err = run_cli("evaluate", str(path), "--format", "json")
    assert status in (0, 2), (repr(char), status, err)
    assert "Traceback" not in err and "internal error" not in err, err
    if status == 2:
        assert out == "" and err.count("error:") == 1, err
        first_error(err, path)  # names the file and a line


# --------------------------------------------------------------------------
# Lists past their bound: exit status 3, naming the file, the line and the list


@st.composite
def oversized(draw: Any) -> tuple[str, int, str, int]:
    """A valid case with one list (of the case, or inside an object) past its bound: (text, line, field, bound)."""
    data = draw(case_dicts())
    lists = [
        ((*path, key), value)
        for path, _model, obj in objects(data)
        for key, value in obj.items()
        if isinstance(value, list) and value and (*path, key) not in (("parties",), ("acts",), ("outcome", "acts"))
    ]
    if not lists:
        lists = [(("acts", 0, "actors"), data["acts"][0]["actors"])]
    path, items = draw(st.sampled_from(lists))
    limits = Limits()
    bound = limits.max_items if len(path) == 1 else limits.max_list
    extra = draw(st.integers(1, 3))
    items.extend([items[0]] * (bound + extra - len(items)))
    text, pos = emit(data)
    return text, pos[path], dotted(path), bound


@pytest.mark.slow
@fuzz_settings(20)
@given(case=oversized())
def test_every_list_past_its_bound_is_a_located_limit(workdir: Path, case: tuple[str, int, str, int]) -> None:
    text, line, field, bound = case
    path = workdir / "big.yaml"
    path.write_text(text, encoding="utf-8")
    status, out, err = run_cli("evaluate", str(path), "--format", "json")
    assert (status, out) == (3, ""), err
    first = err.splitlines()[0]
    assert first.startswith(f"error: {path}:{line}:"), (line, first)
    assert f" {field}: " in first and f"over the limit of {bound:,}" in first, first


def _field(model: type[Any], key: str) -> bool:
    """Whether ``key`` is a field of ``model`` (an older form's key, mapped by a before-validator, is not)."""
    try:
        field_info(model, key)
    except KeyError:
        return False
    return True
