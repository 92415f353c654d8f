"""Reasoning tasks on abstract argumentation frameworks.

Semantics: grounded (``GR``), complete (``CO``), stable (``ST``) and preferred
(``PR``).  Problems, in ICCMA naming: ``SE`` (some extension), ``DC``
(credulous acceptance), ``DS`` (sceptical acceptance) and ``EE`` (all
extensions).

The pipeline for every question:

1. For DC and DS under GR, CO and PR, cut the framework down to the query's
   cone of influence (see :mod:`normengine.af.reduce`).
2. Compute the grounded labelling in Python; it settles all grounded
   questions and every query that it labels IN or OUT.
3. Hand only the undecided core to clingo (see
   :mod:`normengine.af.program`).

Shortcuts that are theorems, not heuristics: DS-CO is DS-GR; DC-PR and DC-CO
are credulous acceptance of admissible sets; DS-PR is Π2-complete and is
decided by counter-example guided search for a preferred extension without
the query (each candidate is a maximal complete extension without the query,
checked for maximality among all complete extensions; refuted candidates are
excluded with one clause each).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import Enum
from typing import NamedTuple

from .framework import Framework
from .program import AFTimeout, CoreProgram, Deadline, Mode, SmallCore
from .reduce import IN, OUT, UNDEC, Graph, cone, grounded_labelling

__all__ = [
    "AFTimeout",
    "Answer",
    "Problem",
    "Semantics",
    "Solver",
    "Task",
    "solve",
]


class Semantics(Enum):
    """Extension-based semantics."""

    GR = "GR"
    CO = "CO"
    ST = "ST"
    PR = "PR"


class Problem(Enum):
    """Reasoning problems (ICCMA names)."""

    SE = "SE"
    DC = "DC"
    DS = "DS"
    EE = "EE"


class Task(NamedTuple):
    """A problem under a semantics, such as ``DS-PR``.

    Attributes:
        problem: what is asked.
        semantics: under which semantics.
    """

    problem: Problem
    semantics: Semantics

    @classmethod
    def parse(cls, text: str) -> Task:
        """Parse an ICCMA task name, case-insensitively (``ds-pr``, ``SE-GR``).

        Raises:
            ValueError: not a supported task; the message lists the valid ones.
        """
        parts = text.strip().upper().split("-")
        try:
            if len(parts) != 2:
                raise KeyError
            return cls(Problem[parts[0]], Semantics[parts[1]])
        except KeyError:
            raise ValueError(f"unknown task {text!r}: expected one of {', '.join(TASK_NAMES)}") from None

    @property
    def needs_query(self) -> bool:
        """Whether the task asks about one argument (DC and DS)."""
        return self.problem in (Problem.DC, Problem.DS)

    def __str__(self) -> str:
        return f"{self.problem.value}-{self.semantics.value}"


TASK_NAMES = tuple(f"{p.value}-{s.value}" for p in Problem for s in Semantics)


class Answer(NamedTuple):
    """The answer to a task.

    Attributes:
        task: the task answered.
        accepted: for DC and DS, whether the query is accepted; else ``None``.
        extension: for SE, an extension (``None`` when there is none); for DC
            a witness when accepted (an admissible set for PR and CO, an
            extension otherwise); for DS a counter-example when not accepted
            (an extension without the query; for PR, a preferred extension of
            the query's cone, which extends to one of the whole framework);
            may be ``None`` when it is not computed.
        extensions: for EE, all extensions, sorted.
    """

    task: Task
    accepted: bool | None = None
    extension: frozenset[int] | None = None
    extensions: tuple[frozenset[int], ...] | None = None

    def lines(self, af: Framework) -> list[str]:
        """Render the answer in ICCMA 2023 style.

        SE prints ``w`` and the arguments, or ``NO``; DC and DS print ``YES``
        or ``NO``; EE prints one ``w`` line per extension (``NO`` when there
        is none).
        """
        problem = self.task.problem
        if problem is Problem.SE:
            if self.extension is None:
                return ["NO"]
            return [_w_line(af, self.extension)]
        if problem is Problem.EE:
            return [_w_line(af, e) for e in self.extensions] if self.extensions else ["NO"]
        return ["YES" if self.accepted else "NO"]


def _w_line(af: Framework, members: frozenset[int]) -> str:
    body = af.format_set(members)
    return f"w {body}" if body else "w"


def _sort_key(e: frozenset[int]) -> tuple[int, list[int]]:
    return (len(e), sorted(e))


class Solver:
    """Answers tasks on one framework, reusing the preprocessing between them.

    Args:
        af: the framework.

    Example:
        >>> af = Framework.from_lists(["a", "b", "c"], [("a", "b"), ("b", "c")])
        >>> s = Solver(af)
        >>> sorted(af.names[i] for i in s.grounded())
        ['a', 'c']
        >>> s.solve(Task.parse("DS-PR"), af.resolve("c")).accepted
        True
    """

    #: Cores with at most this many arguments are solved in Python, without
    #: loading clingo (see :class:`~normengine.af.program.SmallCore`).
    small_core = SmallCore.LIMIT

    def __init__(self, af: Framework) -> None:
        self.af = af
        self.graph = Graph(af.n, af.attacks)
        self._labels: bytearray | None = None

    # -- preprocessing -------------------------------------------------

    def labels(self) -> bytearray:
        """The grounded labelling of the whole framework (computed once)."""
        if self._labels is None:
            self._labels = grounded_labelling(self.graph)
        return self._labels

    def grounded(self) -> frozenset[int]:
        """The grounded extension."""
        labels = self.labels()
        return frozenset(i for i in range(self.af.n) if labels[i] == IN)

    def _core(self, members: Sequence[int]) -> tuple[list[int], list[tuple[int, int]]]:
        """Local numbering of ``members`` and the attacks among them."""
        local = {x: i for i, x in enumerate(members)}
        attackers = self.graph.attackers
        attacks: list[tuple[int, int]] = []
        for x in members:
            lx = local[x]
            for y in attackers[x]:
                ly = local.get(y)
                if ly is not None:
                    attacks.append((ly, lx))
        return list(members), attacks

    def _query_core(self, query: int) -> tuple[int, list[int], bytearray]:
        """Reduce to the query's cone, label it, and cut the undecided part again.

        Returns:
            The query's grounded label within the cone, the undecided core
            (global indices, containing the query when it is undecided) and
            the labelling of the cone.
        """
        labels = self._labels if self._labels is not None else grounded_labelling(self.graph, cone(self.graph, [query]))
        if labels[query] != UNDEC:
            return labels[query], [], labels
        undecided = bytearray(self.af.n)
        for x in range(self.af.n):
            if labels[x] == UNDEC:
                undecided[x] = 1
        members = cone(self.graph, [query], undecided)
        return UNDEC, members, labels

    def _full_core(self) -> tuple[frozenset[int], list[int]]:
        labels = self.labels()
        ground = frozenset(i for i in range(self.af.n) if labels[i] == IN)
        members = [i for i in range(self.af.n) if labels[i] == UNDEC]
        return ground, members

    def _program(
        self,
        members: Sequence[int],
        mode: Mode,
        deadline: Deadline,
        *,
        maximise: bool = False,
        enumerate_maximal: bool = False,
    ) -> tuple[CoreProgram | SmallCore, list[int]]:
        glob, attacks = self._core(members)
        kind = SmallCore if len(glob) <= self.small_core else CoreProgram
        prog = kind(
            len(glob),
            attacks,
            mode,
            maximise=maximise,
            enumerate_maximal=enumerate_maximal,
            deadline=deadline,
        )
        return prog, glob

    # -- tasks ---------------------------------------------------------

    def solve(
        self,
        task: Task,
        query: int | None = None,
        timeout: float | None = None,
        *,
        witness: bool = False,
    ) -> Answer:
        """Answer a task.

        Args:
            task: the task.
            query: the queried argument's index, for DC and DS.
            timeout: seconds allowed for the search (preprocessing and
                grounding are not interrupted).
            witness: for DS, also compute a counter-example when the answer
                is no (it can cost extra solver calls); DC witnesses are free
                and always returned.

        Returns:
            The answer.

        Raises:
            ValueError: DC or DS without a query.
            AFTimeout: the time ran out.
        """
        deadline = Deadline(timeout)
        sem = task.semantics
        if task.needs_query:
            if query is None or not 0 <= query < self.af.n:
                raise ValueError(f"task {task} needs a query argument")
            if task.problem is Problem.DC:
                ok, found = self.credulous(query, sem, deadline)
            else:
                ok, found = self.sceptical(query, sem, deadline, witness=witness)
            return Answer(task, accepted=ok, extension=found)
        if task.problem is Problem.SE:
            return Answer(task, extension=self.some_extension(sem, deadline))
        return Answer(task, extensions=tuple(sorted(self.extensions(sem, deadline), key=_sort_key)))

    def some_extension(self, sem: Semantics, deadline: Deadline | None = None) -> frozenset[int] | None:
        """Return one extension, or ``None`` when there is none (only possible for ST)."""
        deadline = deadline or Deadline()
        if sem in (Semantics.GR, Semantics.CO):
            return self.grounded()
        ground, members = self._full_core()
        if not members:
            return ground
        if sem is Semantics.ST:
            prog, glob = self._program(members, "st", deadline)
            found = prog.one()
            return None if found is None else ground | {glob[i] for i in found}
        prog, glob = self._program(members, "co", deadline, maximise=True)
        first = prog.one()
        assert first is not None  # the empty set is complete in the core
        best = prog.maximal_superset(first)
        return ground | {glob[i] for i in best}

    def extensions(self, sem: Semantics, deadline: Deadline | None = None) -> Iterator[frozenset[int]]:
        """Enumerate all extensions (each exactly once)."""
        deadline = deadline or Deadline()
        if sem is Semantics.GR:
            yield self.grounded()
            return
        ground, members = self._full_core()
        if not members:
            yield ground
            return
        if sem is Semantics.PR:
            prog, glob = self._program(members, "co", deadline, enumerate_maximal=True)
        else:
            prog, glob = self._program(members, "co" if sem is Semantics.CO else "st", deadline)
        for found in prog.all():
            yield ground | {glob[i] for i in found}

    def credulous(
        self, query: int, sem: Semantics, deadline: Deadline | None = None
    ) -> tuple[bool, frozenset[int] | None]:
        """Decide whether ``query`` belongs to some extension.

        Returns:
            The answer and, when it is yes, a witness: an extension containing
            the query for GR and ST, an admissible set containing it for CO and
            PR (it lies inside some complete and some preferred extension).
        """
        deadline = deadline or Deadline()
        if sem is Semantics.ST:
            ground, members = self._full_core()
            labels = self.labels()
            if labels[query] == OUT:
                return False, None
            if not members:
                return labels[query] == IN, ground if labels[query] == IN else None
            prog, glob = self._program(members, "st", deadline)
            assume = [] if labels[query] == IN else [prog.in_lit(glob.index(query))]
            found = prog.one(assume)
            if found is None:
                return False, None
            return True, ground | {glob[i] for i in found}
        label, members, labels = self._query_core(query)
        if label != UNDEC or sem is Semantics.GR:
            if label == IN:
                return True, self._labelled_in(labels)
            return False, None
        prog, glob = self._program(members, "adm", deadline)
        found = prog.one([prog.in_lit(glob.index(query))])
        if found is None:
            return False, None
        return True, self._labelled_in(labels) | {glob[i] for i in found}

    def _labelled_in(self, labels: bytearray) -> frozenset[int]:
        return frozenset(i for i in range(self.af.n) if labels[i] == IN)

    def sceptical(
        self,
        query: int,
        sem: Semantics,
        deadline: Deadline | None = None,
        *,
        witness: bool = True,
    ) -> tuple[bool, frozenset[int] | None]:
        """Decide whether ``query`` belongs to every extension.

        Under ST the answer is yes when there is no stable extension (ICCMA
        convention).

        Args:
            query: the argument's index.
            sem: the semantics.
            deadline: when to give up.
            witness: compute a counter-example for PR (otherwise ``None`` is
                returned with a no, which can save solver calls).

        Returns:
            The answer and, when it is no, a counter-example: an extension
            without the query (for PR, a preferred extension of the query's
            cone, whose restriction to the cone is that of some preferred
            extension of the whole framework).
        """
        deadline = deadline or Deadline()
        if sem is Semantics.ST:
            ground, members = self._full_core()
            labels = self.labels()
            if labels[query] == IN:
                return True, None
            if not members:
                return False, ground  # the only stable extension is the grounded one
            prog, glob = self._program(members, "st", deadline)
            assume = [] if labels[query] == OUT else [-prog.in_lit(glob.index(query))]
            found = prog.one(assume)
            if found is None:
                return True, None
            return False, ground | {glob[i] for i in found}
        label, members, labels = self._query_core(query)
        if label == IN:
            return True, None
        inside = self._labelled_in(labels)
        if label == OUT or sem in (Semantics.GR, Semantics.CO):
            return False, inside
        return self._sceptical_preferred(query, members, inside, deadline, witness)

    def _sceptical_preferred(
        self,
        query: int,
        members: list[int],
        inside: frozenset[int],
        deadline: Deadline,
        witness: bool,
    ) -> tuple[bool, frozenset[int] | None]:
        prog, glob = self._program(members, "co", deadline, maximise=True)
        q = glob.index(query)
        q_in = prog.in_lit(q)

        def lift(found: frozenset[int]) -> frozenset[int]:
            return inside | {glob[i] for i in found}

        # Not credulously accepted: any preferred extension is a counter-example.
        if prog.one([q_in]) is None:
            if not witness:
                return False, None
            first = prog.one()
            assert first is not None
            return False, lift(prog.maximal_superset(first))
        # An admissible set attacking the query extends to a preferred
        # extension without it.
        attacker = prog.one([prog.def_lit(q)])
        if attacker is not None:
            if not witness:
                return False, None
            return False, lift(prog.maximal_superset(attacker, [-q_in]))
        # Counter-example guided search.
        while True:
            deadline.check()
            candidate = prog.one([-q_in])
            if candidate is None:
                return True, None
            candidate = prog.maximal_superset(candidate, [-q_in])
            outside = [x for x in range(prog.k) if x not in candidate]
            guard = prog.new_guard()
            prog.add_clause(outside, guard)
            bigger = prog.one([guard, *(prog.in_lit(x) for x in candidate)])
            if bigger is None:
                return False, lift(candidate)
            bigger = prog.maximal_superset(bigger)
            # Every complete extension without the query that is a subset of
            # ``bigger`` (which contains the query) is not preferred.
            prog.add_clause([x for x in range(prog.k) if x not in bigger])


def solve(af: Framework, task: Task | str, query: str | int | None = None, timeout: float | None = None) -> Answer:
    """Answer one task on a framework.

    Args:
        af: the framework.
        task: a :class:`Task` or its ICCMA name, e.g. ``"DS-PR"``.
        query: the queried argument, by name (``"a17"`` or ``"17"``) or index.
        timeout: seconds allowed for the search.

    Returns:
        The answer.

    Raises:
        ValueError: unknown task, or a missing or unknown query.
        AFTimeout: the time ran out.
    """
    if isinstance(task, str):
        task = Task.parse(task)
    index: int | None
    if isinstance(query, str):
        index = af.resolve(query)
        if index is None:
            raise ValueError(f"unknown argument {query!r}")
    else:
        index = query
    return Solver(af).solve(task, index, timeout)
