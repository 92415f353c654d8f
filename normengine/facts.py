"""From a validated case to clingo facts, through the symbol API only.

This is the one module that names input predicates (their meaning is
documented in ``rules/core/inputs.lp``). Every value a user wrote (ids,
purposes, names) becomes a ``clingo.String``; only values that the case
model restricts to a fixed vocabulary (act types, principle ids, ...) become
constants. No user text is ever pasted into program text: facts are built as
symbols and handed to the solver's backend.

Dates become integers ``YYYYMMDD`` so that rules can compare them.

A contested fact has several readings. Its facts are then *guarded*: each
holds only under the readings that contain it, and the engine lets the solver
choose exactly one reading per contested fact (``normengine/encodings/readings.lp``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from clingo import Function, Number, String, Symbol
from pydantic import BaseModel

from .case import (
    QUALIFICATION_FIELDS,
    Act,
    ArmedAttack,
    Assertion,
    Assessment,
    Case,
    Claim,
    Commitment,
    Consent,
    Contest,
    Dispute,
    GoverningAuthority,
    Harbouring,
    Party,
    Qualification,
    Reading,
    Report,
    Request,
    Resolution,
    Statement,
    reading_variants,
)

__all__ = ["CaseFacts", "ContestedFact", "date_number", "to_facts", "to_symbols"]


def date_number(day: dt.date) -> int:
    """Return ``day`` as the integer YYYYMMDD used by the rules."""
    return day.year * 10_000 + day.month * 100 + day.day


def _c(name: str) -> Symbol:
    return Function(name)


def _s(text: str) -> Symbol:
    return String(text)


def _d(day: dt.date) -> Symbol:
    return Number(date_number(day))


def _f(name: str, *args: Symbol) -> Symbol:
    return Function(name, list(args))


def _at(event: str, key: Symbol, day: dt.date | None) -> Iterator[Symbol]:
    """``time_of(event(Key), Minutes)`` when the record gives the time of day (UTC) of that date."""
    minute = getattr(day, "minute", None)
    if minute is not None:
        yield _f("time_of", _f(event, key), Number(minute))


def authorisation_term(resolution: str, index: int) -> Symbol:
    """The term that names the ``index``-th (1-based) authorisation of a resolution."""
    return _f("auth", _s(resolution), Number(index))


def assessment_term(claim: str, element: str) -> Symbol:
    """The term that names an assessment of a claim's element (as a contested fact)."""
    return _f("assessment", _s(claim), _c(element))


def qualification_term(obj_id: str, name: str) -> Symbol:
    """The term that names a qualification field of an object of the case (as a contested fact)."""
    return _f("qualification", _s(obj_id), _c(name))


def qualification_value(value: object) -> Symbol:
    """A qualification's value as a symbol: true/false, a vocabulary constant, a party id, or a set of ids."""
    if value is None:
        return _c("none")
    if isinstance(value, bool):
        return _c("true" if value else "false")
    if isinstance(value, list | tuple):
        return _f("set", *(_s(str(v)) for v in sorted(value)))
    return _s(str(value))


def _value_symbol(field_name: str, value: object) -> Symbol:
    # Values the case model restricts to a vocabulary become constants; user ids stay strings.
    if field_name in ("gravity", "status", "situation") and isinstance(value, str):
        return _c(value)
    return qualification_value(value)


@dataclass(frozen=True)
class ContestedFact:
    """A contested fact and its readings.

    Args:
        term: the term naming it in ``reading(Term, I)`` atoms (the object's id, or ``assessment(C, E)``).
        ident: its id as the report names it: the object's id, or ``OBJECT.FIELD`` for one of its
            qualifications (``CLAIM.ELEMENT`` for an assessment).
        readings: for each reading index (0 = as written), its description and source.
        record: for a disputed fact of record, each of its readings of the record (0 = as written; before any
            combination with the readings of its qualifications): its description, source, and who asserts it
            (author, author kind, source). Empty when no reading names who asserts it.
    """

    term: Symbol
    ident: str
    readings: tuple[tuple[str, str | None], ...]
    record: tuple[tuple[str, str | None, tuple[tuple[str, str, str | None], ...]], ...] = ()


@dataclass
class CaseFacts:
    """The facts of a case: unconditional facts, guarded facts, and the contested facts."""

    facts: list[Symbol] = field(default_factory=list)
    guarded: list[tuple[Symbol, Symbol]] = field(default_factory=list)
    contested: list[ContestedFact] = field(default_factory=list)
    acts: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)


