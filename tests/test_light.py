"""The light form of a rule program: the exact rules leave no ``__fired`` record, and their derivations are
recomputed from the atoms of the solve (normengine.rulesets.Program.light_text, normengine.explain.Derivations).
Both forms must give the same atoms and, for every atom, the same derivations in the same order."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from normengine.engine import resolve_case
from normengine.explain import Derivations
from normengine.facts import to_facts
from normengine.predicates import ENGINE_SHOWN
from normengine.rulesets import FIRED, Program, load_ruleset
from normengine.solve import af_program, build_program, conclusions_program, solve_facts
from normengine.terms import Atoms, plain
from normengine.words import Words

from .conftest import contested

CASES_DIR = Path(__file__).resolve().parent.parent / "cases"
CASES = sorted(CASES_DIR.glob("*.yaml"))


def _rule(rid: str, rule: str) -> str:
    """An annotated rule of a small test rule set."""
    return f"%@ rule: {rid}\n%@ source: s\n%@ says: y\n{rule}\n"


def _shown(program: Program) -> set[tuple[str, int]]:
    """The signatures shown by the rules (either form), the argumentation core, the conclusions and the engine."""
    texts = [program.text, program.light_text, af_program().text, conclusions_program().text]
    found = {(m[1], int(m[2])) for t in texts for m in re.finditer(r"#show (\w+)/(\d+)", t)}
    return found | set(ENGINE_SHOWN)


def _compare(case_path: Path, perspective: str) -> int:
    """Solve both forms; assert the same atoms and derivations; return how many atoms were compared."""
    ruleset = load_ruleset(None)
    _name, program = build_program(ruleset, perspective)
    case = resolve_case(case_path)
    facts = to_facts(case)
    full = solve_facts(program, facts.facts, acts=facts.acts, claims=facts.claims)
    light = solve_facts(program, facts.facts, acts=facts.acts, claims=facts.claims, light=True)
    exact_records = {name for name, rid in program.fired.items() if program.rules[rid].exact}
    assert exact_records, "the bundled rules have exact rules"
    # Brave consequences are computed over the shown atoms; an atom of a predicate that nothing shows has, in
    # the last model, its value in one answer set, unless the grounder settled it as a fact, which it does more
    # often in the light form (which has no externals). Those may differ between the forms (the light form then
    # has the consequence that holds in every answer set, such as __open_violation/1 beside
    # __undecided_violation/2); the engine reads none of them.
    shown = _shown(program)
    assert {s for s in full.atoms if s.name not in exact_records and (s.name, len(s.arguments)) in shown} == {
        s for s in light.atoms if (s.name, len(s.arguments)) in shown
    }
    assert not any(s.name in exact_records for s in light.atoms)
    words = Words(case, {})
    from_records = Derivations(program, Atoms(full.atoms), case, words)
    recomputed = Derivations(program, Atoms(light.atoms), case, words, unrecorded=light.unrecorded, complete=True)
    count = 0
    for symbol in light.atoms:
        if symbol.name.startswith(FIRED):
            continue
        atom = plain(symbol)
        assert from_records.of(atom) == recomputed.of(atom), atom
        count += 1
    return count


@pytest.mark.parametrize("name", ["kosovo-1999", "nicaragua-1986", "ukraine-2022"])
def test_light_form_gives_the_same_derivations(name: str) -> None:
    assert _compare(next(c for c in CASES if c.stem == name), "orthodox") > 500


@pytest.mark.slow
@pytest.mark.parametrize("perspective", ["orthodox", "humanitarian", "sovereigntist"])
@pytest.mark.parametrize("case_path", CASES, ids=[c.stem for c in CASES])
def test_light_form_on_every_bundled_case(case_path: Path, perspective: str) -> None:
    assert _compare(case_path, perspective) > 0


def test_exact_rules_are_most_rules() -> None:
    _name, program = build_program(load_ruleset(None), None)
    exact = [m for m in program.rules.values() if m.exact]
    assert len(exact) > 0.9 * len(program.rules)
    # a rule with a body aggregate or arithmetic keeps its record
    assert not all(m.exact for m in program.rules.values())
    assert len(program.light_text) < len(program.text)


def test_rules_reading_what_differs_between_answer_sets_keep_their_records(tmp_path: Path) -> None:
    from normengine.rulesets import parse_program

    rules = tmp_path / "r.lp"
    rules.write_text(
        "t(1).\n"
        "{ p(1); p(2) }.\n"
        "a :- not b.\nb :- not a.\n"
        + _rule("plain", "s(X) :- t(X).")
        + _rule("chosen", "q(X) :- p(X).")
        + _rule("cycle", "c(X) :- t(X); not a.")
        + _rule("aggregate", "n(X) :- t(X); #count { Y : t(Y) } = 1."),
        encoding="utf-8",
    )
    program = parse_program([rules], (tmp_path,), use_cache=False)
    assert program.rules["plain"].exact
    assert not program.rules["chosen"].exact  # p/1 is chosen
    assert not program.rules["cycle"].exact  # a/0 is on a cycle through negation
    assert not program.rules["aggregate"].exact
    assert "s(X) :- t(X)." in program.light_text
    assert "q(X) :- p(X)." not in program.light_text  # kept instrumented


def test_the_light_form_leaves_the_rule_programs_externals_out(tmp_path: Path) -> None:
    """Only the modal solves of contested facts, which ground the instrumented form, set an external of the rule
    program; in the light form each is false, and left out, so that what follows from it is settled by the
    grounder (facts) rather than left to the solver. Both forms give the same atoms."""
    import clingo

    from normengine.rulesets import parse_program

    rules = tmp_path / "r.lp"
    rules.write_text(
        "d(1). d(2).\n#external e(X) : d(X).\n" + _rule("unless_marked", "a(X) :- d(X); not e(X)."),
        encoding="utf-8",
    )
    program = parse_program([rules], (tmp_path,), use_cache=False)
    assert "#external" in program.text
    assert "#external" not in program.light_text
    models: dict[bool, list[str]] = {}
    rule_counts: dict[bool, float] = {}
    for light in (False, True):
        ctl = clingo.Control(["--stats"])
        program.add_to(ctl, light=light)
        ctl.ground([("base", [])])
        with ctl.solve(yield_=True) as handle:
            models[light] = sorted(str(s) for s in next(iter(handle)).symbols(atoms=True) if s.name in ("a", "e"))
        rule_counts[light] = ctl.statistics["problem"]["lp"]["rules"]
    assert models[True] == models[False] == ["a(1)", "a(2)"]
    assert rule_counts[True] < rule_counts[False]  # a/1 is now a fact of the ground program


@pytest.mark.parametrize("kind", ["true", "free"])
def test_an_external_true_or_free_by_default_stays_in_the_light_form(tmp_path: Path, kind: str) -> None:
    """Leaving out an external declared ``[true]`` or ``[free]`` would change what follows from it: it stays, and
    both forms have the same answer sets."""
    import clingo

    from normengine.rulesets import parse_program

    rules = tmp_path / "r.lp"
    rules.write_text(
        f"d(1).\n#external e(X) : d(X). [{kind}]\n%@ rule: unless_marked\n%@ source: s\n%@ says: y\n"
        "a(X) :- d(X); not e(X).\n",
        encoding="utf-8",
    )
    program = parse_program([rules], (tmp_path,), use_cache=False)
    assert f"[{kind}]" in program.light_text
    answers: dict[bool, list[list[str]]] = {}
    for light in (False, True):
        ctl = clingo.Control(["0"])
        program.add_to(ctl, light=light)
        ctl.ground([("base", [])])
        with ctl.solve(yield_=True) as handle:
            answers[light] = sorted(
                sorted(str(s) for s in m.symbols(atoms=True) if s.name in ("a", "e")) for m in handle
            )
    assert answers[True] == answers[False]
    assert answers[True] == ([["e(1)"]] if kind == "true" else [["a(1)"], ["e(1)"]])


# The contested facts: the modal solves leave out the records of the exact rules that read nothing the readings
# make vary (normengine.solve.unrecorded_rules), and must give what the instrumented program gives.

_MODAL_FIELDS = ("possible", "depends_on", "per_reading", "before", "before_readings", "burden", "disputed", "standard")


def _compare_modal(case_path: Path, perspective: str) -> int:
    """Solve a case with contested facts with and without the records of its unrecorded rules; assert the same
    conclusions, the same atoms, and for every atom the same derivations in the same order; return how many
    atoms were compared."""
    from normengine.modal import solve_modal
    from normengine.solve import readings_program

    _name, program = build_program(load_ruleset(None), perspective)
    case = resolve_case(case_path)
    facts = to_facts(case)
    assert facts.contested, case_path
    full = solve_modal(program, facts)
    light = solve_modal(program, facts, light=True)
    assert not full.unrecorded
    assert light.unrecorded and light.unrecorded < program.exact_rules(set())
    for name in _MODAL_FIELDS:
        assert getattr(full, name) == getattr(light, name), name
    unrecorded = {name for name, rid in program.fired.items() if rid in light.unrecorded}
    assert not any(s.name in unrecorded for s in light.brave)
    texts = [program.text, af_program().text, conclusions_program().text, readings_program().text]
    shown = {(m[1], int(m[2])) for t in texts for m in re.finditer(r"#show (\w+)/(\d+)", t)} | set(ENGINE_SHOWN)
    for consequences in ("brave", "cautious"):
        # The form without records shows more: the heads of its unrecorded rules and what they read.
        expected = {s for s in getattr(full, consequences) if s.name not in unrecorded}
        got = getattr(light, consequences)
        assert expected <= got, consequences
        assert {s for s in got if (s.name, len(s.arguments)) in shown} == {
            s for s in expected if (s.name, len(s.arguments)) in shown
        }, consequences
    extra = [*facts.facts, *(atom for atom, _guard in facts.guarded), *program.fact_atoms()]
    words = Words(case, {})
    from_records = Derivations(program, Atoms([*full.brave, *extra]), case, words)
    recomputed = Derivations(program, Atoms([*light.brave, *extra]), case, words, unrecorded=light.unrecorded)
    count = 0
    for symbol in [*light.brave, *extra]:
        if symbol.name.startswith(FIRED):
            continue
        atom = plain(symbol)
        assert from_records.of(atom) == recomputed.of(atom), atom
        count += 1
    return count


CONTESTED = [c for c in CASES if contested(c.stem)]


@pytest.mark.parametrize("name", ["kosovo-1999", "georgia-2008"])
def test_the_modal_solves_without_records_give_the_same_conclusions_and_derivations(name: str) -> None:
    assert _compare_modal(CASES_DIR / f"{name}.yaml", "orthodox") > 500


@pytest.mark.slow
@pytest.mark.parametrize("perspective", ["orthodox", "humanitarian", "sovereigntist"])
@pytest.mark.parametrize("case_path", CONTESTED, ids=[c.stem for c in CONTESTED])
def test_the_modal_solves_without_records_on_every_bundled_case_with_contested_facts(
    case_path: Path, perspective: str
) -> None:
    assert _compare_modal(case_path, perspective) > 0


def test_an_exact_rule_that_reads_what_the_readings_make_vary_keeps_its_records(tmp_path: Path) -> None:
    """A rule that reads a predicate of a guarded fact, or one that follows from it, fires on some readings only:
    it keeps its records; one that does not fires alike on every reading and leaves none."""
    import clingo

    from normengine.rulesets import parse_program
    from normengine.solve import readings_program, unrecorded_rules

    rules = tmp_path / "r.lp"
    rules.write_text(
        "t(1).\n"
        + _rule("plain", "s(X) :- t(X).")
        + _rule("on_a_reading", "q(X) :- p(X).")
        + _rule("after_it", "r(X) :- q(X); t(X).")
        + _rule("unless_it", "u(X) :- t(X); not q(X)."),
        encoding="utf-8",
    )
    program = parse_program([rules], (tmp_path,), use_cache=False)
    every = {"plain", "on_a_reading", "after_it", "unless_it"}
    assert {rid for rid, meta in program.rules.items() if meta.exact} == every
    assert unrecorded_rules(program, [readings_program()], set()) == every
    # p/1 holds on a reading (a guarded fact): what reads it, directly or not, keeps its records.
    assert unrecorded_rules(program, [readings_program()], {("p", 1)}) == {"plain"}
    form = program._unrecorded_form(frozenset({"plain"}))
    text = "\n".join(map(str, form))
    assert "s(X) :- t(X)." in text and "#show s/1." in text and "#show t/1." in text
    assert "q(X) :- p(X)." not in text and "__fired_1" in text
    answers = []
    for unrecorded in (frozenset(), frozenset({"plain"})):
        ctl = clingo.Control()
        program.add_to(ctl, unrecorded=unrecorded)
        ctl.add("base", [], "p(1).")
        ctl.ground([("base", [])])
        with ctl.solve(yield_=True) as handle:
            model = next(iter(handle))
            answers.append(sorted(str(s) for s in model.symbols(atoms=True) if not s.name.startswith(FIRED)))
    assert answers[0] == answers[1] == ["p(1)", "q(1)", "r(1)", "s(1)", "t(1)"]


def test_the_explanation_of_a_case_with_contested_facts_reads_the_rule_sets_facts() -> None:
    """The modal solves give the shown atoms only; the explanations also match rules against the case's facts and
    the rule set's own (here ``assessed_element/2``, which tells that an element is one the case file assesses):
    an element that holds because the case file finds it does is explained by that finding, as without contested
    facts, not as an element that nothing shows failing."""
    from normengine.engine import evaluate_full

    evaluation = evaluate_full(CASES_DIR / "georgia-2008.yaml")
    analysis = evaluation.analysis
    assert analysis.modal is not None
    facts = analysis.program.fact_atoms()
    assert len(facts) > 300
    missing = [a for a in facts if plain(a) not in analysis.derivations.atoms]
    assert not missing
    node = analysis.explainer.elements("russia-self-defence-peacekeepers")
    assert node is not None
    texts = {child.text: [c.text for c in child.children] for child in node.children}
    assert texts["necessity: established"] == [
        "The case file finds that necessity holds for the claim of self-defence by the Russian Federation"
    ]


def test_a_program_read_from_the_cache_leaves_records_out_from_its_second_use() -> None:
    """The form without some records is made from the program's ASTs: a program read from the cache (text only)
    is added whole the first time, and as that form from its second use on (add_to says which it did)."""
    import clingo

    from normengine.solve import readings_program, unrecorded_rules

    _name, program = build_program(load_ruleset(None), None)
    cached = Program.from_json(program.to_json())
    unrecorded = unrecorded_rules(cached, [readings_program()], {("assessment", 3)})
    assert unrecorded and unrecorded < cached.exact_rules(set())
    assert cached.add_to(clingo.Control(), unrecorded=unrecorded) == frozenset()
    assert cached.add_to(clingo.Control(), unrecorded=unrecorded) == unrecorded
    assert cached.add_to(clingo.Control(), light=True) == cached.exact_rules(set())
    # A worker forked from a process that made the form's parts uses them at once; one forked from a process
    # that only added the program once starts as that process did.
    once = Program.from_json(program.to_json())
    assert once.add_to(clingo.Control(), unrecorded=unrecorded) == frozenset()
    for parent, expected in ((cached, unrecorded), (once, frozenset())):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: say what it left out, and go (whatever happens: never back into pytest)
            try:
                os.write(write, str(len(parent.add_to(clingo.Control(), unrecorded=unrecorded))).encode())
            finally:
                os._exit(0)
        os.close(write)
        assert os.read(read, 100).decode() == str(len(expected))
        os.close(read)
        os.waitpid(pid, 0)
