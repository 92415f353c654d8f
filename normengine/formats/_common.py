"""What the Markdown and HTML renderers share: the table of authorities, one-line text, labels."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from ..report import Reason, Report

__all__ = [
    "Authority",
    "Namer",
    "authorities_of_report",
    "clean",
    "explanation_sources",
    "unique_reasons",
]

Authority = tuple[str, str, str | None]
"""One row of a table of authorities: (id, full citation, public URL or None)."""


class Namer(Protocol):
    """How ids and constants become words (:class:`normengine.words.Words` is one)."""

    def name(self, ident: str) -> str: ...

    def constant(self, name: str) -> str: ...


class PlainNamer:
    """A namer that knows no names: ids as they are, constants with spaces (for a report read from JSON)."""

    def __init__(self, names: Mapping[str, str] | None = None) -> None:
        self._names = dict(names or {})

    def name(self, ident: str) -> str:
        return self._names.get(ident, ident)

    def constant(self, name: str) -> str:
        return name.replace("_", " ")


def clean(text: str) -> str:
    """Text on one line: control characters, bidi overrides and line or paragraph separators become
    spaces, runs of white space one space."""
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Zl", "Zp") or (
            cat == "Cf" and ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
        ):
            out.append(" ")
        else:
            out.append(ch)
    return " ".join("".join(out).split())


def _report_reasons(report: Report) -> Iterable[Reason]:
    """Every reason of a report, in the order the renderers show them."""
    for act in report.acts:
        for e in act.engaged:
            yield from e.reasons
        for j in act.justifications:
            for el in j.elements:
                yield from el.reasons
            yield from j.reasons
    for c in report.conflicts:
        yield from c.reasons


def authorities_of_report(report: Report) -> list[Authority]:
    """The distinct sources a report cites, in order of first use, as rows of a table of authorities.

    Each source is its own row (id ``1``, ``2``, ...; no URL). When the report carries a real
    table of authorities, feed that table to the renderers instead.
    """
    seen: dict[str, None] = {}
    for r in _report_reasons(report):
        if r.source:
            seen.setdefault(clean(r.source), None)
    for f in report.contested_facts:
        for reading in f.readings:
            if reading.source:
                seen.setdefault(clean(reading.source), None)
    return [(str(i), source, None) for i, source in enumerate(seen, 1)]


def explanation_sources(data: Mapping[str, Any]) -> list[Authority]:
    """The distinct sources of an explain result (``{"explanations": [{"tree": ...}]}``), in order of first use."""
    seen: dict[str, None] = {}

    def walk(node: Mapping[str, Any]) -> None:
        if node.get("source"):
            seen.setdefault(clean(str(node["source"])), None)
        for child in node.get("children", ()):
            walk(child)

    for item in data.get("explanations", ()):
        walk(item["tree"])
    return [(str(i), source, None) for i, source in enumerate(seen, 1)]


def reasons_sources(data: Mapping[str, Any]) -> list[Authority]:
    """The distinct sources of the decisive reasons (``{"acts": [{"reasons": [{"sources": [...]}]}]}``), in order."""
    seen: dict[str, None] = {}
    for act in data.get("acts", ()):
        for point in act.get("reasons", ()):
            for source in point.get("sources", ()):
                seen.setdefault(clean(str(source)), None)
    return [(str(i), source, None) for i, source in enumerate(seen, 1)]


def unique_reasons(reasons: Sequence[Reason], seen: set[str] | None = None) -> list[Reason]:
    """The reasons whose text has not been said yet (in ``seen``, which is updated), in order."""
    seen = set() if seen is None else seen
    out = []
    for r in reasons:
        key = clean(r.text)
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out


def cite_index(authorities: Sequence[Authority]) -> dict[str, str]:
    """Citation text and id to the row id, so that a reason's source finds its row."""
    out: dict[str, str] = {}
    for ident, citation, _url in authorities:
        out.setdefault(clean(citation), ident)
        out.setdefault(ident, ident)
    return out


VERDICT_WORDS = {"lawful": "lawful", "unlawful": "unlawful", "contested": "contested"}
STATUS_WORDS = {"survives": "survives", "defeated": "defeated", "contested": "contested"}
MARK = {"accepted": "✔", "rejected": "✘", "undecided": "?"}
