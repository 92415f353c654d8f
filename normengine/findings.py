"""From the atoms of a solve to the report.

This module reads the output predicates of the rules (``rules/core/show.lp``),
the argumentation core's acceptance (for reasons and explanations) and the
conclusions of ``normengine/encodings/conclusions.lp``, and copies them into the
report. The verdicts, statuses and violations (``docs/report.md``) are defined
there, once, and not here: a justification survives when it is accepted under
grounded semantics, is contested when some preferred extension accepts it and
the grounded one does not, and is defeated otherwise; an act is unlawful when
some violation it engages is accepted under grounded semantics, lawful when
every one is rejected, contested otherwise. What counts as a violation, a
justification or an attack is decided by the rules. The predicates read are
named in ``normengine/predicates.py``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal, cast

from clingo import Symbol, SymbolType

from .authorities import cite_report
from .case import Act, Case, Claim
from .conclusions import Key, one_value, possible_values_plain
from .explain import ContentKeys, Derivations, Explainer, Node
from .facts import ContestedFact
from .modal import Modal
from .predicates import (
    AF_GR_IN,
    AF_GR_OUT,
    AF_IN,
    ARG,
    ATT,
    CONCLUSIONS,
    CONFLICT_BETWEEN,
    COVERED_FROM,
    COVERED_UNTIL,
    ELEMENT_FAILS,
    ELEMENT_HOLDS,
    ENGAGED_NORM,
    INJURED,
    LABEL,
    PREVAILS,
    RAISES,
    RECORD_SET_ASIDE,
    RECORD_WEIGHED_BY,
    RELATED,
    REMARK,
    SCOPE,
    UNDECIDED_TOWARDS,
    UNDECIDED_VIOLATION,
    VERDICT_TOWARDS,
    VIOLATION,
    VIOLATION_TOWARDS,
)
from .report import (
    ActReport,
    AssertionReport,
    ConflictReport,
    ContestedFactReport,
    Dependency,
    ElementReport,
    Engagement,
    Explanation,
    JustificationReport,
    ReadingOutcome,
    ReadingReport,
    Reason,
    Report,
    ScopeStatement,
    TowardsReport,
)
from .rulesets import Program, RuleSet
from .terms import Atom, Atoms, Term, from_text, key, plain, symbol, text
from .words import Words

__all__ = ["Acceptance", "Analysis", "SymbolAcceptance", "analyse", "build_report"]


@dataclass(frozen=True)
class Acceptance:
    """Which arguments are accepted under which semantics (arguments as plain terms)."""

    arguments: frozenset[Term]
    grounded_in: frozenset[Term]
    grounded_out: frozenset[Term]
    credulous: frozenset[Term]
    attackers: dict[Term, list[Term]]

    def status(self, arg: Term) -> str:
        """``accepted``, ``rejected`` or ``undecided`` under grounded semantics."""
        if arg in self.grounded_in:
            return "accepted"
        if arg in self.grounded_out:
            return "rejected"
        return "undecided"


@dataclass(frozen=True)
class SymbolAcceptance:
    """The same acceptance with the arguments as clingo symbols (for callers that read symbols)."""

    arguments: frozenset[Symbol]
    grounded_in: frozenset[Symbol]
    grounded_out: frozenset[Symbol]
    credulous: frozenset[Symbol]
    attackers: dict[Symbol, list[Symbol]]

    def status(self, arg: Symbol) -> str:
        """``accepted``, ``rejected`` or ``undecided`` under grounded semantics."""
        if arg in self.grounded_in:
            return "accepted"
        if arg in self.grounded_out:
            return "rejected"
        return "undecided"


class Analysis:
    """The atoms of one solve, copied into plain terms and indexed, with their derivations and words.

    The atoms are grouped by predicate once; a predicate's atoms become plain terms when
    first read, once. The derivations (:class:`~normengine.explain.Derivations`) are
    rebuilt only for the predicates someone asks about, and the explanation trees only
    when asked for.
    """

    def __init__(
        self,
        case: Case,
        program: Program,
        atoms: list[Symbol],
        modal: Modal | None = None,
        facts: list[Symbol] | None = None,
        explain: bool = True,
        unrecorded: frozenset[str] = frozenset(),
    ) -> None:
        self.explain = explain
        self.unrecorded = unrecorded  # the rules whose firings left no record (solve.CaseSolver.unrecorded)
        self._violations: dict[Term, list[Atom]] | None = None
        self._targets: dict[Term, list[Term]] | None = None
        self.case = case
        self.program = program
        self.atoms = atoms
        self.modal = modal
        self.store = Atoms(atoms)
        self._facts = facts
        self.words = Words(case, self._labels())
        self.plain_acceptance = self._acceptance()

    def _labels(self) -> dict[str, str]:
        fixed = _program_labels(self.program)
        if self.store.count(LABEL[0]) == fixed[0]:
            # Facts hold in every answer set: as many label atoms as label facts means these are the facts.
            return fixed[1]
        return _label_map(self.store.pred(*LABEL))

    def _acceptance(self) -> Acceptance:
        attackers: dict[Term, list[Term]] = defaultdict(list)
        for a in self.store.pred(*ATT):
            attackers[a[2]].append(a[1])
        cautious = None
        if self.modal is not None:
            cautious = {plain(s) for s in self.modal.cautious if s.name in (AF_GR_IN[0], AF_GR_OUT[0])}

        def grounded(name: str) -> frozenset[Term]:
            return frozenset(a[1] for a in self.store.pred(name, 1) if cautious is None or a in cautious)

        return Acceptance(
            arguments=frozenset(a[1] for a in self.store.pred(*ARG)),
            grounded_in=grounded(AF_GR_IN[0]),
            grounded_out=grounded(AF_GR_OUT[0]),
            credulous=frozenset(a[1] for a in self.store.pred(*AF_IN)),
            attackers={k: sorted(v, key=key) for k, v in attackers.items()},
        )

    @cached_property
    def acts_by_id(self) -> dict[str, Act]:
        """The case's acts by id."""
        return {a.id: a for a in self.case.acts}

    @cached_property
    def claims_by_act(self) -> dict[str, list[Claim]]:
        """The case's justifications by the id of their act, in the case's order."""
        out: dict[str, list[Claim]] = defaultdict(list)
        for c in self.case.justifications:
            out[c.act].append(c)
        return out

    @cached_property
    def conclusions(self) -> dict[Key, set[str]]:
        """The possible values of each conclusion of conclusions.lp over the solve's answer sets."""
        return possible_values_plain(a for name, arity in CONCLUSIONS for a in self.store.pred(name, arity))

    @cached_property
    def every_reading(self) -> set[tuple[str, str, str, str]]:
        """The per-party conclusions that hold on every reading of the contested facts (cautious consequences)."""
        assert self.modal is not None
        names = {VERDICT_TOWARDS[0], VIOLATION_TOWARDS[0]}
        out = set()
        for s in self.modal.cautious:
            if s.name in names:
                a = plain(s)
                assert isinstance(a, tuple)
                out.add((a[0], _term_id(a[1]), _term_id(a[2]), _cname(a[3])))
        return out

    @cached_property
    def derivations(self) -> Derivations:
        """The derivations of the solve (rebuilt per predicate, on first access)."""
        store = self.store if not self._facts else Atoms([*self.atoms, *self._facts])
        # Without contested facts the solve gave every atom; with them, the shown atoms of the brave consequences.
        return Derivations(
            self.program, store, self.case, self.words, unrecorded=self.unrecorded, complete=self.modal is None
        )

    @cached_property
    def explainer(self) -> Explainer:
        """Explanations of the solve's conclusions."""
        return Explainer(self.derivations, self.plain_acceptance)

    @cached_property
    def acceptance(self) -> SymbolAcceptance:
        """The acceptance with clingo symbols (built on first access, for the argument graph)."""
        acc = self.plain_acceptance
        return SymbolAcceptance(
            arguments=frozenset(symbol(a) for a in acc.arguments),
            grounded_in=frozenset(symbol(a) for a in acc.grounded_in),
            grounded_out=frozenset(symbol(a) for a in acc.grounded_out),
            credulous=frozenset(symbol(a) for a in acc.credulous),
            attackers={symbol(k): [symbol(x) for x in v] for k, v in acc.attackers.items()},
        )

    def pred(self, name: str, arity: int) -> list[Atom]:
        """Every atom of a predicate, as plain terms."""
        return self.store.pred(name, arity)

    def about(self, name: str, arity: int, first: Term) -> list[Atom]:
        """The atoms of a predicate whose first argument is ``first`` (indexed once per predicate)."""
        return self.store.about(name, arity, first)

    def violations_of(self, act: Term) -> list[Atom]:
        """The violation arguments about an act."""
        if self._violations is None:
            self._violations = defaultdict(list)
            for arg in self.plain_acceptance.arguments:
                if isinstance(arg, tuple) and arg[0] == "violation" and len(arg) in (4, 5):
                    self._violations[arg[1]].append(arg)
        return self._violations.get(act, [])

    def attacked_by(self, attacker: Term) -> list[Term]:
        """The arguments an argument attacks, in clingo's order."""
        if self._targets is None:
            self._targets = defaultdict(list)
            for target, attackers in self.plain_acceptance.attackers.items():
                for a in attackers:
                    self._targets[a].append(target)
            for targets in self._targets.values():
                targets.sort(key=key)
        return self._targets.get(attacker, [])

    def reason(self, atom: Term, kind: str, status: str | None = None) -> Reason:
        """A reason for an atom, from the first rule that derived it."""
        derivations = self.derivations.of(atom)
        if derivations:
            d = derivations[0]
            return Reason(
                text=self.derivations.sentence(d),
                source=self.derivations.source_of(d),
                rule=d.rule.id,
                kind=kind,
                status=status,
            )
        _, source = self.derivations.fact_source(atom)
        return Reason(text=self.derivations.describe(atom), source=source, kind=kind, status=status)

    def perspective_source(self, point: Term) -> str | None:
        """The source the perspective gives for its position on a point."""
        for pos in ("accept", "reject"):
            meta = self.program.facts.get(text(("position", point, (pos,))))
            if meta is not None:
                return meta.source
        return None


