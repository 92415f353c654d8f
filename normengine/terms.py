"""Ground terms as plain Python values, copied out of clingo once per solve.

Reading a clingo ``Symbol`` (its type, name, arguments, hash) goes through clingo's
C binding on every access; the report reads the same atoms many times. The findings
and the explanations therefore work on plain values instead:

- a number is an ``int``;
- a string is a ``str``;
- a function (a constant, a compound term or a tuple) is a ``tuple`` whose first item is
  its name (``""`` for a tuple, ``"-name"`` for a classically negated one) and whose other
  items are its arguments: ``violation("kosovo",non_use_of_force,"fry")`` is
  ``("violation", "kosovo", ("non_use_of_force",), "fry")``.

:func:`text` prints a plain term exactly as clingo prints the symbol, and :func:`key`
orders plain terms exactly as clingo orders symbols, so that reports built from plain
terms are byte-identical to those built from symbols (tested in tests/test_terms.py).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, Union

import clingo
from clingo import Symbol, SymbolType

__all__ = ["Atom", "Atoms", "Term", "args", "from_text", "is_function", "key", "name", "plain", "symbol", "text"]

Term = Union[int, str, tuple[Any, ...]]  # noqa: UP007 (a runtime alias, read by mypy)
Atom = tuple[Any, ...]  # an atom: always a function

_FUNCTION = SymbolType.Function
_STRING = SymbolType.String
_NUMBER = SymbolType.Number

_TOKEN = re.compile(r'(-?\d+)|"((?:[^"\\]|\\.)*)"|(-?[_a-z\'][A-Za-z0-9_\']*)(\()?|(\()|(\))|(,)|(\S)')
_ESCAPES = re.compile(r"\\(.)")
_UNESCAPE = {"n": "\n", "\\": "\\", '"': '"'}


def plain(sym: Symbol) -> Term:
    """A clingo symbol as a plain term (through its printed form: one call into clingo per atom)."""
    found = from_text(str(sym))
    return found if found is not None else _through_binding(sym)


def _through_binding(sym: Symbol) -> Term:
    kind = sym.type
    if kind == _FUNCTION:
        head = sym.name if sym.positive else "-" + sym.name
        return (head, *(_through_binding(a) for a in sym.arguments))
    if kind == _STRING:
        return sym.string
    if kind == _NUMBER:
        return sym.number
    raise ValueError(f"no plain form for {sym}")  # #inf and #sup: never an atom of the rules


def from_text(source: str) -> Term | None:
    """Parse a term as clingo prints it; None for what it cannot read (``#inf``, ``#sup``)."""
    stack: list[list[Term]] = [[]]
    for m in _TOKEN.finditer(source):
        number, string, ident, call, bare, close, comma, other = m.groups()
        if number is not None:
            stack[-1].append(int(number))
        elif string is not None:
            if "\\" in string:
                string = _ESCAPES.sub(lambda e: _UNESCAPE.get(e.group(1), e.group(0)), string)
            stack[-1].append(string)
        elif ident is not None:
            if call:
                stack.append([ident])
            else:
                stack[-1].append((ident,))
        elif bare is not None:
            stack.append([""])
        elif close is not None:
            if len(stack) < 2:
                return None
            done = stack.pop()
            stack[-1].append(tuple(done))
        elif comma is not None:
            continue
        else:
            del other
            return None
    if len(stack) != 1 or len(stack[0]) != 1:
        return None
    return stack[0][0]


def text(term: Term) -> str:
    """A plain term printed exactly as clingo prints the symbol."""
    if isinstance(term, str):
        return '"' + term.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"') + '"'
    if isinstance(term, int):
        return str(term)
    head = term[0]
    if len(term) == 1:
        return head if head else "()"
    inner = ",".join(text(a) for a in term[1:])
    if not head and len(term) == 2:
        inner += ","
    return f"{head}({inner})"


def key(term: Term) -> tuple[Any, ...]:
    """A sort key that orders plain terms as clingo orders the symbols.

    clingo orders numbers, then constants (positive before negated, then by name), then
    strings, then compound terms and tuples (positive before negated, then by arity, name
    and arguments).
    """
    if isinstance(term, int):
        return (0, term)
    if isinstance(term, str):
        return (2, term.encode())
    head = term[0]
    negative = head.startswith("-")
    bare = head[1:] if negative else head
    if len(term) == 1:
        return (1, negative, bare)
    return (3, negative, len(term) - 1, bare, tuple(key(a) for a in term[1:]))


def symbol(term: Term) -> Symbol:
    """A plain term as a clingo symbol again (for the callers that still read symbols)."""
    if isinstance(term, str):
        return clingo.String(term)
    if isinstance(term, int):
        return clingo.Number(term)
    head = term[0]
    positive = not head.startswith("-")
    return clingo.Function(head if positive else head[1:], [symbol(a) for a in term[1:]], positive)


def is_function(term: Term) -> bool:
    """Whether a plain term is a function (a constant, compound term or tuple)."""
    return isinstance(term, tuple)


def name(term: Term) -> str:
    """A function's name ('' for a number, a string or a tuple)."""
    return term[0] if isinstance(term, tuple) else ""


def args(term: Term) -> tuple[Term, ...]:
    """A function's arguments (empty for anything else)."""
    return term[1:] if isinstance(term, tuple) else ()


def as_plain(value: Symbol | Term) -> Term:
    """A plain term, whether given a clingo symbol or already a plain term."""
    return plain(value) if isinstance(value, Symbol) else value


class Atoms:
    """The atoms of one solve as plain terms, indexed by predicate and by first argument.

    The symbols are grouped by predicate name in one pass (one call into clingo per atom);
    the atoms of a predicate are copied into plain terms the first time someone asks for
    that predicate, once. Indexes by first argument are built once per predicate, so no
    lookup scans the atoms again.
    """

    def __init__(self, symbols: Iterable[Symbol]) -> None:
        raw: dict[str, list[Symbol]] = defaultdict(list)
        for sym in symbols:  # the atoms of a model are functions: one call into clingo each
            raw[sym.name].append(sym)
        self._raw = raw
        self._by_name: dict[str, dict[int, list[Atom]]] = {}
        self._first: dict[tuple[str, int], dict[Term, list[Atom]]] = {}
        self._sets: dict[tuple[str, int], frozenset[Atom]] = {}

    def count(self, pred: str) -> int:
        """How many atoms have this predicate name (without copying them)."""
        return len(self._raw.get(pred, ()))

    def names(self) -> list[str]:
        """The predicate names of the solve."""
        return list(self._raw)

    def _named(self, pred: str) -> dict[int, list[Atom]]:
        found = self._by_name.get(pred)
        if found is None:
            found = {}
            for sym in self._raw.get(pred, ()):
                atom = plain(sym)
                if isinstance(atom, tuple) and atom[0] == pred:  # a classically negated atom is not one of these
                    found.setdefault(len(atom) - 1, []).append(atom)
            self._by_name[pred] = found
        return found

    def named(self, pred: str) -> list[Atom]:
        """Every atom with this predicate name, whatever its arity."""
        return [atom for atoms in self._named(pred).values() for atom in atoms]

    def pred(self, pred: str, arity: int) -> list[Atom]:
        """Every atom of a predicate, in the solve's order."""
        return self._named(pred).get(arity, [])

    def about(self, pred: str, arity: int, first: Term) -> list[Atom]:
        """The atoms of a predicate whose first argument is ``first``."""
        sig = (pred, arity)
        index = self._first.get(sig)
        if index is None:
            index = defaultdict(list)
            for atom in self.pred(pred, arity):
                index[atom[1]].append(atom)
            self._first[sig] = index
        return index.get(first, [])

    def __contains__(self, atom: object) -> bool:
        if not isinstance(atom, tuple) or not atom:
            return False
        sig = (atom[0], len(atom) - 1)
        found = self._sets.get(sig)
        if found is None:
            found = frozenset(self.pred(*sig))
            self._sets[sig] = found
        return atom in found
