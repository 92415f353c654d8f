"""Where the cases of a batch are evaluated: worker processes on this machine, or a Ray cluster.

An executor takes the batch's jobs (``(index, job)`` pairs; a job names a case and holds
its path or its bytes) and yields ``(index, result)`` pairs as the results come in, in
any order; :mod:`normengine.batch` puts them in order and writes them. Whatever the
executor, every job gets exactly one result, and the same case gives the same result:
each case is evaluated by :func:`normengine.jobs.batch_case` in a worker process that is
killed at the time limit, caps its memory, and is recycled (:mod:`normengine.worker`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import NormengineError
from ..worker import WorkerLimits

__all__ = ["ExecutorError", "ExecutorSettings", "Tick"]


class ExecutorError(NormengineError):
    """An executor that cannot start: Ray missing, a cluster out of reach (exit status 2)."""


Tick = Callable[[], None]


@dataclass(frozen=True)
class ExecutorSettings:
    """What every executor needs.

    Args:
        payload: the prepared rule program (:func:`normengine.jobs.prepare_batch`), as JSON bytes.
        limits: per-case time limit, memory cap and cases per worker.
        workers: worker processes (local executor).
        address: the Ray cluster's address (Ray executor; None starts a local Ray instance).
        tick: called about twice a second while waiting, to refresh a progress display.
    """

    payload: bytes
    limits: WorkerLimits
    workers: int = 1
    address: str | None = None
    tick: Tick | None = None


Results = Iterator[tuple[int, dict[str, Any]]]
