"""Bad input gets one clear message naming the file, the line and the field, and exit status 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from normengine.cli import main

from .conftest import CASES

GOOD = """\
id: tiny
title: A tiny case
date: 2000-01-01
parties:
  - {id: a, kind: state}
  - {id: b, kind: state}
acts:
  - id: strike
    type: air_strikes
    actors: [a]
    target: b
    start: 2000-01-01
"""


def run(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    status = main(["evaluate", str(path), *extra])
    err = capsys.readouterr().err
    return status, err


def test_the_good_case_evaluates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(tmp_path, GOOD, capsys, "--format", "json")
    assert status == 0 and err == ""


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        (GOOD.replace("title: A tiny case", "title: [unclosed"), 3, None, "not valid YAML"),
        (GOOD + "    colour: red\n", 13, "acts[0].colour", "unknown field 'colour'"),
        (GOOD.replace("type: air_strikes", "type: air_strike"), 9, "acts[0].type", "did you mean 'air_strikes'"),
        (GOOD.replace("start: 2000-01-01", "start: yesterday"), 12, "acts[0].start", "expected a date"),
        (GOOD.replace("actors: [a]", "actors: a"), 10, "acts[0].actors", "valid list"),
        (GOOD.replace("target: b", "target: c"), 11, "acts[0].target", "unknown party 'c'"),
        (
            GOOD + "justifications:\n  - {id: j, act: bombing, type: self_defence, claimed_by: [a]}\n",
            14,
            "justifications[0].act",
            "unknown act 'bombing'",
        ),
        (
            GOOD + "justifications:\n  - {id: j, act: strike, type: self_defense, claimed_by: [a]}\n",
            14,
            "justifications[0].type",
            "did you mean 'self_defence'",
        ),
        (
            GOOD + "outcome:\n  standing: court_holding\n  authority: x\n  acts:\n"
            "    - {act: strike, verdict: unlawful, violations: [non_use_of_forse]}\n",
            17,
            "outcome.acts[0].violations[0]",
            "did you mean 'non_use_of_force'",
        ),
        (GOOD.replace("title: A tiny case\n", ""), 1, "title", "missing required field 'title'"),
        (GOOD + "acts: []\n", 13, "acts", "duplicate key 'acts'"),
        (GOOD.replace("  - {id: b, kind: state}", "  - {id: a, kind: state}"), 6, "parties[1].id", "already used"),
    ],
    ids=[
        "yaml-syntax",
        "unknown-field",
        "unknown-act-type",
        "wrong-type-date",
        "wrong-type-list",
        "unknown-party",
        "unknown-act",
        "unknown-justification",
        "unknown-principle",
        "missing-field",
        "duplicate-key",
        "duplicate-id",
    ],
)
def test_bad_case_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int, field: str | None, words: str
) -> None:
    status, err = run(tmp_path, text, capsys)
    assert status == 2
    first = err.splitlines()[0]
    assert f"case.yaml:{line}:" in first, err
    if field:
        assert f" {field}:" in first, err
    assert words in first, err
    assert "Traceback" not in err


def test_missing_case_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["evaluate", str(tmp_path / "nowhere.yaml")])
    err = capsys.readouterr().err
    assert status == 2
    assert "nowhere.yaml" in err and "no such file" in err


def test_empty_and_non_mapping_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(tmp_path, "", capsys)
    assert status == 2 and "empty" in err
    status, err = run(tmp_path, "- just\n- a list\n", capsys)
    assert status == 2 and "mapping" in err


def test_rule_file_that_does_not_parse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "broken.lp"
    rules.write_text("%@ source: test\np(X) :- q(X.\n", encoding="utf-8")
    status = main(["evaluate", str(CASES / "kosovo-1999.yaml"), "--rules", str(rules)])
    err = capsys.readouterr().err
    assert status == 2
    assert "broken.lp:2:" in err and "syntax error" in err


def test_rule_file_that_does_not_ground(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "unsafe.lp"
    rules.write_text("%@ source: test\np(X) :- not q(X).\n", encoding="utf-8")
    status = main(["evaluate", str(CASES / "kosovo-1999.yaml"), "--rules", str(rules)])
    err = capsys.readouterr().err
    assert status == 2
    assert "unsafe.lp:2:" in err and "unsafe" in err


def test_a_real_process_exits_2_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(GOOD.replace("target: b", "target: nowhere"), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "normengine", "evaluate", str(path)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "case.yaml:11:" in proc.stderr and "acts[0].target" in proc.stderr
    assert proc.stdout == ""


def test_a_document_nested_too_deeply_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(tmp_path, "id: " + "[" * 3000 + "]" * 3000 + "\n", capsys)
    assert status == 2
    assert "case.yaml:1:1:" in err and "nested too deeply" in err and "Traceback" not in err


# --------------------------------------------------------------------------
# Classes of issue 15: no input ends in an internal error


def _first(err: str) -> str:
    assert "Traceback" not in err and "internal error" not in err, err
    return err.splitlines()[0]


@pytest.mark.parametrize(
    ("char", "where", "line", "column", "field"),
    [
        ("\x1b", "comment", 13, 5, ""),
        ("\x00", "comment", 13, 5, ""),
        ("\x07", "title", 2, 10, " title:"),
        ("\x7f", "title", 2, 10, " title:"),
        ("\x9b", "title", 2, 10, " title:"),
    ],
    ids=["esc-comment", "nul-comment", "bel-value", "del-value", "csi-value"],
)
def test_a_control_character_is_bad_input_even_in_a_comment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], char: str, where: str, line: int, column: int, field: str
) -> None:
    text = GOOD + f"# a {char} comment\n" if where == "comment" else GOOD.replace("A tiny", f"A {char}tiny")
    status, err = run(tmp_path, text, capsys)
    first = _first(err)
    assert status == 2
    assert f"case.yaml:{line}:{column}:{field} the character U+{ord(char):04X}" in first, first
    assert "not allowed in a YAML file, not even in a comment" in first, first


def test_integers_past_32_bits_are_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    head = "resolutions:\n  - id: r\n    organ: general_assembly\n    date: 2000-01-01\n    votes:\n      for: 1\n"
    for written in ("2147483648", '"99999999999"', "1.0e+10", str(2**64)):
        text = GOOD + head + f"      against: {written}\n"
        status, err = run(tmp_path, text, capsys)
        first = _first(err)
        assert status == 2
        assert "case.yaml:19:" in first and " resolutions[0].votes.against:" in first, first
        assert "beyond what the solver can hold" in first, first
    text = GOOD + "resolutions:\n  - {id: r, organ: general_assembly, date: 2000-01-01, votes: {for: 2147483647}}\n"
    status, err = run(tmp_path, text, capsys)
    assert status == 2 and "beyond" not in err and "at most 193 members" in err, err


def test_a_bracketed_key_names_its_own_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(tmp_path, GOOD + "    colo[r]: red\n", capsys)
    assert status == 2
    assert "case.yaml:13:5: acts[0][\"colo[r]\"]: unknown field 'colo[r]'" in _first(err), err
    status, err = run(
        tmp_path, GOOD.replace("  - {id: a, kind: state}", '  - {id: a, kind: state, "x.y[0]": 1}'), capsys
    )
    assert status == 2
    assert 'case.yaml:5:26: parties[0]["x.y[0]"]: unknown field' in _first(err), err


def test_a_symbolic_link_loop_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "one.yaml").symlink_to(tmp_path / "two.yaml")
    (tmp_path / "two.yaml").symlink_to(tmp_path / "one.yaml")
    for argv in (
        ["evaluate", str(tmp_path / "one.yaml")],
        ["evaluate", str(CASES / "kosovo-1999.yaml"), "--rules", str(tmp_path / "one.yaml")],
    ):
        status = main(argv)
        err = capsys.readouterr().err
        assert status == 2 and "one.yaml" in _first(err), err
        assert "symbolic link" in err or "symbolic-link loop" in err, err


def test_a_deeply_nested_manifest_blames_the_manifest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "deep"
    rules.mkdir()
    (rules / "ruleset.toml").write_text('name = "x"\nx = ' + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    status = main(["evaluate", str(CASES / "kosovo-1999.yaml"), "--rules", str(rules)])
    err = capsys.readouterr().err
    assert status == 2
    assert "deep/ruleset.toml: " in _first(err) and "nested too deeply" in err and "kosovo" not in err, err


# --------------------------------------------------------------------------
# YAML merge keys: accepted, as YAML 1.1 defines them


MERGED = """\
id: tiny
title: A tiny case
date: 2000-01-01
parties:
  - &state {id: a, kind: state, name: Alpha}
  - <<: *state
    id: b
    name: Beta
