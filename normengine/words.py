"""Putting terms into words.

Every explanation goes through :class:`Words`: a case id becomes the name of
the party, the title of the act, the number of the resolution; a constant
becomes the words its ``label/2`` fact gives it; a date ``19990324`` becomes
"24 March 1999". Nothing reaches a reader as a bare atom name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from clingo import Symbol, SymbolType

from . import symbols as sy
from .case import Case

__all__ = ["Words"]

_PLACEHOLDER = re.compile(r"\{([A-Z][A-Za-z0-9_]*)\}")


class Words:
    """Renders clingo terms as words, using the case and the rule set's labels.

    Args:
        case: the case whose ids are named.
        labels: constant name to words, from the rule set's ``label/2`` facts.
    """

    def __init__(self, case: Case, labels: Mapping[str, str]) -> None:
        self.case = case
        self.labels = dict(labels)
        self._names: dict[str, str] = {}
        parties = {p.id: p for p in case.parties}
        for p in case.parties:
            self._names[p.id] = p.name or p.id
        for a in case.acts:
            actors = _join([parties[x].name or x if x in parties else x for x in a.actors])
            self._names[a.id] = a.title or f"{self.constant(a.type)} by {actors}"
        resolutions = {r.id: r for r in case.resolutions}
        for r in case.resolutions:
            organ = "Security Council" if r.organ == "security_council" else "General Assembly"
            if r.number:
                self._names[r.id] = f"{organ} resolution {r.number}"
            else:
                self._names[r.id] = f"the draft {organ} resolution of {_date(r.date)}"
        for c in case.justifications:
            who = _join([self._names.get(x, x) for x in c.claimed_by])
            self._names[c.id] = f"the claim of {self.constant(c.type)} by {who}"
        for k in case.consents:
            self._names[k.id] = f"the consent of {self._names.get(k.by, k.by)} given on {_date(k.given)}"
        for x in case.armed_attacks:
            self._names[x.id] = (
                f"the armed attack by {self._names.get(x.by, x.by)} on "
                f"{self._names.get(x.against, x.against)} of {_date(x.date)}"
            )
        for q in case.requests:
            self._names[q.id] = f"the request of {self._names.get(q.by, q.by)} of {_date(q.date)}"
        for d in case.disputes:
            self._names[d.id] = "the dispute between " + _join([self._names.get(x, x) for x in d.parties])
        for rp in case.reports:
            self._names[rp.id] = f"the report of {self._names.get(rp.by, rp.by)} of {_date(rp.date)}"
        for k2 in case.commitments:
            self._names[k2.id] = k2.instrument
        self._resolutions = resolutions

    def name(self, ident: str) -> str:
        """The display name of a case id (the id itself if unknown)."""
        return self._names.get(ident, ident)

    def constant(self, name: str) -> str:
        """The words for a constant: its label, or its name with spaces."""
        return self.labels.get(name, name.replace("_", " "))

    def term(self, sym: Symbol) -> str:
        """Render any term as words."""
        if sy.is_string(sym):
            return self.name(sy.text(sym))
        value = sy.number(sym)
        if value is not None:
            return _maybe_date(value)
        if not sy.is_function(sym):
            return str(sym)
        args = list(sy.args(sym))
        fname = sy.name(sym)
        if not fname:
            return ", ".join(self.term(a) for a in args)
        if not args:
            return self.constant(fname)
        return self._compound(fname, args, sym)

    def _compound(self, name: str, args: list[Symbol], sym: Symbol) -> str:
        w = self.term
        if name == "auth" and len(args) == 2:
            res = args[0].string if args[0].type == SymbolType.String else str(args[0])
            count = len(self._resolutions[res].authorisations) if res in self._resolutions else 1
            suffix = f" (no. {args[1].number})" if count > 1 and args[1].type == SymbolType.Number else ""
            return f"the authorisation in {w(args[0])}{suffix}"
        if name == "prohibition" and len(args) == 1:
            return f"the prohibition of {w(args[0])}"
        if name == "council_decision" and len(args) == 1:
            return f"the decisions of {w(args[0])}"
        if name == "violation" and len(args) == 3:
            return f"{w(args[2])} breached {w(args[1])} by {w(args[0])}"
        if name == "violation" and len(args) == 4:
            return f"{w(args[2])} breached {w(args[1])} towards {w(args[3])} by {w(args[0])}"
        if name == "justified" and len(args) == 1:
            return f"{w(args[0])} justifies the act"
        if name == "fails" and len(args) == 2:
            return f"for {w(args[0])}, the element “{w(args[1])}” is not established"
        if name == "rejected" and len(args) == 2:
            return f"{w(args[0])} needs {w(args[1])}, which this perspective rejects"
        if name == "disputed" and len(args) == 2:
            return f"{w(args[0])} needs {w(args[1])}, which is contested"
        if name == "non_binding_commitment" and len(args) == 2:
            return f"the commitments {w(args[1])} is charged with breaching in {w(args[0])} may not bind as law"
        if name == "narrow_reading" and len(args) == 1:
            return f"the narrow reading of Article 2(4) covers {w(args[0])}"
        return f"{self.constant(name)} ({', '.join(w(a) for a in args)})"

    def fill(self, template: str, bindings: Mapping[str, Symbol]) -> str:
        """Fill ``{Var}`` placeholders of a rule's sentence with the words for their values."""

        def sub(match: re.Match[str]) -> str:
            value = bindings.get(match.group(1))
            return self.term(value) if value is not None else match.group(0)

        text = _PLACEHOLDER.sub(sub, template)
        return text[:1].upper() + text[1:] if text else text


def _join(items: list[str]) -> str:
    # The lists a case holds (actors, claimants, parties to a dispute) are sets: name their members in
    # a fixed order, so that the report does not depend on the order of the case file.
    items = sorted(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _date(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def _maybe_date(n: int) -> str:
    if 10_000_000 <= n <= 99_991_231:
        y, m, d = n // 10_000, n // 100 % 100, n % 100
        try:
            return _date(dt.date(y, m, d))
        except ValueError:
            return str(n)
    return str(n)
