"""Worker processes that can be stopped: a hard time limit and a memory cap for each job.

clingo cannot be interrupted while it grounds, so a time limit that must hold
whatever the case or the rule set does needs the work to run in another
process that the parent can kill. A :class:`WorkerPool` keeps a few such
processes, hands each one job at a time, and

- kills a worker whose job runs past ``timeout`` (SIGKILL, which nothing can
  catch or delay) and starts a fresh one, answering that job with a
  time-limit error (exit status 3);
- lets each worker cap its own memory (``RLIMIT_AS``, a soft limit set to what
  the worker holds when it starts plus ``max_memory`` MB), so that a case that
  explodes ends with a memory error (exit status 3), not with a machine that
  swaps; a worker that hit its cap retires after answering;
- replaces each worker after ``max_tasks`` jobs: clingo interns every symbol
  for the life of a process, so a worker that evaluates many different cases
  grows (CLINGO-NOTES);
- answers a job whose worker died (a crash in a native library, the kernel's
  OOM killer) with an error instead of losing it or hanging.

Only JSON crosses between processes (a pickled clingo Symbol crashes the
process that unpickles it). A job is a JSON object with a ``name`` (how to
name it in messages); a handler, named as ``"module:function"``, turns a job
into a JSON object with ``status`` (``ok`` or ``error``) and ``exit_status``,
and ``error`` for a failure.

Workers are started with ``fork`` where that is safe (Linux, and the parent
runs a single thread, so that no lock can be held at the fork), else with
``forkserver`` (or ``spawn`` where there is no forkserver). Each worker
ignores SIGINT, so that Ctrl-C reaches only the parent, which stops the
workers; on Linux a worker also dies with its parent (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import contextlib
import importlib
import json
import multiprocessing as mp
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from .limits import DEFAULT_MAX_MEMORY_MB

__all__ = [
    "DEFAULT_MAX_MEMORY_MB",
    "DEFAULT_MAX_TASKS",
    "DEFAULT_WORKER_LIMITS",
    "WorkerLimits",
    "WorkerPool",
    "failure",
    "run_one",
    "start_method",
]

Job = dict[str, Any]
Result = dict[str, Any]

DEFAULT_MAX_TASKS = 200

EXIT_INTERNAL = 70
# A worker that is killed at its deadline has this long to be reaped before we stop waiting for it.
_REAP_SECONDS = 5.0


@dataclass(frozen=True)
class WorkerLimits:
    """Limits on each job a worker runs.

    Args:
        timeout: seconds a job may take, from the moment its worker receives it; None for no limit.
        max_memory: megabytes a worker may take on top of what it holds when it starts; None for no cap.
        max_tasks: jobs a worker runs before it is replaced by a fresh one.
    """

    timeout: float | None = None
    max_memory: int | None = DEFAULT_MAX_MEMORY_MB
    max_tasks: int = DEFAULT_MAX_TASKS


DEFAULT_WORKER_LIMITS = WorkerLimits()


def failure(exit_status: int, message: str, kind: str | None = None) -> Result:
    """A job's result that says it failed (``kind``: its code in :data:`normengine.errors.KINDS`)."""
    result: Result = {"status": "error", "exit_status": exit_status, "error": message}
    if kind is not None:
        result["kind"] = kind
    return result


def timeout_failure(name: str, timeout: float) -> Result:
    """The result of a job that ran past its time limit."""
    return failure(
        3,
        f"{name}: the evaluation ran past the time limit of {timeout:g} s and was stopped (raise it with --timeout)",
        "time_limit",
    )


def memory_failure(name: str, max_memory: int | None) -> Result:
    """The result of a job that ran out of memory."""
    cap = f"the limit of {max_memory:,} MB a worker" if max_memory else "the memory available"
    return failure(3, f"{name}: the evaluation ran out of memory ({cap}; raise it with --max-memory)", "memory_limit")


def start_method() -> str:
    """How to start workers from this process: ``fork`` when it is safe, else ``forkserver`` or ``spawn``."""
    methods = mp.get_all_start_methods()
    if "fork" in methods and sys.platform.startswith("linux") and _os_threads() == 1:
        return "fork"
    if "forkserver" in methods:
        return "forkserver"
    return "spawn"