acts:
  - &strike
    id: strike
    type: air_strikes
    actors: [a]
    target: b
    start: 2000-01-01
  - <<: [{title: second, type: invasion}, *strike]
    id: strike2
"""


def test_merge_keys_are_read_as_yaml_defines_them() -> None:
    from normengine.loader import parse_case_text

    case = parse_case_text(MERGED)
    assert [(p.id, p.name, p.kind) for p in case.parties] == [("a", "Alpha", "state"), ("b", "Beta", "state")]
    second = case.acts[1]
    # The keys written win; of the merged mappings, the earlier one wins (type: invasion, not air_strikes).
    assert (second.id, second.title, second.type, second.actors, second.target) == (
        "strike2",
        "second",
        "invasion",
        ["a"],
        "b",
    )


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (MERGED.replace("    name: Beta\n", "    name: Beta\n    name: Gamma\n"), 9, "duplicate key 'name'"),
        (MERGED.replace("  - <<: *state\n", "  - <<: *state\n    <<: {kind: state}\n"), 7, "duplicate merge key"),
        (MERGED.replace("<<: *state", "<<: plain"), 6, "a merge key (<<) takes a mapping"),
        (
            MERGED.replace("{title: second, type: invasion}", "{title: second, colour: red}"),
            16,
            "unknown field 'colour'",
        ),
    ],
    ids=["duplicate-key", "two-merge-keys", "merge-of-a-scalar", "unknown-field-in-a-merged-mapping"],
)
def test_bad_merge_keys_are_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int, words: str
) -> None:
    status, err = run(tmp_path, text, capsys)
    assert status == 2
    first = _first(err)
    assert f"case.yaml:{line}:" in first and words in first, err


# --------------------------------------------------------------------------
# What the record makes impossible


COUNCIL = """\
id: vote
title: An impossible vote
date: 2000-01-01
parties:
  - {id: a, kind: state}
  - {id: b, kind: state}
