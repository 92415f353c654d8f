"""``normengine af solve``: the abstract-argumentation solver (:mod:`normengine.af.cli`).

It runs in the main process and keeps its own time limit (a watchdog that ends the
process at the limit), and imports nothing of the legal engine.
"""

from __future__ import annotations

from typing import Any

__all__ = ["add_parser"]


def add_parser(sub: Any) -> None:
    """Register ``af`` (its parser lives with the solver, which also runs on its own)."""
    from ..af.cli import add_parser as add_af

    add_af(sub)
