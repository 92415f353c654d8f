"""The Ray executor: the same batch on a Ray cluster (``pip install 'normengine[cluster]'``).

The driver (the machine that runs ``normengine batch``) reads every case file
and sends its bytes, so that the cluster's nodes need normengine installed but
not the case files; it also sends the rule program it parsed once
(:func:`normengine.jobs.prepare_batch`), so the nodes need no rule files
either. Cases travel in chunks: one Ray task evaluates a chunk with the very
machinery the local executor uses (:class:`normengine.worker.WorkerPool`, one
worker process per task), so that on a node too each case is killed at the
time limit, capped in memory and recycled. The results come back to the
driver, which writes them in order (:mod:`normengine.batch`): output, resume
and error lines are the same as with the local executor.

A task that fails as a whole (a node lost, a worker of Ray's own killed) is
retried by Ray; if it still fails, each case of its chunk gets an error line
with exit status 70.
"""

from __future__ import annotations

import base64
import contextlib
import math
from pathlib import Path
from typing import Any

from ..errors import NormengineError
from ..worker import EXIT_INTERNAL, failure
from . import ExecutorError, ExecutorSettings, Results

__all__ = ["evaluate_chunk", "import_ray", "run_ray"]

# Cases per Ray task: large enough that a task's fixed cost (a worker process, the program) is shared.
CHUNK = 16


def import_ray() -> Any:
    """Import Ray, or say how to install it."""
    try:
        import ray
    except ImportError:
        raise ExecutorError(
            "--executor ray needs Ray, which is not installed: pip install 'normengine[cluster]'"
        ) from None
    return ray


def evaluate_chunk(payload: bytes, jobs: list[tuple[int, dict[str, Any]]], limits: dict[str, Any]) -> list[Any]:
    """The body of one Ray task: evaluate a chunk of cases in a local worker pool on the node."""
    from ..worker import WorkerLimits, WorkerPool

    pool = WorkerPool(
        "normengine.jobs:batch_case",
        workers=1,
        limits=WorkerLimits(**limits),
        setup="normengine.jobs:batch_setup",
        setup_payload=payload,
    )
    with pool:
        return [[key, result] for key, result in pool.run(jobs)]


def run_ray(cases: list[tuple[int, str, Path]], settings: ExecutorSettings) -> Results:
    """Evaluate cases on a Ray cluster; yield ``(index, result)`` as chunks complete.

    Args:
        cases: ``(index, name, path)`` for each case.
        settings: the prepared program, the limits, the cluster's address.
    """
    ray = import_ray()
    from ..loader import read_case_file

    started = False
    if not ray.is_initialized():
        try:
            ray.init(
                address=settings.address,
                include_dashboard=False,
                log_to_driver=False,
                logging_level="ERROR",
            )
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = settings.address or "a local Ray instance"
            raise ExecutorError(f"cannot start or reach {where}: {exc}") from None
        started = True
    limits = {
        "timeout": settings.limits.timeout,
        "max_memory": settings.limits.max_memory,
        "max_tasks": settings.limits.max_tasks,
    }
    remote = ray.remote(num_cpus=1, max_retries=2)(evaluate_chunk)
    payload_ref = ray.put(settings.payload)
    size_limits = settings_limits(settings)
    capacity = max(1, math.floor(ray.cluster_resources().get("CPU", 1)) * 2)
    remaining = iter(cases)
    in_flight: dict[Any, list[int]] = {}
    exhausted = False
    try:
        while not exhausted or in_flight:
            # Read and send chunks while the cluster has room; a file that cannot be read is answered here.
            while not exhausted and len(in_flight) < capacity:
                chunk: list[tuple[int, dict[str, Any]]] = []
                for index, name, path in remaining:
                    try:
                        data = read_case_file(path, size_limits, name)
                    except NormengineError as exc:
                        yield index, failure(exc.exit_status, str(exc))
                        continue
                    chunk.append((index, {"name": name, "data": base64.b64encode(data).decode("ascii")}))
                    if len(chunk) >= CHUNK:
                        break
                else:
                    exhausted = True
                if chunk:
                    in_flight[remote.remote(payload_ref, chunk, limits)] = [i for i, _job in chunk]
            if not in_flight:
                continue
            done, _ = ray.wait(list(in_flight), num_returns=1, timeout=0.5)
            if settings.tick:
                settings.tick()
            for ref in done:
                indices = in_flight.pop(ref)
                try:
                    answers = ray.get(ref)
                except Exception as exc:  # a task that failed as a whole, after Ray's retries
                    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                    message = f"internal error: the Ray task evaluating it failed: {text}"
                    for index in indices:
                        yield index, failure(EXIT_INTERNAL, message)
                    continue
                for key, result in answers:
                    yield int(key), result
    finally:
        for ref in in_flight:
            with contextlib.suppress(Exception):
                ray.cancel(ref, force=True)
        if started:
            with contextlib.suppress(Exception):
                ray.shutdown()


def settings_limits(settings: ExecutorSettings) -> Any:
    """The size limits the prepared program was made with (read back from its payload)."""
    import json

    from ..loader import Limits

    raw = json.loads(settings.payload)["limits"]
    return Limits(max_bytes=raw["max_bytes"], max_parties=raw["max_parties"], max_acts=raw["max_acts"], timeout=None)
