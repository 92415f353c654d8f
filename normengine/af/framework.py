"""Abstract argumentation frameworks (Dung 1995) as an immutable value type.

Arguments are numbered ``0 .. n-1`` internally and carry a display name (the
ICCMA 2023 integer, or the apx constant).  Everything downstream works on the
integer indices; names appear only at the input and output boundaries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["AFFormatError", "Framework"]


class AFFormatError(ValueError):
    """A framework file or a framework built from Python values is malformed.

    Attributes:
        source: the file name (or a short description of the Python input).
        line: the 1-based line number, or ``None`` when no single line is at fault.
        reason: what is wrong, in one sentence.
    """

    def __init__(self, source: str, line: int | None, reason: str) -> None:
        self.source = source
        self.line = line
        self.reason = reason
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


class Framework:
    """An abstract argumentation framework ``(A, R)``.

    Attributes:
        names: the display name of each argument; index ``i`` is argument ``i``.
        attacks: the attack relation as ``(attacker, attacked)`` index pairs,
            without duplicates, in first-seen order.
        numeric: ``True`` when the names are the ICCMA 2023 integers ``1..n``.

    Use :meth:`from_lists` to build one from names, or a parser in
    :mod:`normengine.af.parse` to read one from a file.  Treat instances as
    immutable.
    """

    __slots__ = ("_index", "attacks", "names", "numeric")

    def __init__(
        self,
        names: tuple[str, ...],
        attacks: tuple[tuple[int, int], ...],
        numeric: bool = False,
    ) -> None:
        self.names = names
        self.attacks = attacks
        self.numeric = numeric
        self._index = {name: i for i, name in enumerate(names)}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Framework):
            return NotImplemented
        return (self.names, set(self.attacks)) == (other.names, set(other.attacks))

    def __hash__(self) -> int:
        return hash((self.names, frozenset(self.attacks)))

    def __repr__(self) -> str:
        return f"Framework(n={self.n}, attacks={len(self.attacks)})"

    @property
    def n(self) -> int:
        """The number of arguments."""
        return len(self.names)

    @classmethod
    def from_lists(
        cls,
        arguments: Iterable[object],
        attacks: Iterable[tuple[object, object]],
        source: str = "<python>",
    ) -> Framework:
        """Build a framework from argument names and attacks between them.

        Names are converted with ``str``; duplicate arguments and duplicate
        attacks are merged.

        Args:
            arguments: the arguments, in the order that outputs should follow.
            attacks: ``(attacker, attacked)`` pairs of names from ``arguments``.
            source: how to name this input in error messages.

        Returns:
            The framework.

        Raises:
            AFFormatError: an attack names an argument that is not declared.

        Example:
            >>> af = Framework.from_lists(["a", "b"], [("a", "b")])
            >>> af.n, af.attacks
            (2, ((0, 1),))
        """
        names: list[str] = []
        index: dict[str, int] = {}
        for arg in arguments:
            name = str(arg)
            if name not in index:
                index[name] = len(names)
                names.append(name)
        seen: set[tuple[int, int]] = set()
        pairs: list[tuple[int, int]] = []
        for k, (a, b) in enumerate(attacks):
            try:
                pair = (index[str(a)], index[str(b)])
            except KeyError as exc:
                raise AFFormatError(
                    source,
                    None,
                    f"attack number {k + 1} ({a}, {b}) names an undeclared argument {exc}",
                ) from None
            if pair not in seen:
                seen.add(pair)
                pairs.append(pair)
        return cls(tuple(names), tuple(pairs))

    def index_of(self, name: str) -> int | None:
        """Return the index of the argument called ``name``, or ``None``."""
        return self._index.get(name)

    def resolve(self, query: str) -> int | None:
        """Find an argument by name, accepting both ICCMA spellings.

        ``17`` and ``a17`` denote the same argument when only one of the two
        spellings is a name of this framework (``.i23`` files use integers,
        ``.apx`` files usually ``a<i>``).

        Args:
            query: the argument as the user wrote it.

        Returns:
            The index, or ``None`` when no argument matches.
        """
        query = query.strip()
        found = self._index.get(query)
        if found is not None:
            return found
        if query[:1] in ("a", "A") and query[1:].isdigit():
            return self._index.get(query[1:])
        if query.isdigit():
            return self._index.get("a" + query)
        return None

    def attackers(self) -> list[list[int]]:
        """Return, for each argument, the list of its attackers."""
        result: list[list[int]] = [[] for _ in range(self.n)]
        for a, b in self.attacks:
            result[b].append(a)
        return result

    def attacked(self) -> list[list[int]]:
        """Return, for each argument, the list of arguments it attacks."""
        result: list[list[int]] = [[] for _ in range(self.n)]
        for a, b in self.attacks:
            result[a].append(b)
        return result

    def sub(self, keep: Sequence[int]) -> tuple[Framework, list[int]]:
        """Restrict the framework to some arguments.

        Args:
            keep: indices of the arguments to keep, in the order wanted.

        Returns:
            The restricted framework and the map from its indices back to
            indices of this framework.
        """
        new = {old: i for i, old in enumerate(keep)}
        pairs = tuple((new[a], new[b]) for a, b in self.attacks if a in new and b in new)
        names = tuple(self.names[i] for i in keep)
        return Framework(names, pairs, self.numeric), list(keep)

    def format_set(self, members: Iterable[int]) -> str:
        """Render a set of argument indices as space-separated names, in index order."""
        return " ".join(self.names[i] for i in sorted(members))
