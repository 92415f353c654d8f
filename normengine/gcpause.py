"""Python's cyclic garbage collector, paused while an evaluation builds its objects.

An evaluation allocates hundreds of thousands of small objects that live until the report is built (the
atoms as plain terms, their indexes, the derivations, the report's models) and makes almost no reference
cycles (a few thousand objects for a case of 2,000 acts). Each of the collector's full passes walks every
live object, so while an evaluation runs they cost about 15 % of its time without explanations and 30 %
with them (``bench/scale.py`` at 2,000 acts), and reclaim almost nothing. :func:`collector_paused` turns
the collector off for the duration and back on afterwards (if it was on), when it reclaims what the
evaluation left. Reference counting frees everything else as usual, so the memory used does not change
(measured: the same peak at 2,000 acts).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]

_LOCK = threading.Lock()
_DEPTH = 0  # evaluations running with the collector paused (threads of a server, nested calls)
_RESUME = False  # whether the collector was on when the first of them began


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with the cyclic garbage collector off; the last body to end turns it back on (if it was)."""
    global _DEPTH, _RESUME
    with _LOCK:
        if _DEPTH == 0:
            _RESUME = gc.isenabled()
            gc.disable()
        _DEPTH += 1
    try:
        yield
    finally:
        with _LOCK:
            _DEPTH -= 1
            if _DEPTH == 0 and _RESUME:
                gc.enable()
