"""Grounding and solving a case against a rule set.

One class, :class:`CaseSolver`, owns every clingo ``Control`` the engine builds for a case
(plain evaluation, contested facts, what-if scenarios), and one function (``_control``) puts
together what each grounds. One Control per evaluation: the rule program (parsed once per process and
cached), the argumentation core's encodings, and the case's facts, added as
symbols through the backend. One solve in brave mode gives, in its last
model, every atom that is true in some answer set: the legal layer is
deterministic, so its atoms are simply true; the admissible-set guess of the
argumentation core makes ``af_in/1`` the credulous acceptance under preferred
semantics.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import clingo
from clingo import Symbol

from . import af
from .errors import RuleSetError, SolveTimeout, display_path
from .facts import CaseFacts
from .predicates import ACT, CLAIM, CONTESTED, ENGINE_SHOWN, VARIANT, show_text
from .rulesets import Program, RuleSet, parse_program
from .rulesets.instrument import Dependencies, Sig, varying_of

__all__ = [
    "CaseSolver",
    "Solution",
    "build_program",
    "conclusions_program",
    "scenario_program",
    "solve_facts",
    "unrecorded_rules",
]

# What the engine itself reads, whatever the rule set shows (engine-owned text, no user input).
_ENGINE_SHOW = show_text(ENGINE_SHOWN)

_ENCODINGS = Path(__file__).resolve().parent / "encodings"
# The one definition of verdicts and statuses (a module attribute, so that a test can swap it).
CONCLUSIONS_LP = _ENCODINGS / "conclusions.lp"


@dataclass
class Solution:
    """The atoms a solve produced, and how long it took.

    Args:
        atoms: every atom of the brave consequences (all atoms, not only shown ones), sorted.
        models: how many models the brave computation needed.
        seconds: wall time of ground and solve.
        messages: clingo's warnings and infos.
    """

    atoms: list[Symbol]
    models: int
    seconds: float
    messages: list[str] = field(default_factory=list)
    unrecorded: frozenset[str] = frozenset()
    """The rules whose firings left no record (the exact rules of the form solved), recomputed when asked."""


def build_program(ruleset: RuleSet, perspective: str | None, *, allow_scripts: bool = False) -> tuple[str, Program]:
    """Parse (or fetch from the cache) the program of a rule set under one perspective.

    Returns:
        the perspective id and the program.
    """
    name, path = ruleset.perspective_file(perspective)
    files: list[Path] = [*ruleset.files, path]
    return name, parse_program(files, ruleset.roots, allow_scripts=allow_scripts)


def af_program() -> Program:
    """The argumentation core's encodings (grounded and admissible), parsed once."""
    encodings = [af.encoding_path("grounded.lp"), af.encoding_path("admissible.lp")]
    return parse_program(encodings, (encodings[0].parent,))


def solve_facts(
    program: Program,
    facts: list[Symbol],
    *,
    timeout: float | None = None,
    extra: list[Program] | None = None,
    acts: list[str] | None = None,
    claims: list[str] | None = None,
    light: bool = False,
) -> Solution:
    """Ground and solve a program with facts; return the brave consequences.

    Args:
        program: the rule program.
        facts: ground atoms (the case).
        timeout: seconds allowed for the solve (grounding cannot be interrupted
            from inside; a hard limit needs a worker process).
        extra: further programs to add (the AF encodings and the conclusions are always added).
        acts: the case's acts and claims, whose verdicts and statuses the conclusions give.
        claims: see ``acts``.
        light: ground the program's light form (no ``__fired`` records for its exact rules; their
            derivations are then recomputed from the atoms, :class:`normengine.explain.Derivations`).

    Raises:
        RuleSetError: the program does not ground (message names the .lp file and line).
        SolveTimeout: the solve ran past ``timeout``.
    """
    start = time.perf_counter()
    solver = CaseSolver(
        program,
        CaseFacts(facts=facts, acts=acts or [], claims=claims or []),
        timeout=timeout,
        options=["--enum-mode=brave", "--models=0"],
        extra=extra or [],
        readings=False,
        light=light,
    )
    return solver.brave_atoms(start)


def _errors(messages: list[str]) -> list[str]:
    out = []
    for m in messages:
        head, sep, rest = m.partition(":")
        out.append(display_path(head) + sep + rest if sep and Path(head).is_absolute() else m)
    return [m for m in out if "error" in m] or out


def readings_program() -> Program:
    """The engine's encoding of readings of contested facts, parsed once."""
    path = _ENCODINGS / "readings.lp"
    return parse_program([path], (path.parent,))


def scenario_program() -> Program:
    """What ``whatif`` adds for a case with contested facts (``encodings/scenario.lp``), parsed once."""
    path = _ENCODINGS / "scenario.lp"
    return parse_program([path], (path.parent,))


