"""Rules rewritten so that their grounding stays linear in the case still mean what they meant.

``covered_claim_by_authorisation`` reads ``covers(Y, A); Y <= Z; Y >= Z`` instead of ``covers(Z, A)``
(docs/performance.md, "Scale"): a claim is covered only when the authorisation it relies on covers the
claim's own act: not another act that the same authorisation covers, nor its act through an
authorisation it does not rely on.
"""

from __future__ import annotations

from typing import Any

from normengine.engine import evaluate_full


def _case() -> dict[str, Any]:
    parties: list[dict[str, Any]] = [{"id": f"s{i}", "kind": "state"} for i in range(4)]
    resolution: dict[str, Any] = {
        "id": "res",
        "organ": "security_council",
        "number": "1 (2000)",
        "date": "2000-01-01",
        "chapter_vii": True,
        "votes": {"for": 15},
        "determinations": ["threat_to_the_peace"],
        "authorisations": [{"all_member_states": True, "force": True, "purposes": ["restore-peace"], "area": ["s1"]}],
    }
    acts = [
        {
            "id": f"a{i}",
            "type": "air_strikes",
            "actors": ["s0"],
            "target": f"s{i}",
            "territory": f"s{i}",
            "start": "2000-02-01",
            "purposes": ["restore-peace"],
        }
        for i in (1, 2, 3)
    ]
    claims = [
        {"id": f"c{i}", "act": f"a{i}", "type": "council_authorisation", "claimed_by": ["s0"], "resolutions": ["res"]}
        for i in (1, 2, 3)
    ]
    # A second authorisation covers a3: c3 relies on the first one only, so it stays uncovered.
    other = {**resolution, "id": "res2", "number": "2 (2000)"}
    other["authorisations"] = [{**resolution["authorisations"][0], "area": ["s3"]}]
    return {
        "id": "covered-claims",
        "title": "One authorisation, three acts, one of them in its area",
        "date": "2000-02-01",
        "parties": parties,
        "resolutions": [resolution, other],
        "acts": acts,
        "justifications": claims,
    }


def test_a_claim_is_covered_only_through_its_own_act() -> None:
    ev = evaluate_full(_case(), explanations=False)
    covered = sorted(str(a.arguments[0].string) for a in ev.solution.atoms if a.name == "covered_claim")
    covers = sorted(str(a.arguments[1].string) for a in ev.solution.atoms if a.name == "covers")
    assert covers == ["a1", "a3"]
    assert covered == ["c1"]
    status = {j.id: j.status for act in ev.report.acts for j in act.justifications}
    assert status["c1"] == "survives"
    assert status["c2"] == status["c3"] == "defeated"
    fails = {j.id: {e.element for e in j.elements if not e.holds} for act in ev.report.acts for j in act.justifications}
    assert fails["c2"] == fails["c3"] == {"area"}
