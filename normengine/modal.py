"""Reasoning over contested facts: established conclusions, conclusions that depend on the facts.

A case with contested facts has one reading per combination of their readings;
with 20 independent contested facts that is a million readings, and none of
them is enumerated here. The solver answers the questions directly on one
grounded program (:class:`~normengine.solve.CaseSolver`), in two phases:

1. Before any standard of proof is applied: brave and cautious consequences
   say which elements of a justification hold on some reading and not on all
   (*disputed* elements). The engine marks them (``disputed_element/2``);
   what follows from a disputed element is decided by the rules, by the
   standard of proof that applies to it (``rules/justifications/common.lp``:
   the burden of proof on facts lies on the claimant, Oil Platforms §57; how
   a disputed evaluative assessment counts is the perspective's choice,
   declared in ``rules/perspectives/*.lp``).
2. With those marks set: brave and cautious consequences again, which give
   the report's conclusions.

In each phase a conclusion *depends on* a contested fact when its possible
values differ between the fact's readings. Only the atoms that are true on
some reading and false on another (brave but not cautious: the *varying*
atoms) can make them differ, so one brave solve per reading of a contested
fact is asked only about those atoms, and only when there are any; a phase
whose conclusions do not vary costs two solves. The solver's answers are read
through the truth of the literals of the atoms asked about (one C result cell
per model, see :func:`_truth`), and only the last model of a solve is copied
into Python, never every shown atom of every model. The method used before
(one brave solve per reading of every fact in both phases, reading every
shown atom) is kept in ``tests/contested_reference.py``, and a test over
random cases checks that both give the same answers.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import clingo
from clingo import Function, Number, Symbol

from .conclusions import Key, decode, possible_values, text_of, values
from .errors import RuleSetError, SolveTimeout
from .facts import CaseFacts, ContestedFact
from .predicates import (
    BURDEN_UNMET,
    DISPUTED_ELEMENT,
    ELEMENT_FAILS,
    ELEMENT_HOLDS,
    NO_VIOLATION,
    PROOF_APPLIED,
    READING,
    STATUS,
    VERDICT,
    VIOLATION,
)
from .rulesets import Program
from .solve import CaseSolver

__all__ = ["Key", "Modal", "possible_values", "solve_modal"]

# The predicates whose atoms are the conclusions read per reading (normengine/encodings/conclusions.lp, show.lp).
_CONCLUSIONS = (VERDICT, STATUS, ELEMENT_HOLDS, ELEMENT_FAILS, VIOLATION, NO_VIOLATION)
# The shadow of an element atom in what-if scenarios (normengine/encodings/scenario.lp).
_ELEMENT_NOT = "__element_not"


@dataclass
class Modal:
    """The consequences of a case with contested facts.

    Args:
        brave: atoms true on some reading (after the standards of proof are applied).
        cautious: atoms true on every reading.
        burden: (claim, element) pairs that fail on the burden of proof.
        contested: the contested facts.
        possible: for each conclusion, its possible values over all readings.
        depends_on: for each conclusion, the contested facts (ids) it depends on.
        solves: how many solves it took.
        disputed: (claim, element) pairs that hold on some reading but not on all, before any standard of proof.
        standard: for each disputed (claim, element), the standard of proof the rules applied to it
            (``burden_on_claimant``, ``benefit_to_claimant`` or ``undecided``).
        per_reading: for each conclusion and each contested fact it depends on, its possible values on
            each reading of that fact (index = reading).
        before: what each verdict, status and element depends on before the standards of proof are applied.
        before_readings: ``per_reading`` before the standards of proof are applied: what a conclusion
            would be on each reading of a fact if that reading were accepted.
        unrecorded: the rules whose firings left no record (:attr:`normengine.solve.CaseSolver.unrecorded`).
    """

    brave: frozenset[Symbol]
    cautious: frozenset[Symbol]
    burden: set[tuple[str, str]]
    contested: list[ContestedFact]
    possible: dict[Key, set[str]]
    depends_on: dict[Key, set[str]] = field(default_factory=dict)
    solves: int = 0
    disputed: set[tuple[str, str]] = field(default_factory=set)
    standard: dict[tuple[str, str], str] = field(default_factory=dict)
    per_reading: dict[Key, dict[str, list[list[str]]]] = field(default_factory=dict)
    before: dict[Key, set[str]] = field(default_factory=dict)
    before_readings: dict[Key, dict[str, list[list[str]]]] = field(default_factory=dict)
    unrecorded: frozenset[str] = frozenset()


def _truth(model: clingo.Model, atoms: list[tuple[Symbol, int]]) -> Iterator[tuple[Symbol, bool]]:
    """Whether each atom (given with its literal) is true in a model.

    ``Model.is_true`` allocates a C result cell on every call (about 4 µs, which made a third of the time
    of a case with 20 contested facts); the same C function called with one cell for the whole model costs
    a thirtieth of that. Without clingo's C binding at hand (another version), the public method is used.
    """
    if _IS_TRUE is None:
        for sym, lit in atoms:
            yield sym, model.is_true(lit)
        return
    function, cell = _IS_TRUE[0], _IS_TRUE[1].new("bool*")
    rep = model._rep
    for sym, lit in atoms:
        if not function(rep, lit, cell):
            raise RuntimeError("clingo_model_is_true failed")
        yield sym, bool(cell[0])


def _fast_is_true() -> tuple[Any, Any] | None:
    try:
        from clingo._internal import _ffi, _lib  # type: ignore[attr-defined]

        return _lib.clingo_model_is_true, _ffi
    except (ImportError, AttributeError):
        return None


_IS_TRUE = _fast_is_true()


class _Watchdog:
    """Interrupts the solve of a Control that runs past the time limit: one thread for many solves.

    A ``threading.Timer`` per solve cost a thread start and stop (about 0.1 ms) for solves of about a
    millisecond (a what-if run makes thousands). This thread sleeps until the deadline of the solve under
    way, and ends by itself after a second without one; it holds the Control only weakly, so that a
    Control is freed when its solves end.
    """

    _IDLE = 1.0

    def __init__(self, ctl: clingo.Control, timeout: float) -> None:
        self._ctl = weakref.ref(ctl)
        self._timeout = timeout
        self._cond = threading.Condition()
        self._deadline: float | None = None
        self._thread: threading.Thread | None = None
        self._closed = False

    def arm(self) -> None:
        """A solve starts: interrupt it if it is still running at the time limit."""
        with self._cond:
            self._deadline = time.monotonic() + self._timeout
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="normengine-solve-watchdog", daemon=True)
                self._thread.start()

    def disarm(self) -> None:
        """The solve ended."""
        with self._cond:
            self._deadline = None

    def close(self) -> None:
        """No more solves: end the thread now and wait for it. A process with a thread left running starts its
        workers by forkserver instead of fork (normengine.worker.start_method), so they start cold."""
        with self._cond:
            self._closed = True
            self._deadline = None
            thread = self._thread
            self._cond.notify_all()
        if thread is not None:
            thread.join()

    def _watch(self) -> None:
        idle_since = time.monotonic()
        with self._cond:
            while True:
                if self._closed:
                    self._thread = None
                    return
                now = time.monotonic()
                if self._deadline is None:
                    if now - idle_since >= self._IDLE:
                        self._thread = None
                        return
                    # Never asleep past a deadline set meanwhile (arm does not wake this thread).
                    self._cond.wait(min(self._IDLE, self._timeout))
                    continue
                idle_since = now
                if now < self._deadline:
                    self._cond.wait(self._deadline - now)
                    continue
                self._deadline = None
                ctl = self._ctl()
                if ctl is not None:
                    ctl.interrupt()


class _Roles(dict[Symbol, tuple[Key, str]]):
    """The conclusion and role of each conclusion atom, decoded on first use."""

    def __missing__(self, atom: Symbol) -> tuple[Key, str]:
        decoded = decode(atom)
        assert decoded is not None
        self[atom] = decoded
        return decoded


class _Reader:
    """The literals of the atoms the modal computation asks about, and projected solves over them."""

    def __init__(self, solver: CaseSolver) -> None:
        self.solver = solver
        atoms = solver.ctl.symbolic_atoms
        self.conclusions: dict[Symbol, int] = {}
        for name, arity in _CONCLUSIONS:
            for sa in atoms.by_signature(name, arity):
                self.conclusions[sa.symbol] = sa.literal
        self.readings: dict[Symbol, int] = {sa.symbol: sa.literal for sa in atoms.by_signature(*READING)}
        self.role = _Roles()
        self._watchdog: _Watchdog | None = None

    def every(self, mode: str) -> frozenset[Symbol]:
        """All shown atoms of the brave or cautious consequences (copied into Python once, from the last model)."""
        ctl = self.solver.ctl
        ctl.configuration.solve.enum_mode = mode  # type: ignore[union-attr]
        last: list[Any] = []

        def on_model(model: clingo.Model) -> None:
            # A lazy sequence: its symbols become Python objects only when read, so only the last one is.
            last[:] = [model.symbols(shown=True)]

        self._run(on_model, None)
        if not last:
            raise RuleSetError("the rule set has no answer set for this case (an integrity constraint fails)")
        return frozenset(last[0])

    def close(self) -> None:
        """The reader's solves are over: stop its watchdog thread, if one runs."""
        if self._watchdog is not None:
            self._watchdog.close()
            self._watchdog = None

    def _run(self, on_model: Callable[[clingo.Model], None], assumptions: list[tuple[Symbol, bool]] | None) -> bool:
        """Solve in this thread, watched by the time limit; whether it was satisfiable."""
        ctl = self.solver.ctl
        self.solver.solves += 1
        timeout = self.solver.timeout
        # Solved in this thread (an asynchronous solve costs a thread hand-off per call, which dominates
        # these small solves); a watchdog thread interrupts it at the time limit.
        if timeout is not None:
            if self._watchdog is None:
                self._watchdog = _Watchdog(ctl, timeout)
            self._watchdog.arm()
        try:
            result = ctl.solve(on_model=on_model, assumptions=assumptions or [])
        finally:
            if timeout is not None:
                assert self._watchdog is not None
                self._watchdog.disarm()
        if result.interrupted:
            raise SolveTimeout(f"the solve ran past the time limit of {timeout:g} s")
        return bool(result.satisfiable)

    def solve(
        self,
        mode: str,
        literals: dict[Symbol, int],
        assumptions: list[tuple[Symbol, bool]] | None = None,
    ) -> set[Symbol] | None:
        """The brave or cautious consequences among ``literals``; None when the assumptions are unsatisfiable.

        A brave solve reports growing sets of atoms, each true in some answer set, ending with all of them;
        a cautious solve reports shrinking sets, ending with the atoms true in all. Each model is therefore
        asked only about the atoms whose answer is still open.
        """
        ctl = self.solver.ctl
        ctl.configuration.solve.enum_mode = mode  # type: ignore[union-attr]
        brave = mode == "brave"
        open_ = dict(literals)
        found: set[Symbol] = set()
        models = 0

        def on_model(model: clingo.Model) -> None:
            nonlocal models
            models += 1
            for sym, value in _truth(model, list(open_.items())):
                if value is brave:
                    del open_[sym]
                    if brave:
                        found.add(sym)

        if not self._run(on_model, assumptions) or models == 0:
            if assumptions:
                return None
            raise RuleSetError("the rule set has no answer set for this case (an integrity constraint fails)")
        return found if brave else set(open_)


