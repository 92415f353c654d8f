"""Metamorphic tests of the format defect two blind encodings of syria-2018 found (helper denial): a disputed fact
of record weighed by who asserts each reading.

A fact of record can be disputed (`contested:`): the accused state denies that the attack took place. Each reading
can name who asserts it (`asserted_by` for the fact as written; `author`, `author_kind` and `asserted_by` on an
alternative), and the perspectives weigh the readings by who asserts them exactly as they weigh a qualification's
authored readings (author_rank/2; rules/justifications/record.lp): a fact-finding body's finding prevails over a
party's denial where the perspective ranks such bodies, and what no weight settles stays disputed and counts as
before. Each test changes one fact of a generated case and checks the engine's report for the real input.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from normengine.case import Case as CaseModel
from normengine.errors import CaseError
from normengine.loader import parse_case_text

from .metamorphic_helpers import PERSPECTIVES, Case, claim, run, second, variant

FINDING = {"author": "Fact-Finding Mission", "author_kind": "commission", "source": "report of the Mission"}
DENIAL = {"author": "Borduria", "author_kind": "party", "source": "statement of Borduria before the Council"}
COURT = {"author": "International Court of Justice", "author_kind": "court", "source": "judgment"}


def _attack(written: list[dict[str, Any]] | None = None, denial: dict[str, Any] | None = None) -> Case:
    """Borduria's forces release a toxic chemical on a town of its own; Borduria denies the attack took place.

    ``written``: who asserts the fact as written; ``denial``: who asserts that it did not take place (None: no
    author on either reading, the older form).
    """
    alternative: dict[str, Any] = {"absent": True, "note": "no chemical attack took place", "source": "S/PV.1"}
    if denial is not None:
        alternative |= {"author": denial["author"], "author_kind": denial["author_kind"], "source": denial["source"]}
    contest: dict[str, Any] = {"note": "whether the attack took place", "alternatives": [alternative]}
    if written:
        contest["asserted_by"] = written
    return {
        "id": "denial",
        "title": "a denied chemical attack",
        "date": "2020-01-10",
        "parties": [
            {"id": "a", "name": "Avalon", "kind": "state"},
            {"id": "b", "name": "Borduria", "kind": "state"},
            {"id": "town", "name": "the civilians of the town", "kind": "people", "territory_of": "b"},
        ],
        "acts": [
            {
                "id": "attack",
                "type": "human_rights_violations",
                "actors": ["b"],
                "target": "town",
                "territory": "b",
                "start": "2020-01-01",
                "source": "report of the Mission",
                "contested": contest,
            }
        ],
    }


def _verdicts(case: Case) -> dict[str, tuple[str, bool]]:
    out: dict[str, tuple[str, bool]] = {}
    for p in PERSPECTIVES:
        act = run(case, p).act("attack")
        out[p] = (act.verdict, act.established)
    return out


def test_without_authors_the_denial_weighs_as_much_as_the_finding() -> None:
    # The older form: no reading names who asserts it, so nothing weighs them and the act stays disputed.
    for p, (verdict, established) in _verdicts(_attack()).items():
        assert (verdict, established) == ("contested", False), p


def test_a_commissions_finding_prevails_over_the_accused_states_denial_where_commissions_are_ranked() -> None:
    case = _attack([FINDING], DENIAL)
    for p in ("orthodox", "humanitarian"):
        report = run(case, p)
        act = report.act("attack")
        assert (act.verdict, act.established, act.depends_on) == ("unlawful", True, []), p
        assert act.weighed == ["attack"]
        fact = next(f for f in report.contested_facts if f.id == "attack")
        assert fact.settled_on == 0
        assert [(a.author, a.author_kind) for a in fact.followed] == [("Fact-Finding Mission", "commission")]
        assert [(a.author, a.reading) for a in fact.set_aside] == [("Borduria", 1)]
    # The sovereigntist perspective ranks no commission against a state's reading: the fact stays disputed, the
    # verdict is not established and names the fact it turns on.
    act = run(case, "sovereigntist").act("attack")
    assert (act.verdict, act.established, act.depends_on, act.weighed) == ("contested", False, ["attack"], [])


def test_the_reasons_name_the_authors_followed_and_set_aside() -> None:
    from normengine import evaluate
    from normengine.reasons import act_reasons
    from normengine.words import Words

    case = _attack([FINDING], DENIAL)
    report = evaluate(case, perspective="orthodox", explanations=False)
    words = Words(CaseModel.model_validate(case), {})
    points = act_reasons(report, "attack", words).points
    weighed = [p for p in points if p.kind == "weighed"]
    assert len(weighed) == 1
    assert "Fact-Finding Mission (a commission or fact-finding body)" in weighed[0].text
    assert "Borduria (a party)" in weighed[0].text
    assert {"report of the Mission", "statement of Borduria before the Council"} <= set(weighed[0].sources)


def test_a_courts_finding_settles_it_under_every_perspective() -> None:
    for p, verdict in _verdicts(_attack([COURT], DENIAL)).items():
        assert verdict == ("unlawful", True), p


def test_a_court_that_finds_the_attack_did_not_happen_settles_it_the_other_way() -> None:
    # One fact changed: the court asserts the denial's reading, the commission the written one.
    court_denies = {**COURT, "source": "judgment (the attack not established)"}
    for p, verdict in _verdicts(_attack([FINDING], court_denies)).items():
        assert verdict == ("lawful", True), p


def test_authors_of_the_same_weight_who_disagree_leave_it_disputed() -> None:
    other = {"author": "Second Commission", "author_kind": "commission", "source": "report of the second commission"}
    for p, (verdict, established) in _verdicts(_attack([FINDING], other)).items():
        assert (verdict, established) == ("contested", False), p


def test_a_further_author_of_the_same_reading_counts_like_the_first() -> None:
    # The denial by a party, seconded by a court: the court's weight settles it for the denial.
    def add_court(c: Case) -> None:
        alt = c["acts"][0]["contested"]["alternatives"][0]
        alt["asserted_by"] = [COURT]

    case = variant(_attack([FINDING], DENIAL), add_court)
    for p, verdict in _verdicts(case).items():
        assert verdict == ("lawful", True), p


# --- the two forms of the same denial weigh the same way ------------------------------------------------------


def _intervention(form: str, finding: dict[str, Any] = FINDING) -> Case:
    """Avalon strikes Borduria to stop atrocities that Borduria denies; the denial written as a reading of the
    atrocity's existence (``record``) or as a reading of whether the evidence is generally accepted
    (``qualification``), the ``finding`` on the other side in both."""
    evidence: dict[str, Any] = {"value": True, **finding}
    atrocity: dict[str, Any] = {
        "id": "atrocity",
        "type": "mass_atrocities",
        "actors": ["b"],
        "target": "town",
        "territory": "b",
        "start": "2020-01-01",
        "crimes": ["war_crimes"],
        "scale": "large",
        "source": "report of the Mission",
    }
    if form == "record":
        atrocity["evidence_generally_accepted"] = evidence
        atrocity["contested"] = {"asserted_by": [finding], "alternatives": [{"absent": True, **DENIAL}]}
    else:
        atrocity["evidence_generally_accepted"] = evidence | {"readings": [{"value": False, **DENIAL}]}
    commission = {"value": True, **FINDING}
    return {
        "id": f"two-forms-{form}",
        "title": "a humanitarian intervention against a denied atrocity",
        "date": "2020-01-10",
        "parties": [
            {"id": "a", "name": "Avalon", "kind": "state"},
            {"id": "b", "name": "Borduria", "kind": "state"},
            {"id": "town", "name": "the civilians of the town", "kind": "people", "territory_of": "b"},
        ],
        "acts": [
            atrocity,
            {"id": "strike", "type": "air_strikes", "actors": ["a"], "target": "b", "start": "2020-01-05"},
        ],
        "justifications": [
            {
                "id": "hi",
                "act": "strike",
                "type": "humanitarian_intervention",
                "claimed_by": ["a"],
                "responds_to": ["atrocity"],
                "assessments": [
                    {"element": e, "holds": commission}
                    for e in ("no_practicable_alternative", "necessity", "proportionality", "limited_in_time_and_scope")
                ],
            }
        ],
    }


def _outcome(case: Case, p: str) -> tuple[str, str, bool]:
    report = run(case, p)
    hi = claim(report, "strike", "hi")
    return hi.status, report.act("strike").verdict, hi.established


def test_the_denial_weighs_the_same_as_a_reading_of_the_act_or_of_the_evidence() -> None:
    # The Mission's finding against Borduria's denial, written in either form: the same claim status, the same
    # verdict on the strike, equally established, under every perspective.
    for p in PERSPECTIVES:
        assert _outcome(_intervention("record"), p) == _outcome(_intervention("qualification"), p), p
    # Where the perspective accepts the doctrine, the finding prevails over the denial in both forms.
    for form in ("record", "qualification"):
        assert _outcome(_intervention(form), "humanitarian") == ("survives", "lawful", True), form


def test_a_denial_no_weight_settles_counts_by_the_standard_of_proof_in_both_forms() -> None:
    # One fact changed: the finding is a writer's, whom no perspective ranks. Neither reading prevails, the point
    # stays disputed in both forms, and the claimant bears the burden of proving it.
    writer = {"author": "A Writer", "author_kind": "writer", "source": "an article"}
    for form in ("record", "qualification"):
        status, verdict, established = _outcome(_intervention(form, writer), "humanitarian")
        assert (status, verdict, established) == ("defeated", "unlawful", False), form
        hi = claim(run(_intervention(form, writer), "humanitarian"), "strike", "hi")
        assert hi.settled_by == "burden_of_proof", form


# --- the format ------------------------------------------------------------------------------------------------


def test_an_unknown_author_kind_is_refused_with_its_place() -> None:
    case = _attack([FINDING], {**DENIAL, "author_kind": "accused"})
    with pytest.raises(CaseError) as err:
        parse_case_text(yaml.safe_dump(case, sort_keys=False), "denial.yaml")
    message = str(err.value) + " ".join(str(i) for i in getattr(err.value, "issues", []))
    assert "denial.yaml" in message and "author_kind" in message


def test_the_douma_pair_agrees_on_the_attack_where_the_weighing_settles_it() -> None:
    from normengine import evaluate

    douma = second("syria-2018")
    for p in ("orthodox", "humanitarian"):
        act = evaluate(douma, perspective=p, explanations=False).act("douma-chlorine-attack")
        assert (act.verdict, act.established, act.weighed) == ("unlawful", True, ["douma-chlorine-attack"]), p
