"""Resolutions of any organ, by operative verb, and dates with a time of day (issue 12, section 1).

Each test changes one fact of a small case in which a Council authorisation covers a strike, and checks
that the engine's verdict moves as the law says: a regional organ's "authorisation" does not make force
lawful (Art 53(1)); a Council one does; a Council termination ends it, also at a time of day; another
organ's "termination" ends nothing; endorsement, recognition of self-defence and binding decisions are
read from the verbs.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from normengine import evaluate
from normengine.case import Day
from normengine.errors import NormengineError
from normengine.report import JustificationReport
from tests.test_elements import AUTHORISED, Case, claim, failing, run, with_change

OAS = {"id": "oas", "name": "OAS", "kind": "organisation", "organisation_type": "regional", "members": ["a", "c"]}


def _regional(case: Case) -> None:
    """The same resolution, adopted by a regional organ instead of the Council."""
    case["parties"].append(copy.deepcopy(OAS))
    res = case["resolutions"][0]
    res.update(organ="other_organ", organisation="oas", organ_name="Meeting of Consultation", adopted=True)
    res.pop("chapter_vii")
    res.pop("abstentions_by")
    res["operative"] = [{"verb": "authorises", "paragraph": "2"}]


def test_a_council_authorisation_makes_the_strike_lawful() -> None:
    report = run(AUTHORISED)
    assert claim(report, "strike", "ca").status == "survives"
    assert report.act("strike").verdict == "lawful"


def test_a_regional_organs_authorisation_does_not_make_force_lawful() -> None:
    report = run(with_change(AUTHORISED, _regional))
    j = claim(report, "strike", "ca")
    assert j.status == "defeated" and "adopted" in failing(j)
    assert any("at most a recommendation" in r.text for r in j.reasons)
    assert report.act("strike").verdict == "unlawful"


def test_regional_enforcement_on_a_regional_authorisation_still_needs_the_council() -> None:
    def regional_claim(case: Case) -> None:
        _regional(case)
        case["acts"][0]["actors"] = ["oas"]
        case["justifications"][0].update(type="regional_enforcement", claimed_by=["oas"])

    report = run(with_change(AUTHORISED, regional_claim))
    j = claim(report, "strike", "ca")
    assert j.status == "defeated" and "council_authorisation" in failing(j)
    assert report.act("strike").verdict == "unlawful"


def _terminated(organ: str, date: str, effective: str | None = None) -> Any:
    def change(case: Case) -> None:
        res: dict[str, Any] = {
            "id": "ending",
            "organ": organ,
            "date": date,
            "operative": [{"verb": "terminates", "resolutions": ["res"]}],
        }
        if effective is not None:
            res["operative"][0]["effective"] = effective
        if organ == "other_organ":
            case["parties"].append(copy.deepcopy(OAS))
            res.update(organisation="oas", adopted=True)
        else:
            res["votes"] = {"for": 15}
        case["resolutions"].append(res)

    return change


def test_a_council_termination_ends_the_authorisation() -> None:
    report = run(with_change(AUTHORISED, _terminated("security_council", "2000-01-08")))
    j = claim(report, "strike", "ca")
    assert j.status == "defeated" and "time" in failing(j)
    assert report.act("strike").verdict == "unlawful"


def test_a_termination_after_the_act_leaves_it_covered() -> None:
    report = run(with_change(AUTHORISED, _terminated("security_council", "2000-01-20")))
    assert claim(report, "strike", "ca").status == "survives"


def test_another_organ_cannot_terminate_a_council_authorisation() -> None:
    report = run(with_change(AUTHORISED, _terminated("other_organ", "2000-01-08")))
    assert claim(report, "strike", "ca").status == "survives"


@pytest.mark.parametrize(
    ("strike", "effective", "expected"),
    [
        ("2000-01-10T10:00Z", "2000-01-10T23:59Z", "survives"),  # the strike before the termination that day
        ("2000-01-10T23:00Z", "2000-01-10T21:59Z", "defeated"),  # the strike after it, the same day
        ("2000-01-10", "2000-01-10T21:59Z", "survives"),  # no time for the strike: the record leaves the order open
    ],
)
def test_a_termination_at_a_time_of_day_orders_events_on_that_day(strike: str, effective: str, expected: str) -> None:
    def change(case: Case) -> None:
        _terminated("security_council", "2000-01-08", effective)(case)
        case["acts"][0]["start"] = strike

    assert claim(run(with_change(AUTHORISED, change)), "strike", "ca").status == expected


@pytest.mark.parametrize(
    ("adopted_at", "expected"), [("2000-01-10T20:00Z", "defeated"), ("2000-01-10T01:00Z", "survives")]
)
def test_an_authorisation_adopted_later_the_same_day_does_not_cover_an_earlier_strike(
    adopted_at: str, expected: str
) -> None:
    def change(case: Case) -> None:
        case["resolutions"][0]["date"] = adopted_at
        case["acts"][0]["start"] = "2000-01-10T06:00Z"

    j = claim(run(with_change(AUTHORISED, change)), "strike", "ca")
    assert j.status == expected
    if expected == "defeated":
        assert "time" in failing(j)


def _endorsed(verb: str, organ: str = "security_council") -> JustificationReport:
    def change(case: Case) -> None:
        res = case["resolutions"][0]
        res.update(date="2000-03-01", authorisations=[], operative=[{"verb": verb, "acts": ["strike"]}])
        if organ == "other_organ":
            _regional(case)
            res["operative"] = [{"verb": verb, "acts": ["strike"]}]

    return claim(run(with_change(AUTHORISED, change)), "strike", "ca")


@pytest.mark.parametrize("verb", ["endorses", "commends", "welcomes"])
def test_a_council_approval_after_the_event_raises_ex_post_endorsement(verb: str) -> None:
    j = _endorsed(verb)
    assert j.status == "contested"
    assert j.contested_points == ["Security Council endorsement after the event"]


@pytest.mark.parametrize("verb", ["condemns", "deplores", "calls_upon"])
def test_other_verbs_endorse_nothing(verb: str) -> None:
    j = _endorsed(verb)
    assert j.status == "defeated" and j.contested_points == []


def test_a_regional_organs_endorsement_is_no_endorsement() -> None:
    j = _endorsed("endorses", organ="other_organ")
    assert j.status == "defeated" and j.contested_points == []


def test_a_council_decision_binds_its_addressee_and_a_regional_one_does_not() -> None:
    base: Case = {
        "id": "nc",
        "title": "non-compliance",
        "date": "2000-02-01",
        "parties": [*copy.deepcopy(AUTHORISED["parties"]), copy.deepcopy(OAS)],
        "resolutions": [
            {
                "id": "dem",
                "organ": "security_council",
                "date": "2000-01-05",
                "chapter_vii": True,
                "votes": {"for": 15},
                "operative": [{"verb": "demands", "addressees": ["b"], "demand": "withdrawal"}],
            }
        ],
        "acts": [{"id": "stay", "type": "non_compliance", "actors": ["b"], "start": "2000-02-01", "resolution": "dem"}],
    }
    council = run(base).act("stay")
    regional = with_change(
        base,
        lambda c: c["resolutions"][0].update(
            organ="other_organ", organisation="oas", adopted=True, votes=None, chapter_vii=False
        ),
    )
    assert council.verdict == "unlawful" and "cooperation" in council.violations
    other = run(regional).act("stay")
    assert "cooperation" not in other.violations


def test_measures_necessary_is_a_qualification_read_from_the_record() -> None:
    from tests.test_elements import SELF_DEFENCE

    def measures(holds: bool) -> Any:
        def change(case: Case) -> None:
            case["resolutions"] = [
                {
                    "id": "r",
                    "organ": "security_council",
                    "date": "2000-01-05",
                    "chapter_vii": True,
                    "votes": {"for": 15},
                    "measures_necessary": {"holds": holds, "author": "a writer", "source": "a book"},
                }
            ]

        return change

    assert "council_measures" in failing(claim(run(with_change(SELF_DEFENCE, measures(True))), "strike", "sd"))
    assert "council_measures" not in failing(claim(run(with_change(SELF_DEFENCE, measures(False))), "strike", "sd"))


def test_recognising_self_defence_is_read_from_the_verb() -> None:
    def preamble(case: Case) -> None:
        case["resolutions"][0].update(authorisations=[], operative=[{"verb": "recognises_self_defence"}])

    j = claim(run(with_change(AUTHORISED, preamble)), "strike", "ca")
    assert any("authorises nothing" in r.text for r in j.reasons)


def test_dates_with_a_time_of_day_are_read_and_written_back_unchanged() -> None:
    from normengine.loader import load_case

    case = with_change(AUTHORISED, lambda c: c["acts"][0].update(start="2000-01-10T02:30Z"))
    model = load_case(copy.deepcopy(case))
    assert model.acts[0].start == Day(2000, 1, 10, 150)
    assert str(model.acts[0].start) == "2000-01-10T02:30Z"
    assert model.model_dump(mode="json")["acts"][0]["start"] == "2000-01-10T02:30Z"
    assert run(case).to_json() == run(case).to_json()


@pytest.mark.parametrize("bad", ["2000-01-10T25:00Z", "2000-01-10T02:30+01:00", "2000-01-10 02:30", "0"])
def test_a_bad_time_of_day_is_refused(bad: str) -> None:
    case = with_change(AUTHORISED, lambda c: c["acts"][0].update(start=bad))
    with pytest.raises(NormengineError) as caught:
        evaluate(case)
    assert "acts" in str(caught.value) and "start" in str(caught.value)


def test_a_time_of_day_orders_end_before_start_within_a_day(tmp_path: Path) -> None:
    case = with_change(AUTHORISED, lambda c: c["acts"][0].update(start="2000-01-10T12:00Z", end="2000-01-10T10:00Z"))
    with pytest.raises(NormengineError) as caught:
        evaluate(case)
    assert "before it starts" in str(caught.value)


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        ("2011-10-31", "survives"),
        ("2011-10-31T20:00Z", "survives"),
        ("2011-10-31T22:30Z", "defeated"),
        ("2011-11-05", "defeated"),
    ],
)
def test_libya_the_campaign_within_or_past_the_termination_by_resolution_2016(end: str, expected: str) -> None:
    import yaml

    case = yaml.safe_load((Path(__file__).parent.parent / "cases" / "libya-2011.yaml").read_text(encoding="utf-8"))
    act = next(a for a in case["acts"] if a["id"] == "air-campaign")
    act["end"] = end
    j = claim(run(case), "air-campaign", "nato-1973")
    assert j.status == expected
    if expected == "defeated":
        assert "time" in failing(j)


def test_check_warns_on_a_measures_necessary_finding_without_an_author(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import yaml

    from normengine.cli import main

    case = with_change(AUTHORISED, lambda c: c["resolutions"][0].update(measures_necessary={"holds": True}))
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case, sort_keys=False), encoding="utf-8")
    assert main(["check", "--case", str(path)]) == 1
    out = capsys.readouterr().out
    assert "the finding that 'res' took measures necessary names no author and no source" in out
    assert "[case-qualification]" in out
    case["resolutions"][0]["measures_necessary"].update(author="a writer", source="a book, p 1")
    path.write_text(yaml.safe_dump(case, sort_keys=False), encoding="utf-8")
    main(["check", "--case", str(path)])
    assert "[case-qualification]" not in capsys.readouterr().out