def to_symbols(case: Case) -> list[Symbol]:
    """The case's facts as a list of ground atoms, for a case with no contested facts.

    Contested facts are given as written (their first reading).
    """
    return to_facts(case, readings=False).facts


def to_facts(case: Case, *, readings: bool = True) -> CaseFacts:
    """The case's facts, with the facts of contested objects guarded by their readings.

    Args:
        case: a validated case.
        readings: False to take every contested fact as written.
    """
    out = CaseFacts(acts=[a.id for a in case.acts], claims=[c.id for c in case.justifications])
    out.facts.append(_f("case_date", _d(case.date)))
    named = _party_names(case)
    claiming = {x for c in case.justifications for x in (*c.claimed_by, *([c.on_behalf_of] if c.on_behalf_of else []))}
    claiming |= {m for p in case.parties if p.id in claiming for m in (p.members or [])}
    claim_acts = {c.act for c in case.justifications}
    claiming |= {x for a in case.acts if a.id in claim_acts for x in a.actors}
    authors: set[str] = set()
    for obj, gen in _objects(case):
        inner: Any = obj.inner if isinstance(obj, _AssessmentOf) else obj
        points = _qualifications(obj)
        for term, name, q in points:
            for r in q.authored():
                value = _value_symbol(name, r.value)
                out.facts.append(_f("qualification", term, value, _s(r.author or ""), _c(r.author_kind or "unknown")))
                out.facts.append(_f("reading_source", term, value, _s(r.author or ""), _s(r.source or "")))
                authors.add(r.author or "")
        disputed = [(t, n, q) for t, n, q in points if len(q.values()) > 1] if readings else []
        # A point read only by parties that invoke a justification (or for which one is invoked) gets a second
        # reading on which it is not shown (`unshown/1`): whether their word is proof of a claim is for the
        # rules (rules/justifications/qualifications.lp); on the points it is not, that reading changes nothing.
        unshown = (
            [(t, n, q) for t, n, q in points if len(q.values()) == 1 and _partisan(q, named, claiming)]
            if readings
            else []
        )
        for point, name, q in unshown:
            # Its own contested fact: the readings differ only by the marker, the object's facts stay as they are.
            ident = f"{obj.claim}.{inner.element}" if isinstance(obj, _AssessmentOf) else f"{inner.id}.{name}"
            written = ("as stated in the case file", q.source or getattr(inner, "source", None))
            out.contested.append(ContestedFact(point, ident, (written, _unshown_text(q, name))))
            out.guarded.append((_f("unshown", point), _f("reading", point, Number(1))))
        contest = getattr(obj, "contested", None)
        if (contest is None or not readings) and not disputed:
            out.facts.extend(gen(obj))
            out.facts.extend(_f("qualified", t, _value_symbol(n, q.value)) for t, n, q in points)
            continue
        if isinstance(obj, _AssessmentOf) or (contest is None and len(disputed) == 1):
            term, name, _q = disputed[0]
            ident = f"{obj.claim}.{inner.element}" if isinstance(obj, _AssessmentOf) else f"{inner.id}.{name}"
        else:
            term, ident = _s(inner.id), inner.id
        base: list[tuple[BaseModel | None, tuple[str, str | None]]] = []
        if contest is not None and readings:
            for index, (variant, reading) in enumerate(reading_variants(inner)):
                base.append((variant, _describe(index, reading, contest.source, getattr(inner, "source", None))))
        else:
            base.append((inner, ("as stated in the case file", getattr(inner, "source", None))))
        combined = base
        origin = list(range(len(base)))  # for each combined reading, the reading of the record it extends
        for _t, name, _q in disputed:
            step: list[tuple[BaseModel | None, tuple[str, str | None]]] = []
            step_origin: list[int] = []
            for variant, text in combined:
                # A reading of the object that sets the field itself (an alternative of its `contested`) keeps it.
                vq = getattr(variant, name, None) if variant is not None else None
                if variant is None or vq is None or len(vq.values()) < 2:
                    step.append((variant, text))
                    continue
                step.extend((_with_value(variant, name, v), _join(text, vq, name, v)) for v in vq.values())
            for k, (variant, _text) in enumerate(combined):
                vq = getattr(variant, name, None) if variant is not None else None
                width = 1 if variant is None or vq is None or len(vq.values()) < 2 else len(vq.values())
                step_origin.extend([origin[k]] * width)
            combined, origin = step, step_origin
        if contest is not None and readings:
            out.facts.extend(_record_readings(term, inner, contest))
            if _has_assertions(inner, contest):
                out.guarded.extend(
                    (_f("read_as", term, Number(origin[k])), _f("reading", term, Number(k))) for k in range(len(origin))
                )
        per_variant: list[list[Symbol]] = []
        described: list[tuple[str, str | None]] = []
        for variant, text in combined:
            if variant is None:
                per_variant.append([])
            else:
                wrapped = _AssessmentOf(obj.claim, variant) if isinstance(obj, _AssessmentOf) else variant  # type: ignore[arg-type]
                facts = list(gen(wrapped))
                facts.extend(_f("qualified", t, _value_symbol(n, q.value)) for t, n, q in _qualifications(wrapped))
                per_variant.append(facts)
            described.append(text)
        record: tuple[tuple[str, str | None, tuple[tuple[str, str, str | None], ...]], ...] = ()
        if contest is not None and readings and _has_assertions(inner, contest):
            texts = [t for _v, t in base]
            record = tuple(
                (text, source, tuple((a.author, a.author_kind or "unknown", a.source) for a in asserted))
                for (text, source), asserted in zip(texts, _assertions(inner, contest), strict=True)
            )
        out.contested.append(ContestedFact(term, ident, tuple(described), record))
        everywhere = set(per_variant[0]).intersection(*per_variant[1:])
        seen: set[Symbol] = set()
        for index, facts in enumerate(per_variant):
            for atom in facts:
                if atom in everywhere:
                    if atom not in seen:
                        out.facts.append(atom)
                        seen.add(atom)
                else:
                    out.guarded.append((atom, _f("reading", term, Number(index))))
    # An author named by a party's own id or name is the party (author_party/2); one named among its `organs`
    # is an organ of it, which the rules read as the party (author_organ/2, qualifications.lp).
    own = _party_names(case, organs=False)
    for a in sorted(authors):
        found = sorted({(own.get(_key(n)) is None, named[_key(n)]) for n in _author_names(a, named) or ()})
        out.facts.extend(
            _f("author_organ", _s(a), _s(p)) if organ else _f("author_party", _s(a), _s(p)) for organ, p in found
        )
    return out


