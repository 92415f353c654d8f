"""The process core: worker processes with a hard time limit, a memory cap and recycling.

One core serves every place that evaluates: the command line (each command that
evaluates runs in a worker: :mod:`normengine.commands.dispatch`), ``batch`` on this
machine (:mod:`normengine.executors.local`) and on each node of a Ray cluster
(:mod:`normengine.executors.ray`), and the HTTP service (:mod:`normengine.server.pool`,
which schedules the same :class:`Worker` objects from asyncio). One protocol: a job is a
JSON object with a ``name`` (how to name it in messages); a handler, named
``"module:function"``, turns it into a JSON result with ``status`` (``ok`` or ``error``),
``exit_status``, and for a failure ``error`` (the message) and ``kind`` (its row in
:data:`normengine.errors.KINDS`, which gives the HTTP status too). Only JSON crosses
between processes (a pickled clingo Symbol crashes the process that unpickles it).

- clingo cannot be interrupted while it grounds, so a job that runs past ``timeout``
  has its worker killed (SIGKILL, which nothing can catch or delay) and a fresh one
  started: the job gets a time-limit error (exit status 3, kind ``time_limit``). The
  limit runs from the moment the worker is set up and has the job (a worker's start-up,
  which grows with the machine's load, is nobody's evaluation).
- each worker caps its own memory (``RLIMIT_AS``: what it holds when it starts, plus
  ``max_memory`` MB), so that a case that explodes ends with a memory error (exit
  status 3, kind ``memory_limit``), not with a machine that swaps; a worker that hit its
  cap retires after answering.
- a worker is replaced after ``max_tasks`` jobs: clingo interns every symbol for the
  life of a process and never frees it, so a worker that evaluates many different
  cases grows (CLINGO-NOTES).
- the causes of a worker's death are told apart (:meth:`Worker.death`): killed by us at
  the time limit; stopped by a signal from outside (SIGKILL, SIGTERM, SIGHUP: an
  operator, a cluster manager, the system's OOM killer), which is not the job's fault,
  so the job is run again (``retries`` times, then kind ``worker_killed``, which a
  resumed batch runs again); a native abort or fault at the memory cap (kind
  ``memory_limit``); any other death is a bug (exit status 70).

Why not a library: pebble's ``ProcessPool`` has per-task timeouts, ``max_tasks`` and an
initializer (which could set ``RLIMIT_AS``), and loky reuses executors; but neither tells
a worker that hit its memory cap to retire after answering, neither gives the service
what it needs (wait for an *idle*, live, warmed-up worker with a deadline, else 503,
without queueing the request behind a busy one), pebble runs management threads in the
parent (which makes ``fork`` unsafe, and fork is what makes a command's worker cheap),
and both pickle. The core is about 300 lines and is tested on its own (tests/test_worker.py).

Workers are started with ``fork`` where that is safe (Linux, and the parent runs a
single thread, so that no lock can be held at the fork), else with ``forkserver`` (or
``spawn`` where there is no forkserver). Each worker ignores SIGINT, so that Ctrl-C
reaches only the parent, which stops the workers; on Linux a worker also dies with its
parent (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import contextlib
import gc
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

from .limits import DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_TASKS

__all__ = [
    "DEFAULT_MAX_MEMORY_MB",
    "DEFAULT_MAX_TASKS",
    "DEFAULT_WORKER_LIMITS",
    "Worker",
    "WorkerLimits",
    "WorkerPool",
    "failure",
    "memory_failure",
    "run_one",
    "start_method",
    "timeout_failure",
]

Job = dict[str, Any]
Result = dict[str, Any]


EXIT_INTERNAL = 70
# A worker has this long to set up (import its handler, run its setup) before it is deemed broken;
# its set-up is not charged to a job's time limit (which starts when the worker says it is ready).
_START_SECONDS = 120.0
# A worker that is killed at its deadline has this long to be reaped before we stop waiting for it.
_REAP_SECONDS = 5.0


@dataclass(frozen=True)
class WorkerLimits:
    """Limits on each job a worker runs.

    Args:
        timeout: seconds a job may take, from the moment its worker receives it; None for no limit.
        max_memory: megabytes a worker may take on top of what it holds when it starts; None for no cap.
        max_tasks: jobs a worker runs before it is replaced by a fresh one.
        retries: times a job whose worker was killed from outside is run again on a fresh worker.
    """

    timeout: float | None = None
    max_memory: int | None = DEFAULT_MAX_MEMORY_MB
    max_tasks: int = DEFAULT_MAX_TASKS
    retries: int = 1


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


# The worker's first message: it has set up (and capped its memory) and takes jobs.
READY = b"ready"

# Signals that mean "stopped from outside", not by a limit of ours nor by a bug of the job's.
_OUTSIDE = (signal.SIGKILL, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)
# Signals a native library may die of at the memory cap (an abort on a failed allocation, or a fault).
_NATIVE = (signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS)
# The exit status of glibc's dynamic loader when it cannot allocate (a new thread's TLS: "cannot allocate
# memory for thread-local data: ABORT"), which clingo's threads meet at the memory cap.
_LOADER_OUT_OF_MEMORY = 127


def _worker_main(
    conn: Connection,
    handler_ref: str,
    setup_ref: str | None,
    setup_payload: bytes,
    max_memory: int | None,
) -> None:
    """The body of a worker process: set up, say ``ready``, then answer jobs until the parent says stop."""
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
    try:
        conn.send_bytes(READY)
    except OSError:
        return
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
            result = failure(EXIT_INTERNAL, message, "internal") if handler is None else handler(job, context)
        except MemoryError:
            result = memory_failure(name, max_memory)
            retire = True  # clingo may not have freed what it held: start afresh
        except BaseException as exc:
            result = failure(EXIT_INTERNAL, f"{name}: internal error: {type(exc).__name__}: {exc}", "internal")
        if retire:
            result["_retire"] = True  # tells the parent not to send this worker another job
        try:
            payload = json.dumps(result, ensure_ascii=False).encode("utf-8")
        except MemoryError:
            payload = json.dumps({**memory_failure(name, max_memory), "_retire": True}).encode("utf-8")
            retire = True
        except (TypeError, ValueError) as exc:
            bad = failure(EXIT_INTERNAL, f"{name}: internal error: result is not JSON: {exc}", "internal")
            payload = json.dumps(bad).encode()
        try:
            conn.send_bytes(payload)
        except (OSError, MemoryError):
            return
        if retire:
            return


class Worker:
    """One worker process and the pipe to it: the protocol every pool speaks.

    Args:
        ctx: the multiprocessing context (its start method).
        handler: the job function, ``"module:function"``.
        setup: a function ``"module:function"`` called once with ``setup_payload``; its result is every job's context.
        setup_payload: bytes for ``setup``.
        max_memory: the memory cap in MB beyond what the worker holds when set up (None for none).
    """

    def __init__(self, ctx: Any, handler: str, setup: str | None, setup_payload: bytes, max_memory: int | None) -> None:
        parent_conn, child_conn = ctx.Pipe(duplex=True)
        self.process = ctx.Process(
            target=_worker_main,
            args=(child_conn, handler, setup, setup_payload, max_memory),
            daemon=True,
            name="normengine-worker",
        )
        forked = ctx.get_start_method() == "fork"
        if forked:
            # A forked worker shares the parent's memory page by page until it writes to a page, and its
            # garbage collector writes to every object it walks: left alone, the worker's first full
            # collection copies the whole inherited heap (in a large parent, such as a test process or a
            # long batch, that doubled a command's CPU time). Frozen objects are left out of those walks;
            # the parent unfreezes its own at once, so that its collections go on as before.
            gc.freeze()
        try:
            self.process.start()
        finally:
            if forked:
                gc.unfreeze()
        child_conn.close()
        self.conn: Connection = parent_conn
        self.pid: int = self.process.pid or 0
        self.max_memory = max_memory
        self.done = 0
        self.ready = False
        self.killed = False  # by us (at the time limit, or when stopping)

    @property
    def alive(self) -> bool:
        """The process is running (a dead idle worker must never be handed a job)."""
        return bool(self.process.is_alive())

    def wait_ready(self, timeout: float | None) -> bool:
        """Wait until the worker has set up; False if it died or took longer than ``timeout``."""
        if self.ready:
            return True
        try:
            if not self.conn.poll(timeout):
                return False
            self.ready = self.conn.recv_bytes() == READY
        except (EOFError, OSError):
            return False
        return self.ready

    def send(self, job: Job) -> bool:
        """Send a job; False if the worker is gone (nothing ran: the job can go to another worker)."""
        if not self.process.is_alive():
            return False
        try:
            self.conn.send_bytes(json.dumps(job, ensure_ascii=False).encode("utf-8"))
        except OSError:
            return False
        return True

    def receive(self) -> Result | None:
        """The answer to the job sent (call when the pipe is readable); None if the worker died."""
        try:
            data = self.conn.recv_bytes()
            if data == READY and not self.ready:
                self.ready = True
                if not self.conn.poll(0):
                    return {"_ready": True}
                data = self.conn.recv_bytes()
        except (EOFError, OSError):
            return None
        self.done += 1
        try:
            result: Result = json.loads(data)
        except ValueError as exc:
            return failure(EXIT_INTERNAL, f"internal error: the worker's answer is not JSON: {exc}", "internal")
        return result

    def kill(self) -> None:
        """Kill the worker now (SIGKILL) and reap it."""
        with contextlib.suppress(OSError):
            self.conn.close()
        if self.process.is_alive():
            self.killed = True
            self.process.kill()
        self.process.join(_REAP_SECONDS)

    def stop(self) -> None:
        """Tell an idle worker to stop, and reap it (kill it if it does not stop)."""
        # Closing our end of the pipe is not enough: a worker forked later holds a copy of it.
        with contextlib.suppress(OSError):
            self.conn.send_bytes(b"")
        self.process.join(_REAP_SECONDS)
        self.kill()

    def death(self, name: str) -> Result:
        """The result of a job whose worker died before answering, by the cause of the death.

        A signal from outside (SIGKILL, SIGTERM, SIGHUP, SIGQUIT that we did not send) is kind
        ``worker_killed``, to be retried; a native abort or fault with a memory cap (or the dynamic
        loader's exit 127 when it cannot allocate) is most likely the cap (``memory_limit``); anything
        else is a bug (``internal``).
        """
        self.process.join(_REAP_SECONDS)
        code = self.process.exitcode
        if code is not None and code < 0:
            try:
                how = signal.Signals(-code).name
            except ValueError:
                how = f"signal {-code}"
        else:
            how = f"exit status {code}"
        if code is not None and -code in _OUTSIDE and not self.killed:
            return failure(
                EXIT_INTERNAL,
                f"{name}: the worker evaluating it was stopped from outside ({how}: by another process, an "
                "operator or the system's out-of-memory killer), not by a limit of normengine; run it again",
                "worker_killed",
            )
        if self.max_memory and code is not None and (-code in _NATIVE or code == _LOADER_OUT_OF_MEMORY):
            return failure(
                3,
                f"{name}: the worker evaluating it stopped ({how}), most likely at the limit of "
                f"{self.max_memory:,} MB a worker (raise it with --max-memory)",
                "memory_limit",
            )
        return failure(
            EXIT_INTERNAL,
            f"{name}: internal error: the worker evaluating it stopped ({how}); "
            "this is a bug in normengine, please report it",
            "internal",
        )


@dataclass
class _Slot:
    worker: Worker
    key: Any = None
    job: Job | None = None
    deadline: float | None = None
    attempts: int = 0


class WorkerPool:
    """A few worker processes answering jobs one at a time each, with per-job limits (command line, batch, Ray).

    Args:
        handler: the job function, ``"module:function"``, called as ``handler(job, context)``.
        workers: how many worker processes.
        limits: per-job time limit, memory cap, jobs per worker, retries.
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
        self.retried_jobs = 0

    def _start(self) -> _Slot:
        worker = Worker(self._ctx, self.handler, self.setup, self.setup_payload, self.limits.max_memory)
        self.started_workers += 1
        return _Slot(worker)

    def _stop(self, slot: _Slot, *, kill: bool) -> None:
        if kill and slot.worker.alive:
            self.killed_workers += 1
            slot.worker.kill()
        else:
            slot.worker.stop()

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
        the time limit, ran out of memory, or whose worker died (a job whose worker was killed from
        outside is first run again, ``limits.retries`` times). Closing the iterator early (or an
        exception such as KeyboardInterrupt) stops every worker.

        Args:
            jobs: ``(key, job)`` pairs.
            tick: called at least every half second while the pool waits (to refresh a progress display).
        """
        queue: deque[tuple[Any, Job, int]] = deque((key, job, 0) for key, job in jobs)
        try:
            while queue or any(s.job is not None for s in self._slots):
                self._fill(queue)
                yield from self._collect(queue, 0.5 if tick else None)
                if tick:
                    tick()
        finally:
            self.close()

    def _fill(self, queue: deque[tuple[Any, Job, int]]) -> None:
        while queue:
            slot = next((s for s in self._slots if s.job is None), None)
            if slot is None:
                if len(self._slots) >= self.workers:
                    return
                slot = self._start()
                self._slots.append(slot)
            key, job, attempts = queue.popleft()
            if not slot.worker.send(job):
                # The worker is gone (it retired or died while idle): nothing ran; start another and try again.
                queue.appendleft((key, job, attempts))
                self._replace(slot, kill=True)
                continue
            slot.key, slot.job, slot.attempts = key, job, attempts
            slot.deadline = self._deadline(slot.worker)

    def _deadline(self, worker: Worker) -> float | None:
        """When the job now sent to ``worker`` must be answered: its time limit from when the worker is ready."""
        if not worker.ready:
            return time.monotonic() + _START_SECONDS
        return None if self.limits.timeout is None else time.monotonic() + self.limits.timeout

    def _replace(self, slot: _Slot, *, kill: bool) -> None:
        self._stop(slot, kill=kill)
        self._slots.remove(slot)

    def _collect(self, queue: deque[tuple[Any, Job, int]], most: float | None) -> Iterator[tuple[Any, Result]]:
        busy = [s for s in self._slots if s.job is not None]
        if not busy:
            return
        deadlines = [s.deadline for s in busy if s.deadline is not None]
        wait_for = None if not deadlines else max(0.0, min(deadlines) - time.monotonic())
        if most is not None:
            wait_for = most if wait_for is None else min(wait_for, most)
        ready = wait([s.worker.conn for s in busy], timeout=wait_for)
        now = time.monotonic()
        for slot in busy:
            assert slot.job is not None
            name = str(slot.job.get("name", "<job>"))
            key = slot.key
            if slot.worker.conn in ready:
                result = slot.worker.receive()
                if result is not None and result.pop("_ready", False):
                    slot.deadline = self._deadline(slot.worker)  # set up: the job's time limit starts now
                    continue
                if result is None:
                    result = slot.worker.death(name)
                    job, attempts = slot.job, slot.attempts
                    slot.job = None
                    self._replace(slot, kill=True)
                    if result.get("kind") == "worker_killed" and attempts < self.limits.retries:
                        self.retried_jobs += 1
                        queue.appendleft((key, job, attempts + 1))
                        continue
                    yield key, result
                    continue
                slot.job, slot.key, slot.deadline = None, None, None
                if result.pop("_retire", False) or slot.worker.done >= self.limits.max_tasks:
                    self._replace(slot, kill=False)
                yield key, result
            elif slot.deadline is not None and now >= slot.deadline:
                started = slot.worker.ready
                self._replace(slot, kill=True)
                if not started:
                    yield (
                        key,
                        failure(
                            EXIT_INTERNAL,
                            f"{name}: internal error: the worker did not start within {_START_SECONDS:g} s",
                            "internal",
                        ),
                    )
                    continue
                assert self.limits.timeout is not None
                yield key, timeout_failure(name, self.limits.timeout)


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
