"""Metamorphic tests of three law defects the case library exposed (helper lawg).

Each test changes one fact of a small case or of a bundled case and checks that the report moves as the law
says, and only then: a consent given while the act was under way covers it from that day; an authority the
state's contending parties chose in a signed settlement while foreign forces were there raises its own contested
point instead of counting as installed by those forces; a government's invitation against armed groups raises no
dispute about intervention in a civil war where the Security Council welcomed the very force. Every assertion is
on the engine's report for a real input.
"""

from __future__ import annotations

from typing import Any

from normengine.report import JustificationReport, Report

from .metamorphic_helpers import PERSPECTIVES, Case, bundled, claim, item, run, variant

STATES = [{"id": x, "name": x.upper(), "kind": "state"} for x in ("a", "b")]
INSTALLED = "consent by an authority that came to power under the forces it invited"
SETTLEMENT = (
    "consent by an authority the state's contending parties chose in a settlement while the forces it consents to "
    "were there"
)
CIVIL_WAR = "a government's invitation of foreign force against an insurgency"


def failing(j: JustificationReport) -> set[str]:
    return {e.element for e in j.elements if not e.holds}


def lawful_from(report: Report, act: str) -> dict[str, str | None]:
    return {t.party: t.lawful_from for t in report.act(act).towards}


# --- 1. a consent given while the act was under way covers it from that day ------------------------------------

COURT_FOUND_FREE = {
    "value": True,
    "author": "International Court of Justice",
    "author_kind": "court",
    "source": "[armed-activities-2005 para 105]",
}


def _presence(given: str, **consent: Any) -> Case:
    return {
        "id": "late-consent",
        "title": "a presence the host consented to while it lasted",
        "date": "2020-01-01",
        "parties": STATES,
        "consents": [{"id": "consent", "by": "a", "to": ["b"], "given": given, **consent}],
        "acts": [
            {
                "id": "presence",
                "type": "deployment",
                "actors": ["b"],
                "territory": "a",
                "start": "2020-01-01",
                "end": "2020-06-30",
            }
        ],
        "justifications": [{"id": "by-consent", "act": "presence", "type": "consent", "claimed_by": ["b"]}],
    }


def test_a_consent_given_during_the_act_covers_it_from_that_day() -> None:
    report = run(_presence("2020-03-01", freely_given=COURT_FOUND_FREE))
    j = claim(report, "presence", "by-consent")
    assert j.status == "defeated" and failing(j) == {"prior"}
    assert report.act("presence").verdict == "unlawful"
    assert lawful_from(report, "presence") == {"a": "2020-03-01"}


def test_the_same_consent_given_before_the_act_covers_all_of_it() -> None:
    report = run(_presence("2019-12-31", freely_given=COURT_FOUND_FREE))
    assert claim(report, "presence", "by-consent").status == "survives"
    assert report.act("presence").verdict == "lawful"
    assert lawful_from(report, "presence") == {"a": None}


def test_a_consent_given_after_the_act_ended_covers_none_of_it() -> None:
    report = run(_presence("2020-07-01", freely_given=COURT_FOUND_FREE))
    assert report.act("presence").verdict == "unlawful"
    assert lawful_from(report, "presence") == {"a": None}


def test_a_consent_given_under_the_force_and_found_free_by_no_one_covers_nothing() -> None:
    report = run(_presence("2020-03-01"))
    assert failing(claim(report, "presence", "by-consent")) == {"prior", "freely_given"}
    assert lawful_from(report, "presence") == {"a": None}


# --- 2. an authority chosen by the contending parties in a settlement, under the forces' presence ----------------


def _settlement(start: str = "2020-01-01", **chosen: Any) -> Case:
    authorities: list[dict[str, Any]] = [
        {
            "id": "junta",
            "of": "a",
            "office": "government",
            "took_office": "2019-06-01",
            "control": [{"area": "region", "from": "2019-06-01", "until": "2020-03-01"}],
        },
        {
            "id": "rebels",
            "of": "a",
            "office": "government",
            "took_office": "2019-06-01",
            "control": [{"area": "region", "from": "2019-06-01", "until": "2020-03-01"}],
        },
        {
            "id": "provisional",
            "of": "a",
            "office": "government",
            "took_office": "2020-03-01",
            "control": [{"area": "territory", "from": "2020-03-01"}],
        },
    ]
    settlement = {"instrument": "Act of Reconciliation", "date": "2020-02-25", "signed_by": ["junta", "rebels"]}
    settlement.update(chosen)
    if settlement.get("signed_by") is not None:
        authorities[2]["chosen_under"] = settlement
    return {
        "id": "settlement",
        "title": "a provisional government chosen under a settlement while a foreign force was there",
        "date": "2020-01-01",
        "parties": STATES,
        "governing_authorities": authorities,
        "consents": [{"id": "consent", "by": "a", "to": ["b"], "given": "2020-03-01", "given_by": "provisional"}],
        "acts": [
            {
                "id": "force",
                "type": "deployment",
                "actors": ["b"],
                "territory": "a",
                "start": start,
                "end": "2020-12-31",
            }
        ],
        "justifications": [{"id": "by-consent", "act": "force", "type": "consent", "claimed_by": ["b"]}],
    }


