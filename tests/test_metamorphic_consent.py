"""Metamorphic tests on consent, who may speak for a state, stationing agreements and occupation (issue 12).

Each test takes a bundled case (cases/crimea-2014.yaml), changes one fact of its record, and checks that the
engine's verdict moves as the law says, under each bundled perspective: the consenting authority held the capital
or not, was recognised by the United Nations or only by the intervener, came to power before or under the
intervener's forces; the stationed forces stayed within the agreement's conditions or not, within its ceiling or
not, and placed territory under their authority or not. The rules that decide are in
rules/justifications/consent_authority.lp and rules/justifications/stationing.lp.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from normengine import evaluate

from .conftest import report_of

CASES = Path(__file__).resolve().parent.parent / "cases"
PERSPECTIVES = ("orthodox", "humanitarian", "sovereigntist")
ACT = "crimea-seizure"

Case = dict[str, Any]


def _crimea() -> Case:
    data: Case = yaml.safe_load((CASES / "crimea-2014.yaml").read_text(encoding="utf-8"))
    data.pop("outcome", None)
    return data


def _item(case: Case, group: str, ident: str) -> dict[str, Any]:
    return next(x for x in case[group] if x["id"] == ident)


def _claim(case: Case, perspective: str, claim_id: str) -> Any:
    act = next(a for a in report_of(case, perspective).acts if a.id == ACT)
    return act, next(j for j in act.justifications if j.id == claim_id)


# -- who may speak for the state ---------------------------------------------------------------------------------


def _invitation_only(change: Callable[[Case], None] | None = None) -> Case:
    """Crimea with the invitation alone, given on the day the seizure began (so that only who gave it is at
    issue: the letter of 1 March came after the act began, which defeats it on its own)."""
    case = _crimea()
    case["justifications"] = [j for j in case["justifications"] if j["id"] == "russia-invitation"]
    claim = case["justifications"][0]
    claim["consents"] = ["yanukovych-letter"]
    _item(case, "consents", "yanukovych-letter")["given"] = "2014-02-27"
    if change is not None:
        change(case)
    return case


def _status_and_verdict(case: Case, perspective: str) -> tuple[str, str, list[str]]:
    act, j = _claim(case, perspective, "russia-invitation")
    failing = sorted(e.element for e in j.elements if e.holds is False)
    return str(j.status), str(act.verdict), failing


@pytest.mark.parametrize("perspective", PERSPECTIVES)
def test_a_deposed_head_of_state_without_control_cannot_consent(perspective: str) -> None:
    """As recorded: he held neither Kyiv nor the territory, and the acting government held Kyiv."""
    status, verdict, failing = _status_and_verdict(_invitation_only(), perspective)
    assert (status, verdict, failing) == ("defeated", "unlawful", ["authority"])


@pytest.mark.parametrize("perspective", PERSPECTIVES)
def test_the_same_consent_from_a_head_of_state_in_control_answers_the_force(perspective: str) -> None:
    """One fact changed: he still held Kyiv on that day. Consent by the government in control answers the force
    (Nicaragua §246; ARSIWA Art 20) under every perspective."""

    def held_kyiv(case: Case) -> None:
        _item(case, "governing_authorities", "yanukovych")["control"][0].pop("until")
        _item(case, "governing_authorities", "ukraine-acting-government")["control"] = []

    assert _status_and_verdict(_invitation_only(held_kyiv), perspective) == ("survives", "lawful", [])


def test_a_government_without_control_recognised_by_the_un_is_contested() -> None:
    """One fact changed: the General Assembly still treated him as the government (credentials), and not the
    acting government. Consent by a government without control but recognised is a contested point: the
    humanitarian perspective accepts it (Yemen 2015, S/2015/217), the sovereigntist rejects it (Tinoco), the
    orthodox leaves it open."""

    def recognised(case: Case) -> None:
        _item(case, "governing_authorities", "yanukovych")["recognition"] = [
            {"organ": "general_assembly", "date": "2013-09-17", "source": "variant"}
        ]
        _item(case, "governing_authorities", "ukraine-acting-government")["recognition"] = []

    case = _invitation_only(recognised)
    results = {p: _status_and_verdict(case, p) for p in PERSPECTIVES}
    assert results["humanitarian"][0] == "survives"
    assert results["sovereigntist"][:2] == ("defeated", "unlawful")
    assert results["orthodox"][0] == "contested"
    for p in PERSPECTIVES:
        _, j = _claim(case, p, "russia-invitation")
        assert j.contested_points == ["consent by a government without control or a rival authority"]


@pytest.mark.parametrize("perspective", PERSPECTIVES)
def test_recognition_by_the_intervener_alone_does_not_restore_standing(perspective: str) -> None:
    """Russia's recognition of him is on the record either way; without it nothing changes."""

    def no_recognition(case: Case) -> None:
        _item(case, "governing_authorities", "yanukovych")["recognition"] = []

    assert _status_and_verdict(_invitation_only(no_recognition), perspective)[:2] == ("defeated", "unlawful")


