"""The on-disk cache of parsed programs (normengine/rulesets/cache.py): what a fresh process reads instead of
parsing, bounded to the programs used last."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import normengine.rulesets.cache as cache
from normengine.rulesets import parse_program
from normengine.rulesets.program import _MEMORY


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
