"""Hostile text in a case file changes no conclusion, and reaches a terminal only as text.

Every id and every text of a generated case is replaced by hostile text (quotes, newlines,
``).``, ``:-``, ``#include``, ``#script``, ``%``, rich markup, escape sequences,
right-to-left overrides, non-ASCII, very long strings); the report's conclusions, mapped
back through the ids, must be those of the same case with plain ids.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import clingo
import pytest
from hypothesis import given
from hypothesis import strategies as st

from normengine import evaluate
from normengine.report import Report

from .fuzz import fuzz_settings, run_cli
from .strategies import case_dicts, emit, hostile_text, is_text_token, long_text, relabel, tokens

pytestmark = pytest.mark.slow  # hostile input: deselected by -m 'not slow', run by .ci/run

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


def _unmapper(inverse: dict[str, str]) -> tuple[Any, Any]:
    def un(text: str | None) -> str | None:
        return None if text is None else inverse.get(text, text)

    def back(sym: clingo.Symbol) -> clingo.Symbol:
        if sym.type == clingo.SymbolType.String:
            return clingo.String(inverse.get(sym.string, sym.string))
        if sym.type == clingo.SymbolType.Function:
            return clingo.Function(sym.name, [back(a) for a in sym.arguments], sym.positive)
        return sym

    def un_term(text: str) -> str:
        if text in inverse:
            return inverse[text]
        try:
            return str(back(clingo.parse_term(text)))
        except RuntimeError:
            return text

    return un, un_term


def conclusions(report: Report, inverse: dict[str, str]) -> dict[str, Any]:
    """What the engine concluded, with every case id and text mapped back through ``inverse``."""
    un, un_term = _unmapper(inverse)

    def reasons(rs: list[Any]) -> list[tuple[str, str, str]]:
        return sorted((r.kind, r.rule or "", r.status or "") for r in rs)

    acts = []
    for a in report.acts:
        engaged = sorted(
            (
                e.principle,
                e.stance,
                sorted(un(p) for p in e.parties),
                sorted(un_term(n) for n in e.norms),
                reasons(e.reasons),
            )
            for e in a.engaged
        )
        claims = sorted(
            (
                un(j.id),
                j.type,
                sorted(un(c) for c in j.claimed_by),
                j.status,
                [(el.element, el.holds) for el in j.elements],
                j.contested_points,
                reasons(j.reasons),
            )
            for j in a.justifications
        )
        acts.append(
            (
                un(a.id),
                a.type,
                sorted(un(x) for x in a.actors),
                un(a.target),
                a.verdict,
                a.violations,
                a.contested_violations,
                engaged,
                claims,
            )
        )
    conflicts = sorted(
        (
            un(c.act),
            un(c.claim),
            c.principles,
            c.for_principle,
            c.against_principle,
            c.settled_by,
            c.rule,
            c.prevails,
            c.general_relation,
            reasons(c.reasons),
        )
        for c in report.conflicts
    )
    return {
        "case": un(report.case),
        "title": un(report.title),
        "acts": sorted(acts, key=repr),
        "conflicts": conflicts,
    }


@st.composite
def hostile_mappings(draw: Any, case: dict[str, Any]) -> dict[str, str]:
    toks = sorted(tokens(case))
    ids = [t for t in toks if not is_text_token(t)]
    texts = [t for t in toks if is_text_token(t)]
    hostile_ids = draw(
        st.lists(hostile_text(6).map(lambda s: s[:200]).filter(bool), min_size=len(ids), max_size=len(ids), unique=True)
    )
    taken = set(hostile_ids)  # every hostile value distinct, so that the report maps back without doubt
    hostile_texts = draw(
        st.lists(
            (hostile_text(10) | long_text).filter(lambda s: s not in taken),
            min_size=len(texts),
            max_size=len(texts),
            unique=True,
        )
    )
    return {**dict(zip(ids, hostile_ids, strict=True)), **dict(zip(texts, hostile_texts, strict=True))}


@fuzz_settings(30)
@given(data=st.data())
def test_hostile_ids_and_texts_change_no_conclusion(workdir: Path, data: st.DataObject) -> None:
    case = data.draw(case_dicts(), label="case")
    mapping = data.draw(hostile_mappings(case), label="mapping")
    plain = evaluate(emit(case)[0])
    hostile_text_yaml = emit(relabel(case, mapping))[0]
    hostile = evaluate(hostile_text_yaml)
    inverse = {v: k for k, v in mapping.items()}
    assert conclusions(hostile, inverse) == conclusions(plain, {})
    # The same case through the command line: the JSON report, and the text report for a terminal.
    path = workdir / "hostile.yaml"
    path.write_text(hostile_text_yaml, encoding="utf-8")
    status, out, err = run_cli("evaluate", str(path), "--format", "json")
    assert (status, err) == (0, "")
    assert json.loads(out) == json.loads(hostile.to_json())
    status, out, err = run_cli("evaluate", str(path))
    assert (status, err) == (0, "")
    assert not _CONTROL.search(out), "a control character from the case reached the terminal"


def test_the_comparison_sees_a_changed_conclusion() -> None:
    """conclusions() is not blind: mapping an id to the wrong one is noticed."""
    from .test_bad_input import GOOD

    report = evaluate(GOOD)
    assert conclusions(report, {"a": "b", "b": "a"}) != conclusions(report, {})
    assert conclusions(report, {}) == conclusions(evaluate(GOOD), {})


MARKUP_CASE = """\
id: "[bold]case[/bold]"
title: "[red]Title[/red] [/] :100: [link=http://x]x[/link]"
date: 2000-01-01
parties:
  - {id: "a", name: "[blink]Aggressor[/blink] \\e[31mred\\e[0m \\u202egnp.exe", kind: state}
  - {id: "[/]", name: "Victim :smile:", kind: state}
acts:
  - id: strike
    type: air_strikes
    title: "Strike [bold]\\\\[/bold] %* *% :- ). #include"
    actors: [a]
    target: "[/]"
    start: 2000-01-01
"""


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("command", ["evaluate", "compare"])
def test_the_renderers_print_case_text_as_it_is(workdir: Path, command: str, fmt: str) -> None:
    path = workdir / "markup.yaml"
    path.write_text(MARKUP_CASE, encoding="utf-8")
    status, out, err = run_cli(command, str(path), "--format", fmt)
    assert (status, err) == (0, "")
    if fmt == "json":
        data = json.loads(out)
        assert data["title"] == "[red]Title[/red] [/] :100: [link=http://x]x[/link]"
        return
    flat = re.sub(r"[\s│┃|]+", " ", out)
    assert "[red]Title[/red] [/] :100: [link=http://x]x[/link]" in flat
    if command == "evaluate":
        assert "[bold]case[/bold]" in out
        assert "[blink]Aggressor[/blink] \\x1b[31mred\\x1b[0m \\u202egnp.exe" in flat
        assert "Victim :smile:" in flat and "😄" not in out and "💯" not in out
        assert "Strike [bold]\\[/bold] %* *% :- ). #include" in flat
    assert "\x1b" not in out and "\u202e" not in out


def test_nul_is_refused(workdir: Path) -> None:
    """clingo ends a string at NUL, so two ids that differ after it would become one: refused, exit 2."""
    from .test_bad_input import GOOD

    path = workdir / "nul.yaml"
    path.write_text(GOOD.replace("{id: b, kind: state}", '{id: "b\\0x", kind: state}'), encoding="utf-8")
    status, out, err = run_cli("evaluate", str(path))
    assert status == 2 and out == ""
    assert f"{path}:6:" in err and "parties[1].id" in err and "NUL" in err
