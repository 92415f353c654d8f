"""Several authors, attackers or acts where the format named one (issue 12: docs/two-encoders, docs/case-notes).

A joint statement or report names all its authors (`by: [a, b]`); a joint attack all its attackers; a claim made
for a course of conduct recorded as several acts names them all (`act: [a, b]`). Each form gives the verdicts the
older way of writing the same record gives, and changes the result where the law says it should.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from normengine.cli import main
from normengine.report import Report

from .metamorphic_helpers import PERSPECTIVES, Case, bundled, item, run, second, variant


def verdicts(report: Report) -> dict[str, tuple[str, list[tuple[str, tuple[str, ...], str]]]]:
    """Per act: its verdict, and its justifications by type, claimants and status (not by id, which differs
    between the forms)."""
    return {
        a.id: (a.verdict, sorted((j.type, tuple(j.claimed_by), j.status) for j in a.justifications))
        for a in report.acts
    }


def remarks(report: Report, act: str) -> set[tuple[str, str | None]]:
    return {(j.id, r.rule) for j in report.act(act).justifications for r in j.reasons if r.kind == "remark"}


# --------------------------------------------------------------------------------------------------------------
# 1. A joint attack


def split_attacks(case: Case) -> Case:
    """The older form of a case: each joint attack recorded once per attacker, the claims responding to each."""
    out = variant(case, lambda c: None)
    copies: dict[str, list[str]] = {}
    attacks: list[dict[str, Any]] = []
    for x in out.get("armed_attacks", []):
        by = x["by"]
        if isinstance(by, list) and len(by) > 1:
            copies[x["id"]] = [f"{x['id']}-{b}" for b in by]
            attacks.extend({**x, "id": f"{x['id']}-{b}", "by": b} for b in by)
        else:
            attacks.append(x)
    out["armed_attacks"] = attacks
    for c in out.get("justifications", []):
        c["responds_to"] = [y for r in c.get("responds_to", []) for y in copies.get(r, [r])]
    for q in out.get("requests", []):
        if q.get("attack") in copies:
            q["attack"] = copies[q["attack"]][0]
    assert copies, "the case has no joint attack"
    return out


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["bundled", "second"])
def test_a_joint_attack_reads_as_the_same_attack_recorded_per_attacker(encoding: str) -> None:
    """Mali 2013: the offensive of 10 January by Ansar Dine, AQIM and MUJAO, one attack or three."""
    joint = bundled("mali-2013") if encoding == "bundled" else second("mali-2013")
    older = split_attacks(joint)
    for perspective in PERSPECTIVES:
        assert verdicts(run(joint, perspective)) == verdicts(run(older, perspective)), perspective


def with_co_belligerent(case: Case, attackers: Any) -> Case:
    """Georgia 2008 with a second state that fought beside Georgia and at which Russia's defence of its
    peacekeepers was also aimed."""

    def change(c: Case) -> None:
        c["parties"].append({"id": "co-belligerent", "name": "A co-belligerent state", "kind": "state"})
        item(c["acts"], "russia-defence-of-peacekeepers")["also_directed_at"] = ["co-belligerent"]
        item(c["armed_attacks"], "attack-on-peacekeepers")["by"] = attackers

    return variant(case, change)


def test_self_defence_answers_every_attacker_of_a_joint_attack() -> None:
    """Force in self-defence answers the parties that attacked (Oil Platforms §51, 61; ARSIWA Art 21): aimed
    also at a state that did not take part in the attack, the claim fails on attribution; aimed at a state that
    attacked together with Georgia, it is answered as force against Georgia is."""
    case = bundled("georgia-2008")
    act = "russia-defence-of-peacekeepers"
    base = run(case).act(act)
    assert base.verdict == "lawful"
    alone = run(with_co_belligerent(case, "georgia")).act(act)
    joint = run(with_co_belligerent(case, ["georgia", "co-belligerent"])).act(act)
    assert alone.verdict == "unlawful"
    assert {j.status for j in alone.justifications} == {"defeated"}
    assert any(e.element == "attribution" and not e.holds for j in alone.justifications for e in j.elements)
    assert joint.verdict == base.verdict == "lawful"
    assert [j.status for j in joint.justifications] == [j.status for j in base.justifications]


def test_a_single_attacker_written_as_a_list_changes_nothing() -> None:
    case = bundled("georgia-2008")
    listed = variant(case, lambda c: item(c["armed_attacks"], "attack-on-peacekeepers").update(by=["georgia"]))
    assert verdicts(run(listed)) == verdicts(run(case))


# --------------------------------------------------------------------------------------------------------------
# 2. A joint report or statement


def joint_report(case: Case) -> Case:
    """Afghanistan 2001 with the two Article 51 letters recorded as one report of both states."""

    def change(c: Case) -> None:
        us, uk = item(c["reports"], "us-report"), item(c["reports"], "uk-report")
        assert us["acts"] == uk["acts"]
        us["by"] = ["usa", "uk"]
        c["reports"].remove(uk)

    return variant(case, change)


def test_a_joint_report_reads_as_the_same_report_made_by_each() -> None:
    case = bundled("afghanistan-2001")
    old, new = run(case), run(joint_report(case))
    assert verdicts(new) == verdicts(old)
    for act in ("enduring-freedom", "enduring-freedom-taliban"):
        assert remarks(new, act) == remarks(old, act)


def test_a_joint_report_reports_for_each_of_its_authors() -> None:
    """Art 51: the measures "shall be immediately reported to the Security Council"; a letter the United Kingdom
    signed with the United States reports its measures too (Nicaragua §200, 235: not reporting weighs against)."""
    case = variant(bundled("afghanistan-2001"), lambda c: c["reports"].remove(item(c["reports"], "uk-report")))
    alone = remarks(run(case), "enduring-freedom")
    assert ("uk-collective-self-defence@enduring-freedom", "sd_not_reported") in alone
    assert ("us-self-defence@enduring-freedom", "sd_not_reported") not in alone
    joint = variant(case, lambda c: item(c["reports"], "us-report").update(by=["usa", "uk"]))
    assert ("uk-collective-self-defence@enduring-freedom", "sd_not_reported") not in remarks(
        run(joint), "enduring-freedom"
    )


def split_statements(case: Case) -> Case:
    """The older form: a joint statement recorded once per author, with the same words."""
    out = variant(case, lambda c: None)
    statements: list[dict[str, Any]] = []
    for st in out["statements"]:
        by = st["by"]
        if isinstance(by, list) and len(by) > 1:
            statements.extend({**st, "id": f"{st['id']}-{b}", "by": b} for b in by)
        else:
            statements.append(st)
    assert len(statements) > len(out["statements"]), "the case has no joint statement"
    out["statements"] = statements
    return out


def test_a_joint_statement_reads_as_the_same_statement_made_by_each() -> None:
    """Czechoslovakia 1968: the joint statement of the five states of 4 December 1989."""
    case = bundled("czechoslovakia-1968")
    assert verdicts(run(case)) == verdicts(run(split_statements(case)))


def test_a_joint_statement_is_made_by_each_of_its_authors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A denial of authorship made jointly by a claimant is the claimant's own (Nicaragua §64): its claim for the
    act it denied gets the remark; made by another party alone, it does not."""
    denial = "  - {id: d, by: BY, date: 2000-01-04, says: denial_of_authorship, acts: [strike]}\n"

    def remarked(by: str) -> bool:
        status = main(["evaluate", str(write(tmp_path, GOOD + denial.replace("BY", by))), "--format", "json"])
        out = capsys.readouterr().out
        assert status == 0
        return "claimant_denied_the_act" in out

    assert not remarked("b")
    assert remarked("[b, a]")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------------------------