def _installed(took_office: str) -> Case:
    """A head of government of Ukraine who invited Russia on the day the seizure began, holding Kyiv."""

    def add(case: Case) -> None:
        case["governing_authorities"].append(
            {
                "id": "new-premier",
                "of": "ukraine",
                "office": "head_of_government",
                "took_office": took_office,
                "control": [{"area": "capital", "from": took_office, "source": "variant"}],
                "source": "variant",
            }
        )
        _item(case, "consents", "yanukovych-letter")["given_by"] = "new-premier"
        _item(case, "governing_authorities", "ukraine-acting-government")["control"] = []

    return _invitation_only(add)


@pytest.mark.parametrize("perspective", PERSPECTIVES)
def test_an_authority_installed_under_the_intervener_s_forces_cannot_consent(perspective: str) -> None:
    """One fact changed: the day it came to power. Installed on the day the forces moved (GA Res 1004 (ES-II),
    ES-6/2), the consent raises the point every bundled perspective rejects; in power before, it answers."""
    _, before = _claim(_installed("2014-02-20"), perspective, "russia-invitation")
    assert str(before.status) == "survives"
    act, under = _claim(_installed("2014-02-27"), perspective, "russia-invitation")
    assert str(under.status) == "defeated" and "non_use_of_force" in act.violations
    assert under.contested_points == ["consent by an authority that came to power under the forces it invited"]


# -- stationing agreements: the conditions, the terms, and occupation ---------------------------------------------


def _basing(conduct: list[dict[str, Any]]) -> Case:
    """Crimea with the basing-agreement claim alone, the seizure typed as the deployment Russia called it."""
    case = _crimea()
    case["justifications"] = [j for j in case["justifications"] if j["id"] == "russia-basing-agreement"]
    seizure = _item(case, "acts", ACT)
    seizure["type"] = "deployment"
    seizure["conduct"] = conduct
    return case


def _basing_result(case: Case, perspective: str) -> tuple[str, bool, bool, list[str]]:
    act, j = _claim(case, perspective, "russia-basing-agreement")
    failing = sorted(e.element for e in j.elements if e.holds is False)
    return str(j.status), "non_use_of_force" in act.violations, "non_intervention" in act.violations, failing


COORDINATED = {"what": "movement_outside_sites", "date": "2014-02-28", "coordinated_with_host": True, "source": "v"}
UNCOORDINATED = {"what": "movement_outside_sites", "date": "2014-02-28", "source": "v"}
CONTROL = {"what": "control_of_territory", "date": "2014-03-01", "where": "Crimea", "source": "v"}


@pytest.mark.parametrize("perspective", PERSPECTIVES)
def test_forces_within_the_conditions_are_covered_by_the_agreement(perspective: str) -> None:
    assert _basing_result(_basing([COORDINATED]), perspective) == ("survives", False, False, [])


@pytest.mark.parametrize("perspective", PERSPECTIVES)
def test_forces_against_the_conditions_raise_art_3e(perspective: str) -> None:
    """One fact changed: the movement was not co-ordinated with Ukraine. Force within the terms but against the
    conditions (GA Res 3314 Art 3(e)): every bundled perspective rejects the reading that the agreement covers it."""
    case = _basing([UNCOORDINATED])
    assert _basing_result(case, perspective) == ("defeated", True, False, [])
    _, j = _claim(case, perspective, "russia-basing-agreement")
    assert j.contested_points == ["force within a stationing agreement's terms but against its conditions"]