def _assertions(obj: BaseModel, contest: Contest) -> list[list[Assertion]]:
    """Who asserts each reading of a disputed fact of record (index 0: as written), from its ``contested``."""
    return [list(contest.asserted_by)] + [
        reading.assertions() if reading is not None else [] for _v, reading in reading_variants(obj)[1:]
    ]


def _has_assertions(obj: BaseModel, contest: Contest) -> bool:
    return any(_assertions(obj, contest))


def _record_readings(term: Symbol, obj: BaseModel, contest: Contest) -> Iterator[Symbol]:
    """``record_reading(F, R, Author, Kind)`` and ``record_reading_source(F, R, Author, Source)`` for each author of
    each reading ``R`` of the disputed fact ``F`` (0: as written): the rules weigh the readings by who asserts
    them (rules/justifications/record.lp). Plumbing only: which author prevails is for the perspectives."""
    for index, assertions in enumerate(_assertions(obj, contest)):
        for a in assertions:
            yield _f("record_reading", term, Number(index), _s(a.author), _c(a.author_kind or "unknown"))
            yield _f("record_reading_source", term, Number(index), _s(a.author), _s(a.source or ""))


def _partisan(q: Qualification[Any], named: dict[str, str], claiming: set[str]) -> bool:
    """Whether every author of the point is, wholly, parties that invoke a justification or for which one is
    invoked (whose word the rules may find is a claimant's own)."""
    for r in q.authored():
        parties = _named_parties(r.author or "", named)
        if not parties or not set(parties) <= claiming:
            return False
    return True


def _unshown_text(q: Qualification[Any], name: str) -> tuple[str, str | None]:
    """The description of the reading on which a point read only by parties is not shown."""
    who = "; ".join(dict.fromkeys(r.author or "" for r in q.authored()))
    return f"{name}: not shown (only {who} read it as {_shown(q.value)}: a claimant's own word is not proof)", q.source


