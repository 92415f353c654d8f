"""The limits a user can set on a case, with safe defaults (a light module: the command line's
``--help`` reads the defaults from here without importing the case models)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_MAX_MEMORY_MB",
    "DEFAULT_MAX_TASKS",
    "MAX_ACTS",
    "MAX_CONTESTED",
    "MAX_ITEMS",
    "MAX_LIST",
    "MAX_PARTIES",
    "MAX_READINGS",
    "Limits",
]

# Generous for real episodes (the bundled cases have at most 24 parties, 6 acts and 19 members of
# one organisation), small enough that the largest case the bounds allow stays within minutes.
MAX_PARTIES = 20_000
MAX_ACTS = 50_000
MAX_ITEMS = 1_000  # every other list of the case: justifications, consents, resolutions, ...
MAX_LIST = 1_000  # every list inside an object: members, actors, addressees, authorisations, ...
MAX_READINGS = 20  # the alternative readings of one contested fact
MAX_CONTESTED = 50  # contested facts in one case


@dataclass(frozen=True)
class Limits:
    """Limits on the size of a case, with safe defaults.

    Every list of a case has a bound: ``parties`` and ``acts`` their own, every other list of the
    case (``justifications``, ``consents``, ``resolutions``, ...) ``max_items``, every list inside an
    object (``members``, ``actors``, ``authorisations``, ...) ``max_list``, and the alternatives of a
    contested fact ``max_readings``; at most ``max_contested`` facts may be contested (each one
    multiplies the work of the solve). They are counted on the document, before validation.

    Args:
        max_bytes: largest case file accepted.
        max_parties: most parties accepted.
        max_acts: most acts accepted (and most acts in the outcome).
        timeout: seconds allowed for grounding and solving (None for no limit).
        max_items: most items in any other list of the case (justifications, consents, ...).
        max_list: most items in a list inside an object (members, actors, addressees, ...).
        max_contested: most contested facts.
        max_readings: most alternative readings of one contested fact.
    """

    max_bytes: int = 20_000_000
    max_parties: int = MAX_PARTIES
    max_acts: int = MAX_ACTS
    timeout: float | None = 60.0
    max_items: int = MAX_ITEMS
    max_list: int = MAX_LIST
    max_contested: int = MAX_CONTESTED
    max_readings: int = MAX_READINGS


DEFAULT_LIMITS = Limits()

# Megabytes a worker process may take on top of what it holds when it starts (``--max-memory``).
DEFAULT_MAX_MEMORY_MB = 4096
# Jobs a worker process runs before a fresh one replaces it (clingo never frees a symbol).
DEFAULT_MAX_TASKS = 200
