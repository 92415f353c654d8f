"""The service's workers: the process core of :mod:`normengine.worker`, scheduled from asyncio.

The workers are :class:`normengine.worker.Worker` processes, as for the command line and
batch: the same protocol (JSON jobs and results), the same memory cap (``RLIMIT_AS``,
``--max-memory``), recycling after ``max_tasks`` requests (clingo never frees a symbol),
and the same account of why a worker died. What the service adds is the scheduling:

- a new worker parses the rule sets (:func:`normengine.server.worker.setup`) before it
  counts as idle, so its start-up is not charged to anyone's time limit;
- a request waits for an idle worker up to the time limit, then gets 503 (:class:`Busy`);
- a worker taken from the idle queue is checked to be alive: one that died while idle
  (killed from outside) is replaced and never handed a request;
- a request that runs past the time limit has its worker killed (SIGKILL) and replaced
  (:class:`TimeLimit`); a worker killed from outside during a request is replaced and the
  request run once more on another worker, and then is 503 (``worker_killed``); any
  other death is :class:`WorkerDied` (500).

Workers are started with ``forkserver`` (the server has threads, and a fork of a
threaded process is unsafe), which imports the engine once, so that a replacement starts fast.
"""

from __future__ import annotations

import asyncio
import json
import logging
import multiprocessing
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from ..errors import kind_of
from ..limits import DEFAULT_MAX_MEMORY_MB
from ..worker import Worker

__all__ = ["Busy", "PoolStats", "TimeLimit", "WorkerDied", "WorkerPool"]

log = logging.getLogger("normengine.serve")

_START_TIMEOUT = 120.0
_HANDLER = "normengine.server.worker:handle_job"
_SETUP = "normengine.server.worker:setup"


class TimeLimit(Exception):
    """The request ran past the time limit; its worker was killed."""


class Busy(Exception):
    """No worker became free in time."""


class WorkerDied(Exception):
    """The worker stopped before it answered.

    Args:
        message: why (the process core's account of the death).
        kind: its kind in :data:`normengine.errors.KINDS` (``worker_killed``, ``memory_limit``, ``internal``).
    """

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class PoolStats:
    """What the pool has done since it started."""

    started: int = 0
    killed_at_time_limit: int = 0
    recycled: int = 0
    died: int = 0
    served: int = 0


