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
    """A clingo symbol as a plain term."""
    if _lib is not None:
        return _from_rep(sym._rep, {})
    found = from_text(str(sym))
    return found if found is not None else _through_binding(sym)


# clingo's own C functions (the ones its ``Symbol`` calls), for copying many atoms: calling them directly with
# buffers made once, and each distinct argument converted once per copy, is about twice as fast as printing
# each atom and parsing the text. Without them (another clingo build), the printed form is parsed.
_lib: Any
try:
    from clingo import _internal

    _ffi, _lib = vars(_internal)["_ffi"], vars(_internal)["_lib"]

    _T_FUNCTION = _lib.clingo_symbol_type_function
    _T_STRING = _lib.clingo_symbol_type_string
    _T_NUMBER = _lib.clingo_symbol_type_number
    _type_of = _lib.clingo_symbol_type
    _name_of = _lib.clingo_symbol_name
    _positive = _lib.clingo_symbol_is_positive
    _arguments = _lib.clingo_symbol_arguments
    _string_of = _lib.clingo_symbol_string
    _number_of = _lib.clingo_symbol_number
    _c_string = _ffi.string
    _P_ARGS = _ffi.new("clingo_symbol_t**")
    _P_SIZE = _ffi.new("size_t*")
    _P_CHARS = _ffi.new("char**")
    _P_BOOL = _ffi.new("bool*")
    _P_INT = _ffi.new("int*")
except (ImportError, KeyError, AttributeError):  # pragma: no cover (a clingo without the cffi module)
    _lib = None


def _from_rep(rep: int, memo: dict[int, Term]) -> Term:
    """The plain term of a symbol given by its handle (``Symbol._rep``); ``memo`` maps handles already copied."""
    found = memo.get(rep)
    if found is not None:
        return found
    kind = _type_of(rep)
    term: Term
    if kind == _T_FUNCTION:
        _name_of(rep, _P_CHARS)
        head = _c_string(_P_CHARS[0]).decode()
        _positive(rep, _P_BOOL)
        if not _P_BOOL[0]:
            head = "-" + head
        _arguments(rep, _P_ARGS, _P_SIZE)
        size = _P_SIZE[0]
        if size:
            reps = _P_ARGS[0][0:size]  # copied out before the buffers are used again
            term = (head, *[_from_rep(r, memo) for r in reps])
        else:
            term = (head,)
    elif kind == _T_STRING:
        _string_of(rep, _P_CHARS)
        term = _c_string(_P_CHARS[0]).decode()
    elif kind == _T_NUMBER:
        _number_of(rep, _P_INT)
        term = _P_INT[0]
    else:
        raise ValueError("no plain form for #inf or #sup")  # never an atom of the rules
    memo[rep] = term
    return term


def _name(sym: Symbol) -> str:
    """A function symbol's name (one call into clingo, without the generic wrapper)."""
    _name_of(sym._rep, _P_CHARS)
    return str(_c_string(_P_CHARS[0]).decode())


def _symbol_name(sym: Symbol) -> str:
    return sym.name


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
        name_of = _name if _lib is not None else _symbol_name
        for sym in symbols:  # the atoms of a model are functions: one call into clingo each
            raw[name_of(sym)].append(sym)
        self._raw = raw
        self._memo: dict[int, Term] = {}  # the terms copied so far, by clingo handle (this solve's only)
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
            memo = self._memo
            for sym in self._raw.get(pred, ()):
                atom = _from_rep(sym._rep, memo) if _lib is not None else plain(sym)
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