acts:
  - {id: strike, type: air_strikes, actors: [a], target: b, start: 2000-02-01}
justifications:
  - {id: j, act: strike, type: council_authorisation, claimed_by: [a], resolutions: [r]}
resolutions:
  - id: r
    organ: security_council
    date: DATE
    chapter_vii: true
    votes: {for: FOR, against: AGAINST, abstentions: ABST}
    authorisations:
      - {all_member_states: true, force: true}
"""


def _council(date: str, votes: tuple[int, int, int]) -> str:
    text = COUNCIL.replace("DATE", date)
    for key, value in zip(("FOR", "AGAINST", "ABST"), votes, strict=True):
        text = text.replace(key, str(value))
    return text


@pytest.mark.parametrize(
    ("date", "votes", "members"),
    [
        ("2000-01-01", (15, 15, 15), 15),
        ("2000-01-01", (16, 0, 0), 15),
        ("1965-08-30", (12, 0, 0), 11),
        ("1960-01-01", (9, 2, 1), 11),
    ],
)
def test_more_votes_than_members_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], date: str, votes: tuple[int, int, int], members: int
) -> None:
    status, err = run(tmp_path, _council(date, votes), capsys)
    assert status == 2
    first = _first(err)
    assert "case.yaml:16:5: resolutions[0].votes:" in first, first
    assert f"{sum(votes)} votes" in first and f"the Security Council had {members} members on {date}" in first


@pytest.mark.parametrize(
    ("date", "votes"), [("2000-01-01", (14, 0, 1)), ("1965-08-31", (15, 0, 0)), ("1960-01-01", (9, 1, 1))]
)
def test_votes_the_council_could_cast_are_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], date: str, votes: tuple[int, int, int]
) -> None:
    status, err = run(tmp_path, _council(date, votes), capsys)
    assert (status, err) == (0, "")


@pytest.mark.parametrize(
    ("change", "line", "field", "words"),
    [
        (
            ("{id: b, kind: state}", "{id: b, kind: organisation, members: [b]}"),
            6,
            "parties[1].members[0]",
            "'b' is a member of itself",
        ),
        (
            (
                "  - {id: b, kind: state}",
                "  - {id: b, kind: organisation, members: [c]}\n  - {id: c, kind: organisation, members: [b]}",
            ),
            6,
            "parties[1].members[0]",
            "membership goes round in a circle: 'b' -> 'c' -> 'b'",
        ),
        (
            (
                "justifications:",
                "consents:\n  - {id: k1, by: b, to: [a], given: 2000-01-01}\n"
                "  - {id: k2, by: b, to: [a], given: 2000-01-01, freely_given: false}\njustifications:",
            ),
            11,
            "consents[1].freely_given",
            "the record contradicts itself",
        ),
        (
            ("    votes:", "    negative_votes_by: [a, b]\n    votes:"),
            16,
            "resolutions[0].negative_votes_by",
            "2 parties named, but the vote records 1 against",
        ),
        (
            ("    votes:", "    negative_votes_by: [a]\n    abstentions_by: [a]\n    votes:"),
            17,
            "resolutions[0].abstentions_by[0]",
            "both voted against and abstained",
        ),
        (
            ("    votes:", "    adopted_without_vote: true\n    votes:"),
            17,
            "resolutions[0].votes",
            "also said to be adopted without a vote",
        ),
        (
            ("{id: b, kind: state}", "{id: b, kind: state, organ_of: a}"),
            6,
            "parties[1].organ_of",
            "only a body of kind organisation can be an organ",
        ),
        (
            ("{id: b, kind: state}", "{id: b, kind: organisation, organ_of: a}"),
            6,
            "parties[1].organ_of",
            "'a' is not an organisation",
        ),
    ],
    ids=[
        "member-of-itself",
        "membership-circle",
        "consent-free-and-coerced",
        "more-named-than-counted",
        "against-and-abstained",
        "vote-and-no-vote",
        "organ-not-an-organisation",
        "organ-of-a-state",
    ],
)
def test_an_impossible_or_contradictory_record_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], line: int, field: str, words: str
) -> None:
    text = _council("2000-01-01", (13, 1, 1)).replace(*change)
    status, err = run(tmp_path, text, capsys)
    assert status == 2
    first = _first(err)
    assert f"case.yaml:{line}:" in first and f" {field}: " in first and words in first, first


def test_a_contested_consent_is_not_a_contradiction(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two sources that disagree are two readings of one fact, marked contested: accepted."""
    text = _council("2000-01-01", (13, 1, 1)).replace(
        "justifications:",
        "consents:\n  - id: k1\n    by: b\n    to: [a]\n    given: 2000-01-01\n"
        "    contested: {alternatives: [{freely_given: false, source: another account}]}\njustifications:",
    )
    status, err = run(tmp_path, text, capsys)
    assert (status, err) == (0, "")


