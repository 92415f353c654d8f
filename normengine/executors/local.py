"""The local executor: a pool of worker processes on this machine (:class:`normengine.worker.WorkerPool`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..worker import WorkerPool
from . import ExecutorSettings, Results

__all__ = ["run_local"]


def run_local(jobs: Iterable[tuple[int, dict[str, Any]]], settings: ExecutorSettings) -> Results:
    """Evaluate the jobs on ``settings.workers`` local worker processes; yield results as they complete."""
    pool = WorkerPool(
        "normengine.jobs:batch_case",
        workers=settings.workers,
        limits=settings.limits,
        setup="normengine.jobs:batch_setup",
        setup_payload=settings.payload,
    )
    with pool:
        yield from pool.run(jobs, tick=settings.tick)
