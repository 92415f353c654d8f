"""Polynomial preprocessing: the grounded labelling and the query's cone.

Both are plain Python and linear in the size of the framework:

* :func:`grounded_labelling` computes the grounded extension by propagation
  (an argument is IN when all its attackers are OUT, OUT when an IN argument
  attacks it).  Every complete, preferred and stable extension contains the IN
  arguments and none of the OUT ones, and the complete (preferred, stable)
  extensions of a framework are exactly ``G ∪ E`` for ``E`` a complete
  (preferred, stable) extension of the framework restricted to the undecided
  arguments, so the search only ever sees the undecided core.
* :func:`cone` collects the arguments from which a query can be reached along
  attacks.  This set is unattacked from outside, and complete, grounded and
  preferred semantics are *directional*: their extensions restricted to an
  unattacked set are exactly the extensions of the restricted framework.  So a
  credulous or sceptical question under these semantics can be answered on the
  cone alone.  (Stable semantics is not directional.)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["IN", "OUT", "UNDEC", "Graph", "cone", "grounded_labelling"]

UNDEC = 0
IN = 1
OUT = 2


class Graph:
    """Adjacency lists of a framework, computed once and shared by the steps.

    Attributes:
        n: the number of arguments.
        attackers: ``attackers[x]`` lists the arguments attacking ``x``.
        attacked: ``attacked[x]`` lists the arguments that ``x`` attacks.
    """

    __slots__ = ("attacked", "attackers", "n")

    def __init__(self, n: int, attacks: Iterable[tuple[int, int]]) -> None:
        self.n = n
        self.attackers: list[list[int]] = [[] for _ in range(n)]
        self.attacked: list[list[int]] = [[] for _ in range(n)]
        for a, b in attacks:
            self.attackers[b].append(a)
            self.attacked[a].append(b)


def grounded_labelling(graph: Graph, active: Sequence[int] | None = None) -> bytearray:
    """Compute the grounded labelling of a framework, or of a part of it.

    Args:
        graph: the framework's adjacency lists.
        active: restrict to these arguments (attacks from other arguments are
            ignored); ``None`` means all.

    Returns:
        A label per argument of the whole graph: :data:`IN`, :data:`OUT` or
        :data:`UNDEC` (arguments outside ``active`` stay :data:`UNDEC`).
    """
    n = graph.n
    attackers = graph.attackers
    attacked = graph.attacked
    label = bytearray(n)
    if active is None:
        count = [len(a) for a in attackers]
        member: bytearray | None = None
        stack = [x for x in range(n) if not count[x]]
    else:
        member = bytearray(n)
        for x in active:
            member[x] = 1
        count = [0] * n
        for x in active:
            count[x] = sum(1 for y in attackers[x] if member[y])
        stack = [x for x in active if not count[x]]
    for x in stack:
        label[x] = IN
    pop = stack.pop
    push = stack.append
    while stack:
        x = pop()
        for y in attacked[x]:
            if label[y] != OUT and (member is None or member[y]):
                label[y] = OUT
                for z in attacked[y]:
                    count[z] -= 1
                    if not count[z] and not label[z] and (member is None or member[z]):
                        label[z] = IN
                        push(z)
    return label


def cone(graph: Graph, targets: Iterable[int], allowed: bytearray | None = None) -> list[int]:
    """Return the arguments from which one of ``targets`` is reachable via attacks.

    The targets themselves are included.  The result is sorted.

    Args:
        graph: the framework's adjacency lists.
        targets: the query arguments.
        allowed: when given, only arguments ``x`` with ``allowed[x]`` are
            visited (the walk stays inside that part of the framework).
    """
    seen = bytearray(graph.n)
    stack: list[int] = []
    for t in targets:
        if not seen[t] and (allowed is None or allowed[t]):
            seen[t] = 1
            stack.append(t)
    attackers = graph.attackers
    while stack:
        x = stack.pop()
        for y in attackers[x]:
            if not seen[y] and (allowed is None or allowed[y]):
                seen[y] = 1
                stack.append(y)
    return [x for x in range(graph.n) if seen[x]]
