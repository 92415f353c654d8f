"""What would change the verdict: the smallest changes to the facts that change a conclusion.

For each act, the candidate changes are the facts its justifications rest on:
an element found holding or failing flipped, an element not yet established
established, an armed attack, consent, request or resolution removed or one
of its properties flipped, and two hypothetical additions (an authorisation
of force by the Security Council for the act, and the consent of the state on
whose territory it took place, each with the claim that relies on it). In a
case with contested facts, settling a dispute is a change too: one reading of
a contested fact taken as established.

Every candidate is a change to the case model; the facts it removes and adds
are computed by :mod:`normengine.facts`, so no rule or fact is written by hand
here. All of them are made external atoms of one grounded program
(CLINGO-NOTES: a scenario then costs one solve, not one grounding). Single
changes are tried first; pairs only for conclusions that no single change
alters, which is what "smallest" means.

Contested facts are reasoned over as ``evaluate`` does (:class:`normengine.modal.ScenarioSolver`:
every reading, the disputed elements found and the standards of proof of the rules
applied; three solves a scenario), so the baseline is ``evaluate``'s verdicts and
statuses. A fact that holds on some readings only is switched through its own
external atom, so a change applies on exactly the readings on which the fact holds.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from clingo import Function, Number, Symbol
from pydantic import BaseModel, ConfigDict

from . import symbols as sy
from .case import Case, Claim
from .conclusions import one_value, possible_values
from .engine import CaseInput, RulesInput, resolve_case, resolve_ruleset
from .facts import CaseFacts, to_facts
from .loader import DEFAULT_LIMITS, Limits
from .modal import ScenarioSolver
from .solve import CaseSolver, build_program, scenario_program
from .vocabulary import check_vocabulary, using_vocabulary, vocabulary_of

__all__ = ["Effect", "Scenario", "WhatIf", "what_if"]

Mutation = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class _Change:
    text: str
    mutate: Mutation


@dataclass
class _Candidate:
    text: str
    remove: frozenset[Symbol]
    add: frozenset[Symbol]
    acts: frozenset[str] = field(default_factory=frozenset)
    guarded: set[tuple[Symbol, Symbol]] = field(default_factory=set)
    assume: tuple[tuple[Symbol, bool], ...] = ()


def _guard_switch(pair: tuple[Symbol, Symbol]) -> Symbol:
    """The external atom that switches a guarded fact (a fact that holds on one reading of a contested fact)."""
    return Function("__whatif_guarded", [pair[0], pair[1]])


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Effect(_Out):
    """A conclusion that a scenario changes."""

    conclusion: str
    subject: str
    before: str
    after: str


class Scenario(_Out):
    """One or two changes to the facts, and the conclusions they change."""

    changes: list[str]
    effects: list[Effect]


class WhatIf(_Out):
    """The smallest changes to the facts that change an act's verdict or a justification's status."""

    case: str
    perspective: str
    acts: list[str]
    baseline: dict[str, str]
    scenarios: list[Scenario]
    tried: int
    unchanged: list[str]

    def to_json(self) -> str:
        """As JSON (stable order)."""
        import json

        return json.dumps(self.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"

    def decisive(self, conclusion: str) -> list[Scenario]:
        """The scenarios that change a given conclusion (``verdict:ACT`` or ``status:CLAIM``)."""
        return [s for s in self.scenarios if any(f"{e.conclusion}:{e.subject}" == conclusion for e in s.effects)]


def what_if(
    case: CaseInput,
    rules: RulesInput = None,
    perspective: str | None = None,
    *,
    act: str | None = None,
    pairs: bool = True,
    limits: Limits = DEFAULT_LIMITS,
) -> WhatIf:
    """Find the smallest changes to the facts that change an act's verdict or a justification's status.

    Args:
        case: a path, YAML text, dict or Case. Contested facts are reasoned over as ``evaluate`` does (every
            reading, the standards of proof applied), so the baseline is ``evaluate``'s verdicts and statuses,
            and a change applies on every reading on which the changed fact holds.
        rules: a rule set (default: the bundled one).
        perspective: the perspective to take.
        act: only this act (default: every act).
        pairs: try pairs of changes for conclusions that no single change alters.
        limits: size and time limits.
    """
    ruleset = resolve_ruleset(rules)
    name, program = build_program(ruleset, perspective)
    with using_vocabulary(vocabulary_of(program)):
        model = resolve_case(case, limits)
    check_vocabulary(model, vocabulary_of(program))
    acts = [a.id for a in model.acts if act is None or a.id == act]
    if act is not None and not acts:
        from .errors import NormengineError

        raise NormengineError(f"no act {act!r} in the case (acts: {', '.join(sorted(a.id for a in model.acts))})")
    base = to_facts(model)
    base_set = set(base.facts)
    base_guarded = set(base.guarded)
    data = model.model_dump(mode="json", by_alias=True, exclude_none=True)
    candidates: list[_Candidate] = []
    seen: set[tuple[frozenset[Symbol], frozenset[Symbol]]] = set()
    for act_id in acts:
        for change in _changes(model, act_id):
            mutated = _apply(data, change.mutate)
            if mutated is None:
                continue
            changed_facts = to_facts(mutated)
            facts, guarded = set(changed_facts.facts), set(changed_facts.guarded)
            # A guarded fact (one that holds on some readings of a contested fact) is switched through
            # its own external atom, so that a scenario changes it on exactly the readings where it holds.
            remove = frozenset(base_set - facts) | frozenset(_guard_switch(g) for g in base_guarded - guarded)
            add = frozenset(facts - base_set) | frozenset(_guard_switch(g) for g in guarded - base_guarded)
            if not remove and not add:
                continue
            key = (remove, add)
            if key in seen:
                continue
            seen.add(key)
            candidates.append(_Candidate(change.text, remove, add, frozenset({act_id}), guarded - base_guarded))
    # Settling a dispute is a change too: one reading of a contested fact taken as established.
    for fact in base.contested:
        for index, (text, source) in enumerate(fact.readings):
            reading = Function("reading", [fact.term, Number(index)])
            where = f"{text}; {source}" if source else text
            candidates.append(
                _Candidate(
                    f"if reading {index} of the contested {fact.ident} were established ({where})",
                    frozenset(),
                    frozenset(),
                    frozenset(acts),
                    assume=((reading, True),),
                )
            )
    # Only the facts that some change removes are external atoms; the others are facts, which clingo's
    # preprocessing folds into the program once, instead of every solve propagating them again (a solve
    # of suez-1956 cost 1.2 ms with every fact external, most of it setting up the solver).
    removed: set[Symbol] = set().union(*(c.remove for c in candidates))
    externals: dict[Symbol, bool] = {atom: True for atom in base.facts if atom in removed}
    switched: dict[Symbol, tuple[Symbol, Symbol]] = {}
    kept: list[tuple[Symbol, Symbol]] = []
    for pair in sorted(base_guarded):
        if _guard_switch(pair) in removed:
            externals[_guard_switch(pair)] = True
            switched[_guard_switch(pair)] = pair
        else:
            kept.append(pair)
    for c in candidates:
        for atom in c.add:
            externals.setdefault(atom, False)
        for pair in c.guarded:
            switched[_guard_switch(pair)] = pair
    claims_all = {c.id for c in model.justifications} | {
        sy.text(sy.args(atom)[0]) for c in candidates for atom in c.add if sy.name(atom) == "claim"
    }
    engine_facts = CaseFacts(
        facts=[atom for atom in base.facts if atom not in removed],
        guarded=kept,
        contested=base.contested,
        acts=[a.id for a in model.acts],
        claims=sorted(claims_all),
    )
    solver = CaseSolver(
        program,
        engine_facts,
        timeout=limits.timeout,
        externals=sorted(externals.items()),
        rules=[(atom, [guard, switch]) for switch, (atom, guard) in sorted(switched.items())],
        extra=[scenario_program()] if base.contested else [],
        light=True,  # the conclusions only: no rule's firings are read
    )
    scenario = ScenarioSolver(solver) if base.contested else None

    def outcome(assume: list[tuple[Symbol, bool]] | None = None) -> dict[str, str] | None:
        if scenario is not None:
            # As evaluate reads them: the value a conclusion has on every reading, else contested.
            possible = scenario.possible(assume)
            if possible is None:
                return None
        else:
            # One reading: the brave consequences give each conclusion its one value.
            possible = possible_values(solver.consequences("brave"))
        result: dict[str, str] = {}
        for key, values in possible.items():
            if (key[0] == "verdict" and key[1] in acts) or key[0] == "status":
                result[f"{key[0]}:{key[1]}"] = one_value(values)
        return result

    try:
        found_baseline = outcome()
        assert found_baseline is not None
        baseline = {k: v for k, v in found_baseline.items() if _concerns(k, model, acts)}
        scenarios: list[Scenario] = []
        changed: set[str] = set()
        tried = 0

        def run(group: list[_Candidate]) -> dict[str, str] | None:
            nonlocal tried
            tried += 1
            removed = set().union(*(c.remove for c in group))
            added = set().union(*(c.add for c in group))
            assume = [a for c in group for a in c.assume]
            solver.assign(removed, False)
            solver.assign(added, True)
            try:
                return outcome(assume)
            finally:
                solver.assign(added, False)
                solver.assign(removed, True)

        def effects(result: dict[str, str] | None) -> list[Effect]:
            if result is None:  # two readings of the same fact at once
                return []
            out = []
            for key, before in sorted(baseline.items()):
                after = result.get(key, "defeated" if key.startswith("status:") else before)
                if after != before:
                    kind, _, subject = key.partition(":")
                    out.append(Effect(conclusion=kind, subject=subject, before=before, after=after))
            return out

        for c in candidates:
            found = effects(run([c]))
            if found:
                scenarios.append(Scenario(changes=[c.text], effects=found))
                changed |= {f"{e.conclusion}:{e.subject}" for e in found}
        remaining = set(baseline) - changed
        if pairs and remaining:
            for a, b in itertools.combinations(candidates, 2):
                if not (a.acts & b.acts):
                    continue
                found = [e for e in effects(run([a, b])) if f"{e.conclusion}:{e.subject}" in remaining]
                if found:
                    scenarios.append(Scenario(changes=[a.text, b.text], effects=found))
            remaining -= {f"{e.conclusion}:{e.subject}" for s in scenarios for e in s.effects}
        return WhatIf(
            case=model.id,
            perspective=name,
            acts=acts,
            baseline=dict(sorted(baseline.items())),
            scenarios=scenarios,
            tried=tried,
            unchanged=sorted(remaining),
        )
    finally:
        if scenario is not None:
            scenario.close()


def _concerns(key: str, case: Case, acts: list[str]) -> bool:
    kind, _, subject = key.partition(":")
    if kind == "verdict":
        return subject in acts
    return any(c.id == subject and c.act in acts for c in case.justifications)


def _apply(data: dict[str, Any], mutate: Mutation) -> Case | None:
    import copy

    from pydantic import ValidationError

    from .case import check_references

    mutated = copy.deepcopy(data)
    try:
        mutate(mutated)
        case = Case.model_validate(mutated)
    except (ValidationError, KeyError, IndexError, StopIteration):
        return None
    if check_references(case):
        return None
    return case


def _find(data: dict[str, Any], group: str, ident: str) -> dict[str, Any]:
    return next(o for o in data.get(group, []) if o["id"] == ident)


def _changes(case: Case, act_id: str) -> Iterator[_Change]:
    act = next(a for a in case.acts if a.id == act_id)
    claims = [c for c in case.justifications if c.act == act_id]
    words = {p.id: p.name or p.id for p in case.parties}
    title = act.title or act.id

    def remove(group: str, ident: str) -> Mutation:
        def m(d: dict[str, Any]) -> None:
            d[group] = [o for o in d.get(group, []) if o["id"] != ident]
            for c in d.get("justifications", []):
                for key in ("responds_to", "consents", "resolutions"):
                    if ident in c.get(key, []):
                        c[key] = [x for x in c[key] if x != ident]
            for q in d.get("requests", []):
                if q.get("attack") == ident:
                    q.pop("attack")

        return m

    def setf(group: str, ident: str, key: str, value: Any) -> Mutation:
        def m(d: dict[str, Any]) -> None:
            obj = _find(d, group, ident)
            if value is None:
                obj.pop(key, None)
            else:
                obj[key] = value

        return m

    for claim in claims:
        yield from _claim_changes(case, claim, remove, setf)
    if act.type == "non_compliance" and act.resolution:
        res = next(r for r in case.resolutions if r.id == act.resolution)
        yield _Change(
            f"if {res.number or res.id} had {'not ' if res.binding else ''}been worded as a binding decision",
            setf("resolutions", res.id, "binding", not res.binding),
        )
    if not act.limited_aims and act.type not in ("mass_atrocities", "human_rights_violations", "non_compliance"):
        yield _Change(
            f"if the actors of {title} had disclaimed any aim against territorial integrity or political independence",
            setf("acts", act.id, "limited_aims", True),
        )
    territory = act.territory or act.target
    actors = list(act.actors)
    start = act.start
    stamp = f"whatif-{act.id}"

    def authorise(d: dict[str, Any]) -> None:
        auth: dict[str, Any] = {
            "all_member_states": True,
            "force": True,
            "from": (start - dt.timedelta(days=1)).isoformat(),
        }
        if territory:
            auth["area"] = [territory]
        if act.purposes:
            auth["purposes"] = list(act.purposes)
        d.setdefault("resolutions", []).append(
            {
                "id": f"{stamp}-resolution",
                "organ": "security_council",
                "number": "(hypothetical)",
                "date": (start - dt.timedelta(days=1)).isoformat(),
                "chapter_vii": True,
                "votes": {"for": 15},
                "determinations": ["threat_to_the_peace"],
                "binding": True,
                "authorisations": [auth],
            }
        )
        d.setdefault("justifications", []).append(
            {
                "id": f"{stamp}-authorisation",
                "act": act.id,
                "type": "council_authorisation",
                "claimed_by": actors,
                "resolutions": [f"{stamp}-resolution"],
            }
        )

    def consent(d: dict[str, Any]) -> None:
        d.setdefault("consents", []).append(
            {
                "id": f"{stamp}-consent",
                "by": territory,
                "to": actors,
                "given": (start - dt.timedelta(days=1)).isoformat(),
            }
        )
        d.setdefault("justifications", []).append(
            {
                "id": f"{stamp}-consent-claim",
                "act": act.id,
                "type": "consent",
                "claimed_by": actors,
                "consents": [f"{stamp}-consent"],
            }
        )

    existing = {o.id for group in (case.resolutions, case.justifications, case.consents) for o in group}
    if act.type not in ("mass_atrocities", "human_rights_violations", "non_compliance", "declaration_of_independence"):
        if f"{stamp}-resolution" not in existing:
            yield _Change(
                f"if the Security Council had authorised all necessary means for {title} under Chapter VII, "
                "and its actors had relied on that authorisation",
                authorise,
            )
        if (
            territory
            and f"{stamp}-consent" not in existing
            and any(p.id == territory and p.kind == "state" for p in case.parties)
        ):
            yield _Change(
                f"if {words.get(territory, territory)} had consented to {title} before it began, "
                "and its actors had relied on that consent",
                consent,
            )


def _both(first: Mutation, second: Mutation) -> Mutation:
    def m(d: dict[str, Any]) -> None:
        first(d)
        second(d)

    return m


def _claim_changes(
    case: Case,
    claim: Claim,
    remove: Callable[[str, str], Mutation],
    setf: Callable[[str, str, str, Any], Mutation],
) -> Iterator[_Change]:
    names = {p.id: p.name or p.id for p in case.parties}
    label = f"{claim.type.replace('_', ' ')} claimed by {', '.join(names.get(x, x) for x in claim.claimed_by)}"
    assessed = {a.element: bool(a.holds.value) for a in claim.assessments}

    def assess(element: str, holds: bool) -> Mutation:
        def m(d: dict[str, Any]) -> None:
            c = _find(d, "justifications", claim.id)
            rows = [r for r in c.get("assessments", []) if r["element"] != element]
            rows.append({"element": element, "holds": holds})
            c["assessments"] = rows

        return m

    for element, holds in sorted(assessed.items()):
        yield _Change(
            f"if {element.replace('_', ' ')} had {'not ' if holds else ''}been established for the {label}",
            assess(element, not holds),
        )
    for element in (
        "necessity",
        "proportionality",
        "no_practicable_alternative",
        "limited_in_time_and_scope",
        "grave_and_imminent_peril",
        "only_means",
        "prior_wrongful_act",
        "nationals_in_imminent_danger",
        "territorial_state_unwilling_or_unable",
        "passage_innocent",
    ):
        if element not in assessed:
            yield _Change(f"if {element.replace('_', ' ')} had been established for the {label}", assess(element, True))
    for ident in claim.responds_to:
        attack = next((x for x in case.armed_attacks if x.id == ident), None)
        if attack is not None:
            yield _Change(f"if the armed attack {ident} had not occurred", remove("armed_attacks", ident))
            yield _Change(
                f"if the armed attack {ident} had been {'minor' if attack.gravity.value == 'grave' else 'grave'}",
                setf("armed_attacks", ident, "gravity", "minor" if attack.gravity.value == "grave" else "grave"),
            )
            if attack.status.value != "occurred":
                yield _Change(
                    f"if the armed attack {ident} had occurred", setf("armed_attacks", ident, "status", "occurred")
                )
            if attack.form == "assistance":
                yield _Change(
                    f"if the attack {ident} had been a direct attack, not assistance to rebels",
                    setf("armed_attacks", ident, "form", "direct"),
                )
            if not attack.authorship_proven.value:
                yield _Change(
                    f"if it had been proven who carried out the armed attack {ident}",
                    setf("armed_attacks", ident, "authorship_proven", True),
                )
            yield _Change(
                f"if the victim had {'not ' if attack.declared_by_victim else ''}declared itself attacked by {ident}",
                setf("armed_attacks", ident, "declared_by_victim", not attack.declared_by_victim),
            )
    if claim.type == "collective_self_defence" and claim.on_behalf_of:
        act = next(a for a in case.acts if a.id == claim.act)
        victim = claim.on_behalf_of

        def request(d: dict[str, Any]) -> None:
            d.setdefault("requests", []).append(
                {
                    "id": f"whatif-{claim.id}-request",
                    "by": victim,
                    "to": list(claim.claimed_by),
                    "date": (act.start - dt.timedelta(days=1)).isoformat(),
                }
            )

        yield _Change(f"if {victim} had asked the claimants for help before the act", request)
    for ident in claim.consents:
        k = next((x for x in case.consents if x.id == ident), None)
        if k is None:
            continue
        yield _Change(f"if the consent {ident} had not been given", remove("consents", ident))
        if k.withdrawn:
            yield _Change(f"if the consent {ident} had not been withdrawn", setf("consents", ident, "withdrawn", None))
        if k.given_by is not None:
            # Who gave it is record (rules/justifications/consent_authority.lp derives its standing): the
            # counterfactual is a consent recorded as the state's own, which the rules take as the government's.
            yield _Change(
                f"if the consent {ident} had come from the government in control",
                _both(setf("consents", ident, "given_by", None), setf("consents", ident, "authority", None)),
            )
        elif k.authority is not None and k.authority.value != "lawful_government":
            yield _Change(
                f"if the consent {ident} had come from the lawful government in control",
                setf("consents", ident, "authority", "lawful_government"),
            )
        stationed = [a for a in case.acts if a.id == claim.act and a.conduct]
        if k.stationing is not None and stationed:
            yield _Change(
                f"if the forces of {stationed[0].title or stationed[0].id} had done nothing but stay within "
                f"the terms and conditions of {ident}",
                setf("acts", claim.act, "conduct", None),
            )
        if k.act_types or k.acts:
            yield _Change(
                f"if the consent {ident} had covered every act of the consented parties",
                _both(setf("consents", ident, "act_types", None), setf("consents", ident, "acts", None)),
            )
    for ident in claim.resolutions:
        r = next((x for x in case.resolutions if x.id == ident), None)
        if r is None:
            continue
        if r.negative_votes_by:
            yield _Change(
                f"if no member had voted against {r.number or r.id}",
                setf("resolutions", ident, "negative_votes_by", None),
            )
        if not r.chapter_vii:
            yield _Change(
                f"if {r.number or r.id} had been adopted under Chapter VII",
                setf("resolutions", ident, "chapter_vii", True),
            )
