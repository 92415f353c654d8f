"""Verdicts and statuses have one definition (normengine/encodings/conclusions.lp), read by every path.

The first test swaps the definition for a mutant in which ``lawful`` and ``unlawful`` (and ``survives`` and
``defeated``) trade places, and checks that plain evaluation, a case with contested facts and a what-if
baseline all report the mutant's conclusions: a module that computed a verdict or a status of its own, from
the acceptance of the arguments, would still report the original ones and fail it. The others check the
interface module (normengine/predicates.py) against the ``#show`` statements of the rules and encodings.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from normengine import predicates, solve
from normengine.engine import evaluate
from normengine.rulesets import reserved
from normengine.whatif import what_if

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "normengine"
CASES = ROOT / "cases"

_SWAPS = [
    ("__verdict(A, unlawful)", "__verdict(A, lawful)"),
    ("__verdict_towards(A, T, unlawful)", "__verdict_towards(A, T, lawful)"),
    ("__status(C, survives)", "__status(C, defeated)"),
]
_VERDICT = {"lawful": "unlawful", "unlawful": "lawful", "contested": "contested"}


def _mutant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = solve.CONCLUSIONS_LP.read_text()
    for a, b in _SWAPS:
        assert a in text and b in text
        text = text.replace(a, "\0").replace(b, a).replace("\0", b)
    path = tmp_path / "conclusions.lp"
    path.write_text(text)
    monkeypatch.setattr(solve, "CONCLUSIONS_LP", path)
    # The mutant may use the engine's reserved names, as the engine's own encodings do.
    monkeypatch.setattr(reserved, "_ENGINE_ENCODINGS", (*reserved._ENGINE_ENCODINGS, tmp_path.resolve()))
    reserved._engine_file.cache_clear()


def _conclusions(case: Path) -> tuple[dict[str, str], dict[str, str], dict[str, list[str]], dict[str, str]]:
    report = evaluate(case, explanations=False)
    verdicts: dict[str, str] = {a.id: a.verdict for a in report.acts}
    towards: dict[str, str] = {f"{a.id}/{t.party}": t.verdict for a in report.acts for t in a.towards}
    possible = {a.id: a.possible_verdicts for a in report.acts}
    statuses: dict[str, str] = {j.id: j.status for a in report.acts for j in a.justifications}
    return verdicts, towards, possible, statuses


@pytest.mark.slow
@pytest.mark.parametrize("name", ["corfu-channel-1949", "darfur-2004", "oil-platforms-2003", "afghanistan-2001"])
def test_every_path_reads_the_one_definition(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES / f"{name}.yaml"
    verdicts, towards, possible, statuses = _conclusions(case)
    baseline = what_if(case, pairs=False).baseline
    _mutant(tmp_path, monkeypatch)
    try:
        m_verdicts, m_towards, m_possible, m_statuses = _conclusions(case)
        m_baseline = what_if(case, pairs=False).baseline
    finally:
        reserved._engine_file.cache_clear()
    assert m_verdicts == {k: _VERDICT[v] for k, v in verdicts.items()}
    assert m_towards == {k: _VERDICT[v] for k, v in towards.items()}
    assert m_possible == {k: sorted(_VERDICT[v] for v in vs) for k, vs in possible.items()}
    assert set(m_statuses) == set(statuses)
    for claim, status in statuses.items():
        # A claim undecided under grounded semantics and in no admissible set is defeated in both.
        expected = {"survives": {"defeated"}, "contested": {"contested"}, "defeated": {"survives", "defeated"}}
        assert m_statuses[claim] in expected[status], claim
    for key, value in baseline.items():
        if key.startswith("verdict:"):
            assert m_baseline[key] == _VERDICT[value], key
        elif value == "survives":
            assert m_baseline[key] == "defeated", key
    assert m_verdicts != verdicts


def test_the_mutation_changes_something_in_the_plain_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES / "corfu-channel-1949.yaml"
    before = _conclusions(case)
    _mutant(tmp_path, monkeypatch)
    try:
        after = _conclusions(case)
    finally:
        reserved._engine_file.cache_clear()
    assert set(before[0].values()) == {"unlawful", "lawful"}
    assert set(before[3].values()) == {"survives", "defeated"}
    assert after[0] == {k: _VERDICT[v] for k, v in before[0].items()}
    assert after[3] == {k: {"survives": "defeated", "defeated": "survives"}.get(v, v) for k, v in before[3].items()}


def _shown(path: Path) -> set[tuple[str, int]]:
    return {(m[1], int(m[2])) for m in re.finditer(r"^#show (\w+)/(\d+)\.", path.read_text(), re.M)}


def test_rules_show_what_the_engine_reads() -> None:
    assert _shown(ROOT / "rules" / "core" / "show.lp") == set(predicates.RULES_SHOWN)


def test_encodings_show_what_the_engine_reads() -> None:
    assert _shown(PACKAGE / "encodings" / "conclusions.lp") == set(predicates.CONCLUSIONS)
    assert _shown(PACKAGE / "encodings" / "readings.lp") == set(predicates.READINGS_SHOWN)
    af_text = "".join(p.read_text() for p in (PACKAGE / "af" / "encodings").glob("*.lp"))
    for name, arity in predicates.ENGINE_SHOWN:
        if name.startswith("af_"):
            assert re.search(rf"^{name}\(" + ", ".join(["\\w+"] * arity) + r"\) :-", af_text, re.M), name
    assert predicates.show_text(predicates.ENGINE_SHOWN) == solve._ENGINE_SHOW


def _string_constants(path: Path) -> set[str]:
    return {
        n.value
        for n in ast.walk(ast.parse(path.read_text()))
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def test_no_module_names_a_conclusion_or_the_acceptance_itself() -> None:
    """The conclusions' predicates and the acceptance atoms are named in predicates.py only."""
    names = {name for name, _ in (*predicates.CONCLUSIONS, predicates.ACT, predicates.CLAIM)}
    names |= {name for name, _ in predicates.ENGINE_SHOWN if name.startswith("af_")}
    offenders = {
        str(path.relative_to(ROOT)): sorted(found)
        for path in PACKAGE.rglob("*.py")
        if path.name != "predicates.py" and (found := _string_constants(path) & names)
    }
    assert offenders == {}