class WorkerPool:
    """A pool of evaluation processes for the service.

    Args:
        paths: rule-set name to directory (what the workers may load).
        size: how many worker processes.
        timeout: seconds a request may run before its worker is killed.
        max_tasks: requests a worker answers before it is replaced.
        max_memory: megabytes a worker may take beyond what it holds when ready (None for no cap).
    """

    def __init__(
        self,
        paths: dict[str, str],
        *,
        size: int,
        timeout: float,
        max_tasks: int,
        max_memory: int | None = DEFAULT_MAX_MEMORY_MB,
    ) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        self.paths = dict(paths)
        self.size = size
        self.timeout = timeout
        self.max_tasks = max_tasks
        self.max_memory = max_memory
        self.stats = PoolStats()
        methods = multiprocessing.get_all_start_methods()
        self._ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if "forkserver" in methods:
            self._ctx.set_forkserver_preload(["normengine.worker", "normengine.server.worker", "normengine.engine"])
        self._payload = json.dumps(self.paths).encode("utf-8")
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._all: set[Worker] = set()
        self._threads = ThreadPoolExecutor(max_workers=2 * size + 2, thread_name_prefix="normengine-pool")
        self._closing = False
        self._spawning: set[asyncio.Task[None]] = set()

    @property
    def idle(self) -> int:
        """Workers waiting for a request."""
        return self._idle.qsize()

    @property
    def alive(self) -> int:
        """Worker processes running (busy, idle or starting)."""
        return sum(1 for w in self._all if w.alive)

    async def start(self) -> None:
        """Start every worker and wait until each is ready.

        Raises:
            RuntimeError: a worker did not start.
        """
        await asyncio.gather(*(self._spawn() for _ in range(self.size)))

    async def _spawn(self) -> None:
        loop = asyncio.get_running_loop()
        w = await loop.run_in_executor(
            self._threads, Worker, self._ctx, _HANDLER, _SETUP, self._payload, self.max_memory
        )
        self._all.add(w)
        self.stats.started += 1
        if not await loop.run_in_executor(self._threads, w.wait_ready, _START_TIMEOUT):
            self._kill(w)
            raise RuntimeError(f"a worker process did not start (exit code {w.process.exitcode})")
        if self._closing:
            self._kill(w)
            return
        self._idle.put_nowait(w)

    def _replace(self) -> None:
        """Start a replacement worker in the background."""
        if self._closing:
            return

        async def spawn() -> None:
            try:
                await self._spawn()
            except Exception:
                log.exception("could not start a replacement worker")

        task = asyncio.get_running_loop().create_task(spawn())
        self._spawning.add(task)
        task.add_done_callback(self._spawning.discard)

    def _kill(self, w: Worker) -> None:
        self._all.discard(w)
        w.kill()

    def _retire(self, w: Worker) -> None:
        """Let a worker finish (it is told to stop; killed if it does not)."""
        self._all.discard(w)
        w.stop()

    async def _take(self) -> Worker:
        """An idle, live worker; a worker that died while idle is replaced, never handed out.

        Raises:
            Busy: none became free within the time limit.
        """
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                w = await asyncio.wait_for(self._idle.get(), timeout=max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                raise Busy() from None
            if w.alive:
                return w
            log.warning("worker %d died while idle (exit code %s): replaced", w.pid, w.process.exitcode)
            self.stats.died += 1
            self._kill(w)
            self._replace()

    async def run(self, request: dict[str, Any]) -> tuple[int, bytes]:
        """Send a request to a worker; return its (HTTP status, JSON body).

        Raises:
            Busy: no worker became free within the time limit.
            TimeLimit: the request ran past the time limit (its worker was killed and replaced).
            WorkerDied: the worker stopped without answering (it was replaced), twice if killed from outside.
        """
        for attempt in (0, 1):
            try:
                return await self._run_once(request)
            except WorkerDied as exc:
                if exc.kind != "worker_killed" or attempt == 1:
                    raise
                log.warning("running the request again on another worker")
        raise AssertionError("unreachable")  # pragma: no cover

    async def _run_once(self, request: dict[str, Any]) -> tuple[int, bytes]:
        w = await self._take()
        loop = asyncio.get_running_loop()
        started = time.monotonic()
        if not w.send({**request, "name": "<body>", "timeout": None}):
            raise self._died(w)
        ready = await loop.run_in_executor(self._threads, w.conn.poll, self.timeout)
        if not ready:
            log.warning(
                "worker %d ran past the time limit of %g s (%.1f s): killed",
                w.pid,
                self.timeout,
                time.monotonic() - started,
            )
            self.stats.killed_at_time_limit += 1
            self._kill(w)
            self._replace()
            raise TimeLimit()
        result = await loop.run_in_executor(self._threads, w.receive)
        if result is None:
            raise self._died(w)
        self.stats.served += 1
        if result.pop("_retire", False) or w.done >= self.max_tasks:
            self.stats.recycled += 1
            await loop.run_in_executor(self._threads, self._retire, w)
            self._replace()
        else:
            self._idle.put_nowait(w)
        if result.get("status") == "ok":
            return int(result["http_status"]), str(result["body"]).encode("utf-8")
        # The core's own failures (the memory cap): the error body, with the status of its kind.
        kind = kind_of(result.get("kind"))
        from .worker import error_body

        body = json.dumps(error_body(kind.code, str(result.get("error", ""))), ensure_ascii=False)
        return kind.http_status, body.encode("utf-8")

    def _died(self, w: Worker) -> WorkerDied:
        account = w.death("the request")
        log.error("worker %d stopped without answering: %s; replaced", w.pid, account["error"])
        self.stats.died += 1
        self._kill(w)
        self._replace()
        return WorkerDied(str(account["error"]), str(account.get("kind", "internal")))

    async def close(self) -> None:
        """Stop every worker."""
        self._closing = True
        for task in list(self._spawning):
            task.cancel()
        for w in list(self._all):
            self._kill(w)
        self._threads.shutdown(wait=False, cancel_futures=True)

    def pids(self) -> list[int]:
        """The process ids of the live workers (for tests and operators)."""
        return sorted(w.pid for w in self._all if w.alive)