# 3. A claim for several acts


def split_claims(case: Case) -> Case:
    """The older form: a claim for several acts copied onto each act, `<id>@<act>`."""
    out = variant(case, lambda c: None)
    claims: list[dict[str, Any]] = []
    for c in out["justifications"]:
        if isinstance(c["act"], list) and len(c["act"]) > 1:
            claims.extend({**c, "id": f"{c['id']}@{a}", "act": a} for a in c["act"])
        else:
            claims.append(c)
    assert len(claims) > len(out["justifications"]), "the case has no claim for several acts"
    out["justifications"] = claims
    multi = {c["id"]: c["act"] for c in case["justifications"] if isinstance(c["act"], list)}
    for e in (out.get("outcome") or {}).get("acts", []):
        for j in e.get("justifications", []):
            if j["id"] in multi:
                j["id"] = f"{j['id']}@{e['act']}"
    return out


@pytest.mark.slow
def test_a_claim_for_several_acts_reads_as_the_claim_copied_onto_each() -> None:
    """The Wall (second encoding): Israel's pleas cover the barrier and its regime (paras 138, 140)."""
    joint = second("wall-2004")
    older = split_claims(joint)
    for perspective in PERSPECTIVES:
        new, old = run(joint, perspective), run(older, perspective)
        assert verdicts(new) == verdicts(old), perspective
        assert [(a.id, [j.id for j in a.justifications]) for a in new.acts] == [
            (a.id, [j.id for j in a.justifications]) for a in old.acts
        ]