def _label_map(atoms: list[Atom]) -> dict[str, str]:
    return {a[1][0]: a[2] for a in atoms if len(a) == 3 and isinstance(a[1], tuple) and isinstance(a[2], str)}


def _program_labels(program: Program) -> tuple[int, dict[str, str]]:
    """The rule set's ``label/2`` facts (how many, and the words they give), read once per program."""
    found = vars(program).get("_findings_labels")
    if found is None:
        atoms = [t for t in (from_text(k) for k in program.facts if k.startswith("label(")) if isinstance(t, tuple)]
        found = (len(atoms), _label_map([a for a in atoms if a[0] == "label" and len(a) == 3]))
        vars(program)["_findings_labels"] = found
    return found


def analyse(
    case: Case,
    program: Program,
    atoms: list[Symbol],
    modal: Modal | None = None,
    facts: list[Symbol] | None = None,
    *,
    explain: bool = True,
    unrecorded: frozenset[str] = frozenset(),
) -> Analysis:
    """Index the atoms of a solve (and, for contested facts, its modal consequences); ``unrecorded``: the rules
    whose firings the solve left unrecorded (:attr:`normengine.solve.Solution.unrecorded`)."""
    return Analysis(case, program, atoms, modal, facts, explain, unrecorded)


def _term_id(term: Term) -> str:
    """A term as a stable machine id: a string's text, or the term as clingo prints it."""
    return term if isinstance(term, str) else text(term)