def _party_names(case: Case, organs: bool = True) -> dict[str, str]:
    """Each party's id and name, in lower case (a leading 'the' left out), with the id they name; with
    ``organs``, also the names of its organs and officials (`parties[].organs`)."""
    named: dict[str, str] = {}
    for p in case.parties:
        named[p.id.lower()] = p.id
        if p.name:
            named.setdefault(_key(p.name), p.id)
    if organs:
        for p in case.parties:
            for o in p.organs:
                named.setdefault(_key(o), p.id)
    return named


def _key(name: str) -> str:
    text = " ".join(name.split()).lower()
    return text[4:] if text.startswith("the ") else text


def _author_names(author: str, named: dict[str, str]) -> list[str] | None:
    """The names an author string joins: by ';', else (where the whole is no party's name) by commas and a
    final 'and' ('Saudi Arabia, the United Arab Emirates, Bahrain, Kuwait and Qatar'); each without a trailing
    parenthesis. None unless every name is in ``named``."""
    out: list[str] = []
    for part in author.split(";"):
        text = part.strip()
        if text.endswith(")") and "(" in text:
            text = text[: text.rindex("(")].strip()
        if _key(text) in named:
            out.append(text)
            continue
        pieces = [x.strip() for x in re.split(r",|\s+and\s+", text) if x.strip()]
        if len(pieces) < 2 or any(_key(x) not in named for x in pieces):
            return None
        out.extend(pieces)
    return out


def _named_parties(author: str, named: dict[str, str]) -> list[str]:
    """The parties of the case an author's name designates: the name, or each of several names joined by ';'
    (or by commas and 'and'), equal (in any case, a leading 'the' and a trailing parenthesis left out) to a
    party's id, name or one of its `organs`; none unless every name is a party's (an author who is not wholly
    parties of the case is someone else). Plumbing only: whose word the rules take an author's reading to be is
    decided in rules/justifications/qualifications.lp."""
    names = _author_names(author, named)
    if not names:
        return []
    return sorted({named[_key(n)] for n in names})


def _describe(
    index: int, reading: Reading | None, contest_source: str | None, own_source: str | None
) -> tuple[str, str | None]:
    if index == 0:
        return "as stated in the case file", own_source
    assert reading is not None
    if reading.absent:
        return reading.note or "the fact does not hold", reading.source or contest_source
    changes = ", ".join(f"{k}: {v!r}" for k, v in (reading.model_extra or {}).items())
    return reading.note or changes or "another reading", reading.source or contest_source


def _qualifications(obj: Any) -> list[tuple[Symbol, str, Qualification[Any]]]:
    """The qualification fields of an object that are given, with the term that names each."""
    inner: Any = obj.inner if isinstance(obj, _AssessmentOf) else obj
    out: list[tuple[Symbol, str, Qualification[Any]]] = []
    for name in QUALIFICATION_FIELDS.get(type(inner).__name__, ()):
        q = getattr(inner, name)
        if q is None:
            continue
        if isinstance(obj, _AssessmentOf):
            term = assessment_term(obj.claim, inner.element)
        else:
            term = qualification_term(inner.id, name)
        out.append((term, name, q))
    return out


def _with_value(obj: BaseModel, name: str, value: object) -> BaseModel:
    """The object with one reading of a qualification taken as its value (the other readings dropped)."""
    q = getattr(obj, name)
    return obj.model_copy(update={name: type(q)(value=value, author=q.author, author_kind=q.author_kind)})


def _join(text: tuple[str, str | None], q: Qualification[Any], name: str, value: object) -> tuple[str, str | None]:
    """The description of a reading, with the authors that read the qualification ``name`` as ``value``."""
    authors = [r for r in q.authored() if r.value == value]
    who = "; ".join(r.author or "an unnamed author" for r in authors)
    words = f"{name}: {_shown(value)} ({who})"
    source = "; ".join(dict.fromkeys(r.source for r in authors if r.source)) or None
    first, own = text
    if first == "as stated in the case file":
        return words, source or own
    return f"{first}; {words}", "; ".join(x for x in (own, source) if x) or None


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "none"
    return "none" if value is None else str(value)


class _AssessmentOf:
    """An assessment together with the claim it belongs to."""

    def __init__(self, claim: str, inner: Assessment) -> None:
        self.claim = claim
        self.inner = inner
        self.contested = None


def _assessment_key(obj: _AssessmentOf) -> tuple[str, str]:
    return obj.claim, obj.inner.element


