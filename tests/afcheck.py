"""A small, independent checker for abstract argumentation frameworks, for the round-trip tests.

It reads the ICCMA 2023 and apx texts that ``normengine graph`` writes, and decides grounded
acceptance (the least fixpoint of the characteristic function) and credulous acceptance under
preferred semantics (membership of some admissible set, found by a complete backtracking search).
It shares no code with the engine or with ``normengine.af``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

Framework = tuple[list[str], set[tuple[str, str]]]

_APX_ARG = re.compile(r"^arg\(([A-Za-z][A-Za-z0-9_]*)\)\.$")
_APX_ATT = re.compile(r"^att\(([A-Za-z][A-Za-z0-9_]*),([A-Za-z][A-Za-z0-9_]*)\)\.$")


def parse_iccma(text: str) -> Framework:
    """Parse ICCMA 2023 text strictly: the header first, then comments or ``i j`` lines."""
    lines = text.split("\n")
    assert lines[-1] == "", "the file ends with a newline"
    header = lines[0].split()
    assert header[:2] == ["p", "af"] and len(header) == 3 and header[2].isdigit(), lines[0]
    n = int(header[2])
    attacks: set[tuple[str, str]] = set()
    for line in lines[1:-1]:
        if line.startswith("#"):
            continue
        assert re.fullmatch(r"[1-9][0-9]* [1-9][0-9]*", line), f"not an attack line: {line!r}"
        i, j = (int(x) for x in line.split())
        assert 1 <= i <= n and 1 <= j <= n, line
        attacks.add((str(i), str(j)))
    return [str(i) for i in range(1, n + 1)], attacks


def parse_apx(text: str) -> Framework:
    """Parse apx text strictly: every line a comment, an ``arg/1`` fact or an ``att/2`` fact."""
    args: list[str] = []
    attacks: set[tuple[str, str]] = set()
    lines = text.split("\n")
    assert lines[-1] == ""
    for line in lines[:-1]:
        if line.startswith("%"):
            continue
        m = _APX_ARG.match(line)
        if m:
            args.append(m.group(1))
            continue
        m = _APX_ATT.match(line)
        assert m, f"not an apx fact: {line!r}"
        attacks.add((m.group(1), m.group(2)))
    assert all(a in args and b in args for a, b in attacks)
    return args, attacks


def grounded(af: Framework) -> tuple[set[str], set[str]]:
    """The grounded extension and the arguments it attacks."""
    args, attacks = af
    attackers = {a: {x for x, y in attacks if y == a} for a in args}
    inside: set[str] = set()
    out: set[str] = set()
    while True:
        new_in = {a for a in args if attackers[a] <= out}
        new_out = {y for x, y in attacks if x in new_in}
        if new_in == inside and new_out == out:
            return inside, out
        inside, out = new_in, new_out


def credulous_preferred(af: Framework) -> set[str]:
    """The arguments that some preferred extension contains (equivalently, some admissible set)."""
    args, attacks = af
    attackers = {a: {x for x, y in attacks if y == a} for a in args}

    def conflict_free(s: frozenset[str]) -> bool:
        return not any(x in s and y in s for x, y in attacks)

    def extend(s: frozenset[str]) -> bool:
        """Is there an admissible set that contains ``s``?"""
        if not conflict_free(s):
            return False
        attacked_by_s = {y for x, y in attacks if x in s}
        for member in sorted(s):
            for threat in sorted(attackers[member]):
                if threat not in attacked_by_s:
                    # Some member of any admissible superset must attack this threat.
                    return any(extend(s | {d}) for d in sorted(attackers[threat]))
        return True

    return {a for a in args if extend(frozenset({a}))}


def restrict(af: Framework, keep: Iterable[str]) -> Framework:
    """The sub-framework on ``keep``."""
    kept = set(keep)
    return [a for a in af[0] if a in kept], {(x, y) for x, y in af[1] if x in kept and y in kept}
