"""Record fields of issue 12 (a case file records what happened; the rules decide what it means).

Each test changes one recorded fact of a bundled case and asserts on the engine's real output: the rules, not
the case writer, draw the legal conclusion from the record.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from normengine.engine import evaluate_full

from .conftest import CASES


def _case(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))
    return data


def _evaluate(tmp_path: Path, data: dict[str, Any], perspective: str) -> Any:
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return evaluate_full(path, perspective=perspective, explanations=False).report  # no tree is read here


def _act(data: dict[str, Any], act: str) -> dict[str, Any]:
    return next(a for a in data["acts"] if a["id"] == act)


# -- resolutions[].ceasefire: the revival of an authorisation is raised from the record -------------------------


@pytest.mark.parametrize("perspective", ["orthodox", "humanitarian"])
def test_without_the_recorded_ceasefire_revival_is_not_raised_for_an_express_authorisation_claim(
    tmp_path: Path, perspective: str
) -> None:
    data = _case("iraq-2003")
    claim = data["justifications"][0]
    claim["type"] = "council_authorisation"
    with_ceasefire = _evaluate(tmp_path, data, perspective).act("invasion-of-iraq").justifications[0]
    assert any("revival" in p for p in with_ceasefire.contested_points)
    for r in data["resolutions"]:
        r.pop("ceasefire", None)
    without = _evaluate(tmp_path, data, perspective).act("invasion-of-iraq").justifications[0]
    assert not any("revival" in p for p in without.contested_points)


def test_a_ceasefire_effective_after_the_act_raises_nothing(tmp_path: Path) -> None:
    data = _case("iraq-2003")
    data["justifications"][0]["type"] = "council_authorisation"
    res_687 = next(r for r in data["resolutions"] if r["id"] == "res-687")
    res_687["ceasefire"]["effective"] = "2003-06-01"
    claim = _evaluate(tmp_path, data, "orthodox").act("invasion-of-iraq").justifications[0]
    assert not any("revival" in p for p in claim.contested_points)


# -- harbouring and targets: self-defence answered target by target ---------------------------------------------


def test_a_conduct_aimed_at_the_attacker_and_its_harbourer_raises_harbouring(tmp_path: Path) -> None:
    data = _case("afghanistan-2001")
    _act(data, "enduring-freedom")["also_directed_at"] = ["taliban"]
    orthodox = _evaluate(tmp_path, data, "orthodox").act("enduring-freedom")
    assert orthodox.verdict == "unlawful"
    assert all(any("harboured" in p for p in j.contested_points) for j in orthodox.justifications)
    # The humanitarian perspective accepts harbouring: the act is lawful on the claimants' reading of necessity,
    # which rests only on their own word and so, on the burden of proof, is not established (qualifications.lp).
    humanitarian = _evaluate(tmp_path, data, "humanitarian").act("enduring-freedom")
    assert humanitarian.verdict == "unlawful" and not humanitarian.established
    assert any("lawful" in r.values for d in humanitarian.rests_on for r in d.readings)


def test_without_recorded_harbouring_force_against_the_taliban_fails_on_attribution(tmp_path: Path) -> None:
    data = _case("afghanistan-2001")
    data["harbouring"] = []
    act = _evaluate(tmp_path, data, "humanitarian").act("enduring-freedom-taliban")
    assert act.verdict == "unlawful"
    for j in act.justifications:
        assert {e.element: e.holds for e in j.elements}["attribution"] is False
        assert not any("harboured" in p for p in j.contested_points)


def test_harbouring_that_began_after_the_attack_raises_nothing(tmp_path: Path) -> None:
    data = _case("afghanistan-2001")
    data["harbouring"][0]["start"] = "2001-10-01"
    act = _evaluate(tmp_path, data, "humanitarian").act("enduring-freedom-taliban")
    assert act.verdict == "unlawful"


# -- assessments are qualifications: an author and a source ------------------------------------------------------


def test_check_warns_on_an_assessment_without_an_author(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from normengine.cli import main

    data = _case("kosovo-1999")
    assessment = data["justifications"][0]["assessments"][1]
    assert assessment["element"] == "necessity" and assessment["holds"]["author"]
    del assessment["holds"]["author"]
    path = tmp_path / "kosovo.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert main(["check", "--case", str(path)]) == 1
    out = capsys.readouterr().out
    assert "the assessment of 'necessity' names no author" in out and "[case-qualification]" in out
    assert out.count("[case-qualification]") == 1
    assert main(["check", "--case", str(CASES / "kosovo-1999.yaml")]) == 0


def _every_case_file() -> list[object]:
    paths = [*sorted(CASES.glob("*.yaml")), *sorted((CASES.parent / "tests" / "encodings").glob("*.yaml"))]
    return [pytest.param(path, id=f"{path.parent.name}/{path.stem}") for path in paths]


@pytest.mark.slow
@pytest.mark.parametrize("path", _every_case_file())
def test_every_case_names_the_author_of_every_qualification(path: Path) -> None:
    from normengine.authoring.check import check_ruleset

    result = check_ruleset(None, cases=[str(path)])
    assert not [f for f in result.findings if f.code == "case-qualification"], result.to_text()
