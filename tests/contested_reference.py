"""The method of attributing dependencies on contested facts used before the faster one (kept as a reference).

One brave solve per reading of every contested fact, twice (before and after the standards of proof are
applied), each reading every shown atom: 4 + 2 x (readings) solves. A reading with no answer set (set aside by
a standard of proof, which the method predates) is left out of the comparison.
tests/test_contested_equivalence.py checks that :func:`normengine.modal.solve_modal` gives the same answers
on random cases.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from clingo import Function, Number

from normengine.facts import CaseFacts, ContestedFact
from normengine.modal import Key, Modal, possible_values
from normengine.rulesets import Program
from normengine.solve import CaseSolver


def _text(sym: Any) -> str:
    return str(sym.string) if sym.type.name == "String" else str(sym)


def _per_fact(
    solver: CaseSolver, contested: list[ContestedFact], keep: Any
) -> tuple[dict[Key, set[str]], dict[Key, dict[str, list[list[str]]]]]:
    depends: dict[Key, set[str]] = defaultdict(set)
    tables: dict[Key, dict[str, list[list[str]]]] = defaultdict(dict)
    for fact in contested:
        per_reading: list[dict[Key, set[str]] | None] = []
        for index in range(len(fact.readings)):
            assume = [(Function("reading", [fact.term, Number(index)]), True)]
            b = solver.consequences("brave", assume)
            per_reading.append({k: v for k, v in possible_values(b, b).items() if keep(k)} if b else None)
        for key in set().union(*(p.keys() for p in per_reading if p is not None)):
            seen = [None if p is None else frozenset(p.get(key, set())) for p in per_reading]
            if len({v for v in seen if v is not None}) > 1:
                depends[key].add(fact.ident)
                tables[key][fact.ident] = [sorted(v or set()) for v in seen]
    return dict(depends), dict(tables)


def solve_modal_reference(program: Program, facts: CaseFacts, *, timeout: float | None = None) -> Modal:
    """The reference method (see the module docstring)."""
    solver = CaseSolver(program, facts, timeout=timeout)
    brave = solver.consequences("brave")
    cautious = solver.consequences("cautious")
    before, before_readings = _per_fact(solver, facts.contested, lambda key: key[0] in ("element", "verdict", "status"))
    disputed = [a for a in brave if a.name == "element_holds" and len(a.arguments) == 2 and a not in cautious]
    if disputed:
        solver.assign([Function("disputed_element", list(a.arguments)) for a in disputed], True)
        brave = solver.consequences("brave")
        cautious = solver.consequences("cautious")
    depends, per_reading = _per_fact(solver, facts.contested, lambda key: key[0] != "element")
    for key, idents in before.items():
        if key[0] == "element":
            depends[key] = set(idents)
    burden = {(_text(a.arguments[0]), a.arguments[1].name) for a in brave if a.name == "burden_unmet"}
    standard = {
        (_text(a.arguments[0]), a.arguments[1].name): a.arguments[2].name for a in brave if a.name == "proof_applied"
    }
    return Modal(
        brave,
        cautious,
        burden,
        facts.contested,
        possible_values(brave, cautious),
        depends,
        solver.solves,
        {(_text(a.arguments[0]), a.arguments[1].name) for a in disputed},
        standard,
        per_reading,
        before,
        before_readings,
    )
