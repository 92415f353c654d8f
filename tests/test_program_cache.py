"""The on-disk cache of parsed programs (normengine/rulesets/cache.py): what a fresh process reads instead of
parsing, bounded to the programs used last."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import normengine.rulesets.cache as cache
from normengine.errors import RuleSetError
from normengine.rulesets import Program, RuleSetRefused, RuleSyntaxError, load_ruleset, parse_program
from normengine.rulesets.program import _MEMORY

from .authoring_helpers import NATIONALS, ruleset
from .metamorphic_helpers import PERSPECTIVES
from .test_check_layers import EXTRAS as CHECK_EXTRAS


def _program(tmp: Path, n: int) -> Path:
    path = tmp / f"r{n}.lp"
    path.write_text(f"%@ rule: r{n}\n%@ source: s\n%@ says: {{X}} holds\nq{n}(X) :- p(X).\n", encoding="utf-8")
    return path


def test_a_fresh_process_reads_the_program_from_the_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMENGINE_CACHE", str(tmp_path / "cache"))
    path = _program(tmp_path, 0)
    parsed = parse_program([path], (tmp_path,))
    assert parsed.located  # parsed here: clingo's ASTs, which name the file
    _MEMORY.clear()  # as a fresh process
    read = parse_program([path], (tmp_path,))
    assert not read.located and read.text == parsed.text and read.rules == parsed.rules
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [f"{parsed.signature}.json"]


def test_the_cache_keeps_the_programs_used_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "cache"
    monkeypatch.setenv("NORMENGINE_CACHE", str(directory))
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    first = parse_program([_program(tmp_path, 0)], (tmp_path,))
    for n in (1, 2):
        parse_program([_program(tmp_path, n)], (tmp_path,))
    entry = directory / f"{first.signature}.json"
    old = entry.stat().st_mtime_ns - 10**9
    for path in directory.iterdir():  # every entry written a second ago, the first one before the others
        stamp = old - 10**9 if path == entry else old
        os.utime(path, ns=(stamp, stamp))
    _MEMORY.clear()
    assert parse_program([_program(tmp_path, 0)], (tmp_path,)).signature == first.signature  # read: used now
    for n in (3, 4):
        parse_program([_program(tmp_path, n)], (tmp_path,))
    kept = sorted(p.name for p in directory.iterdir())
    assert len(kept) == 3 and entry.name in kept


@pytest.mark.parametrize("light", [False, True])
def test_a_cached_program_gives_the_same_models_however_it_is_added(light: bool) -> None:
    # A program read from the cache is added as text the first time, then as the ASTs of that text parsed once.
    import clingo

    from normengine.rulesets import Program, load_ruleset
    from normengine.solve import build_program

    _, parsed = build_program(load_ruleset(), None)
    cached = Program.from_json(parsed.to_json())
    facts = "act(a1). act_type(a1, air_strikes). actor(a1, s1). target_state(a1, s2). state(s1). state(s2)."

    def models(program: Program) -> list[list[str]]:
        ctl = clingo.Control(["--warn=none", "0"])
        program.add_to(ctl, light=light)
        ctl.add("base", [], facts)
        ctl.ground([("base", [])])
        found: list[list[str]] = []
        ctl.solve(on_model=lambda m: found.append(sorted(map(str, m.symbols(shown=True)))))
        return sorted(found)

    expected = models(parsed)
    assert expected and any(expected[0])
    assert [models(cached) for _ in range(3)] == [expected] * 3
    assert light in cached._parsed and len(cached._parsed[light]) > 100


# A rule set built on the bundled one: its own files' program goes on from the bundled files' (parse_program,
# _go_on), and must be the program a parse of every file gives. The second element: whether each of its files
# goes on from the program before it ("on") or the bundled files are parsed again with some of its own
# ("whole", where the two could differ).
EXTRAS: dict[str, tuple[str, str]] = {
    "clean": (CHECK_EXTRAS["clean"], "on"),
    "misspelt": (CHECK_EXTRAS["misspelt"], "on"),
    "anonymous": (
        """
        %@ rule: extra_anonymous
        %@ source: [un-charter art 2(4)]
        %@ says: {A} is aimed at someone
        aimed(A) :- act_type(A, air_strikes); target_state(A, _).
        """,
        "on",
    ),
    "documented twice, a bundled fact again": (
        """
        %*! act_type(A, T)
        Another reading of the act types.
        *%
        %@ source: [un-charter art 2(4)]
        strike_kind(air_strikes).
        """,
        "on",
    ),
    "a choice over a predicate the bundled rules read": (
        """
        %@ source: [un-charter art 2(4)]
        { act_type(A, air_strikes) } :- act(A).
        """,
        "whole",
    ),
    "an annotation block left open at the end": ("%@ source: [un-charter art 2(4)]\n", "whole"),
    "problems": (CHECK_EXTRAS["problems"], "whole"),
    "a bundled rule's id": (CHECK_EXTRAS["bundled id"], "whole"),
    "reserved": (CHECK_EXTRAS["reserved"], "whole"),
    "syntax": (CHECK_EXTRAS["syntax"], "whole"),
}


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The files of each parse the loader makes from now on (the names of the files it is given)."""
    import normengine.rulesets.program as loader

    parsed: list[list[str]] = []
    parse = loader._parse

    def recorded(paths: list[Path]) -> list[Any]:
        parsed.append([p.name for p in paths])
        return parse(paths)

    monkeypatch.setattr(loader, "_parse", recorded)
    return parsed