def _cname(term: Term) -> str:
    """The name of a constant (or function) term."""
    return term[0] if isinstance(term, tuple) else str(term)


def build_report(
    analysis: Analysis,
    ruleset: RuleSet,
    perspective: str,
    engine_version: str,
    ruleset_hash: str,
) -> Report:
    """Build the report from an analysed solve.

    Args:
        analysis: the indexed atoms of the solve.
        ruleset: the rule set used.
        perspective: the perspective id used.
        engine_version: normengine's version.
        ruleset_hash: the hash of the rule files used.
    """
    case = analysis.case
    contested = _contested_facts(analysis)
    acts = [_act(analysis, act.id) for act in sorted(case.acts, key=lambda a: a.id)]
    if any(f.settled_on is not None for f in contested):
        acts = [a.model_copy(update={"weighed": _weighed_for(analysis, a.id, contested)}) for a in acts]
    report = Report(
        case=case.id,
        title=case.title,
        date=case.date.isoformat(),
        perspective=perspective,
        ruleset=ruleset.name,
        ruleset_version=ruleset.version,
        engine_version=engine_version,
        ruleset_hash=ruleset_hash,
        acts=acts,
        conflicts=_conflicts(analysis),
        contested_facts=contested,
        scope=_scope(analysis),
    )
    return cite_report(report, ruleset.authorities())