@pytest.mark.parametrize("perspective", PERSPECTIVES)
def test_forces_above_the_ceiling_are_outside_the_agreement(perspective: str) -> None:
    reinforcement = {"what": "reinforcement", "date": "2014-02-28", "personnel": 30000, "source": "v"}
    within = {**reinforcement, "personnel": 25000}
    assert _basing_result(_basing([within, COORDINATED]), perspective)[0] == "survives"
    assert _basing_result(_basing([reinforcement, COORDINATED]), perspective) == ("defeated", True, False, ["scope"])


@pytest.mark.parametrize("perspective", PERSPECTIVES)
def test_control_of_territory_is_occupation_outside_the_agreement(perspective: str) -> None:
    """One fact added: the forces exercised authority over the peninsula from 1 March. That is occupation (Hague
    Regulations Art 42), which the stationing of a fleet does not cover, and which is coercive interference."""
    status, force, intervention, failing = _basing_result(_basing([COORDINATED, CONTROL]), perspective)
    assert (status, force, intervention) == ("defeated", True, True)
    assert "scope" in failing


def test_the_report_dates_the_occupation() -> None:
    """The bundled record: control from 27 February 2014 (ECtHR, 2020); the report gives the date it derives."""
    act = evaluate(str(CASES / "crimea-2014.yaml")).act(ACT)
    j = next(x for x in act.justifications if x.id == "russia-basing-agreement")
    scope = next(e for e in j.elements if e.element == "scope")
    texts = {r.rule: r.text for r in scope.reasons}
    assert "from 27 February 2014" in texts["stationing_does_not_cover_occupation"]


def test_an_agreement_that_expired_does_not_cover_the_forces() -> None:
    case = _basing([COORDINATED])
    _item(case, "consents", "black-sea-fleet-basing")["stationing"]["ends"] = "2014-01-01"
    assert _basing_result(case, "orthodox") == ("defeated", True, False, ["scope"])


# -- `authority` is a qualification: check --case warns without author and source -------------------------------


@pytest.mark.slow
def test_check_warns_on_a_consent_authority_without_author(tmp_path: Path) -> None:
    from normengine.authoring.check import check_ruleset

    case = _crimea()
    letter = _item(case, "consents", "yanukovych-letter")
    letter.pop("given_by")
    letter["authority"] = "former_government"
    bare = tmp_path / "bare.yaml"
    bare.write_text(yaml.safe_dump(case, sort_keys=False), encoding="utf-8")
    found = [f for f in check_ruleset(None, cases=[str(bare)]).findings if f.code == "case-qualification"]
    assert (
        len(found) == 1 and "'yanukovych-letter'" in found[0].message and "no author and no source" in found[0].message
    )

    letter["authority"] = {"value": "former_government", "author": "UN General Assembly", "source": "[unga-res-68-262]"}
    authored = tmp_path / "authored.yaml"
    authored.write_text(yaml.safe_dump(case, sort_keys=False), encoding="utf-8")
    assert not [f for f in check_ruleset(None, cases=[str(authored)]).findings if f.code == "case-qualification"]
    # read only without `given_by`: here it decides, as the earlier format did
    _, j = _claim(yaml.safe_load(authored.read_text(encoding="utf-8")), "orthodox", "russia-invitation")
    assert str(j.status) == "defeated"


# -- a disputed record of control: the report says the verdict rests on it ------------------------------------------


@pytest.mark.parametrize("perspective", PERSPECTIVES)
def test_a_disputed_record_of_control_is_reported_as_what_the_verdict_rests_on(perspective: str) -> None:
    """Variant: whether he still held Kyiv is disputed (a reading where he did). The claimant bears the burden of
    the facts (Oil Platforms §57): the consent is defeated on the burden, and the report names the disputed fact."""

    def disputed(case: Case) -> None:
        _item(case, "governing_authorities", "yanukovych")["contested"] = {
            "source": "variant",
            "alternatives": [{"control": [{"area": "capital", "from": "2010-02-25", "source": "variant"}]}],
        }

    _, j = _claim(_invitation_only(disputed), perspective, "russia-invitation")
    authority = next(e for e in j.elements if e.element == "authority")
    assert str(j.status) == "defeated"
    assert authority.on_burden and authority.depends_on == ["yanukovych"]
