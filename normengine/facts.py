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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from clingo import Function, Number, String, Symbol

from .case import (
    Act,
    ArmedAttack,
    Assessment,
    Case,
    Claim,
    Commitment,
    Consent,
    Dispute,
    Harbouring,
    Party,
    Reading,
    Report,
    Request,
    Resolution,
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


def authorisation_term(resolution: str, index: int) -> Symbol:
    """The term that names the ``index``-th (1-based) authorisation of a resolution."""
    return _f("auth", _s(resolution), Number(index))


def assessment_term(claim: str, element: str) -> Symbol:
    """The term that names an assessment of a claim's element (as a contested fact)."""
    return _f("assessment", _s(claim), _c(element))


@dataclass(frozen=True)
class ContestedFact:
    """A contested fact and its readings.

    Args:
        term: the term naming it in ``reading(Term, I)`` atoms (the object's id, or ``assessment(C, E)``).
        ident: its id as the report names it.
        readings: for each reading index (0 = as written), its description and source.
    """

    term: Symbol
    ident: str
    readings: tuple[tuple[str, str | None], ...]


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
    for obj, gen in _objects(case):
        contest = getattr(obj, "contested", None)
        if contest is None or not readings:
            out.facts.extend(gen(obj))
            continue
        term = assessment_term(*_assessment_key(obj)) if isinstance(obj, _AssessmentOf) else _s(obj.id)
        ident = str(term) if isinstance(obj, _AssessmentOf) else obj.id
        variants = reading_variants(obj.inner if isinstance(obj, _AssessmentOf) else obj)
        per_variant: list[list[Symbol]] = []
        described: list[tuple[str, str | None]] = []
        for index, (variant, reading) in enumerate(variants):
            if variant is None:
                per_variant.append([])
            else:
                wrapped = _AssessmentOf(obj.claim, variant) if isinstance(obj, _AssessmentOf) else variant  # type: ignore[arg-type]
                per_variant.append(list(gen(wrapped)))
            described.append(_describe(index, reading, contest.source, getattr(variants[0][0], "source", None)))
        out.contested.append(ContestedFact(term, ident, tuple(described)))
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
    return out


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


class _AssessmentOf:
    """An assessment together with the claim it belongs to."""

    def __init__(self, claim: str, inner: Assessment) -> None:
        self.claim = claim
        self.inner = inner
        self.contested = inner.contested


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
    if p.situation:
        yield _f("people_situation", pid, _c(p.situation))
    if p.territory_of:
        yield _f("territory_of", pid, _s(p.territory_of))


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
    yield _f("act_end", aid, _d(a.end or a.start))
    for purpose in a.purposes:
        yield _f("act_purpose", aid, _s(purpose))
    for crime in a.crimes:
        yield _f("crime", aid, _c(crime))
    if a.scale:
        yield _f("atrocity_scale", aid, _c(a.scale))
    if a.evidence_generally_accepted:
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
    yield _f("assessment", _s(a.claim), _c(a.inner.element), _c("holds" if a.inner.holds else "fails"))


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
    if k.withdrawn:
        yield _f("consent_withdrawn", kid, _d(k.withdrawn))
    yield _f("consent_authority", kid, _c(k.authority))
    if not k.freely_given:
        yield _f("consent_coerced", kid)
    if k.in_advance_by_treaty:
        yield _f("consent_by_treaty", kid)


def _resolution(r: Resolution) -> Iterator[Symbol]:
    rid = _s(r.id)
    yield _f("resolution", rid)
    yield _f("resolution_organ", rid, _c(r.organ))
    yield _f("resolution_date", rid, _d(r.date))
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
        if z.until:
            yield _f("auth_until", zid, _d(z.until))
        for t in z.excludes:
            yield _f("auth_excludes", zid, _c(t))
    if r.recognises_self_defence:
        yield _f("recognises_self_defence", rid)
    if r.measures_necessary:
        yield _f("measures_necessary", rid)
    for a_id in r.endorses:
        yield _f("endorses", rid, _s(a_id))
    if r.uniting_for_peace:
        yield _f("uniting_for_peace", rid)
    if r.ceasefire is not None:
        yield _f("ceasefire_effective", rid, _d(r.ceasefire.effective or r.date))
        for named in r.ceasefire.names_resolutions:
            yield _f("ceasefire_names", rid, _s(named))


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
    yield _f("attack_by", xid, _s(x.by))
    yield _f("attack_against", xid, _s(x.against))
    yield _f("attack_date", xid, _d(x.date))
    yield _f("attack_form", xid, _c(x.form))
    yield _f("attack_gravity", xid, _c(x.gravity))
    yield _f("attack_status", xid, _c(x.status))
    if x.attributed_to:
        yield _f("attributed_to", xid, _s(x.attributed_to))
    if x.declared_by_victim:
        yield _f("declared_by_victim", xid)
    if x.declared_on is not None:
        yield _f("declaration_date", xid, _d(x.declared_on))
    if not x.authorship_proven:
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
    yield _f("report_by", rpid, _s(rp.by))
    for a_id in rp.acts:
        yield _f("report_act", rpid, _s(a_id))
    yield _f("report_date", rpid, _d(rp.date))


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
    if k2.subject:
        yield _f("commitment_subject", kid, _s(k2.subject))
    for other in k2.more_specific_than:
        yield _f("commitment_more_specific", kid, _s(other))