def test_an_authority_chosen_by_the_parties_raises_the_settlement_point_not_the_installed_one() -> None:
    for perspective in PERSPECTIVES:
        j = claim(run(_settlement(), perspective), "force", "by-consent")
        assert SETTLEMENT in j.contested_points and INSTALLED not in j.contested_points, perspective
        assert failing(j) == {"prior"}, perspective


def test_the_settlement_point_divides_the_perspectives_from_the_day_of_consent() -> None:
    reports = {p: run(_settlement(), p) for p in PERSPECTIVES}
    assert {p: lawful_from(r, "force") for p, r in reports.items()} == {
        "orthodox": {"a": None},
        "humanitarian": {"a": "2020-03-01"},
        "sovereigntist": {"a": None},
    }


def test_for_a_force_that_began_with_the_consent_the_point_decides_the_claim() -> None:
    case = _settlement(start="2020-03-01")
    statuses = {p: claim(run(case, p), "force", "by-consent").status for p in PERSPECTIVES}
    assert statuses == {"orthodox": "contested", "humanitarian": "survives", "sovereigntist": "contested"}


def test_without_the_settlement_on_record_the_authority_is_installed_under_the_forces() -> None:
    case = _settlement(signed_by=None)
    for perspective in PERSPECTIVES:
        report = run(case, perspective)
        j = claim(report, "force", "by-consent")
        assert INSTALLED in j.contested_points and SETTLEMENT not in j.contested_points, perspective
        assert lawful_from(report, "force") == {"a": None}, perspective


def test_a_settlement_one_contending_authority_did_not_sign_chooses_no_one() -> None:
    j = claim(run(_settlement(signed_by=["junta"]), "humanitarian"), "force", "by-consent")
    assert INSTALLED in j.contested_points and SETTLEMENT not in j.contested_points


def test_an_authority_the_intervener_set_up_is_not_saved_by_a_settlement() -> None:
    case = _settlement()
    case["governing_authorities"][2]["set_up_by"] = "b"
    j = claim(run(case, "humanitarian"), "force", "by-consent")
    assert "authority" in failing(j) and SETTLEMENT not in j.contested_points


def test_hungary_1956_the_government_installed_by_the_intervener_stays_installed() -> None:
    for perspective in PERSPECTIVES:
        report = run(bundled("hungary-1956"), perspective)
        assert report.act("second-intervention").verdict == "unlawful", perspective
        contested = {p for j in report.act("second-intervention").justifications for p in j.contested_points}
        assert SETTLEMENT not in contested, perspective


def test_dominican_provisional_government_chosen_under_the_act_of_reconciliation() -> None:
    case = bundled("dominican-republic-1965")
    reports = {p: run(case, p) for p in PERSPECTIVES}
    for p, report in reports.items():
        j = claim(report, "iapf-operation", "iapf-consent")
        assert SETTLEMENT in j.contested_points and INSTALLED not in j.contested_points, p
        assert failing(j) == {"prior"}, p
    assert lawful_from(reports["humanitarian"], "iapf-operation") == {"dominican-republic": "1965-09-03"}
    assert lawful_from(reports["orthodox"], "iapf-operation") == {"dominican-republic": None}

    def unsigned(c: Case) -> None:
        del item(c["governing_authorities"], "provisional-government")["chosen_under"]

    report = run(variant(case, unsigned), "humanitarian")
    j = claim(report, "iapf-operation", "iapf-consent")
    assert INSTALLED in j.contested_points and SETTLEMENT not in j.contested_points
    assert lawful_from(report, "iapf-operation") == {"dominican-republic": None}


# --- 3. an invitation against armed groups, for force the Security Council welcomed -------------------------------


def test_mali_serval_welcomed_by_the_council_raises_no_civil_war_point() -> None:
    case = bundled("mali-2013")
    for perspective in PERSPECTIVES:
        report = run(case, perspective)
        j = claim(report, "serval", "france-invitation")
        assert CIVIL_WAR not in j.contested_points and j.status == "survives", perspective
        assert report.act("serval").verdict == "lawful", perspective