def test_each_act_of_a_claim_gets_the_claim() -> None:
    """The Wall (bundled): with Israel's pleas claimed for the construction and its régime, the régime gets them
    too, and the Court's answer (paras 139-142) defeats them there as on the construction."""
    case = bundled("wall-2004")
    acts = [a["id"] for a in case["acts"]]
    assert len(acts) == 2
    before = run(case)
    without = [a for a in acts if not before.act(a).justifications]
    assert without, "every act already has the claims"

    def change(c: Case) -> None:
        for claim in c["justifications"]:
            claim["act"] = acts

    report = run(variant(case, change))
    for a in acts:
        got = report.act(a)
        assert {j.type for j in got.justifications} == {j.type for j in before.act(acts[0]).justifications}
        assert {j.status for j in got.justifications} == {"defeated"}
        assert got.verdict == "unlawful"
        assert all(j.id.endswith(f"@{a}") for j in got.justifications)


# --------------------------------------------------------------------------------------------------------------
# Bad input: one message naming the file, the line and the field; exit status 2

GOOD = """\
id: tiny
title: A tiny case
date: 2000-01-01
parties:
  - {id: a, kind: state}
  - {id: b, kind: state}
acts:
  - {id: strike, type: air_strikes, actors: [a], target: b, start: 2000-01-02}
  - {id: raid, type: air_strikes, actors: [a], target: b, start: 2000-01-03}
armed_attacks:
  - {id: attack, by: b, against: a, date: 2000-01-01}
justifications:
  - {id: j, act: strike, type: self_defence, claimed_by: [a], responds_to: [attack]}
reports:
  - {id: r, by: a, acts: [strike], date: 2000-01-04}
statements:
  - {id: s, by: a, date: 2000-01-04, says: other}
"""


def evaluate_text(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    status = main(["evaluate", str(path), "--format", "json"])
    return status, capsys.readouterr().err


def test_the_tiny_case_with_lists_evaluates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        GOOD.replace("by: b,", "by: [b],")
        .replace("act: strike,", "act: [strike, raid],")
        .replace("{id: s, by: a,", "{id: s, by: [a, b],")
        .replace("{id: r, by: a,", "{id: r, by: [a],")
    )
    status, err = evaluate_text(tmp_path, text, capsys)
    assert (status, err) == (0, "")


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "words"),
    [
        ("by: b,", "by: [],", 11, "armed_attacks[0].by", "an empty list"),
        ("by: b,", "by: [b, nowhere],", 11, "armed_attacks[0].by[1]", "unknown party 'nowhere'"),
        ("by: b,", "by: nowhere,", 11, "armed_attacks[0].by", "unknown party 'nowhere'"),
        ("by: b,", "by: [b, b],", 11, "armed_attacks[0].by", "names 'b' twice"),
        ("{id: s, by: a,", "{id: s, by: [],", 17, "statements[0].by", "an empty list"),
        ("{id: s, by: a,", "{id: s, by: [a, ghost],", 17, "statements[0].by[1]", "unknown party 'ghost'"),
        ("{id: r, by: a,", "{id: r, by: [],", 15, "reports[0].by", "an empty list"),
        ("{id: r, by: a,", "{id: r, by: [a, ghost],", 15, "reports[0].by[1]", "unknown party 'ghost'"),
        ("act: strike,", "act: [],", 13, "justifications[0].act", "an empty list"),
        ("act: strike,", "act: [strike, bombing],", 13, "justifications[0].act[1]", "unknown act 'bombing'"),
        ("act: strike,", "act: [strike, strike],", 13, "justifications[0].act", "names 'strike' twice"),
        ("act: strike,", "act: [strike, 7],", 13, "justifications[0].act[1]", "valid string"),
        (
            "claimed_by: [a],",
            "claimed_by: [c],",
            13,
            "justifications[0].claimed_by[0]",
            "unknown party 'c'",
        ),
    ],
)
def test_bad_lists_name_the_file_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, line: int, field: str, words: str
) -> None:
    text = GOOD.replace(old, new, 1)
    if field.startswith("justifications[0].claimed_by"):
        text = text.replace("act: strike,", "act: [strike, raid],")  # the claim and its copy: one message
    status, err = evaluate_text(tmp_path, text, capsys)
    assert status == 2, err
    assert "Traceback" not in err
    lines = [x for x in err.splitlines() if x.strip()]
    assert len([x for x in lines if words in x]) == 1, err
    assert f"case.yaml:{line}:" in err and f"{field}:" in err and words in err, err


