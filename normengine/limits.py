"""The limits a user can set on a case, with safe defaults (a light module: the command line's
``--help`` reads the defaults from here without importing the case models)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_LIMITS", "DEFAULT_MAX_MEMORY_MB", "DEFAULT_MAX_TASKS", "Limits"]


@dataclass(frozen=True)
class Limits:
    """Limits on the size of a case, with safe defaults.

    Args:
        max_bytes: largest case file accepted.
        max_parties: most parties accepted.
        max_acts: most acts accepted.
        timeout: seconds allowed for grounding and solving (None for no limit).
    """

    max_bytes: int = 20_000_000
    max_parties: int = 20_000
    max_acts: int = 50_000
    timeout: float | None = 60.0


DEFAULT_LIMITS = Limits()

# Megabytes a worker process may take on top of what it holds when it starts (``--max-memory``).
DEFAULT_MAX_MEMORY_MB = 4096
# Jobs a worker process runs before a fresh one replaces it (clingo never frees a symbol).
DEFAULT_MAX_TASKS = 200
