"""A rule set declares the vocabulary of its case files (issue 14 part 4).

The kinds of act, the justifications, the elements a case may assess and the principles are facts
of the rule set (``act_kind/1``, ``justification/1``, ``assessed_element/2``, ``principle/1``), read by
:mod:`normengine.vocabulary`; a case is checked against the rule set it is evaluated with.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from normengine import evaluate
from normengine.case import Act, Case, Claim, Party
from normengine.cli import main
from normengine.errors import CaseError
from normengine.vocabulary import bundled_vocabulary

from .conftest import ROOT

# The values case.py fixed as Literals before the rule set declared them: the bundled law keeps every one.
BUNDLED_ACT_TYPES = [
    "air_strikes",
    "missile_strikes",
    "bombardment",
    "invasion",
    "ground_operations",
    "blockade",
    "attack_on_forces",
    "occupation",
    "annexation",
    "sending_armed_bands",
    "arming_armed_groups",
    "training_armed_groups",
    "funding_armed_groups",
    "mining",
    "threat_of_force",
    "military_manoeuvres",
    "deployment",
    "maritime_operations",
    "overflight",
    "mass_atrocities",
    "human_rights_violations",
    "non_compliance",
    "denial_of_self_determination",
    "occupation_measures",
    "declaration_of_independence",
    "economic_measures",
    "recognition",
    "aid_or_assistance",
    "placing_territory_at_disposal",
    "failure_to_prevent_genocide",
]
BUNDLED_JUSTIFICATIONS = [
    "self_defence",
    "collective_self_defence",
    "council_authorisation",
    "implied_authorisation",
    "consent",
    "humanitarian_intervention",
    "responsibility_to_protect",
    "protection_of_nationals",
    "support_for_self_determination",
    "countermeasures",
    "necessity",
    "regional_enforcement",
    "treaty_obligation",
    "peace_operation_self_defence",
    "right_of_passage",
    "restoration_of_democracy",
    "arrest_of_indicted_leader",
    "treaty_right_enforcement",
    "state_of_war",
    "refugee_aggression",
    "remedial_secession",
]
BUNDLED_ELEMENTS = [
    "necessity",
    "proportionality",
    "no_practicable_alternative",
    "limited_in_time_and_scope",
    "nationals_in_imminent_danger",
    "territorial_state_unwilling_or_unable",
    "grave_and_imminent_peril",
    "only_means",
    "prior_wrongful_act",
    "impairs_essential_interest_of_others",
    "passage_innocent",
    "grave_violations",
    "last_resort",
]
BUNDLED_PRINCIPLES = [
    "non_use_of_force",
    "peaceful_settlement",
    "non_intervention",
    "cooperation",
    "self_determination",
    "sovereign_equality",
    "good_faith",
    "human_rights",
]

MANIFEST = """\
name = "reprisals"
version = "0.1.0"
description = "Armed reprisals."
authors = ["test"]
builds_on = ["builtin"]
files = ["rules/reprisals.lp"]
default_perspective = "orthodox"
"""

RULES = """\
%@ source: [unga-res-2625 principle 1]
justification(armed_reprisal).
%@ source: [unga-res-2625 principle 1]
element(armed_reprisal, (prior_wrongful_act; redress_demanded; non_forcible)).
%@ source: [unga-res-2625 principle 1]
assessed_element(armed_reprisal, (prior_wrongful_act; redress_demanded)).
%@ source: [unga-res-3314 art 3(b)]
act_kind(cross_border_raid).
%@ source: [unga-res-3314 art 3(b)]
force_type(cross_border_raid).
%@ rule: test_reprisal_not_by_force
%@ source: [unga-res-2625 principle 1]
%@ says: {A} is a use of force, and a reprisal may not involve force
element_fails(C, non_forcible) :- claim_type(C, armed_reprisal); claim_act(C, A); forcible(A).
"""

CASE = """\
id: raid
title: A raid
date: 1964-03-28
parties:
  - {id: a, kind: state}
  - {id: b, kind: state}
acts:
  - id: raid
    type: cross_border_raid
    actors: [a]
    target: b
    territory: b
    start: 1964-03-28
justifications:
  - id: reprisal
    act: raid
    type: armed_reprisal
    claimed_by: [a]
    assessments:
      - {element: redress_demanded, holds: true}
      - {element: prior_wrongful_act, holds: true}
