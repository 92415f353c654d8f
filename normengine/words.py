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

from clingo import Symbol

from .case import QUALIFICATION_FIELDS, Case
from .terms import Term, as_plain

__all__ = ["Words", "join", "with_article"]

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
        # In a sentence a party's name takes the article it needs ("the United Kingdom").
        self._in_text: dict[str, str] = {}
        for p in case.parties:
            self._names[p.id] = p.name or p.id
            self._in_text[p.id] = with_article(p.name or p.id)

        def who(ident: str) -> str:
            return self._in_text.get(ident, self._names.get(ident, ident))

        for a in case.acts:
            actors = join([who(x) for x in a.actors])
            self._names[a.id] = a.title or f"{self.constant(a.type)} by {actors}"
        resolutions = {r.id: r for r in case.resolutions}
        for r in case.resolutions:
            organ = {"security_council": "Security Council", "general_assembly": "General Assembly"}.get(r.organ, "")
            if r.organ == "other_organ":
                body = r.organ_name or "an organ"
                organ = f"{body} of {who(r.organisation)}" if r.organisation else body
            if r.number:
                self._names[r.id] = f"{organ} resolution {r.number}"
            elif r.adopted or r.adopted_without_vote or (r.organ == "other_organ" and r.adopted is None):
                # Another organ's resolutions often bear no number: one its record shows adopted (or that
                # says nothing of adoption) is never called a draft.
                self._names[r.id] = f"the {organ} resolution of {_date(r.date)}"
            else:
                # A Council or Assembly text without a number was not adopted (the number comes with adoption).
                self._names[r.id] = f"the draft {organ} resolution of {_date(r.date)}"
        givers = {g.id: g.person for g in case.governing_authorities if g.person}
        for k in case.consents:
            if k.given_by in givers:
                self._names[k.id] = f"the consent given by {givers[k.given_by]} on {_date(k.given)}"
            else:
                self._names[k.id] = f"the consent of {who(k.by)} given on {_date(k.given)}"
        for g in case.governing_authorities:
            self._names[g.id] = g.person or g.id
        claims = {
            c.id: f"the claim of {self.constant(c.type)} by {join([who(x) for x in c.claimed_by])}"
            for c in case.justifications
        }
        same: dict[tuple[str, str], list[str]] = {}
        for c in case.justifications:
            same.setdefault((claims[c.id], c.act), []).append(c.id)
        for c in case.justifications:
            name = claims[c.id]
            twins = sorted(same[(name, c.act)])
            if len(twins) > 1:
                # Two claims of the same kind by the same parties: name each by what sets it apart.
                if c.on_behalf_of:
                    name += f" on behalf of {who(c.on_behalf_of)}"
                elif c.consents:
                    name += " relying on " + join([self._names.get(k, k) for k in c.consents])
                else:
                    name += f" (claim {twins.index(c.id) + 1} of {len(twins)})"
            self._names[c.id] = name
        for x in case.armed_attacks:
            attackers = join([who(b) for b in x.by])
            if x.status.value == "imminent":
                self._names[x.id] = (
                    f"the imminent attack by {attackers} on {who(x.against)} expected on {_date(x.date)}"
                )
            elif x.status.value == "threatened":
                self._names[x.id] = (
                    f"the threat of a future attack by {attackers} on {who(x.against)} as of {_date(x.date)}"
                )
            else:
                self._names[x.id] = f"the armed attack by {attackers} on {who(x.against)} of {_date(x.date)}"
        for q in case.requests:
            self._names[q.id] = f"the request of {who(q.by)} of {_date(q.date)}"
        for d in case.disputes:
            self._names[d.id] = "the dispute between " + join([who(x) for x in d.parties])
        for rp in case.reports:
            self._names[rp.id] = f"the report of {join([who(b) for b in rp.by])} of {_date(rp.date)}"
        for k2 in case.commitments:
            self._names[k2.id] = k2.instrument
        # The contested facts that authors' disagreeing qualifications make (normengine.facts): an assessment,
        # and a qualification field of an object ("<id>.<field>").
        for c in case.justifications:
            for assessed in c.assessments:
                key = f"{c.id}.{assessed.element}"  # as normengine.facts names the contested assessment
                self._names[key] = f"the assessment of {self.constant(assessed.element)} for {self.name(c.id)}"
        for group in (case.parties, case.acts, case.armed_attacks, case.commitments):
            for obj in group:
                for field in QUALIFICATION_FIELDS.get(type(obj).__name__, ()):
                    what = field.replace("_", " ")
                    self._names[f"{obj.id}.{field}"] = f"the {what} of {self.name(obj.id)}"
        for st in case.statements:
            where = f" ({st.document})" if st.document else ""
            self._names[st.id] = f"the statement of {join([who(b) for b in st.by])} of {_date(st.date)}{where}"
        self._resolutions = resolutions

    def name(self, ident: str) -> str:
        """The display name of a case id (the id itself if unknown), as a heading or a table shows it."""
        return self._names.get(ident, ident)

    def in_text(self, ident: str) -> str:
        """The name of a case id as a sentence uses it: a party's name with the article it needs."""
        return self._in_text.get(ident) or self._names.get(ident, ident)

    def constant(self, name: str) -> str:
        """The words for a constant: its label, or its name with spaces."""
        return self.labels.get(name, name.replace("_", " "))

    def term(self, value: Term | Symbol) -> str:
        """Render any term (a plain term or a clingo symbol) as words."""
        t = as_plain(value)
        if isinstance(t, str):
            return self.in_text(t)
        if isinstance(t, int):
            return _maybe_date(t)
        fname = t[0]
        if len(t) == 1:
            return self.constant(fname)
        args = list(t[1:])
        if not fname:
            return ", ".join(self.term(a) for a in args)
        return self._compound(fname, args)

    def _compound(self, name: str, args: list[Term]) -> str:
        w = self.term
        if name == "auth" and len(args) == 2:
            res = args[0] if isinstance(args[0], str) else str(args[0])
            count = len(self._resolutions[res].authorisations) if res in self._resolutions else 1
            suffix = f" (no. {args[1]})" if count > 1 and isinstance(args[1], int) else ""
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
        if name == "assessment" and len(args) == 2:
            # A qualification point on a claim's element (normengine.facts): named as its contested fact is.
            return f"the assessment of {w(args[1])} for {w(args[0])}"
        if name == "qualification" and len(args) == 2:
            # A qualification field of an object (normengine.facts): "the gravity of the armed attack ...".
            return f"the {w(args[1])} of {w(args[0])}"
        if name == "narrow_reading" and len(args) == 1:
            return f"the narrow reading of Article 2(4) covers {w(args[0])}"
        return f"{self.constant(name)} ({', '.join(w(a) for a in args)})"

    def fill(self, template: str, bindings: Mapping[str, Term]) -> str:
        """Fill ``{Var}`` placeholders of a rule's sentence with the words for their values."""

        def sub(match: re.Match[str]) -> str:
            value = bindings.get(match.group(1))
            return self.term(value) if value is not None else match.group(0)

        text = _PLACEHOLDER.sub(sub, template)
        return text[:1].upper() + text[1:] if text else text


