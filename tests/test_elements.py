"""Every justification and each of its elements, turned on and off.

Each test starts from a small inline case in which the justification
survives, changes one fact so that one element fails, and checks that the
justification's status changes and that the report names the failing
element. The cases are synthetic on purpose: they isolate one element each.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from normengine import evaluate
from normengine.report import JustificationReport, Report

from .conftest import report_of

Case = dict[str, Any]
STATES = [{"id": x, "name": x.upper(), "kind": "state"} for x in ("a", "b", "c")]
P5 = {"id": "p5", "name": "P5", "kind": "state", "permanent_member": True}


def run(case: Case, perspective: str | None = None, rules: Path | None = None) -> Report:
    # Without explanation trees, which these tests never read (the reasons are in the report either way).
    if rules is None:
        return report_of(case, perspective, explanations=False)
    return evaluate(copy.deepcopy(case), rules=rules, perspective=perspective, explanations=False)


def claim(report: Report, act: str, claim_id: str) -> JustificationReport:
    return next(j for j in report.act(act).justifications if j.id == claim_id)


def failing(j: JustificationReport) -> set[str]:
    return {e.element for e in j.elements if not e.holds}


def with_change(base: Case, change: Callable[[Case], object]) -> Case:
    """A copy of ``base`` with ``change`` applied to it (what ``change`` returns is ignored)."""
    case = copy.deepcopy(base)
    change(case)
    return case


# --------------------------------------------------------------------------
# Self-defence


SELF_DEFENCE: Case = {
    "id": "sd",
    "title": "self-defence",
    "date": "2000-01-10",
    "parties": [*STATES, P5, {"id": "g", "name": "G", "kind": "armed_group", "territory_of": "b"}],
    "armed_attacks": [
        {"id": "attack", "by": "b", "against": "a", "date": "2000-01-01", "form": "direct", "gravity": "grave"}
    ],
    "reports": [{"id": "report", "by": "a", "acts": ["strike"], "date": "2000-01-10"}],
    "acts": [{"id": "strike", "type": "air_strikes", "actors": ["a"], "target": "b", "start": "2000-01-10"}],
    "justifications": [
        {
            "id": "sd",
            "act": "strike",
            "type": "self_defence",
            "claimed_by": ["a"],
            "responds_to": ["attack"],
            "assessments": [{"element": "necessity", "holds": True}, {"element": "proportionality", "holds": True}],
        }
    ],
}


def test_self_defence_survives_with_every_element() -> None:
    report = run(SELF_DEFENCE)
    j = claim(report, "strike", "sd")
    assert j.status == "survives" and not failing(j)
    assert report.act("strike").verdict == "lawful"


def _attack(case: Case, **changes: Any) -> Case:
    case["armed_attacks"][0].update(changes)
    return case


def _assessment(element: str, holds: bool | None) -> Callable[[Case], None]:
    def change(case: Case) -> None:
        rows = case["justifications"][0]["assessments"]
        case["justifications"][0]["assessments"] = [r for r in rows if r["element"] != element]
        if holds is not None:
            case["justifications"][0]["assessments"].append({"element": element, "holds": holds})

    return change


@pytest.mark.parametrize(
    ("change", "element"),
    [
        (lambda c: c["justifications"][0].update(responds_to=[]), "armed_attack"),
        (lambda c: _attack(c, gravity="minor"), "gravity"),
        (lambda c: _attack(c, form="assistance"), "gravity"),
        (lambda c: _attack(c, status="threatened"), "attack_occurred"),
        (lambda c: _attack(c, by="c"), "attribution"),
        (lambda c: _attack(c, authorship_proven=False), "attribution"),
        (_assessment("necessity", False), "necessity"),
        (_assessment("necessity", None), "necessity"),
        (_assessment("proportionality", False), "proportionality"),
        (
            lambda c: c.update(
                resolutions=[
                    {
                        "id": "r",
                        "organ": "security_council",
                        "date": "2000-01-05",
                        "chapter_vii": True,
                        "votes": {"for": 15},
                        "measures_necessary": {"holds": True, "author": "variant", "source": "variant"},
                    }
                ]
            ),
            "council_measures",
        ),
    ],
    ids=[
        "no-attack",
        "minor",
        "assistance",
        "pre-emptive",
        "wrong-state",
        "authorship-unproven",
        "necessity-fails",
        "necessity-unshown",
        "proportionality",
        "council-acted",
    ],
)
def test_self_defence_element_failure_defeats_it(change: Callable[[Case], None], element: str) -> None:
    j = claim(run(with_change(SELF_DEFENCE, change)), "strike", "sd")
    assert j.status == "defeated"
    assert element in failing(j)


def test_anticipatory_self_defence_is_contested_on_the_orthodox_view() -> None:
    report = run(with_change(SELF_DEFENCE, lambda c: _attack(c, status="imminent")))
    j = claim(report, "strike", "sd")
    assert j.status == "contested" and not failing(j)
    assert j.contested_points == ["anticipatory self-defence against an imminent attack"]
    assert report.act("strike").verdict == "contested"
    sovereigntist = claim(
        run(with_change(SELF_DEFENCE, lambda c: _attack(c, status="imminent")), "sovereigntist"), "strike", "sd"
    )
    assert sovereigntist.status == "defeated"


def test_self_defence_against_a_non_state_actor_is_contested() -> None:
    case = with_change(
        SELF_DEFENCE, lambda c: (_attack(c, by="g", form="non_state"), c["acts"][0].update(directed_at="g"))
    )
    j = claim(run(case), "strike", "sd")
    assert j.status == "contested"
    assert "self-defence against non-state actors on another state's territory" in j.contested_points
    assert claim(run(case, "sovereigntist"), "strike", "sd").status == "defeated"


def test_an_unreported_self_defence_weighs_against_but_does_not_defeat() -> None:
    j = claim(run(with_change(SELF_DEFENCE, lambda c: c.update(reports=[]))), "strike", "sd")
    assert j.status == "survives"
    assert any(r.kind == "remark" and "not reported" in r.text for r in j.reasons)


# --------------------------------------------------------------------------
# Collective self-defence


COLLECTIVE: Case = {
    "id": "csd",
    "title": "collective self-defence",
    "date": "2000-01-10",
    "parties": [*STATES, {"id": "e", "name": "E", "kind": "entity"}],
    "armed_attacks": [
        {"id": "attack", "by": "b", "against": "c", "date": "2000-01-01", "declared_by_victim": True},
    ],
    "requests": [{"id": "request", "by": "c", "to": ["a"], "attack": "attack", "date": "2000-01-02"}],
    "acts": [{"id": "strike", "type": "air_strikes", "actors": ["a"], "target": "b", "start": "2000-01-10"}],
    "justifications": [
        {
            "id": "csd",
            "act": "strike",
            "type": "collective_self_defence",
            "claimed_by": ["a"],
            "on_behalf_of": "c",
            "responds_to": ["attack"],
            "assessments": [{"element": "necessity", "holds": True}, {"element": "proportionality", "holds": True}],
        }
    ],
}


def test_collective_self_defence_survives_with_every_element() -> None:
    assert claim(run(COLLECTIVE), "strike", "csd").status == "survives"


@pytest.mark.parametrize(
    ("change", "element"),
    [
        (lambda c: _attack(c, declared_by_victim=False), "declaration"),
        (lambda c: c.update(requests=[]), "request"),
        (lambda c: c["requests"][0].update(date="2000-02-01"), "request"),
        (lambda c: c["requests"][0].update(to=["b"]), "request"),
        (lambda c: (c["justifications"][0].update(on_behalf_of="e"), _attack(c, against="e")), "victim_state"),
    ],
    ids=["no-declaration", "no-request", "late-request", "request-to-another", "victim-not-a-state"],
)
def test_collective_self_defence_element_failure_defeats_it(change: Callable[[Case], None], element: str) -> None:
    j = claim(run(with_change(COLLECTIVE, change)), "strike", "csd")
    assert j.status == "defeated"
    assert element in failing(j)


def test_an_alliance_acts_only_as_collective_self_defence() -> None:
    def alliance(c: Case) -> Case:
        c["parties"].append(
            {"id": "pact", "name": "Pact", "kind": "organisation", "organisation_type": "alliance", "members": ["a"]}
        )
        c["acts"][0]["actors"] = ["pact"]
        c["requests"][0]["to"] = ["pact"]
        return c

    j = claim(run(with_change(COLLECTIVE, alliance)), "strike", "csd")
    assert j.status == "survives"
    assert any(r.kind == "remark" and "alliance" in r.text for r in j.reasons)
    no_attack = with_change(COLLECTIVE, lambda c: (alliance(c), c.update(armed_attacks=[], requests=[])))
    no_attack["justifications"][0]["responds_to"] = []
    report = run(no_attack)
    assert claim(report, "strike", "csd").status == "defeated"
    assert "non_use_of_force" in report.act("strike").violations


# --------------------------------------------------------------------------
# Security Council authorisation


AUTHORISED: Case = {
    "id": "ca",
    "title": "council authorisation",
    "date": "2000-01-10",
    "parties": [*STATES, P5],
    "resolutions": [
        {
            "id": "res",
            "organ": "security_council",
            "number": "1 (2000)",
            "date": "2000-01-05",
            "chapter_vii": True,
            "votes": {"for": 14, "abstentions": 1},
            "abstentions_by": ["p5"],
            "determinations": ["threat_to_the_peace"],
            "authorisations": [
                {"all_member_states": True, "force": True, "purposes": ["protect"], "area": ["b"], "excludes": []}
            ],
        }
    ],
    "acts": [
        {
            "id": "strike",
            "type": "air_strikes",
            "actors": ["a"],
            "target": "b",
            "start": "2000-01-10",
            "purposes": ["protect"],
        }
    ],
    "justifications": [
        {"id": "ca", "act": "strike", "type": "council_authorisation", "claimed_by": ["a"], "resolutions": ["res"]}
    ],
}


def _res(case: Case, **changes: Any) -> None:
    case["resolutions"][0].update(changes)


def _auth(case: Case, **changes: Any) -> Case:
    case["resolutions"][0]["authorisations"][0].update(changes)
    return case


def test_council_authorisation_survives_and_an_abstention_is_no_veto() -> None:
    j = claim(run(AUTHORISED), "strike", "ca")
    assert j.status == "survives" and not failing(j)
    assert any("abstention is not a veto" in r.text for r in j.reasons)


@pytest.mark.parametrize(
    ("change", "element"),
    [
        (lambda c: _res(c, negative_votes_by=["p5"], abstentions_by=[]), "adopted"),
        (lambda c: _res(c, votes={"for": 8, "against": 0, "abstentions": 7}), "adopted"),
        (lambda c: _res(c, determinations=[]), "determination"),
        (lambda c: _res(c, chapter_vii=False), "chapter_vii"),
        (lambda c: _auth(c, force=False), "authorisation_of_force"),
        (lambda c: _auth(c, all_member_states=False, addressees=["c"]), "addressees"),
        (lambda c: _auth(c, area=["c"]), "area"),
        (lambda c: _auth(c, **{"from": "2000-02-01"}), "time"),
        (lambda c: (_auth(c, until="2000-01-09"), c["acts"][0].update(end="2000-01-20")), "time"),
        (lambda c: _auth(c, excludes=["air_strikes"]), "express_limits"),
        (lambda c: c["acts"][0].update(purposes=["regime_change"]), "purpose"),
    ],
    ids=[
        "veto",
        "eight-votes",
        "no-determination",
        "not-chapter-vii",
        "no-force",
        "other-addressee",
        "outside-area",
        "too-early",
        "too-late",
        "excluded-type",
        "beyond-purpose",
    ],
)
def test_council_authorisation_element_failure_defeats_it(change: Callable[[Case], None], element: str) -> None:
    report = run(with_change(AUTHORISED, change))
    j = claim(report, "strike", "ca")
    assert j.status == "defeated"
    assert element in failing(j)
    assert report.act("strike").verdict == "unlawful"


def test_a_resolution_that_only_recognises_self_defence_authorises_nothing() -> None:
    def preamble_only(c: Case) -> None:
        _res(c, authorisations=[], operative=[{"verb": "recognises_self_defence", "paragraph": "preamble"}])

    j = claim(run(with_change(AUTHORISED, preamble_only)), "strike", "ca")
    assert j.status == "defeated" and "authorisation_of_force" in failing(j)
    assert any("authorises nothing" in r.text for r in j.reasons)


def test_ex_post_endorsement_is_contested() -> None:
    def endorse(c: Case) -> None:
        _res(c, date="2000-03-01", authorisations=[], operative=[{"verb": "commends", "acts": ["strike"]}])

    j = claim(run(with_change(AUTHORISED, endorse)), "strike", "ca")
    assert j.status == "contested"
    assert j.contested_points == ["Security Council endorsement after the event"]


def test_implied_authorisation_is_rejected_on_the_orthodox_view() -> None:
    def implied(c: Case) -> None:
        _res(c, authorisations=[])
        c["justifications"][0]["type"] = "implied_authorisation"

    case = with_change(AUTHORISED, implied)
    assert claim(run(case), "strike", "ca").status == "defeated"
    assert claim(run(case, "sovereigntist"), "strike", "ca").status == "defeated"
    # the humanitarian perspective accepts force in support of the Council's purposes (HL Deb 17 December 1998)
    assert claim(run(case, "humanitarian"), "strike", "ca").status == "survives"
    j = claim(run(with_change(case, lambda c: _res(c, negative_votes_by=["p5"], abstentions_by=[]))), "strike", "ca")
    assert "resolutions_adopted" in failing(j)


def test_regional_enforcement_needs_council_authorisation() -> None:
    def regional(c: Case) -> None:
        c["parties"].append(
            {"id": "ro", "name": "RO", "kind": "organisation", "organisation_type": "regional", "members": ["a"]}
        )
        c["acts"][0]["actors"] = ["ro"]
        c["justifications"][0]["type"] = "regional_enforcement"

    case = with_change(AUTHORISED, regional)
    assert claim(run(case), "strike", "ca").status == "survives"
    unauthorised = with_change(case, lambda c: _auth(c, force=False))
    j = claim(run(unauthorised), "strike", "ca")
    assert j.status == "defeated" and "council_authorisation" in failing(j)
    not_regional = with_change(case, lambda c: c["parties"][-1].update(organisation_type="coalition"))
    assert "regional_arrangement" in failing(claim(run(not_regional), "strike", "ca"))


# --------------------------------------------------------------------------
# Consent


CONSENT: Case = {
    "id": "consent",
    "title": "consent",
    "date": "2000-01-10",
    "parties": STATES,
    "consents": [{"id": "k", "by": "b", "to": ["a"], "given": "2000-01-01"}],
    "acts": [
        {
            "id": "troops",
            "type": "deployment",
            "actors": ["a"],
            "territory": "b",
            "start": "2000-01-10",
            "end": "2000-06-30",
        }
    ],
    "justifications": [{"id": "consent", "act": "troops", "type": "consent", "claimed_by": ["a"], "consents": ["k"]}],
}


def _consent(case: Case, **changes: Any) -> None:
    case["consents"][0].update(changes)


def test_consent_survives_with_every_element() -> None:
    report = run(CONSENT)
    assert claim(report, "troops", "consent").status == "survives"
    assert report.act("troops").verdict == "lawful"


@pytest.mark.parametrize(
    ("change", "element"),
    [
        (lambda c: _consent(c, by="c"), "consent_given"),
        (lambda c: _consent(c, given="2000-02-01"), "prior"),
        (lambda c: _consent(c, withdrawn="2000-03-01"), "not_withdrawn"),
        (lambda c: _consent(c, freely_given=False), "freely_given"),
        (lambda c: _consent(c, act_types=["ground_operations"]), "scope"),
    ],
    ids=["wrong-state", "too-late", "withdrawn", "coerced", "out-of-scope"],
)
def test_consent_element_failure_defeats_it(change: Callable[[Case], None], element: str) -> None:
    report = run(with_change(CONSENT, change))
    j = claim(report, "troops", "consent")
    assert j.status == "defeated" and element in failing(j)
    assert report.act("troops").verdict == "unlawful"


def test_consent_of_a_rival_authority_is_contested() -> None:
    j = claim(run(with_change(CONSENT, lambda c: _consent(c, authority="rival_authority"))), "troops", "consent")
    assert j.status == "contested"
    assert j.contested_points == ["consent by a government without control or a rival authority"]


def test_consent_in_advance_by_treaty_is_contested() -> None:
    j = claim(run(with_change(CONSENT, lambda c: _consent(c, in_advance_by_treaty=True))), "troops", "consent")
    assert j.status == "contested"
    assert j.contested_points == ["intervention on consent given in advance by treaty"]


# --------------------------------------------------------------------------
# Humanitarian intervention, responsibility to protect, protection of nationals


HUMANITARIAN: Case = {
    "id": "hi",
    "title": "humanitarian intervention",
    "date": "2000-01-10",
    "parties": [*STATES, {"id": "people", "name": "a people", "kind": "people", "territory_of": "b"}],
    "acts": [
        {
            "id": "atrocities",
            "type": "mass_atrocities",
            "actors": ["b"],
            "target": "people",
            "territory": "b",
            "start": "1999-06-01",
            "crimes": ["crimes_against_humanity"],
            "scale": "large",
            "evidence_generally_accepted": True,
        },
        {"id": "strike", "type": "air_strikes", "actors": ["a"], "target": "b", "start": "2000-01-10"},
    ],
    "justifications": [
        {
            "id": "hi",
            "act": "strike",
            "type": "humanitarian_intervention",
            "claimed_by": ["a"],
            "responds_to": ["atrocities"],
            "assessments": [
                {"element": e, "holds": True}
                for e in ("no_practicable_alternative", "necessity", "proportionality", "limited_in_time_and_scope")
            ],
        }
    ],
}


def test_humanitarian_intervention_depends_on_the_perspective() -> None:
    assert claim(run(HUMANITARIAN), "strike", "hi").status == "defeated"
    assert claim(run(HUMANITARIAN, "sovereigntist"), "strike", "hi").status == "defeated"
    report = run(HUMANITARIAN, "humanitarian")
    assert claim(report, "strike", "hi").status == "survives"
    assert report.act("strike").verdict == "lawful"


@pytest.mark.parametrize(
    ("change", "element"),
    [
        (lambda c: c["justifications"][0].update(responds_to=[]), "atrocities"),
        (lambda c: c["acts"][1].update(start="1999-05-01"), "atrocities"),
        (lambda c: c["acts"][0].update(scale="limited"), "extreme_distress"),
        (lambda c: c["acts"][0].update(evidence_generally_accepted=False), "extreme_distress"),
        (_assessment("no_practicable_alternative", False), "no_practicable_alternative"),
        (_assessment("necessity", False), "necessity"),
        (_assessment("proportionality", None), "proportionality"),
        (_assessment("limited_in_time_and_scope", False), "limited_in_time_and_scope"),
    ],
    ids=[
        "no-atrocities",
        "atrocities-began-after-the-strike",
        "limited-scale",
        "evidence-disputed",
        "alternative",
        "necessity",
        "proportionality",
        "unlimited",
    ],
)
def test_humanitarian_condition_failure_defeats_it(change: Callable[[Case], None], element: str) -> None:
    report = run(with_change(HUMANITARIAN, change), "humanitarian")
    j = claim(report, "strike", "hi")
    assert j.status == "defeated" and element in failing(j)
    assert report.act("strike").verdict == "unlawful"


R2P: Case = with_change(
    HUMANITARIAN,
    lambda c: (
        c.update(
            date="2011-03-19",
            resolutions=[
                {
                    "id": "res",
                    "organ": "security_council",
                    "date": "2011-03-17",
                    "chapter_vii": True,
                    "votes": {"for": 10},
                    "determinations": ["threat_to_the_peace"],
                    "authorisations": [{"all_member_states": True, "force": True, "area": ["b"]}],
                }
            ],
        ),
        c["acts"][1].update(start="2011-03-19"),
        c["justifications"][0].update(type="responsibility_to_protect", assessments=[], resolutions=["res"]),
    ),
)


def test_responsibility_to_protect_through_the_council_survives() -> None:
    report = run(R2P)
    j = claim(report, "strike", "hi")
    assert j.status == "survives" and not failing(j)
    conflict = next(c for c in report.conflicts if c.against_principle == "non_use_of_force")
    assert conflict.settled_by == "chapter_vii" and conflict.prevails == "human_rights"


def test_the_law_of_the_time_responsibility_to_protect_applies_in_2011_not_in_1999() -> None:
    in_1999 = with_change(
        R2P,
        lambda c: (
            c.update(date="1999-03-24"),
            c["acts"][0].update(start="1998-06-01"),  # the atrocities under way before the strike, as in 2011
            c["acts"][1].update(start="1999-03-24"),
            c["resolutions"][0].update(date="1999-03-20"),
        ),
    )
    j = claim(run(in_1999), "strike", "hi")
    assert j.status == "defeated"
    assert failing(j) == {"recognised_at_the_time"}
    assert any("before the responsibility to protect was recognised" in r.text for r in j.reasons)


@pytest.mark.parametrize(
    ("change", "element"),
    [
        (lambda c: c["resolutions"][0]["authorisations"][0].update(force=False), "through_the_council"),
        (lambda c: c["justifications"][0].update(responds_to=[]), "atrocities"),
    ],
    ids=["no-council", "no-atrocities"],
)
def test_responsibility_to_protect_element_failure(change: Callable[[Case], None], element: str) -> None:
    j = claim(run(with_change(R2P, change)), "strike", "hi")
    assert j.status == "defeated" and element in failing(j)


NATIONALS: Case = {
    "id": "pon",
    "title": "protection of nationals",
    "date": "2000-01-10",
    "parties": STATES,
    "acts": [{"id": "rescue", "type": "ground_operations", "actors": ["a"], "territory": "b", "start": "2000-01-10"}],
    "justifications": [
        {
            "id": "pon",
            "act": "rescue",
            "type": "protection_of_nationals",
            "claimed_by": ["a"],
            "assessments": [
                {"element": e, "holds": True}
                for e in (
                    "nationals_in_imminent_danger",
                    "territorial_state_unwilling_or_unable",
                    "necessity",
                    "proportionality",
                )
            ],
        }
    ],
}


def test_protection_of_nationals_is_rejected_but_a_perspective_can_admit_it(tmp_path: Path) -> None:
    assert claim(run(NATIONALS), "rescue", "pon").status == "defeated"
    (tmp_path / "ruleset.toml").write_text(
        'name = "nationals"\nbuilds_on = ["builtin"]\n[perspectives]\nnationals = "nationals.lp"\n'
    )
    orthodox = (Path(__file__).parent.parent / "rules" / "perspectives" / "orthodox.lp").read_text()
    (tmp_path / "nationals.lp").write_text(
        orthodox.replace(
            "position(protection_of_nationals, reject).", "position(protection_of_nationals, accept)."
        ).replace("perspective(orthodox,", "perspective(nationals,")
    )
    assert claim(run(NATIONALS, "nationals", tmp_path), "rescue", "pon").status == "survives"
    danger = with_change(NATIONALS, _assessment("nationals_in_imminent_danger", False))
    j = claim(run(danger, "nationals", tmp_path), "rescue", "pon")
    assert j.status == "defeated" and "nationals_in_imminent_danger" in failing(j)


# --------------------------------------------------------------------------
# Support for self-determination, countermeasures, necessity, peace operations


SELF_DETERMINATION: Case = {
    "id": "sfsd",
    "title": "support for self-determination",
    "date": "2000-01-10",
    "parties": [
        *STATES,
        {"id": "people", "name": "a people", "kind": "people", "territory_of": "b", "situation": "colonial"},
    ],
    "acts": [{"id": "funding", "type": "funding_armed_groups", "actors": ["a"], "target": "b", "start": "2000-01-10"}],
    "justifications": [
        {
            "id": "sfsd",
            "act": "funding",
            "type": "support_for_self_determination",
            "claimed_by": ["a"],
            "on_behalf_of": "people",
        }
    ],
}


def test_support_for_self_determination_is_an_unsettled_dilemma() -> None:
    report = run(SELF_DETERMINATION)
    j = claim(report, "funding", "sfsd")
    assert j.status == "contested"
    conflict = report.conflicts[0]
    assert conflict.principles == ["non_intervention", "self_determination"]
    assert conflict.settled_by is None and conflict.prevails is None
    assert report.act("funding").verdict == "contested"


def test_support_for_rebels_who_are_not_a_people_denied_self_determination_is_defeated() -> None:
    case = with_change(SELF_DETERMINATION, lambda c: c["parties"][-1].pop("situation"))
    j = claim(run(case), "funding", "sfsd")
    assert j.status == "defeated" and failing(j) == {"people_entitled"}


def test_armed_support_for_self_determination_is_rejected_on_the_orthodox_view() -> None:
    """Issue 11 point 13: GA Res 2625 first principle; Nicaragua §206-209; other perspectives differ."""
    case = with_change(SELF_DETERMINATION, lambda c: c["acts"][0].update(type="arming_armed_groups"))
    j = claim(run(case), "funding", "sfsd")
    assert j.status == "defeated"
    assert "armed support by a third state for self-determination" in j.contested_points
    assert claim(run(case, "humanitarian"), "funding", "sfsd").status == "contested"


COUNTERMEASURES: Case = {
    "id": "cm",
    "title": "countermeasures",
    "date": "2000-01-10",
    "parties": STATES,
    "acts": [{"id": "sweep", "type": "economic_measures", "actors": ["a"], "target": "b", "start": "2000-01-10"}],
    "justifications": [
        {
            "id": "cm",
            "act": "sweep",
            "type": "countermeasures",
            "claimed_by": ["a"],
            "assessments": [
                {"element": "prior_wrongful_act", "holds": True},
                {"element": "proportionality", "holds": True},
            ],
        }
    ],
}


def test_countermeasures_survive_only_when_not_forcible() -> None:
    assert claim(run(COUNTERMEASURES), "sweep", "cm").status == "survives"
    forcible = with_change(COUNTERMEASURES, lambda c: c["acts"][0].update(type="air_strikes"))
    j = claim(run(forcible), "sweep", "cm")
    assert j.status == "defeated" and "non_forcible" in failing(j)
    # Self-help by armed forces in another state's waters is not a countermeasure (Corfu Channel p. 35).
    naval = with_change(COUNTERMEASURES, lambda c: c["acts"][0].update(type="maritime_operations", territory="b"))
    j = claim(run(naval), "sweep", "cm")
    assert j.status == "defeated" and "non_forcible" in failing(j)
    assert any("self-help cannot justify" in r.text for r in j.reasons)
    no_wrong = with_change(COUNTERMEASURES, _assessment("prior_wrongful_act", False))
    assert "prior_wrongful_act" in failing(claim(run(no_wrong), "sweep", "cm"))


def test_necessity_never_excuses_the_breach_of_a_peremptory_norm() -> None:
    case = with_change(
        COUNTERMEASURES,
        lambda c: c["justifications"][0].update(
            type="necessity",
            assessments=[
                {"element": "grave_and_imminent_peril", "holds": True},
                {"element": "only_means", "holds": True},
            ],
        ),
    )
    assert claim(run(case), "sweep", "cm").status == "survives"
    # Issue 11, point 3: necessity never answers force (ARSIWA Art 25 commentary para 21, Art 26).
    aggression = with_change(case, lambda c: c["acts"][0].update(type="bombardment"))
    j = claim(run(aggression), "sweep", "cm")
    assert j.status == "defeated" and "not_force" in failing(j)
    assert "only_means" in failing(claim(run(with_change(case, _assessment("only_means", False))), "sweep", "cm"))


def test_a_peace_operation_may_defend_itself() -> None:
    case: Case = {
        "id": "pko",
        "title": "peace operation",
        "date": "2000-01-10",
        "parties": [
            *STATES,
            {"id": "mission", "name": "Mission", "kind": "organisation", "organisation_type": "peace_operation"},
            {"id": "g", "name": "G", "kind": "armed_group", "territory_of": "b"},
        ],
        "armed_attacks": [{"id": "ambush", "by": "g", "against": "mission", "date": "2000-01-09", "gravity": "minor"}],
        "acts": [
            {
                "id": "fire",
                "type": "ground_operations",
                "actors": ["mission"],
                "territory": "b",
                "directed_at": "g",
                "start": "2000-01-10",
            }
        ],
        "justifications": [
            {
                "id": "pko",
                "act": "fire",
                "type": "peace_operation_self_defence",
                "claimed_by": ["mission"],
                "responds_to": ["ambush"],
                "assessments": [{"element": "necessity", "holds": True}, {"element": "proportionality", "holds": True}],
            }
        ],
    }
    assert claim(run(case), "fire", "pko").status == "survives"
    j = claim(run(with_change(case, lambda c: c["justifications"][0].update(responds_to=[]))), "fire", "pko")
    assert j.status == "defeated" and failing(j) == {"attack_on_the_operation"}
    state_force = with_change(case, lambda c: c["acts"][0].update(actors=["a"]))
    assert "peace_operation" in failing(claim(run(state_force), "fire", "pko"))


# --------------------------------------------------------------------------
# Bases of priority: Article 103, lex posterior, lex specialis, peremptory norms


TREATIES: Case = {
    "id": "treaty",
    "title": "conflicting obligations",
    "date": "2000-01-10",
    "parties": STATES,
    "resolutions": [
        {
            "id": "res",
            "organ": "security_council",
            "date": "1999-12-01",
            "chapter_vii": True,
            "votes": {"for": 15},
            "binding": True,
            "obligations": [{"addressee": "a"}],
        }
    ],
    "commitments": [
        {
            "id": "convention",
            "instrument": "A Convention",
            "date": "1990-01-01",
            "bound": ["a", "c"],
            "subject": "extradition",
        }
    ],
    "acts": [{"id": "refusal", "type": "non_compliance", "actors": ["a"], "resolution": "res", "start": "2000-01-10"}],
    "justifications": [
        {
            "id": "treaty",
            "act": "refusal",
            "type": "treaty_obligation",
            "claimed_by": ["a"],
            "commitments": ["convention"],
        }
    ],
}


def test_article_103_makes_a_council_decision_prevail_over_a_treaty() -> None:
    report = run(TREATIES)
    j = claim(report, "refusal", "treaty")
    assert j.status == "defeated" and not failing(j)
    assert {c.settled_by for c in report.conflicts} == {"art_103"}
    assert any("basis: Article 103" in r.text for r in j.reasons)
    assert report.act("refusal").verdict == "unlawful"


def _treaty_against_treaty(case: Case) -> None:
    case["commitments"].append(
        {
            "id": "pact",
            "instrument": "A Pact",
            "date": "1995-01-01",
            "bound": ["a"],
            "beneficiaries": ["b"],
            "covers": ["territorial_integrity"],
            "subject": "extradition",
        }
    )
    case["acts"][0] = {
        "id": "refusal",
        "type": "maritime_operations",
        "actors": ["a"],
        "territory": "b",
        "start": "2000-01-10",
    }
    case["resolutions"] = []


def test_lex_posterior_and_lex_specialis_between_treaties() -> None:
    base = with_change(TREATIES, _treaty_against_treaty)
    base["acts"][0]["type"] = "mining"  # a use of force, so the pact's good-faith commitment is engaged
    conflicts = {c.against_principle: c for c in run(base).conflicts}
    # The pact (1995) is later than the convention (1990) on the same matter: the pact prevails.
    assert (conflicts["good_faith"].settled_by, conflicts["good_faith"].side) == ("lex_posterior", "against")
    # The Charter's Art 2(4) prevails over the convention by Article 103.
    assert (conflicts["non_use_of_force"].settled_by, conflicts["non_use_of_force"].side) == ("art_103", "against")
    later = with_change(base, lambda c: c["commitments"][0].update(date="1998-01-01"))
    assert {c.against_principle: c for c in run(later).conflicts}["good_faith"].side == "for"
    special = with_change(
        base, lambda c: c["commitments"][1].update(subject="borders", more_specific_than=["convention"])
    )
    found = {c.against_principle: c for c in run(special).conflicts}["good_faith"]
    assert (found.settled_by, found.side) == ("lex_specialis", "against")
    # Two treaties on different matters, neither more specific: no basis settles it, an unsettled dilemma.
    plain = with_change(special, lambda c: c["commitments"][1].update(more_specific_than=[]))
    dilemma = {c.against_principle: c for c in run(plain).conflicts}["good_faith"]
    assert (dilemma.settled_by, dilemma.side) == (None, None)
    assert dilemma.reasons[0].kind == "dilemma"


def test_the_charter_prevails_over_a_treaty_obligation_to_invade() -> None:
    # Issue 11, point 5: the prohibition of aggression is not attached to the act type as a basis of priority
    # (GA Res 3314 Art 2, 6); Article 103 settles the conflict with a treaty.
    case = with_change(TREATIES, _treaty_against_treaty)
    case["acts"][0]["type"] = "invasion"
    report = run(case)
    force = next(c for c in report.conflicts if c.against_principle == "non_use_of_force")
    assert force.settled_by == "art_103" and force.prevails == "non_use_of_force"
    assert claim(report, "refusal", "treaty").status == "defeated"
