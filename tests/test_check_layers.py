"""``check`` parses a rule set built on another as two parts (the files it builds on, then its own) when the
findings cannot differ from those of one part of every file; they are compared here with the whole parse."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from normengine.authoring.check import _shared_parts, check_ruleset
from normengine.rulesets import RuleSetRefused, load_ruleset

from .authoring_helpers import NATIONALS, ruleset

ROOT = Path(__file__).resolve().parent.parent

EXTRAS = {
    "clean": """
        %@ rule: extra_strike
        %@ source: [un-charter art 2(4)]
        %@ says: {A} is a strike
        strike(A) :- act_type(A, air_strikes).
        """,
    "misspelt": """
        %@ rule: extra_strike
        %@ source: test
        %@ says: {A} is a strike
        strike(A) :- act_typ(A, air_strikes).
        """,
    "problems": """
        %@ rule: extra_one
        %@ source: test
        %@ says: {C} is odd and {Nobody} knows
        remark(C, odd) :- claim(C).

        %@ sorce: test
        remark(C, odder) :- claim(C).

        %@ rule: extra_one
        %@ source: test
        %@ says: {C} is odd again
        remark(C, oddest) :- claim(C).
        """,
    "bundled id": """
        %@ rule: sd_no_armed_attack
        %@ source: my own reading
        %@ says: nothing
        element_fails(C, armed_attack) :- claim(C, self_defence).
        """,
    "reserved": """
        %@ source: test
        af_gr_in(x).
        """,
    "syntax": """
        strike(A) :- act_type(A, air_strikes)
        """,
}


def _verbatim(rule_id: str, file: str) -> str:
    """A bundled rule, copied with its annotations."""
    lines = (ROOT / "rules" / file).read_text(encoding="utf-8").splitlines()
    start = lines.index(f"%@ rule: {rule_id}")
    end = next(i for i in range(start, len(lines)) if not lines[i].startswith("%") and lines[i].endswith("."))
    return "\n".join(lines[start : end + 1]) + "\n"


EXTRAS["bundled rule verbatim"] = _verbatim("sd_no_armed_attack", "justifications/self_defence.lp")


def _whole(root: Path) -> str:
    """The findings of the rule set parsed as one part of every file (as before the parts)."""
    whole = dataclasses.replace(load_ruleset(root), base_files=())
    return check_ruleset(whole).to_json()


# Each comparison parses the whole rule set afresh (about a second): the quick loop runs two of them.
QUICK = ("clean", "bundled rule verbatim")


@pytest.mark.parametrize(
    "extra", [pytest.param(e, marks=() if e in QUICK else pytest.mark.slow) for e in sorted(EXTRAS)]
)
def test_two_parts_find_what_one_finds(tmp_path: Path, extra: str) -> None:
    root = ruleset(tmp_path / "rs", NATIONALS, EXTRAS[extra])
    assert check_ruleset(root).to_json() == _whole(root)


def test_a_rule_set_built_on_the_bundled_one_is_parsed_as_the_bundled_part_and_its_own(tmp_path: Path) -> None:
    loaded = load_ruleset(ruleset(tmp_path / "clean", NATIONALS, EXTRAS["clean"]))
    parts = _shared_parts(loaded, False)
    assert [p.files for p in parts] == [list(load_ruleset().files), [tmp_path / "clean" / "extra.lp"]]
    assert parts[0] is _shared_parts(load_ruleset(), False)[0]  # the bundled part, parsed once per process
    # a rule id of the bundled law in its own files: the whole is parsed, and refused as the engine refuses it
    with pytest.raises(RuleSetRefused, match="reserves"):
        _shared_parts(load_ruleset(ruleset(tmp_path / "forged", NATIONALS, EXTRAS["bundled id"])), False)


def test_the_parts_a_process_holds_keep_the_ones_in_use(tmp_path: Path) -> None:
    # The process holds 32 parts; the one used least recently goes first, so that the bundled part, which
    # every check of a rule set built on it uses, stays however many other rule sets were checked since.
    from normengine.authoring.analysis import load_part

    def part(n: int) -> Any:
        path = tmp_path / f"r{n}.lp"
        path.write_text(f"p({n}).\n", encoding="utf-8")
        return load_part([path], (tmp_path,))

    first = part(0)
    for n in range(1, 32):
        part(n)
    assert part(0) is first  # used again: now the most recent
    for n in range(32, 40):
        part(n)
    assert part(0) is first


def test_a_part_is_shared_across_directories_unless_its_messages_name_files_relative_to_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from normengine.authoring.analysis import load_part

    clean = ruleset(tmp_path / "clean", NATIONALS, EXTRAS["clean"])
    problems = ruleset(tmp_path / "problems", NATIONALS, EXTRAS["problems"])
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()

    def parts() -> list[Any]:
        return [load_part(list(load_ruleset(r).files), load_ruleset(r).roots) for r in (clean, problems)]

    monkeypatch.chdir(tmp_path / "a")
    clean_a, problems_a = parts()
    monkeypatch.chdir(tmp_path / "b")
    clean_b, problems_b = parts()
    assert clean_b is clean_a and not clean_a.program.problems
    assert problems_b is not problems_a and problems_a.program.problems  # parsed again, for its messages