def _objects(case: Case) -> Iterator[tuple[Any, Callable[[Any], Iterator[Symbol]]]]:
    for p in case.parties:
        yield p, _party
    for a in case.acts:
        yield a, _act
    for c in case.justifications:
        yield c, _claim
        for e in c.assessments:
            yield _AssessmentOf(c.id, e), _assessment
    for k in case.consents:
        yield k, _consent
    for g in case.governing_authorities:
        yield g, _governing_authority
    for r in case.resolutions:
        yield r, _resolution
    for x in case.armed_attacks:
        yield x, _attack
    for q in case.requests:
        yield q, _request
    for d in case.disputes:
        yield d, _dispute
    for rp in case.reports:
        yield rp, _report
    for k2 in case.commitments:
        yield k2, _commitment
    for h in case.harbouring:
        yield h, _harbouring
    for st in case.statements:
        yield st, _statement


def _party(p: Party) -> Iterator[Symbol]:
    pid = _s(p.id)
    yield _f("party", pid)
    yield _f("party_kind", pid, _c(p.kind))
    if p.organisation_type:
        yield _f("organisation_type", pid, _c(p.organisation_type))
    for m in p.members:
        yield _f("member", _s(m), pid)
    if p.permanent_member:
        yield _f("permanent_member", pid)
    if p.situation is not None and p.situation.value:
        yield _f("people_situation", pid, _c(p.situation.value))
    if p.territory_of:
        yield _f("territory_of", pid, _s(p.territory_of))
    if p.organ_of:
        yield _f("organ_of", pid, _s(p.organ_of))


def _act(a: Act) -> Iterator[Symbol]:
    aid = _s(a.id)
    yield _f("act", aid)
    yield _f("act_type", aid, _c(a.type))
    for x in a.actors:
        yield _f("actor", aid, _s(x))
    if a.target:
        yield _f("target", aid, _s(a.target))
    territory = a.territory or a.target
    if territory:
        yield _f("act_territory", aid, _s(territory))
    if a.directed_at:
        yield _f("directed_at", aid, _s(a.directed_at))
    if a.administered_by:
        yield _f("administered_by", aid, _s(a.administered_by))
    for g in a.also_directed_at:
        yield _f("directed_at", aid, _s(g))
    yield _f("act_start", aid, _d(a.start))
    yield from _at("act_start", aid, a.start)
    yield _f("act_end", aid, _d(a.end or a.start))
    yield from _at("act_end", aid, a.end or a.start)
    for purpose in a.purposes:
        yield _f("act_purpose", aid, _s(purpose))
    for crime in a.crimes:
        yield _f("crime", aid, _c(crime))
    if a.scale:
        yield _f("atrocity_scale", aid, _c(a.scale))
    if a.evidence_generally_accepted is not None and a.evidence_generally_accepted.value:
        yield _f("evidence_generally_accepted", aid)
    if a.resolution:
        yield _f("act_resolution", aid, _s(a.resolution))
    if a.impedes_self_determination_of:
        yield _f("impedes_self_determination", aid, _s(a.impedes_self_determination_of))
    if a.limited_aims:
        yield _f("limited_aims", aid)
    for demand in a.demands:
        yield _f("act_demand", aid, _c(demand.matter))
    if a.concerns:
        yield _f("concerns", aid, _s(a.concerns))
    for link in a.influence:
        yield _f("influence", aid, _c(link))
    if a.informed:
        yield _f("informed", aid, _d(a.informed))
    yield from _conduct(a)


def _claim(c: Claim) -> Iterator[Symbol]:
    cid = _s(c.id)
    yield _f("claim", cid)
    yield _f("claim_type", cid, _c(c.type))
    yield _f("claim_act", cid, _s(c.act))
    for x in c.claimed_by:
        yield _f("claimant", cid, _s(x))
    for o in c.responds_to:
        yield _f("responds_to", cid, _s(o))
    for r in c.resolutions:
        yield _f("claim_resolution", cid, _s(r))
    for k in c.consents:
        yield _f("claim_consent", cid, _s(k))
    for k in c.commitments:
        yield _f("claim_commitment", cid, _s(k))
    if c.on_behalf_of:
        yield _f("on_behalf_of", cid, _s(c.on_behalf_of))


