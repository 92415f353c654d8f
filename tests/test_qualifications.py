"""Qualifications (issue 12): authored readings, weighed by each perspective in the rules.

A qualification field names its author, the author's kind and its source, and may carry other authors'
readings. Where authors disagree, each perspective's declared weights (author_rank/2 in
rules/perspectives/*.lp, rules/justifications/qualifications.lp) decide which readings count; what no weight
settles stays disputed and counts by the perspective's standard of proof. These tests run the engine on the
bundled Kosovo record and on variants of it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from normengine.case import Case
from normengine.engine import evaluate_full

from .conftest import CASES

_ELEMENTS = ("no_practicable_alternative", "necessity", "proportionality")


def _case(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))
    return data


def _evaluate(tmp_path: Path, data: dict[str, Any], perspective: str) -> Any:
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return evaluate_full(path, perspective=perspective, explanations=False).report  # no tree is read here


def _claim(report: Any, act: str, claim: str) -> Any:
    return next(j for j in report.act(act).justifications if j.id == claim)


def test_the_kosovo_record_holds_the_objecting_readings() -> None:
    case = Case.model_validate(_case("kosovo-1999"))
    claim = next(c for c in case.justifications if c.id == "nato-humanitarian")
    for a in claim.assessments:
        if a.element in _ELEMENTS:
            against = {r.author for r in a.holds.readings if r.value is False}
            assert against == {"Russian Federation", "China", "India"}, a.element
            assert any(r.author_kind == "commission" and r.value is True for r in a.holds.readings)


@pytest.mark.parametrize(
    ("perspective", "verdict", "status", "elements_hold"),
    [
        # The commission's finding outweighs the states' statements; humanitarian intervention is accepted, but
        # its limitation in time and scope rests only on NATO's own word (the North Atlantic Council: no one else
        # read it so), which is not proof: the claim is defeated on the burden; the act stays lawful on the
        # implied authorisation this perspective also accepts.
        ("humanitarian", "lawful", "defeated", True),
        # The commission's finding outweighs the states' statements, but humanitarian intervention is rejected.
        ("orthodox", "unlawful", "defeated", True),
        # Only a court or the Council settles a qualification: the states divide, so each element is disputed
        # and fails on the burden of proof.
        ("sovereigntist", "unlawful", "defeated", False),
    ],
)
def test_the_same_kosovo_record_weighed_by_each_perspective(
    tmp_path: Path, perspective: str, verdict: str, status: str, elements_hold: bool
) -> None:
    report = _evaluate(tmp_path, _case("kosovo-1999"), perspective)
    assert report.act("allied-force").verdict == verdict
    claim = _claim(report, "allied-force", "nato-humanitarian")
    assert claim.status == status
    elements = {e.element: e for e in claim.elements}
    weighed = [r.text for r in claim.reasons if r.rule == "assessment_settled_by_weight"]
    for name in _ELEMENTS:
        assert elements[name].holds is elements_hold, (perspective, name)
        if elements_hold:
            assert not elements[name].depends_on  # settled by the weighing, not by a reading taken
        else:
            assert elements[name].depends_on == [f"nato-humanitarian.{name}"]
    # The report says what settled each element: the commission's reading, followed by the perspective.
    assert len(weighed) == (3 if elements_hold else 0)
    assert all("Independent International Commission on Kosovo (commission)" in t for t in weighed)


def test_without_the_commission_the_states_divide_under_every_perspective(tmp_path: Path) -> None:
    data = _case("kosovo-1999")
    claim = data["justifications"][0]
    for a in claim["assessments"]:
        holds = a["holds"]
        holds["readings"] = [r for r in holds.get("readings", []) if r.get("author_kind") != "commission"]
    report = _evaluate(tmp_path, data, "humanitarian")
    # The act's verdict also rests on the implied-authorisation claim, which the humanitarian view accepts:
    # the weighing shows in the humanitarian claim itself.
    assert _claim(report, "allied-force", "nato-humanitarian").status == "defeated"
    elements = {e.element: e for e in _claim(report, "allied-force", "nato-humanitarian").elements}
    assert not elements["necessity"].holds and elements["necessity"].depends_on


def test_a_court_prevails_over_a_commission(tmp_path: Path) -> None:
    data = _case("kosovo-1999")
    necessity = data["justifications"][0]["assessments"][1]
    assert necessity["element"] == "necessity"
    necessity["holds"]["readings"].append(
        {"value": False, "author": "a court (test)", "author_kind": "court", "source": "S/PV.3988"}
    )
    for perspective in ("humanitarian", "sovereigntist"):
        report = _evaluate(tmp_path, data, perspective)
        elements = {e.element: e for e in _claim(report, "allied-force", "nato-humanitarian").elements}
        assert not elements["necessity"].holds and not elements["necessity"].depends_on, perspective
        assert _claim(report, "allied-force", "nato-humanitarian").status == "defeated"


def test_an_older_bare_value_still_loads(tmp_path: Path) -> None:
    data = _case("kosovo-1999")
    data["justifications"][0]["assessments"] = [
        {"element": e, "holds": True, "author": "United Kingdom", "source": "S/PV.3988"}
        for e in (*_ELEMENTS, "limited_in_time_and_scope")
    ]
    data["acts"][0]["evidence_generally_accepted"] = True
    report = _evaluate(tmp_path, data, "humanitarian")
    assert report.act("allied-force").verdict == "lawful"


def test_check_warns_on_every_qualification_without_author_and_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from normengine.cli import main

    data = _case("oil-platforms-2003")
    data["armed_attacks"][0]["gravity"] = "minor"  # the older bare form: no author, no source
    data["armed_attacks"][0]["status"] = {"value": "occurred", "author": "ICJ", "author_kind": "court"}
    data["armed_attacks"][1]["contested"] = {"alternatives": [{"gravity": "minor", "source": "S/PV.2818"}]}
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert main(["check", "--case", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.count("[case-qualification]") == 3
    assert "the gravity of 'sea-isle-city' names no author and no source" in out
    assert "the status of 'sea-isle-city' names no source" in out
    assert "a reading of the gravity of 'samuel-b-roberts-mining' names no author" in out


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bundled_case_names_the_author_of_every_qualification(path: Path) -> None:
    from normengine.authoring.check import check_ruleset

    result = check_ruleset(None, cases=[str(path)])
    assert not [f for f in result.findings if f.code == "case-qualification"], result.to_text()


def test_a_qualifications_readings_count_as_the_readings_of_a_contested_fact(tmp_path: Path) -> None:
    from normengine.errors import LimitExceeded
    from normengine.loader import Limits, load_case

    data = _case("kosovo-1999")
    necessity = data["justifications"][0]["assessments"][1]
    reading = {"value": False, "author": "a state", "author_kind": "other_state", "source": "S/PV.3989"}
    necessity["holds"]["readings"] = [reading] * 21
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(LimitExceeded, match=r"assessments\[1\]\.holds\.readings.* 21 readings, over the limit of 20"):
        load_case(path)
    with pytest.raises(LimitExceeded, match=r"more than 2 contested facts"):
        load_case(CASES / "kosovo-1999.yaml", limits=Limits(max_contested=2))


def test_disagreeing_authors_on_a_contested_attack_give_a_reading_per_combination() -> None:
    """An attack whose occurrence is contested and whose gravity authors read differently: one contested fact,
    the readings of the object (as written, absent) by the authors' values; an alternative that sets the field
    itself keeps its own value."""
    from normengine.facts import to_facts

    data = _case("oil-platforms-2003")
    attack = data["armed_attacks"][1]
    attack["gravity"]["readings"] = [{"value": "minor", "author": "Iran", "author_kind": "party", "source": "x"}]
    attack["contested"] = {"source": "y", "alternatives": [{"absent": True}, {"gravity": "minor", "source": "z"}]}
    facts = to_facts(Case.model_validate(data))
    fact = next(f for f in facts.contested if f.ident == "samuel-b-roberts-mining")
    # (as written: grave | minor) x (authorship: true | false), then absent, then the alternative (minor) x authorship
    assert len(fact.readings) == 4 + 1 + 2
    gravity = [atom for atom, guard in facts.guarded if atom.name == "attack_gravity"]
    assert {str(a.arguments[1]) for a in gravity} == {"grave", "minor"}
