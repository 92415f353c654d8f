"""Worker processes for the service: a hard time limit and recycling.

clingo cannot interrupt grounding, so the only hard time limit is a process that can be
killed; and clingo never frees a symbol, so a process that evaluates many cases grows. The
pool keeps ``size`` worker processes (started with ``spawn``: the server has threads, and a
forked copy of them is unsafe). A request waits for an idle worker, is sent to it as JSON
text, and its answer is read back as text. A worker that runs past the time limit is killed
(SIGKILL) and replaced; a worker that has answered ``max_tasks`` requests is retired and
replaced; a worker that dies is replaced. A new worker parses the rule sets before it
counts as idle, so its start-up is not charged to anyone's time limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import multiprocessing
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from . import worker as worker_module

__all__ = ["Busy", "PoolStats", "TimeLimit", "WorkerDied", "WorkerPool"]

log = logging.getLogger("normengine.serve")

_START_TIMEOUT = 120.0


class TimeLimit(Exception):
    """The request ran past the time limit; its worker was killed."""


class Busy(Exception):
    """No worker became free in time."""


class WorkerDied(Exception):
    """The worker stopped before it answered."""


@dataclass
class PoolStats:
    """What the pool has done since it started."""

    started: int = 0
    killed_at_time_limit: int = 0
    recycled: int = 0
    died: int = 0
    served: int = 0


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    tasks: int = 0
    pid: int = field(default=0)


class WorkerPool:
    """A pool of evaluation processes.

    Args:
        paths: rule-set name to directory (what the workers may load).
        size: how many worker processes.
        timeout: seconds a request may run before its worker is killed.
        max_tasks: requests a worker answers before it is replaced.
    """

    def __init__(self, paths: dict[str, str], *, size: int, timeout: float, max_tasks: int) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        self.paths = dict(paths)
        self.size = size
        self.timeout = timeout
        self.max_tasks = max_tasks
        self.stats = PoolStats()
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
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
        return sum(1 for w in self._all if w.process.is_alive())

    async def start(self) -> None:
        """Start every worker and wait until each is ready.

        Raises:
            RuntimeError: a worker did not start.
        """
        await asyncio.gather(*(self._spawn() for _ in range(self.size)))

    async def _spawn(self) -> None:
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(
            target=worker_module.main, args=(child, self.paths), name="normengine-worker", daemon=True
        )
        process.start()
        child.close()
        w = _Worker(process, parent, pid=process.pid or 0)
        self._all.add(w)
        self.stats.started += 1
        loop = asyncio.get_running_loop()
        ready = await loop.run_in_executor(self._threads, parent.poll, _START_TIMEOUT)
        message = b""
        if ready:
            with contextlib.suppress(EOFError, OSError):
                message = await loop.run_in_executor(self._threads, parent.recv_bytes)
        if message != b"ready":
            self._kill(w)
            raise RuntimeError(f"a worker process did not start (exit code {process.exitcode})")
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

    def _kill(self, w: _Worker) -> None:
        self._all.discard(w)
        with contextlib.suppress(OSError):
            w.conn.close()
        if w.process.is_alive() and w.process.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(w.process.pid, signal.SIGKILL)
        w.process.join(timeout=5)

    def _retire(self, w: _Worker) -> None:
        """Let a worker finish: closing its pipe ends its loop."""
        self._all.discard(w)
        with contextlib.suppress(OSError):
            w.conn.close()
        w.process.join(timeout=5)
        if w.process.is_alive():
            self._kill(w)

    async def run(self, request: dict[str, Any]) -> tuple[int, bytes]:
        """Send a request to a worker; return its (HTTP status, JSON body).

        Raises:
            Busy: no worker became free within the time limit.
            TimeLimit: the request ran past the time limit (its worker was killed and replaced).
            WorkerDied: the worker stopped without answering (it was replaced).
        """
        try:
            w = await asyncio.wait_for(self._idle.get(), timeout=self.timeout)
        except TimeoutError:
            raise Busy() from None
        loop = asyncio.get_running_loop()
        started = time.monotonic()
        try:
            w.conn.send_bytes(json.dumps({**request, "timeout": self.timeout}).encode("utf-8"))
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
            data = await loop.run_in_executor(self._threads, w.conn.recv_bytes)
        except (EOFError, OSError, BrokenPipeError):
            code = w.process.exitcode
            log.error("worker %d stopped without answering (exit code %s): replaced", w.pid, code)
            self.stats.died += 1
            self._kill(w)
            self._replace()
            raise WorkerDied(f"the worker process stopped (exit code {code})") from None
        w.tasks += 1
        self.stats.served += 1
        if w.tasks >= self.max_tasks:
            self.stats.recycled += 1
            await loop.run_in_executor(self._threads, self._retire, w)
            self._replace()
        else:
            self._idle.put_nowait(w)
        head, _, body = data.partition(b"\n")
        return int(head), body

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
        return sorted(w.pid for w in self._all if w.process.is_alive())
