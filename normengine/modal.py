"""Reasoning over contested facts: established conclusions, conclusions that depend on the facts.

A case with contested facts has one reading per combination of their readings;
with 20 independent contested facts that is a million readings, and none of
them is enumerated here. The solver answers the questions directly on one
grounded program (:class:`~normengine.solve.CaseSolver`):

1. brave and cautious consequences: what holds on some reading, on every reading;
2. the burden of proof: an element of a justification that holds on some
   readings but not on all counts against the claimant (``burden_unmet/2``),
   then brave and cautious consequences again;
3. for each contested fact and each of its readings, the consequences with that
   reading assumed: a conclusion depends on a fact when its possible values
   differ between the fact's readings.

The cost is four solves plus two per reading of each contested fact: linear in
the number of contested facts, never in the number of readings (see
``bench/contested.py`` and docs/performance.md).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from clingo import Function, Number, Symbol

from .facts import CaseFacts, ContestedFact
from .rulesets import Program
from .solve import CaseSolver

__all__ = ["Key", "Modal", "possible_values", "solve_modal"]

Key = tuple[str, ...]


@dataclass
class Modal:
    """The consequences of a case with contested facts.

    Args:
        brave: atoms true on some reading (after the burden of proof is applied).
        cautious: atoms true on every reading.
        burden: (claim, element) pairs that fail on the burden of proof.
        contested: the contested facts.
        possible: for each conclusion, its possible values over all readings.
        depends_on: for each conclusion, the contested facts (ids) it depends on.
        solves: how many solves it took.
    """

    brave: frozenset[Symbol]
    cautious: frozenset[Symbol]
    burden: set[tuple[str, str]]
    contested: list[ContestedFact]
    possible: dict[Key, set[str]]
    depends_on: dict[Key, set[str]] = field(default_factory=dict)
    solves: int = 0


def _text(sym: Symbol) -> str:
    return sym.string if sym.type.name == "String" else str(sym)


def possible_values(brave: frozenset[Symbol], cautious: frozenset[Symbol]) -> dict[Key, set[str]]:
    """Possible values of each conclusion, from brave and cautious consequences."""
    values: dict[Key, set[str]] = defaultdict(set)
    status_seen: dict[str, set[str]] = defaultdict(set)
    for atom in brave:
        name, args = atom.name, atom.arguments
        if name == "__verdict" and len(args) == 2:
            values[("verdict", _text(args[0]))].add(args[1].name)
        elif name == "__status" and len(args) == 2:
            status_seen[_text(args[0])].add(args[1].name)
        elif name == "element_holds" and len(args) == 2:
            values[("element", _text(args[0]), args[1].name)].add("holds")
        elif name == "element_fails" and len(args) == 2:
            values[("element", _text(args[0]), args[1].name)].add("fails")
        elif name == "__violation" and len(args) == 2:
            values[("violation", _text(args[0]), args[1].name)].add("stands")
        elif name == "__no_violation" and len(args) == 2:
            key = ("violation", _text(args[0]), args[1].name)
            if Function("__violation", list(args)) in brave:
                values[key].add("does not stand")
    for claim, seen in status_seen.items():
        statuses = seen - {"open"}
        if "open" in seen and "contested" not in seen:
            # Every reading in which the claim is undecided under grounded semantics leaves it outside
            # every admissible set (otherwise it would be contested there): it is defeated there.
            statuses.add("defeated")
        values[("status", claim)] = statuses
    return dict(values)


def solve_modal(program: Program, facts: CaseFacts, *, timeout: float | None = None) -> Modal:
    """Evaluate a case with contested facts; see the module docstring for the method."""
    solver = CaseSolver(program, facts, timeout=timeout)
    brave = solver.consequences("brave")
    cautious = solver.consequences("cautious")
    # What each element depends on is decided before the burden of proof is applied: after it,
    # an element that depended on a contested fact fails on every reading.
    element_depends: dict[Key, set[str]] = defaultdict(set)
    for fact in facts.contested:
        per_reading = []
        for index in range(len(fact.readings)):
            assume = [(Function("reading", [fact.term, Number(index)]), True)]
            b = solver.consequences("brave", assume)
            per_reading.append({k: v for k, v in possible_values(b, b).items() if k[0] == "element"})
        for key in set().union(*(p.keys() for p in per_reading)):
            if len({frozenset(p.get(key, set())) for p in per_reading}) > 1:
                element_depends[key].add(fact.ident)
    burden: set[tuple[str, str]] = set()
    for atom in brave:
        if atom.name == "element_holds" and len(atom.arguments) == 2 and atom not in cautious:
            burden.add((_text(atom.arguments[0]), atom.arguments[1].name))
    externals = [Function("burden_unmet", [_claim_term(brave, c), Function(e)]) for c, e in sorted(burden)]
    if externals:
        solver.assign(externals, True)
        brave = solver.consequences("brave")
        cautious = solver.consequences("cautious")
    possible = possible_values(brave, cautious)
    depends: dict[Key, set[str]] = defaultdict(set)
    for fact in facts.contested:
        per_reading = []
        for index in range(len(fact.readings)):
            assume = [(Function("reading", [fact.term, Number(index)]), True)]
            b = solver.consequences("brave", assume)
            per_reading.append(possible_values(b, b))
        keys = set().union(*(p.keys() for p in per_reading))
        for key in keys:
            seen = {frozenset(p.get(key, set())) for p in per_reading}
            if len(seen) > 1 and key[0] != "element":
                depends[key].add(fact.ident)
    for key, idents in element_depends.items():
        depends[key] |= idents
    return Modal(brave, cautious, burden, facts.contested, possible, dict(depends), solver.solves)


def _claim_term(atoms: frozenset[Symbol], claim: str) -> Symbol:
    for atom in atoms:
        if atom.name == "element_holds" and _text(atom.arguments[0]) == claim:
            return atom.arguments[0]
    raise KeyError(claim)
