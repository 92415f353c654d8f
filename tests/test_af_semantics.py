"""Every semantics and task, and the shared encodings, against a brute-force reference.

Random small frameworks (hypothesis); the reference enumerates all subsets.
"""

from __future__ import annotations

from itertools import combinations

import clingo
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normengine.af import encoding_path
from normengine.af.framework import Framework
from normengine.af.solver import Semantics, Solver, Task, solve

Ext = frozenset[int]


class Brute:
    """Extensions by enumerating all subsets (fine for n <= 10)."""

    def __init__(self, n: int, attacks: list[tuple[int, int]]) -> None:
        self.n = n
        self.att = set(attacks)
        self.attackers = [[a for a, b in self.att if b == x] for x in range(n)]
        subsets = [frozenset(c) for k in range(n + 1) for c in combinations(range(n), k)]
        self.cf = [s for s in subsets if not any((a, b) in self.att for a in s for b in s)]
        self.adm = [s for s in self.cf if all(self.defends(s, x) for x in s)]
        self.co = [s for s in self.adm if all(x in s for x in range(n) if self.defends(s, x))]
        self.gr = min(self.co, key=len)
        self.pr = [s for s in self.adm if not any(s < t for t in self.adm)]
        self.st = [s for s in self.cf if all(x in s or any((y, x) in self.att for y in s) for x in range(n))]

    def defends(self, s: Ext, x: int) -> bool:
        return all(any((z, y) in self.att for z in s) for y in self.attackers[x])

    def admissible(self, s: Ext) -> bool:
        return s in self.adm

    def of(self, sem: Semantics) -> list[Ext]:
        return {
            Semantics.GR: [self.gr],
            Semantics.CO: self.co,
            Semantics.ST: self.st,
            Semantics.PR: self.pr,
        }[sem]