def _fields(program: Program) -> dict[str, Any]:
    """Every field the cache keeps (the texts are those of the statements, which a program read from the cache
    does not have)."""
    return program.to_json()


# Each comparison parses the rule set afresh, whole (about a second): the quick loop runs one of them, where
# its own file goes on from the program before it and a file before makes a predicate vary (parsed whole).
QUICK = ("a choice over a predicate the bundled rules read",)


@pytest.mark.parametrize("extra", [pytest.param(e, marks=() if e in QUICK else pytest.mark.slow) for e in EXTRAS])
def test_a_program_that_goes_on_from_another_is_the_program_of_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: str
) -> None:
    text, expected = EXTRAS[extra]
    rules = load_ruleset(ruleset(tmp_path / "rs", NATIONALS, text))
    files = [*rules.files, rules.perspective_file(None)[1]]

    def fields_or_error(given: list[Path], *, use_cache: bool) -> Any:
        try:
            return _fields(parse_program(given, rules.roots, use_cache=use_cache))
        except RuleSetError as exc:
            return repr(exc), exc.messages if isinstance(exc, RuleSyntaxError | RuleSetRefused) else None

    # The program of every file, and of the first files (each step goes on from the one before).
    every_file = [fields_or_error(files[:k], use_cache=False) for k in range(2, len(files) + 1)]
    monkeypatch.setenv("NORMENGINE_CACHE", "off")
    parse_program(list(load_ruleset().files), rules.roots)  # the bundled files' program, as evaluations leave it
    parsed = _parses(monkeypatch)
    assert [fields_or_error(files[:k], use_cache=True) for k in range(2, len(files) + 1)] == every_file
    # "on": the bundled files are parsed with no file of the rule set's (their program was there already)
    assert any("law.lp" in names and len(names) > 1 for names in parsed) == (expected == "whole"), parsed


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=() if n == "orthodox" else pytest.mark.slow) for n in sorted(PERSPECTIVES)]
)
def test_each_perspective_of_the_bundled_rule_set_goes_on_from_its_law(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("NORMENGINE_CACHE", "off")
    rules = load_ruleset()
    parsed = _parses(monkeypatch)
    files = [*rules.files, rules.perspective_file(name)[1]]
    every_file = _fields(parse_program(files, rules.roots, use_cache=False))
    _MEMORY.pop(every_file["signature"], None)
    assert _fields(parse_program(files, rules.roots)) == every_file
    assert parsed[-1] == [f"{name}.lp"]


def test_a_process_keeps_the_programs_it_used_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import normengine.rulesets.program as loader

    monkeypatch.setenv("NORMENGINE_CACHE", "off")
    monkeypatch.setattr(loader, "_MEMORY_ENTRIES", 3)
    monkeypatch.setattr(loader, "_MEMORY", {})
    first, second, _third = (parse_program([_program(tmp_path, n)], (tmp_path,)) for n in (0, 1, 2))
    assert parse_program([_program(tmp_path, 0)], (tmp_path,)) is first  # used again: now the most recent
    for n in (3, 4):
        parse_program([_program(tmp_path, n)], (tmp_path,))
    assert len(loader._MEMORY) == 3
    assert parse_program([_program(tmp_path, 0)], (tmp_path,)) is first
    assert parse_program([_program(tmp_path, 1)], (tmp_path,)) is not second  # let go, so parsed again