# --------------------------------------------------------------------------
# Every list has a bound


def test_contested_facts_and_readings_have_bounds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    attacks = "".join(
        f"  - {{id: x{i}, by: b, against: a, date: 1999-12-31, contested: {{source: s}}}}\n" for i in range(51)
    )
    status, err = run(tmp_path, GOOD + "armed_attacks:\n" + attacks, capsys)
    assert status == 3
    assert "case.yaml:64:" in _first(err) and "armed_attacks[50].contested:" in err and "over the limit of 50" in err
    readings = "".join(f"        - {{date: {1900 + i}-01-01}}\n" for i in range(21))
    text = (
        GOOD
        + "armed_attacks:\n  - id: x\n    by: b\n    against: a\n    date: 1999-12-31\n"
        + "    contested:\n      alternatives:\n"
        + readings
    )
    status, err = run(tmp_path, text, capsys)
    assert status == 3
    assert "case.yaml:19:7: armed_attacks[0].contested.alternatives: 21 readings, over the limit of 20" in _first(err)


def test_the_python_api_applies_the_bounds(tmp_path: Path) -> None:
    from normengine import evaluate
    from normengine.errors import LimitExceeded
    from normengine.loader import Limits

    claims = "justifications:\n" + "".join(
        f"  - {{id: j{i}, act: strike, type: self_defence, claimed_by: [a]}}\n" for i in range(3)
    )
    with pytest.raises(LimitExceeded, match=r"<string>:13:1: justifications: 3 justifications, over the limit of 2"):
        evaluate(GOOD + claims, limits=Limits(max_items=2))
    assert len(evaluate(GOOD + claims, limits=Limits(max_items=3)).acts[0].justifications) == 3


def test_a_model_built_in_python_gets_the_same_checks() -> None:
    from normengine.errors import CaseError
    from normengine.loader import load_case, parse_case_text

    case = parse_case_text(GOOD)
    org = case.parties[0].model_copy(update={"kind": "organisation", "members": ["a"]})
    with pytest.raises(CaseError, match=r"<model>: parties\[0\]\.members\[0\]: 'a' is a member of itself"):
        load_case(case.model_copy(update={"parties": [org, case.parties[1]]}))