def _scope(an: Analysis) -> list[ScopeStatement]:
    out = []
    for atom in an.pred(*SCOPE):
        _name, part, words = atom
        if not isinstance(part, tuple) or part[0] not in ("covers", "excludes") or not isinstance(words, str):
            continue
        meta = an.program.facts.get(text(atom))
        out.append(ScopeStatement(part=part[0], text=words, source=meta.source if meta else None))
    return sorted(out, key=lambda s: (s.part, s.text))


def _contested_facts(an: Analysis) -> list[ContestedFactReport]:
    if an.modal is None:
        return []
    out = []
    for fact in sorted(an.modal.contested, key=lambda f: f.ident):
        readings = [
            ReadingReport(reading=i, description=text, source=source) for i, (text, source) in enumerate(fact.readings)
        ]
        out.append(ContestedFactReport(id=fact.ident, readings=readings, **_weighing(an, fact)))
    return out


def _weighing(an: Analysis, fact: ContestedFact) -> dict[str, Any]:
    """Who asserts each reading of a disputed fact of record, and what the perspective's weighing made of it (the
    ``record_weighed_by/4`` and ``record_set_aside/4`` atoms of rules/justifications/record.lp)."""
    if not fact.record:
        return {}
    ident = _term_id(plain(fact.term))

    def report(reading: int, author: str, kind: str) -> AssertionReport:
        text, _source, asserted = fact.record[reading]
        source = next((s for a, k, s in asserted if a == author and k == kind), None)
        return AssertionReport(reading=reading, description=text, author=author, author_kind=kind, source=source)

    # In a canonical order: who asserts a reading is a set, whatever order the case file lists them in.
    asserted_by = sorted(
        (
            AssertionReport(reading=i, description=text, author=a, author_kind=k, source=src)
            for i, (text, _source, asserted) in enumerate(fact.record)
            for a, k, src in asserted
        ),
        key=lambda r: (r.reading, r.author, r.author_kind, r.source or ""),
    )
    followed = sorted(
        {(int(str(x[2])), str(x[3]), _cname(x[4])) for x in an.pred(*RECORD_WEIGHED_BY) if _term_id(x[1]) == ident}
    )
    aside = sorted(
        {(int(str(x[2])), str(x[3]), _cname(x[4])) for x in an.pred(*RECORD_SET_ASIDE) if _term_id(x[1]) == ident}
    )
    return {
        "asserted_by": asserted_by,
        "settled_on": followed[0][0] if followed else None,
        "followed": [report(*f) for f in followed],
        "set_aside": [report(*a) for a in aside],
    }


def _weighed_for(an: Analysis, act_id: str, facts: list[ContestedFactReport]) -> list[str]:
    """The disputed facts of record the weighing settled that are the act itself or an object one of its
    justifications names (an attack it responds to, a consent, a resolution, ...)."""
    named = {act_id}
    for claim in an.claims_by_act.get(act_id, []):
        for value in claim.model_dump().values():
            values = value if isinstance(value, list) else [value]
            named.update(v for v in values if isinstance(v, str))
    return sorted(f.id for f in facts if f.settled_on is not None and f.id in named)


def _possible(an: Analysis, key: Key) -> tuple[bool, list[str], list[str]]:
    """(established, possible values, contested facts it depends on) of a conclusion, as the solve gives it."""
    if an.modal is None:
        values = sorted(an.conclusions[key])
        return len(values) == 1, values, []
    values = sorted(an.modal.possible[key])
    return len(values) == 1, values, sorted(an.modal.depends_on.get(key, set()))


@dataclass(frozen=True)
class _Proof:
    """What decides a conclusion of a case with contested facts (see :func:`_proof`)."""

    established: bool
    depends_on: list[str]
    settled_by: Literal["burden_of_proof", "benefit_to_claimant"] | None
    rests_on: list[Dependency]
    summary: str | None


_SETTLED_BY: dict[str, Literal["burden_of_proof", "benefit_to_claimant"]] = {
    "burden_on_claimant": "burden_of_proof",
    "benefit_to_claimant": "benefit_to_claimant",
}
_SETTLED_WORDS = {
    "burden_of_proof": "the burden of proof",
    "benefit_to_claimant": "the benefit of the doubt to the claimant",
}