def _dependencies(
    reader: _Reader,
    contested: list[ContestedFact],
    brave: set[Symbol],
    cautious: set[Symbol],
    keep: Callable[[Key], bool],
) -> tuple[dict[Key, set[str]], dict[Key, dict[str, list[list[str]]]]]:
    """Which contested facts each conclusion (of the kinds ``keep`` accepts) depends on, and its values per reading.

    ``brave`` and ``cautious`` are the consequences of the phase over the conclusion and reading atoms.
    The values of a conclusion on the readings of a fact are those of the reference method (one brave solve
    per reading, ``possible_values`` of it): an atom true on every reading is true on each satisfiable reading
    of the fact, an atom true on none is true on no reading, and only the varying atoms are asked about. A
    reading that no answer set has (set aside by a standard of proof) is left out of the comparison, so with
    no varying atom no conclusion depends on anything.
    """
    varying = {a for a in brave - cautious if a in reader.conclusions and keep(reader.role[a][0])}
    keys_of: dict[Key, list[Symbol]] = defaultdict(list)
    for atom in brave:
        if atom in reader.conclusions and keep(reader.role[atom][0]):
            keys_of[reader.role[atom][0]].append(atom)
    varying_keys = {reader.role[a][0] for a in varying}
    asked = {a: reader.conclusions[a] for a in varying}
    depends: dict[Key, set[str]] = defaultdict(set)
    per_reading: dict[Key, dict[str, list[list[str]]]] = defaultdict(dict)
    for fact in contested:
        terms = [Function(READING[0], [fact.term, Number(i)]) for i in range(len(fact.readings))]
        # A reading that no answer set has (a standard of proof set it aside) is not a reading to compare.
        satisfiable = [t in brave for t in terms]
        if not varying or sum(satisfiable) < 2:
            continue
        on_reading = [
            reader.solve("brave", asked, [(t, True)]) if sat else None
            for t, sat in zip(terms, satisfiable, strict=True)
        ]
        for key in varying_keys:
            seen: list[frozenset[str] | None] = []
            for found in on_reading:
                if found is None:
                    seen.append(None)
                    continue
                present = {reader.role[a][1] for a in keys_of[key] if (a in found if a in varying else a in cautious)}
                seen.append(frozenset(values(key, present) or set()))
            if len({v for v in seen if v is not None}) > 1:
                depends[key].add(fact.ident)
                per_reading[key][fact.ident] = [sorted(v or set()) for v in seen]
    return dict(depends), dict(per_reading)