def conclusions_program() -> Program:
    """The engine's definition of verdicts and statuses (``encodings/conclusions.lp``), parsed once."""
    return parse_program([CONCLUSIONS_LP], (CONCLUSIONS_LP.parent,))


def _control(
    options: list[str],
    logger: clingo.Logger,
    program: Program,
    extra: list[Program],
    *,
    light: bool = False,
    unrecorded: frozenset[str] = frozenset(),
) -> tuple[clingo.Control, frozenset[str]]:
    """Every clingo Control the engine builds: the rules, the argumentation core, the conclusions, what it shows;
    and the rules whose records the rule program left out (:meth:`~normengine.rulesets.Program.add_to`)."""
    ctl = clingo.Control(options, logger=logger, message_limit=100)
    left_out = program.add_to(ctl, light=light, unrecorded=unrecorded)
    af_program().add_to(ctl)
    conclusions_program().add_to(ctl)
    ctl.add("base", [], _ENGINE_SHOW)
    for more in extra:
        more.add_to(ctl)
    return ctl, left_out


def _add_ids(backend: clingo.Backend, acts: list[str], claims: list[str]) -> None:
    """The case's acts and claims (``__act/1``, ``__claim/1``), whose conclusions ``conclusions.lp`` gives."""
    for ident in acts:
        backend.add_rule([backend.add_atom(clingo.Function(ACT[0], [clingo.String(ident)]))])
    for ident in claims:
        backend.add_rule([backend.add_atom(clingo.Function(CLAIM[0], [clingo.String(ident)]))])


_UNRECORDED: dict[tuple[str, tuple[str, ...], frozenset[Sig]], frozenset[str]] = {}


def unrecorded_rules(program: Program, extra: list[Program], free: set[Sig]) -> frozenset[str]:
    """The exact rules of ``program`` that fire alike in every answer set when it is ground with the argumentation
    core, the conclusions, ``extra`` (the readings of contested facts) and facts of the ``free`` predicates that
    hold in some answer sets only (guarded by a reading, or switched between solves).

    The predicates that vary are worked out over the dependencies of all of them
    (:func:`~normengine.rulesets.instrument.varying_of`); a rule that reads none of them needs no record.
    """
    key = (program.signature, tuple(p.signature for p in extra), frozenset(free))
    found = _UNRECORDED.get(key)
    if found is None:
        dependencies = program.dependencies
        for other in (af_program(), conclusions_program(), *extra):
            dependencies = dependencies.merged(other.dependencies)
        found = program.exact_rules(varying_of(Dependencies(dependencies.edges, dependencies.free | free)))
        if len(_UNRECORDED) >= 256:
            _UNRECORDED.clear()
        _UNRECORDED[key] = found
    return found