def _proof(an: Analysis, key: Key, possible: list[str], claims: set[str]) -> _Proof:
    """What a verdict or status rests on: the contested facts it turns on, and whether a standard of proof decides it.

    A contested fact on which the conclusion depended before the standards of proof were applied, and no longer
    depends after, is one a standard of proof settled (the burden of proof on the claimant, or the benefit of the
    doubt to it): the conclusion then rests on that standard, is not established, and names the fact with what
    the conclusion would be on each of its readings.
    """
    modal = an.modal
    if modal is None:
        return _Proof(True, [], None, [], None)
    after = modal.depends_on.get(key, set())
    settled = modal.before.get(key, set()) - after
    applied = {_SETTLED_BY[s] for (c, _e), s in modal.standard.items() if s in _SETTLED_BY and c in claims}
    applied = applied or {_SETTLED_BY[s] for s in modal.standard.values() if s in _SETTLED_BY}
    settled_by: Literal["burden_of_proof", "benefit_to_claimant"] | None = None
    if settled and applied:
        settled_by = "burden_of_proof" if "burden_of_proof" in applied else "benefit_to_claimant"
    facts = {f.ident: f for f in modal.contested}
    rests_on = []
    for ident in sorted(after | settled):
        table = (modal.per_reading if ident in after else modal.before_readings).get(key, {}).get(ident, [])
        fact = facts[ident]
        rests_on.append(
            Dependency(
                fact=ident,
                kind="assessment" if fact.term.type == SymbolType.Function else "fact",
                settled_by=settled_by if ident in settled else None,
                readings=[
                    ReadingOutcome(reading=i, description=text, source=source, values=values)
                    for i, ((text, source), values) in enumerate(zip(fact.readings, table, strict=False))
                ],
            )
        )
    established = len(possible) == 1 and not settled
    summary = None
    if not established:
        head = (
            f"{possible[0]} on {_SETTLED_WORDS[settled_by]}"
            if settled_by is not None and len(possible) == 1
            else f"{' or '.join(possible)} depending on the readings"
        )
        parts = [
            f"{' or '.join(r.values) or 'no conclusion'} on reading {r.reading} of {d.fact} ({r.description})"
            for d in rests_on
            for r in d.readings
            if r.values != possible
        ]
        summary = "; ".join([head, *parts])
    return _Proof(established, sorted(after | settled), settled_by, rests_on, summary)


def _act(an: Analysis, act_id: str) -> ActReport:
    act = an.acts_by_id[act_id]

    groups: dict[tuple[str, str], list[Atom]] = defaultdict(list)
    for atom in an.about(*ENGAGED_NORM, act_id):
        groups[(_cname(atom[2]), _cname(atom[4]))].append(atom)
    engaged = []
    for (principle, stance), atoms in sorted(groups.items()):
        parties = sorted({_term_id(a[3]) for a in atoms})
        norms = sorted({_term_id(a[5]) for a in atoms})
        reasons = _unique([an.reason(a, "engagement") for a in atoms])
        towards = _injured_parties(an, act_id, principle) if stance == "against" else []
        engaged.append(
            Engagement(
                principle=principle, stance=stance, parties=parties, norms=norms, reasons=reasons, towards=towards
            )
        )

    # The verdict and the violations are those of normengine/encodings/conclusions.lp, copied.
    violation_args = an.violations_of(act_id)
    established, possible, depends = _possible(an, ("verdict", act_id))
    verdict = one_value(set(possible))
    standing = sorted(_cname(a[2]) for a in an.about(*VIOLATION, act_id))
    undecided = sorted(_cname(a[2]) for a in an.about(*UNDECIDED_VIOLATION, act_id))
    if an.modal is not None:
        standing = sorted(p for (kind, a, p), vals in _violation_keys(an) if a == act_id and vals == {"stands"})
        undecided = sorted(
            p for (kind, a, p), vals in _violation_keys(an) if a == act_id and "stands" in vals and len(vals) > 1
        )

    claims = sorted(an.claims_by_act.get(act_id, []), key=lambda c: c.id)
    proof = _proof(an, ("verdict", act_id), possible, {c.id for c in claims})
    explanation = verdict_explanation(an, act_id, verdict, violation_args) if an.explain else None
    return ActReport(
        id=act.id,
        title=an.words.name(act.id),
        type=act.type,
        actors=sorted(act.actors),
        target=act.target,
        verdict=verdict,
        engaged=engaged,
        violations=standing,
        contested_violations=undecided,
        justifications=[_claim(an, c.id, c.type, c.claimed_by) for c in claims],
        towards=_towards(an, act_id),
        established=established and proof.established,
        possible_verdicts=possible,
        depends_on=proof.depends_on or depends,
        settled_by=proof.settled_by,
        rests_on=proof.rests_on,
        summary=proof.summary,
        explanation=to_model(explanation, an.explainer.content_keys) if explanation is not None else None,
    )


