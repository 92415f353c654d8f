"""Metamorphic tests of the law defect the encoder of Suez 1956 found (helper lawf): a claimant's own word.

A qualification whose only authors are the claimant of the claim that needs it (or states claiming with it) is
an assertion, not proof: the element it supports is disputed between the claimant's reading and its not being
shown, and counts by the perspective's standard of proof (Oil Platforms paras 57, 61). The same reading by a
commission or a court establishes it; a reading against the author's own interest keeps its weight. Each test
changes one fact and checks the engine's report for the real input.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from normengine import evaluate
from normengine.report import JustificationReport

from .conftest import CASES
from .metamorphic_helpers import PERSPECTIVES, Case, claim, run, variant


@cache
def _suez() -> str:
    return (CASES / "suez-1956.yaml").read_text(encoding="utf-8")


def element(j: JustificationReport, name: str) -> tuple[bool, bool, list[str]]:
    e = next(x for x in j.elements if x.element == name)
    return e.holds, e.on_burden, [r.text for r in e.reasons]


# --- a generated case: A answers B's attack in self-defence; who read the attack as grave ------------------


def _reading(author: str, kind: str, value: Any = True) -> dict[str, Any]:
    return {"value": value, "author": author, "author_kind": kind, "source": f"statement of {author}"}


def _defence(gravity: list[dict[str, Any]], claimants: tuple[str, ...] = ("a",)) -> Case:
    """B's forces attack A; A strikes B and invokes self-defence (and C, with it, collective self-defence).

    Necessity and proportionality are read so by a commission, so that only the attack's gravity varies.
    """
    first, *others = gravity
    commission = _reading("Commission of Inquiry", "commission")
    claims: list[dict[str, Any]] = [
        {
            "id": "sd",
            "act": "strike",
            "type": "self_defence",
            "claimed_by": ["a"],
            "responds_to": ["raid"],
            "assessments": [
                {"element": "necessity", "holds": commission},
                {"element": "proportionality", "holds": commission},
            ],
        }
    ]
    if "c" in claimants:
        claims.append(
            {
                "id": "csd",
                "act": "strike",
                "type": "collective_self_defence",
                "claimed_by": ["c"],
                "on_behalf_of": "a",
                "responds_to": ["raid"],
                "assessments": [
                    {"element": "necessity", "holds": commission},
                    {"element": "proportionality", "holds": commission},
                ],
            }
        )
    return {
        "id": "own-word",
        "title": "a claimant's own word",
        "date": "2020-01-02",
        "parties": [
            {"id": x, "name": n, "kind": "state"} for x, n in (("a", "Avalon"), ("b", "Borduria"), ("c", "Carpania"))
        ],
        "armed_attacks": [
            {
                "id": "raid",
                "by": "b",
                "against": "a",
                "date": "2020-01-01",
                "form": "direct",
                "gravity": {**first, "readings": others},
                "declared_by_victim": True,
            }
        ],
        "acts": [
            {
                "id": "strike",
                "type": "air_strikes",
                "actors": sorted({"a", *claimants}),
                "target": "b",
                "start": "2020-01-02",
            }
        ],
        "requests": [{"id": "ask", "by": "a", "to": ["c"], "date": "2020-01-01"}] if "c" in claimants else [],
        "justifications": claims,
    }


def test_the_claimants_own_reading_alone_does_not_establish_the_element() -> None:
    case = _defence([_reading("Avalon", "party", "grave")])
    for p in PERSPECTIVES:
        report = run(case, p)
        sd = claim(report, "strike", "sd")
        holds, on_burden, reasons = element(sd, "gravity")
        assert (sd.status, holds, on_burden) == ("defeated", False, True), p
        assert any("rests only on the claimant's own word (Avalon read" in r for r in reasons)
        # The reading's own source is the reason's source (cited), beside the rule's.
        e = next(x for x in sd.elements if x.element == "gravity")
        assert any("statement of Avalon" in (r.source or "") for r in e.reasons)
        act = report.act("strike")
        assert act.verdict == "unlawful" and not act.established
        # The report names the point and what the verdict would be on the claimant's reading.
        assert "raid.gravity" in act.depends_on
        assert any("lawful" in r.values for d in act.rests_on for r in d.readings)


def test_the_same_reading_by_a_commission_or_a_court_establishes_it() -> None:
    for author, kind in (("Commission of Inquiry", "commission"), ("International Court of Justice", "court")):
        case = _defence([_reading(author, kind, "grave")])
        for p in PERSPECTIVES:
            report = run(case, p)
            sd = claim(report, "strike", "sd")
            assert sd.status == "survives", (author, p)
            assert element(sd, "gravity")[:2] == (True, False)
            assert report.act("strike").verdict == "lawful"


def test_an_independent_reading_that_agrees_with_the_claimant_establishes_it() -> None:
    case = _defence([_reading("Avalon", "party", "grave"), _reading("Commission of Inquiry", "commission", "grave")])
    assert claim(run(case, "orthodox"), "strike", "sd").status == "survives"


def test_a_reading_against_the_authors_own_interest_keeps_its_weight() -> None:
    # The attacker itself called its raid grave: against its interest, it establishes the gravity.
    case = _defence([_reading("Borduria", "party", "grave")])
    for p in PERSPECTIVES:
        sd = claim(run(case, p), "strike", "sd")
        assert sd.status == "survives", p
    # The claimant itself called the raid minor: against its interest, the element fails on the law, not on the
    # burden, and nothing makes the verdict depend on a reading.
    case = _defence([_reading("Avalon", "party", "minor")])
    report = run(case, "orthodox")
    sd = claim(report, "strike", "sd")
    assert element(sd, "gravity")[:2] == (False, False)
    assert report.act("strike").verdict == "unlawful" and report.act("strike").established


def test_a_state_claiming_with_the_claimant_is_no_independent_author() -> None:
    # Carpania claims collective self-defence for the same strike: its reading is no more proof than Avalon's.
    case = _defence([_reading("Carpania", "party", "grave")], claimants=("a", "c"))
    report = run(case, "orthodox")
    for ident in ("sd", "csd"):
        holds, on_burden, _ = element(claim(report, "strike", ident), "gravity")
        assert (holds, on_burden) == (False, True), ident


# --- the encoder's sensitivity run on Suez 1956 -------------------------------------------------------------


def _suez_on_israels_word() -> Case:
    """Egypt's counter-reading on necessity removed, Israel's own reading on proportionality added."""

    def change(c: Case) -> None:
        j = next(x for x in c["justifications"] if x["id"] == "israel-self-defence")
        for a in j["assessments"]:
            if a["element"] == "necessity":
                a["holds"] = {k: v for k, v in a["holds"].items() if k != "readings"}
        j["assessments"] = [a for a in j["assessments"] if a["element"] != "proportionality"]
        j["assessments"].append(
            {
                "element": "proportionality",
                "holds": _reading("Israel", "party") | {"source": "S/PV.749 (30 October 1956)"},
            }
        )

    data = yaml.safe_load(_suez())
    assert isinstance(data, dict)
    return variant(data, change)


def test_suez_israels_unopposed_word_does_not_make_its_attack_lawful() -> None:
    case = _suez_on_israels_word()
    for p in PERSPECTIVES:
        report = run(case, p)
        sd = claim(report, "israeli-attack", "israel-self-defence")
        assert sd.status == "defeated", p
        failing = {e.element for e in sd.elements if not e.holds and e.on_burden}
        assert {"gravity", "attribution", "necessity", "proportionality"} <= failing, p
        act = report.act("israeli-attack")
        assert act.verdict == "unlawful" and not act.established, p


# --- prose: a governing authority whose office is `other` ---------------------------------------------------


def test_an_authority_of_another_office_is_named_in_words() -> None:
    report = evaluate(CASES / "czechoslovakia-1968.yaml", perspective="orthodox")
    texts = [r.text for a in report.acts for j in a.justifications for r in j.reasons] + [
        r.text for a in report.acts for j in a.justifications for e in j.elements for r in e.reasons
    ]
    assert any("a holder of another office" in t for t in texts)
    assert not any("a another matter" in t for t in texts)