@st.composite
def frameworks(draw: st.DrawFn, max_n: int = 8) -> tuple[int, list[tuple[int, int]]]:
    n = draw(st.integers(0, max_n))
    if n == 0:
        return 0, []
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    attacks = draw(st.lists(pairs, max_size=n * n // 2 + 2, unique=True))
    return n, attacks


def build(n: int, attacks: list[tuple[int, int]]) -> Framework:
    return Framework.from_lists([f"a{i}" for i in range(n)], [(f"a{a}", f"a{b}") for a, b in attacks])


SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["clingo", "python"])
@pytest.mark.parametrize("sem", list(Semantics), ids=lambda s: s.value)
@SETTINGS
@given(fw=frameworks())
def test_every_task_matches_brute_force(backend: str, sem: Semantics, fw: tuple[int, list[tuple[int, int]]]) -> None:
    n, attacks = fw
    af = build(n, attacks)
    brute = Brute(n, attacks)
    expected = brute.of(sem)
    solver = Solver(af)
    # "clingo": every core goes to clingo; "python": cores of up to 10
    # arguments are enumerated in Python (SmallCore), as by default.
    solver.small_core = 0 if backend == "clingo" else 10

    ee = solver.solve(Task.parse(f"EE-{sem.value}"))
    assert ee.extensions is not None
    assert sorted(map(sorted, ee.extensions)) == sorted(map(sorted, expected))
    assert len(set(ee.extensions)) == len(ee.extensions)

    se = solver.solve(Task.parse(f"SE-{sem.value}")).extension
    if expected:
        assert se in expected
    else:
        assert se is None

    for q in range(n):
        dc = solver.solve(Task.parse(f"DC-{sem.value}"), q)
        assert dc.accepted == any(q in e for e in expected), (q, "DC")
        if dc.accepted:
            w = dc.extension
            assert w is not None and q in w
            if sem in (Semantics.CO, Semantics.PR):
                assert brute.admissible(w)
            else:
                assert w in expected
        ds = solver.solve(Task.parse(f"DS-{sem.value}"), q, witness=True)
        assert ds.accepted == all(q in e for e in expected), (q, "DS")
        if not ds.accepted:
            c = ds.extension
            assert c is not None and q not in c
            if sem is Semantics.PR:
                # A preferred extension of the query's cone: admissible, and
                # part of a preferred extension of the whole without q.
                assert brute.admissible(c)
                assert any(c <= e and q not in e for e in expected)
            else:
                assert c in expected or (sem is Semantics.CO and c <= brute.gr)


@pytest.mark.slow
@SETTINGS
@given(fw=frameworks(max_n=9))
def test_grounded_is_least_complete(fw: tuple[int, list[tuple[int, int]]]) -> None:
    n, attacks = fw
    assert Solver(build(n, attacks)).grounded() == Brute(n, attacks).gr


def test_fresh_solver_per_query_matches_shared_solver() -> None:
    """The cone-restricted path (no full labelling yet) gives the same answers."""
    n = 7
    attacks = [(0, 1), (1, 0), (1, 2), (2, 3), (3, 4), (4, 2), (5, 6), (6, 5), (6, 3)]
    af = build(n, attacks)
    shared = Solver(af)
    shared.small_core = 0
    shared.grounded()
    for task in ("DC-PR", "DS-PR", "DC-CO", "DS-CO", "DC-GR", "DS-GR", "DC-ST", "DS-ST"):
        for q in range(n):
            assert solve(af, task, q).accepted == shared.solve(Task.parse(task), q).accepted


def test_odd_cycle_and_self_attack() -> None:
    af = Framework.from_lists(["a", "b", "c", "d"], [("a", "b"), ("b", "c"), ("c", "a"), ("d", "d")])
    assert solve(af, "SE-ST").extension is None
    assert solve(af, "DS-ST", "a").accepted is True  # no stable extension: ICCMA says YES
    assert solve(af, "SE-PR").extension == frozenset()
    assert solve(af, "DC-PR", "d").accepted is False


@pytest.mark.parametrize("small_core", [0, 10])
def test_sceptical_preferred_needs_more_than_attack(small_core: int) -> None:
    """q is in no preferred extension's attack range, yet not sceptically accepted.

    a and b attack each other; b attacks c (an odd cycle c->d->e->c keeps c out
    when b is rejected); q is attacked only by c.
    """
    names = ["a", "b", "c", "d", "e", "q"]
    attacks = [("a", "b"), ("b", "a"), ("b", "c"), ("c", "d"), ("d", "e"), ("e", "c"), ("c", "q")]
    af = Framework.from_lists(names, attacks)
    brute = Brute(6, [(names.index(x), names.index(y)) for x, y in attacks])
    expected = all(5 in e for e in brute.pr)
    solver = Solver(af)
    solver.small_core = small_core
    assert solver.solve(Task.parse("DS-PR"), 5).accepted is expected


# -- the shared encodings (grounded.lp, admissible.lp), as the legal engine loads them --


def run_contract(n: int, attacks: list[tuple[int, int]]) -> tuple[set[int], set[int], set[int]]:
    """Load both files unchanged, add facts, solve with brave enumeration."""
    messages: list[str] = []
    ctl = clingo.Control(["--enum-mode=brave"], logger=lambda _code, msg: messages.append(msg))
    ctl.load(str(encoding_path("grounded.lp")))
    ctl.load(str(encoding_path("admissible.lp")))
    with ctl.backend() as backend:
        for i in range(n):
            atom = backend.add_atom(clingo.Function("arg", [clingo.Number(i)]))
            backend.add_rule([atom])
        for a, b in attacks:
            atom = backend.add_atom(clingo.Function("att", [clingo.Number(a), clingo.Number(b)]))
            backend.add_rule([atom])
    ctl.ground([("base", [])])
    last: list[clingo.Symbol] = []

    def on_model(model: clingo.Model) -> None:
        last[:] = model.symbols(shown=True)

    assert ctl.solve(on_model=on_model).satisfiable
    assert not [m for m in messages if "error" in m]

    def pick(name: str) -> set[int]:
        return {s.arguments[0].number for s in last if s.name == name}

    return pick("af_gr_in"), pick("af_gr_out"), pick("af_in")


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(fw=frameworks(max_n=8))
def test_contract_encodings(fw: tuple[int, list[tuple[int, int]]]) -> None:
    n, attacks = fw
    brute = Brute(n, attacks)
    gr_in, gr_out, brave = run_contract(n, attacks)
    assert gr_in == set(brute.gr)
    assert gr_out == {b for a, b in attacks if a in brute.gr}
    assert brave == {x for e in brute.pr for x in e}
    # and the standalone solver agrees with the shared encodings
    af = Framework.from_lists(range(n), attacks)
    solver = Solver(af)
    assert {int(af.names[i]) for i in solver.grounded()} == gr_in
    cred = {q for q in range(n) if solver.solve(Task.parse("DC-PR"), q).accepted}
    assert cred == brave


def test_shown_predicates_are_the_contract() -> None:
    for name in ("grounded.lp", "admissible.lp"):
        text = encoding_path(name).read_text(encoding="utf-8")
        assert "#show" not in text