# Verdicts relative to each injured party (issue 11, point 1): read from the rules' injured/4 and the
# violation(A, P, X, T) arguments; the definitions are those of the act's verdict, per party.


def _injured_parties(an: Analysis, act: str, principle: str) -> list[str]:
    return sorted({_term_id(a[4]) for a in an.about(*INJURED, act) if _cname(a[2]) == principle})


def _towards(an: Analysis, act: str) -> list[TowardsReport]:
    """The verdict towards each injured party, copied from conclusions.lp (on every reading, for contested facts)."""
    until: dict[str, str] = {}
    since: dict[str, str] = {}
    for c in an.claims_by_act.get(act, []):
        for atom in an.about(*COVERED_UNTIL, c.id):
            _name, _claim, _, injured, date = atom
            d = str(date)
            iso = f"{d[:4]}-{d[4:6]}-{d[6:]}"
            until[_term_id(injured)] = min(until.get(_term_id(injured), iso), iso)
        for atom in an.about(*COVERED_FROM, c.id):
            _name, _claim, _, injured, date = atom
            d = str(date)
            iso = f"{d[:4]}-{d[4:6]}-{d[6:]}"
            since[_term_id(injured)] = min(since.get(_term_id(injured), iso), iso)
    verdicts: dict[str, set[str]] = defaultdict(set)
    for atom in an.about(*VERDICT_TOWARDS, act):
        verdicts[_term_id(atom[2])].add(_cname(atom[3]))
    stands: dict[str, set[str]] = defaultdict(set)
    for atom in an.about(*VIOLATION_TOWARDS, act):
        stands[_term_id(atom[2])].add(_cname(atom[3]))
    open_: dict[str, set[str]] = defaultdict(set)
    for atom in an.about(*UNDECIDED_TOWARDS, act):
        open_[_term_id(atom[2])].add(_cname(atom[3]))
    if an.modal is not None:
        # With contested facts: established when it holds on every reading (cautious consequences).
        every = an.every_reading
        verdicts = {p: {v for v in vs if (VERDICT_TOWARDS[0], act, p, v) in every} for p, vs in verdicts.items()}
        some = stands
        stands = {p: {v for v in vs if (VIOLATION_TOWARDS[0], act, p, v) in every} for p, vs in some.items()}
        open_ = {p: (open_.get(p, set()) | (some[p] - stands[p])) - stands[p] for p in some} | {
            p: vs for p, vs in open_.items() if p not in some
        }
    out = []
    for party, found in sorted(verdicts.items()):
        verdict = cast(Literal["lawful", "unlawful", "contested"], one_value(found))
        out.append(
            TowardsReport(
                party=party,
                verdict=verdict,
                violations=sorted(stands.get(party, set())),
                contested_violations=sorted(open_.get(party, set())),
                lawful_before=until.get(party) if verdict != "lawful" else None,
                lawful_from=since.get(party) if verdict != "lawful" else None,
            )
        )
    return out


def _violation_keys(an: Analysis) -> list[tuple[tuple[str, str, str], set[str]]]:
    assert an.modal is not None
    return [((k[0], k[1], k[2]), v) for k, v in an.modal.possible.items() if k[0] == "violation"]


