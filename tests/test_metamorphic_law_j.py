"""Metamorphic tests of the law defect the Ruwenzori presence showed (helper lawi): installed, or succeeded in war.

An authority that came to power while the forces of the party it consents to were under way on the territory is
presumed installed under them (rules/justifications/consent_authority.lp, `installed_under_forces`). Timing alone
does not say the forces brought it to power: where the record names the predecessor it took the place of
(`governing_authorities[].succeeded`), it is installed only if those forces removed that predecessor
(`removed_by`); a successor in office during a war the same forces waged against its government is the state's
voice (Armed Activities paras 92-105). Each test changes one fact and checks the engine's report for the real input.
"""

from __future__ import annotations

from typing import Any

import pytest

from normengine.errors import CaseError

from .metamorphic_helpers import PERSPECTIVES, Case, bundled, claim, item, run, variant

STATES = [{"id": "a", "name": "A", "kind": "state"}, {"id": "b", "name": "B", "kind": "state"}]


def _succession(removed_by: list[str], *, succeeded: bool = True) -> Case:
    """b's forces fight a from 2020; a's president dies and a successor takes office, then consents to b's troops.

    The consent is found freely given by a court, so that only how the successor came to power varies.
    """
    successor: dict[str, Any] = {
        "id": "successor",
        "of": "a",
        "person": "the successor president",
        "office": "head_of_state",
        "took_office": "2020-03-10",
        "control": [{"area": "capital", "from": "2020-03-10"}],
    }
    if succeeded:
        successor["succeeded"] = "predecessor"
    return {
        "id": "succession",
        "title": "a consent by a president who took office during a war",
        "date": "2020-06-01",
        "parties": STATES,
        "governing_authorities": [
            {
                "id": "predecessor",
                "of": "a",
                "person": "the first president",
                "office": "head_of_state",
                "took_office": "2019-01-01",
                "control": [{"area": "capital", "from": "2019-01-01", "until": "2020-03-01"}],
                "removed_by": removed_by,
            },
            successor,
        ],
        "consents": [
            {
                "id": "agreement",
                "by": "a",
                "to": ["b"],
                "acts": ["stay"],
                "given": "2020-06-01",
                "given_by": "successor",
                "freely_given": {
                    "value": True,
                    "author": "International Court",
                    "author_kind": "court",
                    "source": "the Court's judgment",
                },
            }
        ],
        "acts": [
            {"id": "war", "type": "ground_operations", "actors": ["b"], "target": "a", "start": "2020-01-01"},
            {"id": "stay", "type": "deployment", "actors": ["b"], "target": "a", "start": "2020-06-01"},
        ],
        "justifications": [
            {"id": "plea", "act": "stay", "type": "consent", "claimed_by": ["b"], "consents": ["agreement"]}
        ],
    }


def _plea(case: Case, perspective: str) -> tuple[str, str]:
    report = run(case, perspective)
    return report.act("stay").verdict, claim(report, "stay", "plea").status


def test_a_successor_during_a_war_against_its_government_consents_for_the_state() -> None:
    # the predecessor died in office: the forces of the war did not bring its successor to power
    for perspective in PERSPECTIVES:
        assert _plea(_succession([]), perspective) == ("lawful", "survives"), perspective


def test_the_same_successor_installed_on_the_overthrow_of_its_predecessor_does_not() -> None:
    # one fact changed: the forces of the war removed the predecessor from power
    for perspective in PERSPECTIVES:
        verdict, status = _plea(_succession(["war"]), perspective)
        assert verdict == "unlawful" and status == "defeated", perspective


def test_without_a_record_of_succession_the_timing_presumption_stands() -> None:
    # no predecessor named: coming to power while the forces were under way is still read as installation
    verdict, status = _plea(_succession([], succeeded=False), "orthodox")
    assert verdict == "unlawful" and status == "defeated"


def test_removal_by_an_act_of_another_party_is_no_installation_by_the_consented_party() -> None:
    case = _succession(["coup"])
    case["parties"].append({"id": "c", "name": "C", "kind": "state"})
    case["acts"].append({"id": "coup", "type": "invasion", "actors": ["c"], "target": "a", "start": "2020-02-28"})
    assert _plea(case, "orthodox") == ("lawful", "survives")


# --- the bundled cases ------------------------------------------------------------------------------------------


def test_drc_the_luanda_consent_survives_and_would_not_on_an_overthrow() -> None:
    case = bundled("drc-uganda-2005")
    for perspective in PERSPECTIVES:
        report = run(case, perspective)
        assert report.act("ruwenzori-presence").verdict == "lawful", perspective
        assert claim(report, "ruwenzori-presence", "uganda-luanda-consent").status == "survives", perspective
    # one fact changed: Laurent-Désiré Kabila's government recorded as removed by Uganda's military operations
    overthrown = variant(
        case, lambda c: item(c["governing_authorities"], "kabila-government").update(removed_by=["military-operations"])
    )
    report = run(overthrown)
    assert report.act("ruwenzori-presence").verdict == "unlawful"
    assert claim(report, "ruwenzori-presence", "uganda-luanda-consent").status == "defeated"


def test_hungary_the_kadar_request_is_an_installed_authoritys_on_the_record_of_the_overthrow() -> None:
    case = bundled("hungary-1956")
    for perspective in PERSPECTIVES:
        report = run(case, perspective)
        assert report.act("second-intervention").verdict == "unlawful", perspective
        assert claim(report, "second-intervention", "ussr-request-november").status == "defeated", perspective
    installed = "came to power under the forces it invited"
    plea = claim(run(case), "second-intervention", "ussr-request-november")
    assert any(installed in r.text for r in plea.reasons)
    # one fact changed: the Nagy Government recorded as leaving power otherwise than by the attack of 4 November
    kept = variant(case, lambda c: item(c["governing_authorities"], "nagy-government").pop("removed_by"))
    plea = claim(run(kept), "second-intervention", "ussr-request-november")
    assert not any(installed in r.text for r in plea.reasons)


def test_a_succession_record_that_names_the_wrong_authority_or_act_is_refused() -> None:
    def wrong(c: Case) -> None:
        item(c["governing_authorities"], "successor")["succeeded"] = "successor"

    with pytest.raises(CaseError, match=r"governing_authorities\[1\]\.succeeded: an authority cannot succeed itself"):
        run(variant(_succession([]), wrong))
    with pytest.raises(CaseError, match=r"governing_authorities\[0\]\.removed_by\[0\]: unknown act 'coup'"):
        run(_succession(["coup"]))
