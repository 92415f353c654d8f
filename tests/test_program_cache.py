"""The on-disk cache of parsed programs (normengine/rulesets/cache.py) gives back the program it stored.

A fresh process reads the bundled program from the cache instead of parsing it (issue 16: a fast start);
what it reads must be the program a parse gives, field by field, and a cache file that cannot be read must
only cost a parse.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from normengine.rulesets import load_ruleset
from normengine.rulesets import program as programs
from normengine.rulesets.program import Program, parse_program

FIELDS: tuple[str, ...] = ("text", "light_text", "rules", "facts", "unannotated", "docs", "scripts", "files")
FIELDS += ("problems", "signature", "fired", "entries", "roots", "allow_scripts")


def _bundled() -> tuple[list[Path], tuple[Path, ...]]:
    ruleset = load_ruleset(None)
    return [*ruleset.files, ruleset.perspective_file(None)[1]], ruleset.roots


def _from_disk(paths: list[Path], roots: tuple[Path, ...]) -> Program:
    """Parse with the cache, after emptying the in-memory one, so that the program comes from the file."""
    programs._MEMORY.clear()
    return parse_program(paths, roots)


def test_the_cached_program_is_the_parsed_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMENGINE_CACHE", str(tmp_path))
    paths, roots = _bundled()
    parsed = parse_program(paths, roots, use_cache=False)
    _from_disk(paths, roots)  # no entry yet: parses and writes it
    assert len(list(tmp_path.glob("*.marshal"))) == 1
    cached = _from_disk(paths, roots)
    assert cached.statements is None, "the program was parsed again instead of read from the cache"
    for name in FIELDS:
        assert getattr(cached, name) == getattr(parsed, name), name
    term = next(iter(cached.rules.values())).head
    assert isinstance(term, tuple), term  # terms are tuples, as a parse gives them (hashable)
    programs._MEMORY.clear()


@pytest.mark.parametrize("damage", [b"", b"\x00not marshal", b"{garbage"])
def test_a_damaged_cache_file_costs_a_parse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes) -> None:
    monkeypatch.setenv("NORMENGINE_CACHE", str(tmp_path))
    paths, roots = _bundled()
    _from_disk(paths, roots)
    (entry,) = tmp_path.glob("*.marshal")
    entry.write_bytes(damage)
    again = _from_disk(paths, roots)
    assert again.statements is not None  # parsed afresh
    assert again.rules == parse_program(paths, roots, use_cache=False).rules
    programs._MEMORY.clear()