def solve_modal(program: Program, facts: CaseFacts, *, timeout: float | None = None, light: bool = False) -> Modal:
    """Evaluate a case with contested facts; see the module docstring for the method.

    ``light``: leave out the records of the exact rules that fire alike on every reading (see
    :class:`~normengine.solve.CaseSolver`; their firings are recomputed from the atoms when asked).
    """
    solver = CaseSolver(program, facts, timeout=timeout, light=light)
    reader = _Reader(solver)
    try:
        return _solve_modal(solver, reader, facts)
    finally:
        reader.close()


def _solve_modal(solver: CaseSolver, reader: _Reader, facts: CaseFacts) -> Modal:
    watched = {**reader.conclusions, **reader.readings}
    brave = reader.solve("brave", watched)
    cautious = reader.solve("cautious", reader.conclusions)
    assert brave is not None and cautious is not None
    # Phase 1: which elements are disputed, and what each conclusion depends on before any standard of proof
    # (an element's dependencies are reported from here; after the standards, a disputed element is settled).
    before, before_readings = _dependencies(
        reader, facts.contested, brave, cautious, lambda key: key[0] in ("element", "verdict", "status")
    )
    element_depends = {k: v for k, v in before.items() if k[0] == "element"}
    disputed_atoms = sorted(a for a in brave - cautious if a.name == ELEMENT_HOLDS[0])
    disputed = {(text_of(a.arguments[0]), a.arguments[1].name) for a in disputed_atoms}
    marks = [Function(DISPUTED_ELEMENT[0], list(a.arguments)) for a in disputed_atoms]
    if marks:
        solver.assign(marks, True)
    # Phase 2: the conclusions, with the standards of proof applied by the rules.
    full_brave = reader.every("brave")
    full_cautious = reader.every("cautious")
    brave2 = {a for a in full_brave if a in watched}
    cautious2 = {a for a in full_cautious if a in watched}
    depends, per_reading = _dependencies(reader, facts.contested, brave2, cautious2, lambda key: key[0] != "element")
    for key, idents in element_depends.items():
        depends.setdefault(key, set()).update(idents)
    # The atoms of two predicates among the shown ones: looked up by signature (a few atoms) rather than by
    # reading the name of every shown atom through clingo's binding (two thousand for a small case).
    atoms = solver.ctl.symbolic_atoms
    burden = {
        (text_of(a.arguments[0]), a.arguments[1].name)
        for a in (sa.symbol for sa in atoms.by_signature(*BURDEN_UNMET))
        if a in full_brave
    }
    standard = {
        (text_of(a.arguments[0]), a.arguments[1].name): a.arguments[2].name
        for a in (sa.symbol for sa in atoms.by_signature(*PROOF_APPLIED))
        if a in full_brave
    }
    return Modal(
        full_brave,
        full_cautious,
        burden,
        facts.contested,
        possible_values(frozenset(brave2), frozenset(cautious2)),
        depends,
        solver.solves,
        disputed,
        standard,
        per_reading,
        before,
        before_readings,
        solver.unrecorded,
    )