class CaseSolver:
    """One grounded program for a case, solved as often as needed.

    Used for cases with contested facts: the readings of each contested fact are
    a choice, so brave consequences say what holds on some reading and cautious
    consequences what holds on every reading; assumptions fix one fact's reading;
    externals (``disputed_element/2``) are set between solves.

    Args:
        program: the rule program.
        facts: the case's facts, guarded facts and contested facts.
        timeout: seconds allowed for each solve.
        externals: facts that later solves may switch on or off (what-if scenarios), with their initial value.
        rules: further rules (head, positive body) over those atoms (a guarded fact that a scenario can remove).
        options: clingo's options.
        extra: further programs to add (the rules, the argumentation core and the conclusions are always added).
        readings: add the readings of contested facts (``encodings/readings.lp``).
        light: leave out the records of the exact rules that fire alike in every answer set (their firings
            are recomputed from the atoms when asked, :class:`normengine.explain.Derivations`): without
            readings, the program's light form; with them, the exact rules that read no predicate the
            readings, the guarded facts or the externals make vary (:func:`unrecorded_rules`). Which rules
            left no record is :attr:`unrecorded`.
    """

    def __init__(
        self,
        program: Program,
        facts: CaseFacts,
        *,
        timeout: float | None = None,
        externals: list[tuple[Symbol, bool]] | None = None,
        rules: list[tuple[Symbol, list[Symbol]]] | None = None,
        options: list[str] | None = None,
        extra: list[Program] | None = None,
        readings: bool = True,
        light: bool = False,
    ) -> None:
        self.light = light
        self.unrecorded: frozenset[str] = frozenset()
        self.messages: list[str] = []
        self.timeout = timeout
        self.solves = 0
        self.externals = externals or []
        self.rules = rules or []
        self.options = options or ["--models=0"]
        self.extra = [readings_program()] if readings else []
        self.extra += extra or []
        self.ctl = self._ground(program, facts)

    def _ground(self, program: Program, facts: CaseFacts) -> clingo.Control:
        messages = self.messages  # not ``self``: the Control keeps its logger, and no cycle keeps the Control

        def logger(code: clingo.MessageCode, message: str) -> None:
            if code != clingo.MessageCode.AtomUndefined or "error" in message:
                messages.append(message.strip())

        if self.light and facts.contested:
            free = {(atom.name, len(atom.arguments)) for atom, _guard in facts.guarded}
            free |= {(atom.name, len(atom.arguments)) for atom, _value in self.externals}
            free |= {(head.name, len(head.arguments)) for head, _body in self.rules}
            unrecorded = unrecorded_rules(program, self.extra, free)
            ctl, self.unrecorded = _control(self.options, logger, program, self.extra, unrecorded=unrecorded)
        else:
            ctl, self.unrecorded = _control(self.options, logger, program, self.extra, light=self.light)
        with ctl.backend() as backend:
            for atom in facts.facts:
                backend.add_rule([backend.add_atom(atom)])
            for atom, guard in facts.guarded:
                backend.add_rule([backend.add_atom(atom)], [backend.add_atom(guard)])
            _add_ids(backend, facts.acts, facts.claims)
            for atom, value in self.externals:
                backend.add_external(
                    backend.add_atom(atom), clingo.TruthValue.True_ if value else clingo.TruthValue.False_
                )
            for head, body in self.rules:
                backend.add_rule([backend.add_atom(head)], [backend.add_atom(b) for b in body])
            for fact in facts.contested:
                backend.add_rule([backend.add_atom(clingo.Function(CONTESTED[0], [fact.term]))])
                for index in range(len(fact.readings)):
                    variant = clingo.Function(VARIANT[0], [fact.term, clingo.Number(index)])
                    backend.add_rule([backend.add_atom(variant)])
        try:
            ctl.ground([("base", [])])
        except RuntimeError:
            if not program.located:
                # The cached program has no file positions: parse the files afresh and
                # ground again, so that the message names the .lp file and line.
                self.messages.clear()
                return self._ground(program.relocated(), facts)
            raise RuleSetError("the rule set does not ground", _errors(self.messages)) from None
        return ctl

    def consequences(self, mode: str, assumptions: list[tuple[Symbol, bool]] | None = None) -> frozenset[Symbol]:
        """The brave or cautious consequences (over the shown atoms), under assumptions.

        Raises:
            SolveTimeout: the solve ran past the time limit.
        """
        self.ctl.configuration.solve.enum_mode = mode  # type: ignore[union-attr]
        last: list[Symbol] = []

        def on_model(model: clingo.Model) -> None:
            nonlocal last
            last = list(model.symbols(shown=True))

        self.solves += 1
        with self.ctl.solve(on_model=on_model, assumptions=assumptions or [], async_=True) as handle:
            if self.timeout is not None and not handle.wait(self.timeout):
                handle.cancel()
                raise SolveTimeout(f"the solve ran past the time limit of {self.timeout:g} s")
            result = handle.get()
        if result.unsatisfiable:
            if assumptions:
                return frozenset()
            raise RuleSetError("the rule set has no answer set for this case (an integrity constraint fails)")
        return frozenset(last)

    def brave_atoms(self, start: float) -> Solution:
        """Every atom of the brave consequences (all atoms, not only shown ones), in one solve.

        Args:
            start: when the work began (``perf_counter``), for the time limit and the time reported.

        Raises:
            RuleSetError: the program has no answer set.
            SolveTimeout: the solve ran past the time limit.
        """
        last: list[Symbol] = []
        models = 0

        def on_model(model: clingo.Model) -> None:
            nonlocal last, models
            models += 1
            last = list(model.symbols(atoms=True))

        timeout = self.timeout
        remaining = None if timeout is None else max(0.0, timeout - (time.perf_counter() - start))
        self.solves += 1
        with self.ctl.solve(on_model=on_model, async_=True) as handle:
            if remaining is not None and not handle.wait(remaining):
                handle.cancel()
                raise SolveTimeout(f"the solve ran past the time limit of {timeout:g} s")
            result = handle.get()
        if result.unsatisfiable:
            raise RuleSetError(
                "the rule set has no answer set for this case (an integrity constraint fails); "
                "conflicts must be derived as findings, not made unsatisfiable"
            )
        return Solution(last, models, time.perf_counter() - start, self.messages, self.unrecorded)

    def assign(self, atoms: list[Symbol] | set[Symbol], value: bool) -> None:
        """Set external atoms."""
        for atom in atoms:
            self.ctl.assign_external(atom, value)