def _assessment(a: _AssessmentOf) -> Iterator[Symbol]:
    yield _f("assessment", _s(a.claim), _c(a.inner.element), _c("holds" if a.inner.holds.value else "fails"))


def _consent(k: Consent) -> Iterator[Symbol]:
    kid = _s(k.id)
    yield _f("consent", kid)
    yield _f("consent_by", kid, _s(k.by))
    for x in k.to:
        yield _f("consent_to", kid, _s(x))
    for a_id in k.acts:
        yield _f("consent_act", kid, _s(a_id))
    for t in k.act_types:
        yield _f("consent_act_type", kid, _c(t))
    yield _f("consent_given", kid, _d(k.given))
    yield from _at("consent_given", kid, k.given)
    if k.withdrawn:
        yield _f("consent_withdrawn", kid, _d(k.withdrawn))
        yield from _at("consent_withdrawn", kid, k.withdrawn)
    if k.given_by is not None:
        yield _f("consent_given_by", kid, _s(k.given_by))
    if k.authority is not None:
        yield _f("consent_authority_stated", kid, _c(k.authority.value))
    if k.freely_given is not None and k.freely_given.value is False:
        yield _f("consent_coerced", kid)
    if k.in_advance_by_treaty:
        yield _f("consent_by_treaty", kid)
    if k.stationing is not None:
        st = k.stationing
        yield _f("stationing", kid)
        if st.max_personnel is not None:
            yield _f("stationing_max_personnel", kid, Number(st.max_personnel))
        for condition in st.conditions:
            yield _f("stationing_condition", kid, _c(condition))
        if st.ends is not None:
            yield _f("stationing_ends", kid, _d(st.ends))


# No end recorded: the period continues (a date later than any the rules compare with).
_OPEN = Number(99_991_231)


def _governing_authority(g: GoverningAuthority) -> Iterator[Symbol]:
    gid = _s(g.id)
    yield _f("governing_authority", gid)
    yield _f("authority_of", gid, _s(g.of))
    # The office "other" is its own constant: `other` is also a purpose ("another matter"), and a label is per constant.
    yield _f("authority_office", gid, _c("other_office" if g.office == "other" else g.office))
    if g.took_office is not None:
        yield _f("authority_took_office", gid, _d(g.took_office))
        yield from _at("authority_took_office", gid, g.took_office)
    if g.set_up_by is not None:
        yield _f("authority_set_up_by", gid, _s(g.set_up_by))
    if g.chosen_under is not None:
        yield _f("authority_chosen_under", gid, _d(g.chosen_under.date))
        for y in g.chosen_under.signed_by:
            yield _f("settlement_signatory", gid, _s(y))
    if g.succeeded is not None:
        yield _f("authority_succeeded", gid, _s(g.succeeded))
    for act in g.removed_by:
        yield _f("authority_removed_by", gid, _s(act))
    for c in g.control:
        yield _f("authority_control", gid, _c(c.area), _d(c.from_date), _d(c.until) if c.until else _OPEN)
    for r in g.recognition:
        until = _d(r.until) if r.until else _OPEN
        if r.organ is not None:
            yield _f("authority_recognised", gid, _c(r.organ), _d(r.date), until)
        for state in r.states:
            yield _f("authority_recognised", gid, _s(state), _d(r.date), until)


def _conduct(a: Act) -> Iterator[Symbol]:
    # A conduct is known by what, and from when (not by its place in the list, so that order never matters).
    aid = _s(a.id)
    for c in a.conduct:
        if c.kind is not None:
            yield _f("conduct_kind", aid, _c(c.kind))
        if c.what is None or c.date is None:
            continue
        what, start = _c(c.what), _d(c.date)
        yield _f("conduct", aid, what, start, _d(c.until) if c.until else _OPEN)
        if not c.coordinated_with_host:
            yield _f("conduct_uncoordinated", aid, what, start)
        if c.personnel is not None:
            yield _f("conduct_personnel", aid, what, start, Number(c.personnel))