def _claim(an: Analysis, claim_id: str, jtype: str, claimed_by: list[str]) -> JustificationReport:
    acc = an.plain_acceptance
    arg: Term = ("justified", claim_id)
    # The status is that of normengine/encodings/conclusions.lp, copied.
    established, possible, depends = _possible(an, ("status", claim_id))
    status = one_value(set(possible))
    proof = _proof(an, ("status", claim_id), possible, {claim_id})

    reasons: list[Reason] = []
    for attacker in acc.attackers.get(arg, []):
        st = acc.status(attacker)
        reasons.extend(_attack_reasons(an, attacker, claim_id, st))
    for target in an.attacked_by(arg):
        if _cname(target) == "violation" and status != "defeated":
            st = "accepted" if arg in acc.grounded_in else ("rejected" if arg in acc.grounded_out else "undecided")
            reason = an.reason(("att", arg, target), "answer", st)
            # What answers the charge is the justification's own law: the source of the rule set's
            # answers(J, P) fact for this justification and principle, where it has one.
            law = an.program.facts.get(text(("answers", (jtype,), target[2]))) if isinstance(target, tuple) else None
            if law is not None and law.source:
                reason = reason.model_copy(update={"source": law.source})
            reasons.append(reason)
    for atom in an.about(*REMARK, claim_id):
        reasons.append(an.reason(atom, "remark"))

    elements: dict[str, ElementReport] = {}
    fails = {_cname(a[2]): a for a in an.about(*ELEMENT_FAILS, claim_id)}
    for atom in an.about(*ELEMENT_HOLDS, claim_id):
        name = _cname(atom[2])
        elements[name] = ElementReport(element=name, holds=True, reasons=[])
    for name, atom in fails.items():
        texts = [
            Reason(text=an.derivations.sentence(d), source=an.derivations.source_of(d), rule=d.rule.id, kind="element")
            for d in an.derivations.of(atom)
        ] or [an.reason(atom, "element")]
        elements[name] = ElementReport(element=name, holds=False, reasons=_unique(texts))
    burden_failure = False
    law_failure = False
    if an.modal is not None:
        for name in list(elements):
            mkey = ("element", claim_id, name)
            on_burden = (claim_id, name) in an.modal.burden
            values = an.modal.possible.get(mkey, {"holds" if elements[name].holds else "fails"})
            elements[name] = elements[name].model_copy(
                update={
                    "holds": values == {"holds"} and not on_burden,
                    "on_burden": on_burden,
                    "depends_on": sorted(an.modal.depends_on.get(mkey, set())),
                }
            )
    for e in elements.values():
        if not e.holds:
            burden_failure = burden_failure or e.on_burden
            law_failure = law_failure or not e.on_burden
    if status != "survives":
        other_defeat = any(
            r.kind in ("doctrine", "priority", "dilemma") and r.status in ("accepted", "undecided") for r in reasons
        )
        fails_on = "law" if law_failure or other_defeat or not burden_failure else "burden_of_proof"
    else:
        fails_on = None
    points = sorted(an.words.constant(_cname(a[2])) for a in an.about(*RAISES, claim_id))
    return JustificationReport(
        id=claim_id,
        type=jtype,
        claimed_by=sorted(claimed_by),
        status=status,
        reasons=_unique(reasons),
        elements=[elements[k] for k in sorted(elements)],
        contested_points=points,
        established=established and proof.established,
        possible_statuses=possible,
        depends_on=proof.depends_on or depends,
        settled_by=proof.settled_by,
        rests_on=proof.rests_on,
        summary=proof.summary,
        fails_on=fails_on,
        explanation=to_model(an.explainer.argument(arg), an.explainer.content_keys) if an.explain else None,
    )


def _attack_reasons(an: Analysis, attacker: Term, claim: str, status: str) -> list[Reason]:
    if not isinstance(attacker, tuple):
        return [an.reason(("arg", attacker), "element", status)]
    name, args = attacker[0], attacker[1:]
    if name == "fails":
        atom: Term = ("element_fails", *args)
        return [
            Reason(
                text=an.derivations.sentence(d),
                source=an.derivations.source_of(d),
                rule=d.rule.id,
                kind="element",
                status=status,
            )
            for d in an.derivations.of(atom)
        ] or [an.reason(atom, "element", status)]
    if name in ("rejected", "disputed"):
        point = args[1]
        base = an.reason(("raises", *args), "doctrine", status)
        if name == "rejected":
            sentence = f"{base.text}. This perspective rejects {an.words.term(point)}."
            source = an.perspective_source(point) or base.source
        else:
            sentence = f"{base.text}. This perspective takes no side on {an.words.term(point)}, so it stays contested."
            source = base.source
        return [Reason(text=sentence, source=source, rule=base.rule, kind="doctrine", status=status)]
    if name == "violation":
        act, principle = args[0], args[1]
        out = []
        for a in an.about(*PREVAILS, act):
            if a[2] == claim and a[3] == principle and _cname(a[4]) == "against":
                prefers: Term = ("prefers", a[5], a[1], a[2], a[3], a[4])
                r = an.reason(prefers, "priority", status)
                out.append(
                    Reason(
                        text=f"{r.text} (basis: {an.words.term(a[5])})",
                        source=r.source,
                        rule=r.rule,
                        kind="priority",
                        status=status,
                    )
                )
        if not out:
            out.append(an.reason(("unsettled", act, claim, principle), "dilemma", status))
        return out
    return [an.reason(("arg", attacker), "element", status)]


