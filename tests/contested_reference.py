"""The method of attributing dependencies on contested facts used before the faster one (kept as a reference).

One brave solve per reading of every contested fact, twice (before and after the standards of proof are
applied), each reading every shown atom: 4 + 2 x (readings) solves. tests/test_contested_equivalence.py checks
that :func:`normengine.modal.solve_modal` gives the same answers on random cases.
"""

from __future__ import annotations

from collections import defaultdict

from clingo import Function, Number

from normengine.facts import CaseFacts
from normengine.modal import Key, Modal, possible_values
from normengine.rulesets import Program
from normengine.solve import CaseSolver


def _text(sym: object) -> str:
    return sym.string if sym.type.name == "String" else str(sym)  # type: ignore[attr-defined]


def solve_modal_reference(program: Program, facts: CaseFacts, *, timeout: float | None = None) -> Modal:
    """The reference method (see the module docstring)."""
    solver = CaseSolver(program, facts, timeout=timeout)
    brave = solver.consequences("brave")
    cautious = solver.consequences("cautious")
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
    marks = [
        Function("disputed_element", list(a.arguments))
        for a in brave
        if a.name == "element_holds" and len(a.arguments) == 2 and a not in cautious
    ]
    if marks:
        solver.assign(marks, True)
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
        for key in set().union(*(p.keys() for p in per_reading)):
            if key[0] != "element" and len({frozenset(p.get(key, set())) for p in per_reading}) > 1:
                depends[key].add(fact.ident)
    for key, idents in element_depends.items():
        depends[key] |= idents
    burden = {(_text(a.arguments[0]), a.arguments[1].name) for a in brave if a.name == "burden_unmet"}
    return Modal(brave, cautious, burden, facts.contested, possible, dict(depends), solver.solves)