def test_a_copy_id_that_is_taken_is_named_where_the_claim_was_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        GOOD.replace("act: strike,", "act: [strike, raid],")
        + "disputes:\n  - {id: j@raid, parties: [a, b], opened: 2000-01-01}\n"
    )
    status, err = evaluate_text(tmp_path, text, capsys)
    assert status == 2
    assert "case.yaml:19:" in err and "already used" in err, err


def test_a_claim_counts_once_per_act_against_the_bound_of_the_justifications(tmp_path: Path) -> None:
    from normengine import LimitExceeded
    from normengine.loader import Limits, load_case

    path = write(tmp_path, GOOD.replace("act: strike,", "act: [strike, raid],"))
    assert len(load_case(path, Limits(max_items=2)).justifications) == 2
    with pytest.raises(LimitExceeded, match=r"case.yaml:12:\d+: justifications: 2 justifications .* limit of 1"):
        load_case(path, Limits(max_items=1))


def mixed_attack(territory: str) -> dict[str, Any]:
    """A state and an armed group attack together; the defender strikes the group on `territory`."""
    return {
        "id": "mixed",
        "title": "A state and an armed group attack together",
        "date": "2000-01-02",
        "parties": [
            {"id": "a", "kind": "state"},
            {"id": "b", "kind": "state"},
            {"id": "y", "kind": "state"},
            {"id": "g", "kind": "armed_group"},
        ],
        "acts": [
            {
                "id": "strike",
                "type": "air_strikes",
                "actors": ["a"],
                "target": territory,
                "territory": territory,
                "directed_at": "g",
                "start": "2000-01-02",
            }
        ],
        "armed_attacks": [{"id": "attack", "by": ["b", "g"], "against": "a", "date": "2000-01-01"}],
        "justifications": [
            {"id": "j", "act": "strike", "type": "self_defence", "claimed_by": ["a"], "responds_to": ["attack"]}
        ],
    }


def test_attribution_is_read_per_attacker_of_a_joint_attack() -> None:
    """Force aimed at the group on the territory of the state that attacked with it answers that state's attack
    (Oil Platforms §51, 61); on a third state's territory it raises the contested point of self-defence against
    a non-state attacker (Wall §139; Armed Activities §147), as if the group had attacked alone."""
    on_the_attacker = run(mixed_attack("b")).act("strike").justifications[0]
    assert not any(e.element == "attribution" and not e.holds for e in on_the_attacker.elements)
    assert not any("non-state" in p for p in on_the_attacker.contested_points), on_the_attacker.contested_points
    on_a_third_state = run(mixed_attack("y")).act("strike").justifications[0]
    alone = variant(mixed_attack("y"), lambda c: c["armed_attacks"][0].update(by="g"))
    assert on_a_third_state.contested_points == run(alone).act("strike").justifications[0].contested_points
    assert on_a_third_state.contested_points, "no contested point raised"
    assert {e.element for e in on_a_third_state.elements if not e.holds} == {
        e.element for e in run(alone).act("strike").justifications[0].elements if not e.holds
    }


def test_an_outcome_naming_a_claim_under_an_act_it_was_not_made_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = GOOD.replace("act: strike,", "act: [strike, raid],") + (
        "outcome:\n  standing: dominant_view\n  authority: a test\n  acts:\n"
        "    - act: strike\n      verdict: lawful\n      justifications: [{id: j, status: survives}]\n"
        "    - act: raid\n      verdict: lawful\n      justifications: [{id: j, status: survives}]\n"
    )
    assert main(["test", str(write(tmp_path, text))]) in (0, 1)  # the outcome names the claim under each act
    capsys.readouterr()
    bad = text.replace("    - act: raid\n", "    - act: raid\n").replace("act: [strike, raid],", "act: [strike],")
    status, err = evaluate_text(tmp_path, bad, capsys)
    assert status == 2
    assert "outcome.acts[1].justifications[0].id" in err and "claimed for another act" in err, err
    three = GOOD.replace("act: strike,", "act: [strike, raid],").replace(
        "  - {id: raid,",
        "  - {id: siege, type: air_strikes, actors: [a], target: b, start: 2000-01-05}\n  - {id: raid,",
    ) + (
        "outcome:\n  standing: dominant_view\n  authority: a test\n  acts:\n"
        "    - act: siege\n      verdict: lawful\n      justifications: [{id: j, status: survives}]\n"
    )
    status, err = evaluate_text(tmp_path, three, capsys)
    assert status == 2
    assert "outcome.acts[0].justifications[0].id" in err and "'j' is claimed for raid, strike, not this act" in err