def _resolution(r: Resolution) -> Iterator[Symbol]:
    rid = _s(r.id)
    yield _f("resolution", rid)
    yield _f("resolution_organ", rid, _c(r.organ))
    if r.organisation is not None:
        yield _f("resolution_organisation", rid, _s(r.organisation))
    if r.adopted:
        yield _f("organ_adopted", rid)
    yield _f("resolution_date", rid, _d(r.date))
    yield from _at("resolution_date", rid, r.date)
    if r.chapter_vii:
        yield _f("chapter_vii", rid)
    if r.votes is not None:
        yield _f("votes_for", rid, Number(r.votes.in_favour))
        yield _f("votes_against", rid, Number(r.votes.against))
        yield _f("votes_abstaining", rid, Number(r.votes.abstentions))
    for p_id in r.negative_votes_by:
        yield _f("negative_vote", rid, _s(p_id))
    for p_id in r.abstentions_by:
        yield _f("abstention", rid, _s(p_id))
    if r.adopted_without_vote:
        yield _f("adopted_without_vote", rid)
    for det in r.determinations:
        yield _f("determination", rid, _c(det))
    for earlier in r.recalls:
        yield _f("recalls", rid, _s(earlier))
    if r.binding:
        yield _f("binding", rid)
    for o in r.obligations:
        yield _f("obligation", rid, _s(o.addressee))
    for i, z in enumerate(r.authorisations, start=1):
        zid = authorisation_term(r.id, i)
        yield _f("authorisation", rid, zid)
        for x in z.addressees:
            yield _f("auth_addressee", zid, _s(x))
        if z.all_member_states:
            yield _f("auth_all_member_states", zid)
        if z.force:
            yield _f("auth_force", zid)
        for purpose in z.purposes:
            yield _f("auth_purpose", zid, _s(purpose))
        for s in z.area:
            yield _f("auth_area", zid, _s(s))
        yield _f("auth_from", zid, _d(z.from_date or r.date))
        yield from _at("auth_from", zid, z.from_date or r.date)
        if z.until:
            yield _f("auth_until", zid, _d(z.until))
            yield from _at("auth_until", zid, z.until)
        for t in z.excludes:
            yield _f("auth_excludes", zid, _c(t))
    for oid, op in _operative_entries(r):
        yield _f("operative", rid, oid, _c(op.verb))
        for a_id in op.acts:
            yield _f("operative_act", rid, oid, _s(a_id))
        for x in op.addressees:
            yield _f("operative_addressee", rid, oid, _s(x))
        if op.demand is not None:
            yield _f("operative_demand", rid, oid, _c(op.demand))
        for named in op.resolutions:
            yield _f("operative_resolution", rid, oid, _s(named))
        if op.effective is not None:
            yield _f("operative_effective", rid, oid, _d(op.effective))
            yield from _at("operative_effective", Function("", [rid, oid]), op.effective)
        if op.until is not None:
            yield _f("operative_until", rid, oid, _d(op.until))
            yield from _at("operative_until", Function("", [rid, oid]), op.until)
    if r.measures_necessary is not None and r.measures_necessary.holds:
        yield _f("measures_necessary", rid)
    if r.uniting_for_peace:
        yield _f("uniting_for_peace", rid)
    if r.ceasefire is not None:
        yield _f("ceasefire_effective", rid, _d(r.ceasefire.effective or r.date))
        yield from _at("ceasefire_effective", rid, r.ceasefire.effective or r.date)
        for named in r.ceasefire.names_resolutions:
            yield _f("ceasefire_names", rid, _s(named))


def _statement(st: Statement) -> Iterator[Symbol]:
    sid = _s(st.id)
    yield _f("statement", sid)
    for author in st.by:  # a joint statement: each of its authors made it
        yield _f("statement_by", sid, _s(author))
    yield _f("statement_date", sid, _d(st.date))
    yield from _at("statement_date", sid, st.date)
    if st.before is not None:
        yield _f("statement_before", sid, _c(st.before))
    yield _f("statement_says", sid, _c(st.says))
    for a_id in st.acts:
        yield _f("statement_act", sid, _s(a_id))
    if st.resolution is not None:
        yield _f("statement_resolution", sid, _s(st.resolution))


def _operative_entries(r: Resolution) -> list[tuple[Symbol, Any]]:
    """Each operative entry with a name that does not depend on the order of the list: its paragraph
    ('para 5'), or its place in a canonical order of the entries without one; entries that share a paragraph
    are told apart the same way."""
    ordered = sorted(r.operative, key=lambda op: op.model_dump_json())
    counts: dict[str, int] = {}
    for op in ordered:
        if op.paragraph:
            counts[op.paragraph] = counts.get(op.paragraph, 0) + 1
    out: list[tuple[Symbol, Any]] = []
    seen: dict[str, int] = {}
    unnamed = 0
    for op in ordered:
        if op.paragraph and counts[op.paragraph] == 1:
            name = f"para {op.paragraph}" if op.paragraph[:1].isdigit() else op.paragraph
        elif op.paragraph:
            seen[op.paragraph] = seen.get(op.paragraph, 0) + 1
            name = f"para {op.paragraph} ({seen[op.paragraph]})"
        else:
            unnamed += 1
            name = f"operative entry {unnamed}"
        out.append((_s(name), op))
    return out


