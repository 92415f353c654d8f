"""Making text from a case file safe to print on a terminal.

A case file may hold any text: names, ids and citations can contain escape
sequences (``ESC [ 2 J`` clears a screen; ``ESC ] ... BEL`` retitles a
window), other control characters, or the bidirectional overrides that make a
terminal show text in another order than it is stored ("Trojan Source").
rich escapes its own markup but passes these through. :func:`printable`
replaces each of them with a visible escape such as ``\\x1b`` or ``\\u202e``,
so that what a terminal shows is what the file says. Line breaks and tabs are
kept; right-to-left *marks* (U+200E, U+200F), which only give a hint to the
layout of neutral characters, are kept too.

JSON output needs none of this: JSON escapes control characters itself.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

__all__ = ["Namer", "PrintableWords", "printable", "printable_data"]

# C0 controls but tab and newline, DEL, C1 controls; bidi embeddings, overrides and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character and bidi override replaced by a visible escape."""
    return _UNSAFE.sub(_escape, text)


def printable_data(value: Any) -> Any:
    """A JSON-like value (dicts, lists, strings, ...) with every string made :func:`printable`."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, list):
        return [printable_data(v) for v in value]
    if isinstance(value, dict):
        return {k: printable_data(v) for k, v in value.items()}
    return value


class Namer(Protocol):
    """What a renderer asks of :class:`~normengine.words.Words`."""

    def name(self, ident: str) -> str: ...

    def in_text(self, ident: str) -> str: ...

    def constant(self, name: str) -> str: ...


class PrintableWords:
    """Wraps a :class:`~normengine.words.Words` so that every name it gives is :func:`printable`."""

    def __init__(self, words: Namer) -> None:
        self._words = words

    def name(self, ident: str) -> str:
        """The printable display name of a case id."""
        return printable(self._words.name(ident))

    def in_text(self, ident: str) -> str:
        """The printable name of a case id as a sentence uses it (a party's name with its article)."""
        return printable(self._words.in_text(ident))

    def constant(self, name: str) -> str:
        """The printable words for a constant."""
        return printable(self._words.constant(name))