class ScenarioSolver:
    """The conclusions of a case with contested facts, asked again and again on one grounding (``whatif``).

    Each call of :meth:`possible` runs the two phases of :func:`solve_modal` without the dependency
    attribution: which elements are disputed (brave and cautious consequences over the element atoms),
    the marks ``disputed_element/2`` set accordingly (and those of the previous call unset), then the
    brave consequences over the conclusion atoms: three solves, whatever the number of contested facts.

    When the solver was built with :func:`normengine.solve.scenario_program` among its extra programs, each
    element atom gets a shadow ``__element_not/2`` (through the backend), true when the element atom is
    false, and one brave solve over both gives the disputed elements (held on some reading, failed on
    some): two solves a scenario instead of three. A solve costs about a millisecond whatever it asks, most
    of it clasp setting up the step.
    """

    def __init__(self, solver: CaseSolver) -> None:
        from .solve import scenario_program

        self.solver = solver
        self.reader = _Reader(solver)
        self.elements = {a: lit for a, lit in self.reader.conclusions.items() if a.name == ELEMENT_HOLDS[0]}
        self.marks: set[Symbol] = set()
        self.shadow: dict[Symbol, Symbol] = {}
        if any(p.entries == scenario_program().entries for p in solver.extra):
            # Defined once per grounding (a second ScenarioSolver on the same solver reuses them).
            defined = {sa.symbol for sa in solver.ctl.symbolic_atoms.by_signature(_ELEMENT_NOT, 2)}
            with solver.ctl.backend() as backend:
                for atom, lit in self.elements.items():
                    shadow = Function(_ELEMENT_NOT, list(atom.arguments))
                    if shadow not in defined:
                        backend.add_rule([backend.add_atom(shadow)], [-lit])
                    self.shadow[atom] = shadow
            shown = {sa.symbol: sa.literal for sa in solver.ctl.symbolic_atoms.by_signature(_ELEMENT_NOT, 2)}
            self.both = {**self.elements, **{shadow: shown[shadow] for shadow in self.shadow.values()}}

    def _disputed(self, assumptions: list[tuple[Symbol, bool]] | None) -> set[Symbol] | None:
        """The element atoms true on some reading and false on another; None when no reading is possible."""
        if self.shadow:
            found = self.reader.solve("brave", self.both, assumptions)
            if found is None:
                return None
            return {a for a, shadow in self.shadow.items() if a in found and shadow in found}
        brave = self.reader.solve("brave", self.elements, assumptions)
        cautious = self.reader.solve("cautious", self.elements, assumptions)
        if brave is None or cautious is None:
            return None
        return brave - cautious

    def close(self) -> None:
        """No more scenarios: stop the watchdog thread of its solves."""
        self.reader.close()

    def possible(self, assumptions: list[tuple[Symbol, bool]] | None = None) -> dict[Key, set[str]] | None:
        """The possible values of every conclusion over the readings, with the standards of proof applied.

        Args:
            assumptions: readings taken as established (``reading(F, I)`` true); None when none is possible.
        """
        if self.marks:
            self.solver.assign(self.marks, False)
        disputed = self._disputed(assumptions)
        if disputed is None:
            self.marks = set()
            return None
        self.marks = {Function(DISPUTED_ELEMENT[0], list(a.arguments)) for a in disputed}
        if self.marks:
            self.solver.assign(self.marks, True)
        found = self.reader.solve("brave", self.reader.conclusions, assumptions)
        return None if found is None else possible_values(frozenset(found), frozenset())