def _harbouring(h: Harbouring) -> Iterator[Symbol]:
    hid = _s(h.id)
    yield _f("harbouring", hid)
    yield _f("harbouring_by", hid, _s(h.by))
    yield _f("harbouring_group", hid, _s(h.group))
    yield _f("harbouring_conduct", hid, _c(h.conduct))
    yield _f("harbouring_start", hid, _d(h.start))
    if h.end is not None:
        yield _f("harbouring_end", hid, _d(h.end))
    if h.territory is not None:
        yield _f("harbouring_territory", hid, _s(h.territory))


def _attack(x: ArmedAttack) -> Iterator[Symbol]:
    xid = _s(x.id)
    yield _f("armed_attack", xid)
    for attacker in x.by:  # a joint attack: each of the parties attacked
        yield _f("attack_by", xid, _s(attacker))
    yield _f("attack_against", xid, _s(x.against))
    yield _f("attack_date", xid, _d(x.date))
    yield from _at("attack_date", xid, x.date)
    yield _f("attack_form", xid, _c(x.form))
    yield _f("attack_gravity", xid, _c(x.gravity.value))
    yield _f("attack_status", xid, _c(x.status.value))
    if x.attributed_to is not None and x.attributed_to.value:
        yield _f("attributed_to", xid, _s(x.attributed_to.value))
    if x.declared_by_victim:
        yield _f("declared_by_victim", xid)
    if x.declared_on is not None:
        yield _f("declaration_date", xid, _d(x.declared_on))
        yield from _at("declaration_date", xid, x.declared_on)
    if not x.authorship_proven.value:
        yield _f("authorship_unproven", xid)


def _request(q: Request) -> Iterator[Symbol]:
    qid = _s(q.id)
    yield _f("request", qid)
    yield _f("request_by", qid, _s(q.by))
    for x_id in q.to:
        yield _f("request_to", qid, _s(x_id))
    if q.attack:
        yield _f("request_attack", qid, _s(q.attack))
    yield _f("request_date", qid, _d(q.date))
    yield from _at("request_date", qid, q.date)


def _dispute(d: Dispute) -> Iterator[Symbol]:
    did = _s(d.id)
    yield _f("dispute", did)
    for p_id in d.parties:
        yield _f("dispute_party", did, _s(p_id))
    yield _f("dispute_opened", did, _d(d.opened))
    if d.settled:
        yield _f("dispute_settled", did, _d(d.settled))
    for m in d.means_tried:
        yield _f("means_tried", did, _c(m))


def _report(rp: Report) -> Iterator[Symbol]:
    rpid = _s(rp.id)
    yield _f("art51_report", rpid)
    for author in rp.by:  # a joint report: each of the states reported
        yield _f("report_by", rpid, _s(author))
    for a_id in rp.acts:
        yield _f("report_act", rpid, _s(a_id))
    yield _f("report_date", rpid, _d(rp.date))
    yield from _at("report_date", rpid, rp.date)


def _commitment(k2: Commitment) -> Iterator[Symbol]:
    kid = _s(k2.id)
    yield _f("commitment", kid)
    yield _f("commitment_kind", kid, _c(k2.kind))
    yield _f("commitment_date", kid, _d(k2.date))
    for p_id in k2.bound:
        yield _f("commitment_bound", kid, _s(p_id))
    for p_id in k2.beneficiaries:
        yield _f("commitment_beneficiary", kid, _s(p_id))
    for what in k2.covers:
        yield _f("commitment_covers", kid, _c(what))
    for term in k2.forbids:
        for t in term.acts:
            yield _f("commitment_forbids", kid, _c(t), _s(term.article))
    if k2.subject:
        yield _f("commitment_subject", kid, _s(k2.subject))
    for other in k2.more_specific_than.value if k2.more_specific_than is not None else []:
        yield _f("commitment_more_specific", kid, _s(other))
