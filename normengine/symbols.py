"""Cached access to clingo symbols.

Reading a symbol's name, type or arguments through clingo's CFFI bindings
allocates new Python objects on every call (``Symbol.arguments`` builds a new
list of new symbols each time). Symbols are interned and hashable, so the
answers can be cached; the explanation and report code read the same atoms
many times.
"""

from __future__ import annotations

from functools import lru_cache

from clingo import Symbol, SymbolType

__all__ = ["args", "is_function", "is_string", "name", "number", "text"]


@lru_cache(maxsize=1 << 18)
def args(sym: Symbol) -> tuple[Symbol, ...]:
    """The arguments of a function symbol (empty for anything else)."""
    return tuple(sym.arguments) if sym.type == SymbolType.Function else ()


@lru_cache(maxsize=1 << 18)
def name(sym: Symbol) -> str:
    """The name of a function symbol ('' for anything else)."""
    return sym.name if sym.type == SymbolType.Function else ""


@lru_cache(maxsize=1 << 18)
def is_function(sym: Symbol) -> bool:
    """Whether the symbol is a function (or constant, or tuple)."""
    return sym.type == SymbolType.Function


@lru_cache(maxsize=1 << 18)
def is_string(sym: Symbol) -> bool:
    """Whether the symbol is a string."""
    return sym.type == SymbolType.String


@lru_cache(maxsize=1 << 18)
def text(sym: Symbol) -> str:
    """A string symbol's text, or the symbol as clingo prints it."""
    return sym.string if sym.type == SymbolType.String else str(sym)


@lru_cache(maxsize=1 << 18)
def number(sym: Symbol) -> int | None:
    """A number symbol's value, or None."""
    return sym.number if sym.type == SymbolType.Number else None
