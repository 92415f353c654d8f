"""The rule sets a server offers, by name.

The registry holds the bundled rule set and every rule set found in the directories the
server's operator allows (``normengine serve --rules-dir DIR``, repeatable, and the
``NORMENGINE_RULES_PATH`` environment variable, a list of directories separated by ``:``).
A listed directory is either a rule set itself (it holds ``ruleset.toml``) or holds rule sets
in its subdirectories. Every rule set, and every perspective of it, is parsed when the server
starts, without ``#script`` (refused): a rule set that does not load stops the server with a
message, before any client can reach it. Clients choose a rule set by its name; no client
input is ever read as a path.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import RuleSetError
from ..rulesets import MANIFEST, RuleSet, bundled_rules_dir, load_ruleset
from ..solve import build_program

__all__ = ["ENV_VAR", "InstalledRuleSet", "Registry"]

ENV_VAR = "NORMENGINE_RULES_PATH"


@dataclass(frozen=True)
class InstalledRuleSet:
    """A rule set a server offers.

    Args:
        name: its name (from its manifest), the name clients use.
        version: its version.
        description: what it encodes.
        perspectives: its perspectives, sorted.
        default_perspective: the perspective used when a request names none.
        path: its directory on the server (never shown to clients).
    """

    name: str
    version: str
    description: str
    perspectives: tuple[str, ...]
    default_perspective: str
    path: Path


class Registry:
    """Rule sets by name.

    Args:
        rulesets: the rule sets, each with a distinct name.
    """

    def __init__(self, rulesets: list[InstalledRuleSet]) -> None:
        self._by_name = {r.name: r for r in rulesets}
        if len(self._by_name) != len(rulesets):
            raise RuleSetError("two rule sets have the same name")

    @classmethod
    def discover(cls, directories: list[Path], *, use_env: bool = True) -> Registry:
        """The bundled rule set and those in ``directories`` (and in ``$NORMENGINE_RULES_PATH``).

        Raises:
            RuleSetError: a directory is missing, holds no rule set, a rule set does not load
                or parse (``#script`` is refused), or two rule sets share a name.
        """
        listed = list(directories)
        if use_env:
            listed.extend(Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip())
        found: list[tuple[Path, str]] = [(bundled_rules_dir(), "the bundled rule set")]
        for directory in listed:
            if not directory.is_dir():
                raise RuleSetError(f"{directory}: no such directory (given as a rule-set directory)")
            if (directory / MANIFEST).is_file():
                found.append((directory, str(directory)))
                continue
            subdirs = sorted(d for d in directory.iterdir() if d.is_dir() and (d / MANIFEST).is_file())
            if not subdirs:
                raise RuleSetError(f"{directory}: holds no rule set (no {MANIFEST} in it or in its subdirectories)")
            found.extend((d, str(d)) for d in subdirs)
        out: list[InstalledRuleSet] = []
        where: dict[str, str] = {}
        for path, origin in found:
            ruleset = load_ruleset(path)
            if ruleset.name in where:
                raise RuleSetError(
                    f"two rule sets are named {ruleset.name!r}: {where[ruleset.name]} and {origin}; "
                    "a server offers each name once"
                )
            where[ruleset.name] = origin
            _check(ruleset, origin)
            out.append(
                InstalledRuleSet(
                    name=ruleset.name,
                    version=ruleset.version,
                    description=ruleset.description,
                    perspectives=tuple(sorted(ruleset.perspectives)),
                    default_perspective=ruleset.default_perspective,
                    path=ruleset.root,
                )
            )
        return cls(out)

    def names(self) -> list[str]:
        """The names, sorted."""
        return sorted(self._by_name)

    def get(self, name: str) -> InstalledRuleSet | None:
        """The rule set of that name, or None."""
        return self._by_name.get(name)

    def all(self) -> list[InstalledRuleSet]:
        """Every rule set, sorted by name."""
        return [self._by_name[n] for n in self.names()]

    def paths(self) -> dict[str, str]:
        """Name to directory, for the worker processes."""
        return {n: str(r.path) for n, r in sorted(self._by_name.items())}


def _check(ruleset: RuleSet, origin: str) -> None:
    for perspective in sorted(ruleset.perspectives):
        try:
            build_program(ruleset, perspective, allow_scripts=False)
        except RuleSetError as exc:
            raise RuleSetError(
                f"rule set {ruleset.name!r} ({origin}), perspective {perspective!r}: {exc.summary}", exc.messages
            ) from None