def _os_threads() -> int:
    """Threads of this process as the kernel counts them (native threads included)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 2  # unknown: assume a fork would not be safe


def _resolve(ref: str) -> Callable[..., Any]:
    module, _, name = ref.partition(":")
    fn: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return fn


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - no prctl: the parent's kill still holds
        pass


def _vm_bytes() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _cap_memory(max_memory: int | None) -> None:
    if not max_memory:
        return
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return
    base = _vm_bytes() or 0
    limit = base + max_memory * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker_main(
    conn: Connection,
    handler_ref: str,
    setup_ref: str | None,
    setup_payload: bytes,
    max_memory: int | None,
) -> None:
    """The body of a worker process: set up, then answer jobs until the parent closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    message = ""
    try:
        handler = _resolve(handler_ref)
        context = _resolve(setup_ref)(setup_payload) if setup_ref else None
    except BaseException as exc:
        # The setup failed (it should not: the parent checks what it sends). Answer every job with the reason.
        message = f"internal error: the worker could not start: {type(exc).__name__}: {exc}"
        handler, context = None, None
    _cap_memory(max_memory)
    while True:
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return
        if not data:  # the parent's word to stop
            return
        retire = False
        try:
            job = json.loads(data)
            name = str(job.get("name", "<job>"))
        except ValueError:
            job, name = {}, "<job>"
        try:
            result = failure(EXIT_INTERNAL, message) if handler is None else handler(job, context)
        except MemoryError:
            result = memory_failure(name, max_memory)
            retire = True  # clingo may not have freed what it held: start afresh
        except BaseException as exc:
            result = failure(EXIT_INTERNAL, f"{name}: internal error: {type(exc).__name__}: {exc}")
        if retire:
            result["_retire"] = True  # tells the parent not to send this worker another job
        try:
            payload = json.dumps(result, ensure_ascii=False).encode("utf-8")
        except MemoryError:
            payload = json.dumps({**memory_failure(name, max_memory), "_retire": True}).encode("utf-8")
            retire = True
        except (TypeError, ValueError) as exc:
            payload = json.dumps(failure(EXIT_INTERNAL, f"{name}: internal error: result is not JSON: {exc}")).encode()
        try:
            conn.send_bytes(payload)
        except (OSError, MemoryError):
            return
        if retire:
            return


@dataclass
class _Slot:
    process: Any
    conn: Connection
    done: int = 0
    key: Any = None
    job: Job | None = None
    deadline: float | None = None
    started: float = 0.0