"""


@pytest.fixture
def ruleset(tmp_path: Path) -> Path:
    root = tmp_path / "reprisals"
    (root / "rules").mkdir(parents=True)
    (root / "ruleset.toml").write_text(MANIFEST, encoding="utf-8")
    (root / "rules" / "reprisals.lp").write_text(RULES, encoding="utf-8")
    return root


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_bundled_rule_set_declares_the_vocabulary_case_py_used_to_fix() -> None:
    vocabulary = bundled_vocabulary()
    assert list(vocabulary.act_type) == BUNDLED_ACT_TYPES
    assert list(vocabulary.justification) == BUNDLED_JUSTIFICATIONS
    assert sorted(vocabulary.element) == sorted(BUNDLED_ELEMENTS)
    assert list(vocabulary.principle) == BUNDLED_PRINCIPLES


def test_a_user_rule_set_adds_a_justification_and_a_kind_of_act(tmp_path: Path, ruleset: Path) -> None:
    report = evaluate(write(tmp_path, CASE), rules=ruleset)
    act = report.act("raid")
    assert act.verdict == "unlawful"
    assert "non_use_of_force" in act.violations
    (claim,) = act.justifications
    assert claim.type == "armed_reprisal" and claim.status == "defeated"
    data = json.loads(report.to_json())
    text = json.dumps(data)
    assert "non_forcible" in text and "redress_demanded" in text
    # The package is untouched: the bundled rule set still does not know either value.
    assert "armed_reprisal" not in bundled_vocabulary().justification
    assert "cross_border_raid" not in bundled_vocabulary().act_type


def test_the_command_line_accepts_the_rule_set_s_own_values(
    tmp_path: Path, ruleset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["evaluate", str(write(tmp_path, CASE)), "--rules", str(ruleset), "--format", "json"])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert json.loads(out)["acts"][0]["verdict"] == "unlawful"


def test_a_value_the_rule_set_does_not_declare_is_refused_with_file_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["evaluate", str(write(tmp_path, CASE))])
    err = capsys.readouterr().err
    assert status == 2
    assert "case.yaml:9:5: acts[0].type: unknown value 'cross_border_raid'; expected one of: air_strikes," in err
    assert "case.yaml:17:5: justifications[0].type: unknown value 'armed_reprisal'; expected one of:" in err
    assert "case.yaml:20:10: justifications[0].assessments[0].element: unknown value 'redress_demanded'" in err
    assert "Traceback" not in err


def test_a_misspelt_value_of_a_user_rule_set_gets_a_suggestion(
    tmp_path: Path, ruleset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, CASE.replace("type: armed_reprisal", "type: armed_reprisl"))
    status = main(["evaluate", str(path), "--rules", str(ruleset)])
    err = capsys.readouterr().err
    assert status == 2
    assert (
        "case.yaml:17:5: justifications[0].type: unknown value 'armed_reprisl'; did you mean 'armed_reprisal'?" in err
    )


def test_a_case_read_before_the_rule_set_is_known_is_checked_before_it_is_solved(tmp_path: Path) -> None:
    """A case parsed on its own (the rule set unknown) still names file, line and field when evaluated."""
    from normengine.loader import load_case

    case = load_case(write(tmp_path, CASE.replace("type: cross_border_raid", "type: cross_border_rade")))
    with pytest.raises(CaseError) as caught:
        evaluate(case)
    (issue, *_rest) = caught.value.issues
    assert (issue.line, issue.column, issue.field) == (9, 5, "acts[0].type")
    assert issue.file.endswith("case.yaml") and "unknown value 'cross_border_rade'" in issue.message


def test_a_model_built_in_python_is_checked_too() -> None:
    case = Case(
        id="x",
        title="t",
        date="2000-01-01",
        parties=[Party(id="a", kind="state"), Party(id="b", kind="state")],
        acts=[Act(id="s", type="air_strike", actors=["a"], target="b", start="2000-01-01")],
        justifications=[Claim(id="j", act="s", type="self_defence", claimed_by=["a"])],
    )
    with pytest.raises(CaseError) as caught:
        evaluate(case)
    (issue,) = caught.value.issues
    assert issue.field == "acts[0].type" and "did you mean 'air_strikes'?" in issue.message


def test_a_reading_of_a_contested_fact_is_checked(
    tmp_path: Path, ruleset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = CASE.replace(
        "    start: 1964-03-28\n",
        "    start: 1964-03-28\n    contested:\n      alternatives:\n        - {type: cross_border_rai}\n",
        1,
    )
    status = main(["evaluate", str(write(tmp_path, text)), "--rules", str(ruleset)])
    err = capsys.readouterr().err
    assert status == 2
    # The reading is checked as every other value, against the rule set's vocabulary (which has cross_border_raid).
    assert "case.yaml:16:12: acts[0].contested.alternatives[0].type:" in err and "'cross_border_raid'" in err


def test_the_case_schema_lists_the_rule_set_s_vocabulary(ruleset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "case", "--rules", str(ruleset)]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "cross_border_raid" in schema["$defs"]["Act"]["properties"]["type"]["enum"]
    assert "armed_reprisal" in schema["$defs"]["Claim"]["properties"]["type"]["enum"]
    assert "redress_demanded" in schema["$defs"]["Assessment"]["properties"]["element"]["enum"]
    assert main(["schema", "case"]) == 0
    bundled = capsys.readouterr().out
    assert bundled == (ROOT / "docs" / "schema" / "case.schema.json").read_text(encoding="utf-8"), (
        "docs/schema/case.schema.json is stale: run `normengine schema case -o docs/schema/case.schema.json`"
    )
    assert "cross_border_raid" not in bundled


def test_a_rule_set_that_declares_no_value_of_a_kind_leaves_it_open(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "tiny.lp"
    rules.write_text('%@ source: test\nperspective(tiny, "tiny").\n', encoding="utf-8")
    status = main(["evaluate", str(write(tmp_path, CASE)), "--rules", str(rules), "--format", "json"])
    assert status == 0, capsys.readouterr().err