def _conflicts(an: Analysis) -> list[ConflictReport]:
    prevails: dict[tuple[Term, Term, Term], Atom] = {}
    for atom in an.pred(*PREVAILS):
        prevails[(atom[1], atom[2], atom[3])] = atom
    relations = {(_cname(a[1]), _cname(a[2])): _cname(a[3]) for a in an.pred(*RELATED)}
    out = []
    for atom in an.pred(*CONFLICT_BETWEEN):
        act, claim, pf, pa = atom[1:]
        won = prevails.get((act, claim, pa))
        if won is not None:
            basis = won[5]
            side = _cname(won[4])
            prefers: Term = ("prefers", basis, act, claim, pa, won[4])
            derivs = an.derivations.of(prefers)
            rule = derivs[0].rule.id if derivs else None
            reason = an.reason(prefers, "priority")
            reasons = [
                Reason(
                    text=f"{reason.text} (basis: {an.words.term(basis)})",
                    source=reason.source,
                    rule=reason.rule,
                    kind="priority",
                )
            ]
            settled_by: str | None = _cname(basis)
            winner: str | None = _cname(pf) if side == "for" else _cname(pa)
            won_side: str | None = side
        else:
            rule = None
            settled_by = None
            winner = None
            won_side = None
            reasons = [an.reason(("unsettled", act, claim, pa), "dilemma")]
        relation = relations.get((_cname(pf), _cname(pa)))
        out.append(
            ConflictReport(
                act=_term_id(act),
                principles=sorted([_cname(pf), _cname(pa)]),
                for_principle=_cname(pf),
                against_principle=_cname(pa),
                claim=_term_id(claim),
                settled_by=settled_by,
                rule=rule,
                prevails=winner,
                side=won_side,
                general_relation=relation,
                reasons=reasons,
            )
        )
    out.sort(key=lambda c: (c.act, c.claim, c.against_principle))
    return out


def _unique(reasons: list[Reason]) -> list[Reason]:
    seen: set[tuple[str, str | None, str]] = set()
    out = []
    for r in sorted(reasons, key=lambda r: (r.kind, r.status or "", r.text)):
        key = (r.text, r.rule, r.kind)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def verdict_explanation(
    an: Analysis, act_id: str, verdict: str, violation_args: list[Atom] | None = None, *, full: bool = False
) -> Node:
    """Why an act has its verdict: the violations it engages and their fate."""
    if violation_args is None:
        violation_args = an.violations_of(act_id)
    name = an.words.name(act_id)
    violation_args = sorted(violation_args, key=key)
    acc = an.plain_acceptance
    if not violation_args:
        return Node(f"{name} is lawful: it engages no principle against any party.", "verdict")
    if verdict == "unlawful":
        shown = [v for v in violation_args if v in acc.grounded_in]
        text = f"{name} is unlawful: a violation it engages is accepted and no justification answers it."
    elif verdict == "lawful":
        shown = violation_args
        text = f"{name} is lawful: every violation it engages is rejected, answered by a justification that survives."
    else:
        shown = [v for v in violation_args if acc.status(v) == "undecided"]
        text = f"{name} is contested: no violation is accepted, but not every violation is rejected."
    node = Node(text, "verdict")
    for v in shown:
        node.children.append(an.explainer.argument(v, full=full))
    return node


def to_model(node: Node, keys: ContentKeys | None = None) -> Explanation:
    """An explanation tree as the report's pydantic model, a repeated reason given once (:meth:`Node.shared`).

    Args:
        node: the tree.
        keys: the content keys of the trees of the same report (``Explainer.content_keys``), which share
            their subtrees; by default computed for this tree alone.
    """
    return Explanation.model_validate(node.to_dict(keys=keys))
