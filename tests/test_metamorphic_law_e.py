"""Metamorphic tests of the law defects the second encoders of five episodes found (helper lawe).

Each test changes one fact of a small case or of a fixture and checks that the verdict or status moves as the
law says, and only then: the time of day at which an authority took office, a consent given under the
beneficiary's force, regional action with and without the territorial state's consent, and the title of an
adopted resolution without a number. Every assertion is on the engine's report for a real input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from normengine.case import Case as CaseModel
from normengine.report import JustificationReport, Report
from normengine.words import Words

from .metamorphic_helpers import PERSPECTIVES, Case, claim, run, second, variant

ROOT = Path(__file__).resolve().parent.parent
STATES = [{"id": x, "name": x.upper(), "kind": "state"} for x in ("a", "b")]
INSTALLED = "consent by an authority that came to power under the forces it invited"


def failing(j: JustificationReport) -> set[str]:
    return {e.element for e in j.elements if not e.holds}


# --- 1. the order of an authority's taking office and the forces' arrival on one day --------------------------


def _invited(took_office: str, landing: str) -> Case:
    return {
        "id": "same-day",
        "title": "an authority formed on the day the forces landed",
        "date": "2020-01-01",
        "parties": STATES,
        "governing_authorities": [
            {
                "id": "council",
                "of": "a",
                "office": "government",
                "took_office": took_office,
                "control": [{"area": "capital", "from": "2020-01-01"}],
            }
        ],
        "consents": [{"id": "request", "by": "a", "to": ["b"], "given": "2020-01-01", "given_by": "council"}],
        "acts": [
            {
                "id": "landing",
                "type": "ground_operations",
                "actors": ["b"],
                "target": "a",
                "start": landing,
                "end": "2020-01-03",
            }
        ],
        "justifications": [{"id": "invitation", "act": "landing", "type": "consent", "claimed_by": ["b"]}],
    }


def test_an_authority_formed_before_the_forces_landed_that_day_is_not_installed_by_them() -> None:
    j = claim(run(_invited("2020-01-01T12:00Z", "2020-01-01T18:00Z")), "landing", "invitation")
    assert j.status == "survives" and INSTALLED not in j.contested_points


def test_an_authority_formed_after_the_forces_landed_that_day_is_installed_by_them() -> None:
    j = claim(run(_invited("2020-01-01T20:00Z", "2020-01-01T18:00Z")), "landing", "invitation")
    assert j.status == "defeated" and INSTALLED in j.contested_points


def test_without_both_times_the_same_day_still_counts_as_installed_under_the_forces() -> None:
    for took, landed in (
        ("2020-01-01", "2020-01-01"),
        ("2020-01-01T12:00Z", "2020-01-01"),
        ("2020-01-01", "2020-01-01T18:00Z"),
    ):
        j = claim(run(_invited(took, landed)), "landing", "invitation")
        assert j.status == "defeated" and INSTALLED in j.contested_points, (took, landed)


def test_dominican_junta_formed_at_noon_is_not_installed_by_the_evening_landing() -> None:
    case = second("dominican-republic-1965")
    j = claim(run(case), "us-evacuation-landing", "us-consent-landing")
    assert INSTALLED not in j.contested_points and failing(j) == {"authority"}
    earlier = variant(
        case,
        lambda c: next(a for a in c["acts"] if a["id"] == "us-evacuation-landing").update(start="1965-04-28T16:00Z"),
    )
    j2 = claim(run(earlier), "us-evacuation-landing", "us-consent-landing")
    assert INSTALLED in j2.contested_points


# --- 2. a consent given under the force of the state it is given to ------------------------------------------


def _stationing_under_force(invasion_start: str = "2020-01-01", **consent: Any) -> Case:
    return {
        "id": "under-force",
        "title": "a stationing treaty signed under occupation",
        "date": "2020-02-01",
        "parties": STATES,
        "consents": [
            {"id": "treaty", "by": "a", "to": ["b"], "given": "2020-02-01", "acts": ["stationing"], **consent}
        ],
        "acts": [
            {"id": "invasion", "type": "invasion", "actors": ["b"], "target": "a", "start": invasion_start},
            {"id": "stationing", "type": "deployment", "actors": ["b"], "territory": "a", "start": "2020-02-01"},
        ],
        "justifications": [{"id": "by-treaty", "act": "stationing", "type": "consent", "claimed_by": ["b"]}],
    }


COURT_FOUND_FREE = {
    "value": True,
    "author": "International Court of Justice",
    "author_kind": "court",
    "source": "[armed-activities-2005 para 105]",
}


def test_a_consent_given_while_the_beneficiary_occupies_the_giver_is_not_freely_given() -> None:
    j = claim(run(_stationing_under_force()), "stationing", "by-treaty")
    assert j.status == "defeated" and failing(j) == {"freely_given"}


def test_the_same_consent_given_before_the_force_began_is_freely_given() -> None:
    j = claim(run(_stationing_under_force(invasion_start="2020-02-02")), "stationing", "by-treaty")
    assert j.status == "survives" and not failing(j)


def test_force_that_had_ended_before_the_consent_does_not_vitiate_it() -> None:
    ended = variant(_stationing_under_force(), lambda c: c["acts"][0].update(end="2020-01-20"))
    j = claim(run(ended), "stationing", "by-treaty")
    assert j.status == "survives" and not failing(j)


def test_force_present_by_an_earlier_consent_of_the_state_is_no_coercion() -> None:
    earlier = {"id": "invitation", "by": "a", "to": ["b"], "given": "2019-12-31", "acts": ["invasion"]}
    case = variant(_stationing_under_force(), lambda c: c["consents"].append(earlier))
    j = claim(run(case), "stationing", "by-treaty")
    assert j.status == "survives" and not failing(j)


def test_a_court_that_found_the_consent_free_decides_and_a_bare_value_does_not() -> None:
    found = claim(run(_stationing_under_force(freely_given=COURT_FOUND_FREE)), "stationing", "by-treaty")
    assert found.status == "survives" and not failing(found)
    party = {**COURT_FOUND_FREE, "author": "B", "author_kind": "party"}
    for said in (True, party):
        j = claim(run(_stationing_under_force(freely_given=said)), "stationing", "by-treaty")
        assert j.status == "defeated" and failing(j) == {"freely_given"}, said


def test_a_consent_stated_coerced_still_fails_without_any_force() -> None:
    j = claim(run(_stationing_under_force(invasion_start="2020-02-02", freely_given=False)), "stationing", "by-treaty")
    assert j.status == "defeated" and failing(j) == {"freely_given"}


def test_czechoslovak_stationing_treaty_signed_under_the_invasion_is_not_freely_given() -> None:
    case = second("czechoslovakia-1968")
    for perspective in ("orthodox", "humanitarian", "sovereigntist"):
        report = run(case, perspective)
        j = claim(report, "soviet-stationing", "soviet-stationing-treaty")
        assert j.status == "defeated" and failing(j) == {"freely_given"}, perspective
        assert report.act("soviet-stationing").verdict == "unlawful"
    # had the invasion ended the day before, the treaty would stand as the state's consent
    ended = variant(
        case, lambda c: next(a for a in c["acts"] if a["id"] == "warsaw-pact-invasion").update(end="1968-10-15")
    )
    assert claim(run(ended), "soviet-stationing", "soviet-stationing-treaty").status == "survives"


def test_the_luanda_agreement_stays_consent_on_the_courts_finding() -> None:
    case = second("drc-uganda-2005")
    assert claim(run(case), "uganda-ruwenzori", "uganda-consent-ruwenzori").status == "survives"
    bare = variant(
        case, lambda c: next(k for k in c["consents"] if k["id"] == "luanda-agreement").update(freely_given=True)
    )
    assert claim(run(bare), "uganda-ruwenzori", "uganda-consent-ruwenzori").status == "defeated"


# --- 3. regional action: enforcement action needs the Council, action with the government's consent does not -----


CONTESTED_AUTHORITY = "consent by a government without control or a rival authority"


def _regional(consent: dict[str, Any] | None = None, authority: dict[str, Any] | None = None) -> Case:
    case: Case = {
        "id": "regional",
        "title": "a regional force",
        "date": "2020-01-10",
        "parties": [
            *STATES,
            {
                "id": "league",
                "name": "League",
                "kind": "organisation",
                "organisation_type": "regional",
                "members": ["a", "b"],
            },
        ],
        "acts": [
            {
                "id": "mission",
                "type": "deployment",
                "actors": ["league"],
                "territory": "a",
                "start": "2020-01-10",
                "end": "2020-06-01",
            }
        ],
        "justifications": [{"id": "regional", "act": "mission", "type": "regional_enforcement", "claimed_by": ["b"]}],
    }
    if consent is not None:
        case["consents"] = [{"id": "invitation", "by": "a", "to": ["league"], "given": "2020-01-05", **consent}]
    if authority is not None:
        case["governing_authorities"] = [authority]
    return case


def _exiled(recognised: bool) -> dict[str, Any]:
    authority: dict[str, Any] = {
        "id": "exiled",
        "of": "a",
        "office": "head_of_state",
        "took_office": "2015-01-01",
        "control": [{"area": "capital", "from": "2015-01-01", "until": "2019-12-01"}],
    }
    if recognised:
        authority["recognition"] = [{"organ": "general_assembly", "date": "2015-01-01"}]
    return authority


def test_regional_force_without_consent_or_authorisation_is_enforcement_action() -> None:
    j = claim(run(_regional()), "mission", "regional")
    assert j.status == "defeated" and failing(j) == {"council_authorisation"}


def test_regional_force_with_the_governments_prior_consent_needs_no_authorisation() -> None:
    j = claim(run(_regional({})), "mission", "regional")
    assert j.status == "survives" and not failing(j)


def test_regional_consent_that_came_late_or_was_withdrawn_leaves_the_action_coercive() -> None:
    for change in ({"given": "2020-01-20"}, {"withdrawn": "2020-03-01"}):
        j = claim(run(_regional(change)), "mission", "regional")
        assert j.status == "defeated" and failing(j) == {"council_authorisation"}, change


def test_regional_consent_of_a_government_without_control_follows_the_contested_point() -> None:
    case = _regional({"given_by": "exiled"}, _exiled(recognised=True))
    expected = {"orthodox": "contested", "humanitarian": "survives", "sovereigntist": "defeated"}
    for perspective, status in expected.items():
        j = claim(run(case, perspective), "mission", "regional")
        assert j.status == status and CONTESTED_AUTHORITY in j.contested_points, perspective


def test_regional_consent_of_an_authority_no_one_recognised_is_no_consent() -> None:
    j = claim(run(_regional({"given_by": "exiled"}, _exiled(recognised=False))), "mission", "regional")
    assert j.status == "defeated" and failing(j) == {"council_authorisation"} and not j.contested_points


def _iapf_consent(case: Case, recognised: bool) -> None:
    case["consents"].append(
        {
            "id": "junta-oas",
            "by": "dominican-republic",
            "to": ["iapf"],
            "given": "1965-05-06",
            "given_by": "military-junta",
        }
    )
    if recognised:
        case["governing_authorities"][0]["recognition"] = [{"states": ["united-states"], "date": "1965-04-28"}]


def _deciding(case: Case) -> None:
    # The resolution of 6 May 1965 read as deciding on the force rather than recommending it, so that the
    # Art 53(1) point on a force a regional organ only recommended (rules/justifications/council_authorisation.lp)
    # does not arise and the consent's standing alone decides.
    for r in case["resolutions"]:
        if r["id"] == "oas-mfm-6-may":
            r["operative"] = [{**o, "verb": "decides"} for o in r["operative"]]


def test_dominican_peace_force_follows_the_standing_of_the_juntas_consent() -> None:
    case = variant(second("dominican-republic-1965"), _deciding)
    assert claim(run(case), "iapf-operation", "oas-regional-action").status == "defeated"
    unrecognised = variant(case, lambda c: _iapf_consent(c, recognised=False))
    j = claim(run(unrecognised), "iapf-operation", "oas-regional-action")
    assert j.status == "defeated" and not j.contested_points
    recognised = variant(case, lambda c: _iapf_consent(c, recognised=True))
    statuses = {p: claim(run(recognised, p), "iapf-operation", "oas-regional-action").status for p in PERSPECTIVES}
    assert statuses == {"orthodox": "contested", "humanitarian": "survives", "sovereigntist": "defeated"}


# --- 4. an adopted resolution without a number is never called a draft -----------------------------------------


def _texts(report: Report) -> str:
    return "\n".join(r.text for a in report.acts for j in a.justifications for r in j.reasons)


def test_an_adopted_resolution_of_another_organ_without_a_number_is_not_called_a_draft() -> None:
    case = second("dominican-republic-1965")
    text = _texts(run(case))
    assert "resolution of 6 May 1965" in text and "draft" not in text.lower()

    def not_adopted(c: Case) -> None:
        next(r for r in c["resolutions"] if r["id"] == "oas-mfm-6-may")["adopted"] = False

    assert "The draft Tenth Meeting" in _texts(run(variant(case, not_adopted)))


def test_a_council_text_without_a_number_is_a_draft_unless_adopted_without_a_vote() -> None:
    words = Words(CaseModel.model_validate(_council_text(adopted_without_vote=False)), {})
    assert words.name("res").startswith("the draft Security Council resolution of")
    words = Words(CaseModel.model_validate(_council_text(adopted_without_vote=True)), {})
    assert words.name("res") == "the Security Council resolution of 1 March 2020"


def _council_text(adopted_without_vote: bool) -> Case:
    return {
        "id": "text",
        "title": "a text",
        "date": "2020-03-01",
        "parties": STATES,
        "acts": [{"id": "strike", "type": "air_strikes", "actors": ["a"], "target": "b", "start": "2020-03-02"}],
        "resolutions": [
            {
                "id": "res",
                "organ": "security_council",
                "date": "2020-03-01",
                "adopted_without_vote": adopted_without_vote,
            }
        ],
    }


def test_force_the_council_authorised_does_not_vitiate_a_consent_given_during_it() -> None:
    resolution = {
        "id": "mandate",
        "organ": "security_council",
        "number": "1 (2019)",
        "date": "2019-12-20",
        "chapter_vii": True,
        "votes": {"for": 15, "against": 0, "abstentions": 0},
        "determinations": ["threat_to_the_peace"],
        "authorisations": [{"addressees": ["b"], "force": True, "area": ["a"]}],
    }
    case = variant(_stationing_under_force(), lambda c: c.update(resolutions=[resolution]))
    j = claim(run(case), "stationing", "by-treaty")
    assert j.status == "survives" and not failing(j)