def join(items: list[str], conjunction: str = "and") -> str:
    """Names in a sentence: "A", "A and B", "A, B and C" (sorted: the lists a case holds are sets)."""
    items = sorted(items, key=lambda x: x.removeprefix("the "))
    if len(items) <= 1:
        return "".join(items)
    if len(items) > 2 and any(f" {conjunction} " in x for x in items):
        # A name that holds the conjunction itself ("sovereign equality and territorial integrity").
        return "; ".join(items[:-1]) + f"; {conjunction} " + items[-1]
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


# Words that make a name one that English gives the definite article: "the United Kingdom", "the
# Russian Federation", "the Netherlands", "the North Atlantic Treaty Organization".
_ARTICLE = re.compile(
    r"\b(United|Federal|Federation|Republic|Kingdom|Netherlands|Organi[sz]ation|Union|Nations|Front|Forces?|"
    r"Mission|Emirates|States|Islands|Coalition|Council|Army|Movement|Mouvement|Alliance|Assembly|Authority)\b"
)


def with_article(name: str) -> str:
    """A proper name with the article a sentence needs ("United Kingdom" -> "the United Kingdom")."""
    if not name or name[:4].lower() == "the " or not name[0].isupper():
        return name
    base = name.split(" (")[0]
    return "the " + name if _ARTICLE.search(base) else name


def _date(day: dt.date) -> str:
    minute = getattr(day, "minute", None)
    at = f", {minute // 60:02d}:{minute % 60:02d} UTC" if minute is not None else ""
    return f"{day.day} {day.strftime('%B')} {day.year}{at}"


def _maybe_date(n: int) -> str:
    if 10_000_000 <= n <= 99_991_231:
        y, m, d = n // 10_000, n // 100 % 100, n % 100
        try:
            return _date(dt.date(y, m, d))
        except ValueError:
            return str(n)
    return str(n)