def _unwelcomed(c: Case) -> None:
    resolution = item(c["resolutions"], "unsc-2100")
    resolution["operative"] = [op for op in resolution["operative"] if op["verb"] != "welcomes"]


def test_mali_serval_without_the_councils_welcome_is_disputed_as_intervention_in_a_civil_war() -> None:
    case = variant(bundled("mali-2013"), _unwelcomed)
    statuses = {}
    for perspective in PERSPECTIVES:
        report = run(case, perspective)
        j = claim(report, "serval", "france-invitation")
        assert CIVIL_WAR in j.contested_points, perspective
        statuses[perspective] = (j.status, report.act("serval").verdict)
    assert statuses == {
        "orthodox": ("survives", "lawful"),
        "humanitarian": ("defeated", "unlawful"),
        "sovereigntist": ("survives", "lawful"),
    }


def test_a_welcome_by_the_general_assembly_is_not_the_councils() -> None:
    def by_assembly(c: Case) -> None:
        item(c["resolutions"], "unsc-2100")["organ"] = "general_assembly"

    report = run(variant(bundled("mali-2013"), by_assembly), "humanitarian")
    assert CIVIL_WAR in claim(report, "serval", "france-invitation").contested_points


# --- 4. a force a regional organ only recommended: is it "enforcement action" under Art 53(1)? ------------------

RECOMMENDED = (
    "a force a regional organ recommended, without the Council's authorisation, as other than enforcement action"
)


def _recommended(verb: str = "recommends", adopted: bool = True) -> Case:
    return {
        "id": "recommended",
        "title": "a regional force a regional organ recommended",
        "date": "2020-01-10",
        "parties": [
            *STATES,
            {"id": "league", "name": "League", "kind": "organisation", "organisation_type": "regional"},
        ],
        "resolutions": [
            {
                "id": "res",
                "organ": "other_organ",
                "organisation": "league",
                "adopted": adopted,
                "date": "2020-01-05",
                "operative": [{"verb": verb, "words": "member states willing to do so to contribute forces"}],
                "authorisations": [{"addressees": ["league"], "force": True, "area": ["a"]}],
            }
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
        "justifications": [
            {
                "id": "regional",
                "act": "mission",
                "type": "regional_enforcement",
                "claimed_by": ["b"],
                "resolutions": ["res"],
            }
        ],
    }


def test_a_recommended_regional_force_raises_the_enforcement_action_point() -> None:
    statuses = {}
    for perspective in PERSPECTIVES:
        j = claim(run(_recommended(), perspective), "mission", "regional")
        assert RECOMMENDED in j.contested_points and not failing(j), perspective
        statuses[perspective] = j.status
    assert statuses == {"orthodox": "defeated", "humanitarian": "contested", "sovereigntist": "defeated"}


def test_a_regional_force_the_organ_decided_or_did_not_adopt_needs_the_council() -> None:
    for case in (_recommended(verb="decides"), _recommended(adopted=False)):
        for perspective in PERSPECTIVES:
            j = claim(run(case, perspective), "mission", "regional")
            assert j.status == "defeated" and failing(j) == {"council_authorisation"}, perspective
            assert RECOMMENDED not in j.contested_points, perspective


def test_dominican_peace_force_turns_on_the_recommendation_of_the_meeting_of_consultation() -> None:
    case = bundled("dominican-republic-1965")
    verdicts = {p: run(case, p).act("iapf-operation").verdict for p in PERSPECTIVES}
    assert verdicts == {"orthodox": "unlawful", "humanitarian": "contested", "sovereigntist": "unlawful"}

    def decided(c: Case) -> None:
        item(c["resolutions"], "oas-6-may-1965")["operative"][0]["verb"] = "decides"

    report = run(variant(case, decided), "humanitarian")
    j = claim(report, "iapf-operation", "oas-regional-action")
    assert report.act("iapf-operation").verdict == "unlawful" and failing(j) == {"council_authorisation"}


def test_dominican_junta_announced_before_the_evening_landing_is_not_installed_by_it() -> None:
    case = bundled("dominican-republic-1965")
    j = claim(run(case), "marine-landing", "us-consent-landing")
    assert INSTALLED not in j.contested_points and failing(j) == {"authority"}

    def no_hour(c: Case) -> None:
        item(c["acts"], "marine-landing")["start"] = "1965-04-28"

    report = run(variant(case, no_hour), "humanitarian")
    assert INSTALLED in claim(report, "iapf-operation", "oas-regional-action").contested_points
    assert report.act("iapf-operation").verdict == "unlawful"
