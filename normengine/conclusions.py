"""Reading the conclusions of a solve: verdicts, statuses and violations.

They are defined once, in ASP (``normengine/encodings/conclusions.lp``), and every path
reads them from the atoms of a solve: plain evaluation (:mod:`normengine.findings`), cases
with contested facts (:mod:`normengine.modal`) and what-if scenarios
(:mod:`normengine.whatif`). This module only decodes those atoms: it takes the values an
atom gives a conclusion on some answer set (*roles*) and gives the conclusion's possible
values over the answer sets. The one step that is not an atom of a single answer set is
credulous acceptance (some admissible set accepts a claim): a claim undecided under
grounded semantics (``open``) on an answer set in which no admissible set accepts it is
defeated there, as ``conclusions.lp`` says.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from clingo import Symbol

from .predicates import ELEMENT_FAILS, ELEMENT_HOLDS, NO_VIOLATION, STATUS, VERDICT, VIOLATION
from .terms import Atom, Term, text

__all__ = [
    "Key",
    "decode",
    "decode_plain",
    "one_value",
    "possible_values",
    "possible_values_plain",
    "text_of",
    "values",
]

Key = tuple[str, ...]

_ROLES: dict[str, tuple[str, str | None]] = {
    VERDICT[0]: ("verdict", None),
    STATUS[0]: ("status", None),
    ELEMENT_HOLDS[0]: ("element", "holds"),
    ELEMENT_FAILS[0]: ("element", "fails"),
    VIOLATION[0]: ("violation", "stands"),
    NO_VIOLATION[0]: ("violation", "no violation"),
}


def text_of(sym: Symbol) -> str:
    """A symbol as an id: a string's text, or the symbol as clingo prints it."""
    return sym.string if sym.type.name == "String" else str(sym)


def decode(atom: Symbol) -> tuple[Key, str] | None:
    """The conclusion an atom speaks of, and what it says of it (its *role*)."""
    args = atom.arguments
    if len(args) != 2:
        return None
    found = _ROLES.get(atom.name)
    if found is None:
        return None
    kind, role = found
    if role is None:
        return (kind, text_of(args[0])), args[1].name
    if kind == "element" or kind == "violation":
        return (kind, text_of(args[0]), args[1].name), role
    return None


def _id(term: Term) -> str:
    return term if isinstance(term, str) else text(term)


def _cname(term: Term) -> str:
    return term[0] if isinstance(term, tuple) else str(term)


def decode_plain(atom: Atom) -> tuple[Key, str] | None:
    """:func:`decode` of an atom given as a plain term (:mod:`normengine.terms`)."""
    if len(atom) != 3:
        return None
    found = _ROLES.get(atom[0])
    if found is None:
        return None
    kind, role = found
    if role is None:
        return (kind, _id(atom[1])), _cname(atom[2])
    return (kind, _id(atom[1]), _cname(atom[2])), role


def values(key: Key, present: set[str]) -> set[str] | None:
    """The possible values of a conclusion from the roles of its atoms that are true on some answer set."""
    if not present:
        return None
    if key[0] == "violation":
        if "stands" not in present:
            return None
        return {"stands", "does not stand"} if "no violation" in present else {"stands"}
    if key[0] == "status":
        statuses = present - {"open"}
        if "open" in present and "contested" not in present:
            # Every answer set in which the claim is undecided under grounded semantics leaves it outside
            # every admissible set (otherwise it would be contested there): it is defeated there.
            statuses.add("defeated")
        return statuses
    return set(present)


def _collect(decoded: Iterable[tuple[Key, str] | None]) -> dict[Key, set[str]]:
    roles: dict[Key, set[str]] = defaultdict(set)
    for found in decoded:
        if found is not None:
            roles[found[0]].add(found[1])
    out: dict[Key, set[str]] = {}
    for key, present in roles.items():
        got = values(key, present)
        if got is not None:
            out[key] = got
    return out


def possible_values(brave: Iterable[Symbol], cautious: Iterable[Symbol] = ()) -> dict[Key, set[str]]:
    """Possible values of each conclusion, from the brave consequences of a solve."""
    return _collect(decode(atom) for atom in brave)


def possible_values_plain(atoms: Iterable[Atom]) -> dict[Key, set[str]]:
    """:func:`possible_values` of atoms given as plain terms."""
    return _collect(decode_plain(atom) for atom in atoms)


def one_value(found: set[str]) -> str:
    """A conclusion as a report states it: its value if it has one over the readings, else contested."""
    return next(iter(found)) if len(found) == 1 else "contested"
