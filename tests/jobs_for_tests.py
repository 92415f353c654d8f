"""Job handlers for testing the worker pool (run inside worker processes)."""

from __future__ import annotations

import os
import signal
import time
from typing import Any


def echo(job: dict[str, Any], _context: object) -> dict[str, Any]:
    """Answer with the worker's pid and the job's value."""
    return {"status": "ok", "exit_status": 0, "pid": os.getpid(), "value": job.get("value")}


def sleep(job: dict[str, Any], _context: object) -> dict[str, Any]:
    """Sleep for ``job["seconds"]``, writing the pid first to ``job["pidfile"]`` if given."""
    if job.get("pidfile"):
        with open(job["pidfile"], "w") as handle:
            handle.write(str(os.getpid()))
    time.sleep(float(job["seconds"]))
    return {"status": "ok", "exit_status": 0, "pid": os.getpid()}


def hog(job: dict[str, Any], _context: object) -> dict[str, Any]:
    """Take memory until something stops us."""
    chunks = []
    while True:
        chunks.append(bytearray(16 * 1024 * 1024))


def crash(job: dict[str, Any], _context: object) -> dict[str, Any]:
    """Die as a native library's bug would: SIGSEGV."""
    import faulthandler

    faulthandler.disable()  # pytest's fault handler would print this worker's stack
    os.kill(os.getpid(), signal.SIGSEGV)
    time.sleep(10)
    return {"status": "ok", "exit_status": 0}


def fail(job: dict[str, Any], _context: object) -> dict[str, Any]:
    """Raise an unexpected exception."""
    raise ValueError("a bug")


def with_context(job: dict[str, Any], context: object) -> dict[str, Any]:
    """Answer with the setup's context."""
    return {"status": "ok", "exit_status": 0, "context": context}


def setup(payload: bytes) -> str:
    """A setup that decodes its payload."""
    return payload.decode("utf-8").upper()


def killed_once(job: dict[str, Any], _context: object) -> dict[str, Any]:
    """The first time (no marker file yet), be killed from outside (SIGKILL) as an operator would; then answer."""
    marker = job["marker"]
    if not os.path.exists(marker):
        with open(marker, "w") as handle:
            handle.write(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGKILL)
    return {"status": "ok", "exit_status": 0, "pid": os.getpid()}


def killed_always(job: dict[str, Any], _context: object) -> dict[str, Any]:
    """Be killed from outside every time (SIGTERM)."""
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(10)
    return {"status": "ok", "exit_status": 0}


def abort(job: dict[str, Any], _context: object) -> dict[str, Any]:
    """Abort as a native library does when an allocation fails at the memory cap."""
    import faulthandler

    faulthandler.disable()
    os.abort()


def loader_out_of_memory(job: dict[str, Any], _context: object) -> dict[str, Any]:
    """Exit as glibc's dynamic loader does when it cannot allocate a thread's TLS at the memory cap."""
    os._exit(127)


def frozen(job: dict[str, Any], _context: object) -> dict[str, Any]:
    """How many objects the worker's garbage collector leaves out of its walks (gc.freeze)."""
    import gc

    return {"status": "ok", "frozen": gc.get_freeze_count()}
