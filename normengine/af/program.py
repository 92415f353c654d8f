"""Ground clingo programs for the undecided core of a framework.

The core is small compared with the input more often than not, and its ground
program is known in advance, so it is written directly in clingo's
intermediate format (aspif) instead of being grounded from rules: for a
framework with 160,000 attacks this takes about half the time of passing facts
to the grounder, and a third of building it through the backend API.

Atoms: ``in(i)`` is atom ``i + 1`` and ``def(i)`` (``i`` is attacked by the
set) is atom ``k + i + 1`` for a core of ``k`` arguments.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import clingo

__all__ = ["AFTimeout", "CoreProgram", "Deadline", "Mode"]

Mode = Literal["adm", "co", "st"]


class AFTimeout(Exception):
    """The time limit ran out before the answer was found."""


class Deadline:
    """A point in time after which solving stops.

    Args:
        seconds: the time allowed from now; ``None`` means no limit.
    """

    def __init__(self, seconds: float | None = None) -> None:
        self.end = None if seconds is None else time.monotonic() + seconds

    def remaining(self) -> float | None:
        """Seconds left (at least 0), or ``None`` without a limit."""
        if self.end is None:
            return None
        return max(0.0, self.end - time.monotonic())

    def check(self) -> None:
        """Raise :class:`AFTimeout` when the time is up."""
        if self.end is not None and time.monotonic() >= self.end:
            raise AFTimeout


_COUNTER = itertools.count()


def _scratch_path() -> str:
    """A fresh file name for the ground program (in memory where /dev/shm exists).

    ``tempfile`` is not used: importing it costs more than a small solve.
    """
    base = "/dev/shm" if os.access("/dev/shm", os.W_OK) else os.environ.get("TMPDIR", "/tmp")
    return os.path.join(base, f"normengine-af-{os.getpid()}-{next(_COUNTER)}.aspif")


class CoreProgram:
    """A grounded clingo ``Control`` whose answer sets are sets of the core.

    Args:
        k: the number of arguments of the core (indices ``0..k-1``).
        attacks: attacks between core arguments, as index pairs.
        mode: ``"adm"`` (admissible sets), ``"co"`` (complete extensions) or
            ``"st"`` (stable extensions).
        maximise: add ``#heuristic in(X). [1,true]`` and use the domain
            heuristic, so that the first answer set is subset-maximal among
            the answer sets (used for preferred extensions; the callers check
            maximality themselves and do not rely on it for correctness).
        enumerate_maximal: enumerate only subset-maximal answer sets
            (``--enum-mode=domRec``); implies ``maximise``.
        deadline: when to give up.
    """

    def __init__(
        self,
        k: int,
        attacks: Sequence[tuple[int, int]],
        mode: Mode,
        *,
        maximise: bool = False,
        enumerate_maximal: bool = False,
        deadline: Deadline | None = None,
    ) -> None:
        self.k = k
        self.deadline = deadline or Deadline()
        maximise = maximise or enumerate_maximal
        args = ["--warn=none", "--models=1"]
        if maximise:
            args.append("--heuristic=Domain")
        if enumerate_maximal:
            args.append("--enum-mode=domRec")
        # Imported here, so that questions settled by the preprocessing never
        # pay for loading clingo.
        import clingo

        self.ctl = clingo.Control(args)
        self._aspif(attacks, mode, maximise)
        self.ctl.ground([("base", [])])

    def _aspif(self, attacks: Sequence[tuple[int, int]], mode: Mode, maximise: bool) -> None:
        k = self.k
        lines = ["asp 1 0 0"]
        if k:
            lines.append(f"1 1 {k} {' '.join(map(str, range(1, k + 1)))} 0 0")
        attackers: list[list[int]] = [[] for _ in range(k)]
        for a, b in attacks:
            attackers[b].append(a)
            # def(b) :- in(a).
            lines.append(f"1 0 1 {k + b + 1} 0 1 {a + 1}")
            if mode != "st":
                # :- in(b), not def(a).   (b is defended against a)
                lines.append(f"1 0 0 0 2 {b + 1} -{k + a + 1}")
        for x in range(k):
            # :- in(x), def(x).   (conflict-free)
            lines.append(f"1 0 0 0 2 {x + 1} {k + x + 1}")
            if mode == "st":
                # :- not in(x), not def(x).
                lines.append(f"1 0 0 0 2 -{x + 1} -{k + x + 1}")
            elif mode == "co":
                # :- not in(x), def(y) : att(y, x).   (defended arguments are in)
                body = "".join(f" {k + y + 1}" for y in attackers[x])
                lines.append(f"1 0 0 0 {len(attackers[x]) + 1} -{x + 1}{body}")
            if maximise:
                lines.append(f"7 4 {x + 1} 1 0 0")
        lines.append("0\n")
        path = _scratch_path()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write("\n".join(lines))
            self.ctl.load(path)
        finally:
            os.unlink(path)

    def in_lit(self, x: int) -> int:
        """The program literal of ``in(x)``."""
        return x + 1

    def def_lit(self, x: int) -> int:
        """The program literal of ``def(x)`` (``x`` is attacked by the set)."""
        return self.k + x + 1

    def add_clause(self, some_in: Sequence[int], guard: int | None = None) -> None:
        """Require at least one of ``some_in`` in every later answer set.

        Args:
            some_in: core arguments; an empty list makes every later solve
                fail (unless guarded).
            guard: a literal from :meth:`new_guard`; the clause then holds only
                when the guard is assumed.
        """
        body = [-self.in_lit(x) for x in some_in]
        if guard is not None:
            body.append(guard)
        with self.ctl.backend() as backend:
            backend.add_rule([], body)

    def new_guard(self) -> int:
        """Return a fresh free atom to switch a clause on through assumptions."""
        with self.ctl.backend() as backend:
            atom = int(backend.add_atom())
            backend.add_rule([atom], [], choice=True)
        return atom

    def _models(self, assumptions: Sequence[int], limit: int) -> Iterator[frozenset[int]]:
        self.ctl.configuration.solve.models = str(limit)  # type: ignore[union-attr]
        found: list[frozenset[int]] = []
        k = self.k

        def on_model(model: clingo.Model) -> None:
            is_true = model.is_true
            found.append(frozenset(x for x in range(k) if is_true(x + 1)))

        yield from self._run(assumptions, on_model, found)

    def _run(
        self,
        assumptions: Sequence[int],
        on_model: Callable[[clingo.Model], None],
        found: list[frozenset[int]],
    ) -> Iterator[frozenset[int]]:
        remaining = self.deadline.remaining()
        handle = self.ctl.solve(assumptions=list(assumptions), on_model=on_model, async_=True)
        with handle:
            if remaining is None:
                handle.wait()
            elif not handle.wait(remaining):
                handle.cancel()
                raise AFTimeout
            handle.get()
        yield from found

    def one(self, assumptions: Sequence[int] = ()) -> frozenset[int] | None:
        """Return one answer set (as a set of core indices), or ``None``.

        Args:
            assumptions: program literals that must hold.
        """
        for model in self._models(assumptions, 1):
            return model
        return None

    def all(self, assumptions: Sequence[int] = ()) -> Iterator[frozenset[int]]:
        """Enumerate all answer sets, in the solver's order.

        Models are collected during the solve and yielded afterwards, so the
        time limit covers the whole enumeration.
        """
        return self._models(assumptions, 0)

    def maximal_superset(self, start: frozenset[int], assumptions: Sequence[int] = ()) -> frozenset[int]:
        """Grow an answer set until no strictly larger answer set exists.

        Args:
            start: an answer set.
            assumptions: literals every step must respect.

        Returns:
            A subset-maximal answer set containing ``start`` (among those
            satisfying ``assumptions``).
        """
        current = start
        while True:
            self.deadline.check()
            outside = [x for x in range(self.k) if x not in current]
            if not outside:
                return current
            guard = self.new_guard()
            self.add_clause(outside, guard)
            bigger = self.one([*assumptions, guard, *(self.in_lit(x) for x in current)])
            if bigger is None:
                return current
            current = bigger


class SmallCore:
    """The :class:`CoreProgram` interface, by enumerating subsets in Python.

    For a core of a handful of arguments, listing the ``2**k`` candidate sets
    as bit masks is faster than loading clingo (about 60 ms), so tiny cores
    never start the solver.  Literals follow :class:`CoreProgram`: ``x + 1``
    is ``in(x)``, ``k + x + 1`` is ``def(x)``, negative means "not", and
    guards are numbered from ``2k + 1``.

    Args:
        k: the number of arguments of the core (at most :attr:`LIMIT`).
        attacks: attacks between core arguments, as index pairs.
        mode: ``"adm"``, ``"co"`` or ``"st"``.
        maximise: answer :meth:`one` with a subset-maximal answer set.
        enumerate_maximal: :meth:`all` lists only subset-maximal answer sets.
        deadline: when to give up (checked between steps).
    """

    LIMIT = 10

    def __init__(
        self,
        k: int,
        attacks: Sequence[tuple[int, int]],
        mode: Mode,
        *,
        maximise: bool = False,
        enumerate_maximal: bool = False,
        deadline: Deadline | None = None,
    ) -> None:
        self.k = k
        self.deadline = deadline or Deadline()
        self.maximise = maximise or enumerate_maximal
        self.enumerate_maximal = enumerate_maximal
        attackers = [0] * k
        targets = [0] * k
        for a, b in attacks:
            attackers[b] |= 1 << a
            targets[a] |= 1 << b
        full = (1 << k) - 1
        # (members, attacked-by-members) for every answer set
        self.models: list[tuple[int, int]] = []
        for s in range(1 << k):
            hit = 0
            for x in range(k):
                if s >> x & 1:
                    hit |= targets[x]
            if hit & s:
                continue  # not conflict-free
            if mode == "st":
                if s | hit == full:
                    self.models.append((s, hit))
                continue
            ok = True
            for x in range(k):
                defended = attackers[x] & ~hit == 0
                if s >> x & 1 and not defended:
                    ok = False
                    break
                if mode == "co" and defended and not s >> x & 1:
                    ok = False
                    break
            if ok:
                self.models.append((s, hit))
        self.clauses: list[tuple[int, int | None]] = []  # (mask of some_in, guard)
        self._guards = 2 * k

    def in_lit(self, x: int) -> int:
        """The literal of ``in(x)``."""
        return x + 1

    def def_lit(self, x: int) -> int:
        """The literal of ``def(x)``."""
        return self.k + x + 1

    def add_clause(self, some_in: Sequence[int], guard: int | None = None) -> None:
        """Require at least one of ``some_in`` (when ``guard`` is assumed, if given)."""
        mask = 0
        for x in some_in:
            mask |= 1 << x
        self.clauses.append((mask, guard))

    def new_guard(self) -> int:
        """Return a fresh literal to switch a clause on through assumptions."""
        self._guards += 1
        return self._guards

    def _matching(self, assumptions: Sequence[int]) -> list[int]:
        self.deadline.check()
        k = self.k
        must_in = must_out = must_hit = must_miss = 0
        guards = set()
        for lit in assumptions:
            atom = abs(lit)
            if atom > 2 * k:
                if lit > 0:
                    guards.add(atom)
                continue
            bit = 1 << ((atom - 1) % k)
            if atom <= k:
                if lit > 0:
                    must_in |= bit
                else:
                    must_out |= bit
            elif lit > 0:
                must_hit |= bit
            else:
                must_miss |= bit
        clauses = [m for m, g in self.clauses if g is None or g in guards]
        return [
            s
            for s, hit in self.models
            if s & must_in == must_in
            and not s & must_out
            and hit & must_hit == must_hit
            and not hit & must_miss
            and all(s & m for m in clauses)
        ]

    def _unpack(self, s: int) -> frozenset[int]:
        return frozenset(x for x in range(self.k) if s >> x & 1)

    def one(self, assumptions: Sequence[int] = ()) -> frozenset[int] | None:
        """Return one answer set satisfying ``assumptions``, or ``None``."""
        found = self._matching(assumptions)
        if not found:
            return None
        if self.maximise:
            return self._unpack(max(found, key=lambda s: (s.bit_count(), -s)))
        return self._unpack(found[0])

    def all(self, assumptions: Sequence[int] = ()) -> Iterator[frozenset[int]]:
        """Enumerate the answer sets (only the subset-maximal ones with ``enumerate_maximal``)."""
        found = self._matching(assumptions)
        if self.enumerate_maximal:
            found = [s for s in found if not any(s != t and s & t == s for t in found)]
        return iter([self._unpack(s) for s in found])

    def maximal_superset(self, start: frozenset[int], assumptions: Sequence[int] = ()) -> frozenset[int]:
        """A subset-maximal answer set containing ``start`` (see :class:`CoreProgram`)."""
        found = self._matching([*assumptions, *(x + 1 for x in start)])
        base = 0
        for x in start:
            base |= 1 << x
        best = max(found, key=lambda s: (s.bit_count(), -s), default=base)
        return self._unpack(best)
