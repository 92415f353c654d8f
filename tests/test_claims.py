"""The claims episodes actually made (issue 12, section 1): each as a justification with its law.

Each test takes the same small invasion and changes one fact, the justification invoked (or a statement
made), and checks the engine's verdict: no basis for restoration of democracy, the arrest of an indicted
leader, a state of war or "refugee aggression"; a treaty right cannot be enforced by force; remedial
secession stands or falls by perspective; a denial of authorship is read as a statement.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.test_elements import STATES, Case, claim, failing, run, with_change

INVASION: Case = {
    "id": "inv",
    "title": "an invasion",
    "date": "2000-01-10",
    "parties": [*STATES, {"id": "people", "name": "P", "kind": "people", "territory_of": "b"}],
    "commitments": [{"id": "treaty", "instrument": "a treaty", "date": "1990-01-01", "bound": ["a", "b"]}],
    "acts": [{"id": "invasion", "type": "invasion", "actors": ["a"], "target": "b", "start": "2000-01-10"}],
    "justifications": [{"id": "j", "act": "invasion", "type": "consent", "claimed_by": ["a"]}],
}


def _claiming(kind: str, **extra: Any) -> Case:
    def change(case: Case) -> None:
        case["justifications"][0].update(type=kind, **extra)

    return with_change(INVASION, change)


@pytest.mark.parametrize(
    ("kind", "element"),
    [
        ("restoration_of_democracy", "basis_in_law"),
        ("arrest_of_indicted_leader", "enforcement_jurisdiction"),
        ("state_of_war", "charter_basis"),
        ("refugee_aggression", "armed_attack"),
        ("treaty_right_enforcement", "not_force"),
    ],
)
def test_a_claim_without_basis_in_law_leaves_the_invasion_unlawful(kind: str, element: str) -> None:
    report = run(_claiming(kind, commitments=["treaty"]) if kind == "treaty_right_enforcement" else _claiming(kind))
    j = claim(report, "invasion", "j")
    assert j.status == "defeated" and element in failing(j)
    assert report.act("invasion").verdict == "unlawful"


def test_a_treaty_right_needs_a_treaty_binding_the_target() -> None:
    case = _claiming("treaty_right_enforcement", commitments=["treaty"])
    assert "treaty_right" not in failing(claim(run(case), "invasion", "j"))
    case["commitments"][0]["bound"] = ["a", "c"]
    assert "treaty_right" in failing(claim(run(case), "invasion", "j"))


def _secession(**assessed: bool) -> Case:
    assessments = [
        {"element": e, "holds": h, "author": "a commission", "source": "a report"} for e, h in assessed.items()
    ]
    case = _claiming("remedial_secession", on_behalf_of="people", assessments=assessments)
    case["acts"][0]["type"] = "deployment"
    return case


@pytest.mark.parametrize(
    ("perspective", "expected"),
    [("humanitarian", "survives"), ("orthodox", "contested"), ("sovereigntist", "defeated")],
)
def test_remedial_secession_stands_or_falls_by_perspective(perspective: str, expected: str) -> None:
    j = claim(run(_secession(grave_violations=True, last_resort=True), perspective), "invasion", "j")
    assert j.status == expected
    assert j.contested_points == ["remedial secession outside the colonial context"]


def test_remedial_secession_fails_without_its_conditions_or_for_a_colonial_people() -> None:
    j = claim(run(_secession(grave_violations=False, last_resort=True), "humanitarian"), "invasion", "j")
    assert j.status == "defeated" and "grave_violations" in failing(j)
    colonial = _secession(grave_violations=True, last_resort=True)
    colonial["parties"][-1]["situation"] = "colonial"
    j = claim(run(colonial, "humanitarian"), "invasion", "j")
    assert j.status == "defeated" and "outside_colonial_context" in failing(j)


def _statement(says: str, date: str = "2000-01-11") -> dict[str, Any]:
    return {
        "id": f"s-{says}",
        "by": "a",
        "date": date,
        "before": "security_council",
        "document": "S/PV.1",
        "says": says,
        "acts": ["invasion"],
        "words": "an internal uprising" if says == "denial_of_authorship" else "our forces",
    }


def test_a_denial_of_authorship_is_read_as_a_statement() -> None:
    base = run(INVASION)
    case = copy.deepcopy(INVASION)
    case["statements"] = [_statement("denial_of_authorship")]
    report = run(case)
    j = claim(report, "invasion", "j")
    assert any("denied in the statement of A of 11 January 2000 (S/PV.1)" in r.text for r in j.reasons)
    assert not any("denied" in r.text for r in claim(base, "invasion", "j").reasons)
    assert report.act("invasion").verdict == base.act("invasion").verdict  # a denial changes who acted not at all
    case["statements"].append(_statement("admission_of_authorship", "2000-04-17"))
    assert any("and acknowledged it in" in r.text for r in claim(run(case), "invasion", "j").reasons)
