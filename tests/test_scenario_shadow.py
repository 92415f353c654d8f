"""What-if scenarios: the disputed elements found in one brave solve over the element atoms and their shadows
(``__element_not/2``, normengine/encodings/scenario.lp) are those a brave and a cautious solve found."""

from __future__ import annotations

from pathlib import Path

import pytest
from clingo import Function, Number, Symbol

from normengine.engine import resolve_case, resolve_ruleset
from normengine.facts import to_facts
from normengine.modal import ScenarioSolver
from normengine.solve import CaseSolver, build_program, scenario_program
from normengine.vocabulary import using_vocabulary, vocabulary_of

CASES = sorted((Path(__file__).resolve().parent.parent / "cases").glob("*.yaml"))


@pytest.mark.slow
@pytest.mark.parametrize("perspective", ["orthodox", "sovereigntist"])
def test_one_solve_with_shadows_finds_what_two_found(perspective: str) -> None:
    ruleset = resolve_ruleset(None)
    _name, program = build_program(ruleset, perspective)
    compared = 0
    for path in CASES:
        with using_vocabulary(vocabulary_of(program)):
            case = resolve_case(str(path))
        facts = to_facts(case)
        if not facts.contested:
            continue
        two = ScenarioSolver(CaseSolver(program, facts))
        one = ScenarioSolver(CaseSolver(program, facts, extra=[scenario_program()]))
        assert one.shadow and not two.shadow
        questions: list[list[tuple[Symbol, bool]] | None] = [None]
        for fact in facts.contested:
            questions += [[(Function("reading", [fact.term, Number(i)]), True)] for i in range(len(fact.readings))]
        for assumptions in questions:
            assert one._disputed(assumptions) == two._disputed(assumptions), (path.stem, assumptions)
            assert one.possible(assumptions) == two.possible(assumptions), (path.stem, assumptions)
            compared += 1
    assert compared > 50


def test_a_second_scenario_solver_reuses_the_shadows() -> None:
    _name, program = build_program(resolve_ruleset(None), None)
    with using_vocabulary(vocabulary_of(program)):
        case = resolve_case(str(CASES[0].parent / "kosovo-1999.yaml"))
    solver = CaseSolver(program, to_facts(case), extra=[scenario_program()])
    first = ScenarioSolver(solver).possible()
    assert first is not None
    assert ScenarioSolver(solver).possible() == first