class WorkerPool:
    """A few worker processes answering jobs one at a time each, with per-job limits.

    Args:
        handler: the job function, ``"module:function"``, called as ``handler(job, context)``.
        workers: how many worker processes.
        limits: per-job time limit, memory cap, and jobs per worker.
        setup: a function ``"module:function"`` each worker calls once with ``setup_payload``; its
            result is the ``context`` handed to every job.
        setup_payload: bytes for ``setup`` (JSON, typically).
        method: the start method (default: :func:`start_method`).
        preload: modules a forkserver imports once, so that each worker starts fast.
    """

    def __init__(
        self,
        handler: str,
        *,
        workers: int = 1,
        limits: WorkerLimits = DEFAULT_WORKER_LIMITS,
        setup: str | None = None,
        setup_payload: bytes = b"",
        method: str | None = None,
        preload: tuple[str, ...] = ("normengine.worker", "normengine.jobs"),
    ) -> None:
        if workers < 1:
            raise ValueError("a pool needs at least one worker")
        self.handler = handler
        self.workers = workers
        self.limits = limits
        self.setup = setup
        self.setup_payload = setup_payload
        self.method = method or start_method()
        self._ctx = mp.get_context(self.method)
        if self.method == "forkserver":
            modules = sorted({*preload, handler.partition(":")[0], *([setup.partition(":")[0]] if setup else [])})
            self._ctx.set_forkserver_preload(modules)
        self._slots: list[_Slot] = []
        self.started_workers = 0
        self.killed_workers = 0

    def _start(self) -> _Slot:
        parent_conn, child_conn = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(  # type: ignore[attr-defined]
            target=_worker_main,
            args=(child_conn, self.handler, self.setup, self.setup_payload, self.limits.max_memory),
            daemon=True,
            name="normengine-worker",
        )
        process.start()
        child_conn.close()
        self.started_workers += 1
        return _Slot(process, parent_conn)

    def _stop(self, slot: _Slot, *, kill: bool) -> None:
        if not kill:
            # An idle worker stops when told to. (Closing our end of the pipe is not enough: a worker
            # forked later holds a copy of it, so the first one would never see the end of the pipe.)
            with contextlib.suppress(OSError):
                slot.conn.send_bytes(b"")
            slot.process.join(_REAP_SECONDS)
            kill = slot.process.is_alive()
        with contextlib.suppress(OSError):
            slot.conn.close()
        if kill and slot.process.is_alive():
            slot.process.kill()
            self.killed_workers += 1
        slot.process.join(_REAP_SECONDS)
        if slot.process.is_alive():  # pragma: no cover - a worker that ignores the closed pipe
            slot.process.kill()
            slot.process.join(_REAP_SECONDS)

    def close(self) -> None:
        """Stop every worker: tell idle ones to stop, kill those still at work."""
        for slot in self._slots:
            self._stop(slot, kill=slot.job is not None)
        self._slots = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(
        self, jobs: Iterable[tuple[Any, Job]], *, tick: Callable[[], None] | None = None
    ) -> Iterator[tuple[Any, Result]]:
        """Run jobs; yield ``(key, result)`` for each as it completes (not in input order).

        Every job gets exactly one result: its handler's, or a failure for a job that ran past
        the time limit, ran out of memory, or whose worker died. Closing the iterator early (or
        an exception such as KeyboardInterrupt) stops every worker.

        Args:
            jobs: ``(key, job)`` pairs.
            tick: called at least every half second while the pool waits (to refresh a progress display).
        """
        queue: deque[tuple[Any, Job]] = deque(jobs)
        try:
            while queue or any(s.job is not None for s in self._slots):
                self._fill(queue)
                yield from self._collect(0.5 if tick else None)
                if tick:
                    tick()
        finally:
            self.close()

    def _fill(self, queue: deque[tuple[Any, Job]]) -> None:
        while queue:
            slot = next((s for s in self._slots if s.job is None), None)
            if slot is None:
                if len(self._slots) >= self.workers:
                    return
                slot = self._start()
                self._slots.append(slot)
            key, job = queue.popleft()
            slot.key, slot.job = key, job
            slot.started = time.monotonic()
            slot.deadline = None if self.limits.timeout is None else slot.started + self.limits.timeout
            try:
                slot.conn.send_bytes(json.dumps(job, ensure_ascii=False).encode("utf-8"))
            except OSError:
                # The worker is gone (it retired or died while idle): start another and try again.
                queue.appendleft((key, job))
                slot.job = None
                self._replace(slot, kill=True)

    def _replace(self, slot: _Slot, *, kill: bool) -> None:
        self._stop(slot, kill=kill)
        self._slots.remove(slot)

    def _collect(self, most: float | None) -> Iterator[tuple[Any, Result]]:
        busy = [s for s in self._slots if s.job is not None]
        if not busy:
            return
        deadlines = [s.deadline for s in busy if s.deadline is not None]
        wait_for = None if not deadlines else max(0.0, min(deadlines) - time.monotonic())
        if most is not None:
            wait_for = most if wait_for is None else min(wait_for, most)
        ready = wait([s.conn for s in busy], timeout=wait_for)
        now = time.monotonic()
        for slot in busy:
            assert slot.job is not None
            name = str(slot.job.get("name", "<job>"))
            if slot.conn in ready:
                try:
                    result: Result = json.loads(slot.conn.recv_bytes())
                except (EOFError, OSError):
                    result = self._death(slot, name)
                    self._replace(slot, kill=True)
                    yield slot.key, result
                    continue
                except ValueError as exc:
                    result = failure(EXIT_INTERNAL, f"{name}: internal error: the worker's answer is not JSON: {exc}")
                key = slot.key
                slot.done += 1
                slot.job, slot.key, slot.deadline = None, None, None
                if result.pop("_retire", False) or slot.done >= self.limits.max_tasks:
                    self._replace(slot, kill=False)
                yield key, result
            elif slot.deadline is not None and now >= slot.deadline:
                key = slot.key
                self._replace(slot, kill=True)
                assert self.limits.timeout is not None
                yield key, timeout_failure(name, self.limits.timeout)

    def _death(self, slot: _Slot, name: str) -> Result:
        slot.process.join(_REAP_SECONDS)
        code = slot.process.exitcode
        if code is not None and code < 0:
            try:
                how = signal.Signals(-code).name
            except ValueError:
                how = f"signal {-code}"
        else:
            how = f"exit status {code}"
        if self.limits.max_memory and code in (-signal.SIGKILL, -signal.SIGABRT, -signal.SIGSEGV, -signal.SIGBUS):
            # At the memory cap a native library may abort instead of raising; the OOM killer sends SIGKILL.
            return failure(
                3,
                f"{name}: the worker evaluating it stopped ({how}), most likely at the limit of "
                f"{self.limits.max_memory:,} MB a worker (raise it with --max-memory)",
            )
        return failure(
            EXIT_INTERNAL,
            f"{name}: internal error: the worker evaluating it stopped ({how}); "
            "this is a bug in normengine, please report it",
        )


def run_one(
    handler: str,
    job: Job,
    limits: WorkerLimits,
    *,
    setup: str | None = None,
    setup_payload: bytes = b"",
) -> Result:
    """Run one job in a fresh worker process, with the given limits; return its result."""
    with WorkerPool(handler, workers=1, limits=limits, setup=setup, setup_payload=setup_payload) as pool:
        for _key, result in pool.run([(0, job)]):
            return result
    raise AssertionError("unreachable: the pool answers every job")  # pragma: no cover
