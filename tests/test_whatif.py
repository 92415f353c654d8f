"""What would change the verdict: smallest changes to the facts, found on one grounded program."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from normengine.cli import main
from normengine.whatif import what_if

from .conftest import CASES

CASE: dict[str, Any] = {
    "id": "whatif",
    "title": "what if",
    "date": "2000-01-10",
    "parties": [{"id": x, "name": x.upper(), "kind": "state"} for x in ("a", "b")],
    "armed_attacks": [{"id": "attack", "by": "b", "against": "a", "date": "2000-01-01"}],
    "acts": [{"id": "strike", "type": "air_strikes", "actors": ["a"], "target": "b", "start": "2000-01-10"}],
    "justifications": [
        {
            "id": "sd",
            "act": "strike",
            "type": "self_defence",
            "claimed_by": ["a"],
            "responds_to": ["attack"],
            "assessments": [{"element": "necessity", "holds": False}, {"element": "proportionality", "holds": True}],
        }
    ],
}


def test_kosovo_an_authorising_resolution_would_make_the_campaign_lawful() -> None:
    result = what_if(CASES / "kosovo-1999.yaml", act="allied-force")
    assert result.baseline["verdict:allied-force"] == "unlawful"
    decisive = result.decisive("verdict:allied-force")
    texts = [c for s in decisive for c in s.changes]
    assert any("Security Council had authorised all necessary means" in t for t in texts)
    effect = next(e for s in decisive for e in s.effects if e.subject == "allied-force")
    assert (effect.before, effect.after) == ("unlawful", "lawful")
    # Humanitarian intervention is rejected on the orthodox view: no change of facts revives it.
    assert "status:nato-humanitarian" in result.unchanged


def test_a_single_flipped_element_is_decisive() -> None:
    result = what_if(copy.deepcopy(CASE))
    decisive = result.decisive("status:sd")
    assert ["if necessity had been established for the self defence claimed by A"] in [s.changes for s in decisive]
    assert all(len(s.changes) == 1 for s in result.scenarios)
    # Removing the armed attack does not help the claim: it is not listed as changing its status.
    assert not any("had not occurred" in c for s in decisive for c in s.changes)


def test_pairs_are_tried_only_when_no_single_change_suffices() -> None:
    case = copy.deepcopy(CASE)
    case["justifications"][0]["assessments"][1]["holds"] = False
    result = what_if(case, act="strike")
    decisive = result.decisive("status:sd")
    assert decisive and all(len(s.changes) == 2 for s in decisive)
    assert any(
        set(s.changes)
        == {
            "if necessity had been established for the self defence claimed by A",
            "if proportionality had been established for the self defence claimed by A",
        }
        for s in decisive
    )
    singles = what_if(case, act="strike", pairs=False)
    assert singles.tried < result.tried and not singles.decisive("status:sd")


def test_whatif_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["whatif", str(CASES / "kosovo-1999.yaml"), "--act", "allied-force", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["acts"] == ["allied-force"] and data["scenarios"]
    assert main(["whatif", str(CASES / "kosovo-1999.yaml"), "--act", "nowhere"]) == 2


def _evaluated(report: Any) -> dict[str, str]:
    out = {f"verdict:{a.id}": a.verdict for a in report.acts}
    out.update({f"status:{j.id}": j.status for a in report.acts for j in a.justifications})
    return out


@pytest.mark.slow
@pytest.mark.parametrize("perspective", ["orthodox", "humanitarian", "sovereigntist"])
def test_the_baseline_is_evaluates_verdict_for_every_bundled_case(perspective: str) -> None:
    from .conftest import evaluation

    for path in sorted(CASES.glob("*.yaml")):
        result = what_if(path, perspective=perspective, pairs=False)
        assert result.baseline == _evaluated(evaluation(path.stem, perspective).report), (path.stem, perspective)


def test_contested_facts_are_read_as_evaluate_reads_them_and_settling_one_is_a_change() -> None:
    from normengine import evaluate

    case = copy.deepcopy(CASE)
    case["parties"].append({"id": "c", "name": "C", "kind": "state"})
    case["justifications"][0]["assessments"][0]["holds"] = True
    case["armed_attacks"][0]["contested"] = {"source": "denied", "alternatives": [{"by": "c", "source": "other"}]}
    result = what_if(case)
    # Read as written, the claim would survive; over the readings, with the burden of proof, it does not.
    assert result.baseline == _evaluated(evaluate(case)) == {"status:sd": "defeated", "verdict:strike": "unlawful"}
    decisive = result.decisive("status:sd")
    assert [s.changes for s in decisive] == [
        ["if reading 0 of the contested attack were established (as stated in the case file)"]
    ]
    assert [(e.before, e.after) for e in decisive[0].effects] == [("defeated", "survives"), ("unlawful", "lawful")]
