"""The worker pool: hard time limit, memory cap, recycling, crashes, and dying with the parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from normengine.worker import WorkerLimits, WorkerPool, run_one

from .conftest import ROOT

H = "tests.jobs_for_tests"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead for our purposes.
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split()[2] != "Z"
    except OSError:
        return False


def test_every_job_gets_one_result_and_workers_are_recycled() -> None:
    pool = WorkerPool(f"{H}:echo", workers=2, limits=WorkerLimits(timeout=30, max_tasks=3))
    with pool:
        results = dict(pool.run((i, {"name": f"j{i}", "value": i}) for i in range(12)))
    assert sorted(results) == list(range(12))
    assert all(r["value"] == k for k, r in results.items())
    pids = [r["pid"] for r in results.values()]
    assert all(pids.count(p) <= 3 for p in pids), "a worker ran more than max_tasks jobs"
    assert len(set(pids)) >= 4 and pool.started_workers >= 4


def test_a_forked_worker_leaves_the_inherited_heap_out_of_its_collections() -> None:
    """Its collector does not walk (and so copy) the parent's objects; the parent's own collections are unchanged."""
    import gc

    from normengine.worker import start_method

    assert gc.get_freeze_count() == 0
    result = run_one(f"{H}:frozen", {"name": "frozen"}, WorkerLimits(timeout=30))
    assert result["status"] == "ok"
    assert gc.get_freeze_count() == 0, "the parent's objects are left frozen"
    if start_method() == "fork":
        assert result["frozen"] > 1000, result


def test_a_job_past_the_time_limit_is_killed_and_its_worker_replaced(tmp_path: Path) -> None:
    pidfile = tmp_path / "pid"
    pool = WorkerPool(f"{H}:sleep", workers=1, limits=WorkerLimits(timeout=0.5, max_tasks=100))
    jobs = [(0, {"name": "slow", "seconds": 60, "pidfile": str(pidfile)}), (1, {"name": "quick", "seconds": 0})]
    start = time.monotonic()
    with pool:
        results = dict(pool.run(jobs))
    assert time.monotonic() - start < 30, "the time limit did not hold"
    assert results[0]["exit_status"] == 3
    assert "slow: the evaluation ran past the time limit of 0.5 s" in results[0]["error"]
    assert results[1]["status"] == "ok"
    assert results[1]["pid"] != int(pidfile.read_text())
    assert not _alive(int(pidfile.read_text())), "the killed worker is still running"
    assert pool.killed_workers == 1


def test_a_worker_at_its_memory_cap_answers_and_retires() -> None:
    pool = WorkerPool(f"{H}:hog", workers=1, limits=WorkerLimits(timeout=60, max_memory=200))
    with pool:
        results = dict(pool.run([(0, {"name": "hungry"}), (1, {"name": "hungry again"})]))
    for key, name in ((0, "hungry"), (1, "hungry again")):
        assert results[key]["exit_status"] == 3
        assert results[key]["error"].startswith(f"{name}: ") and "200 MB" in results[key]["error"]
    assert pool.started_workers == 2, "a worker that hit its cap must not take another job"


def test_a_crashing_worker_is_an_internal_error_not_a_hang() -> None:
    pool = WorkerPool(f"{H}:crash", workers=1, limits=WorkerLimits(timeout=30, max_memory=None))
    with pool:
        results = dict(pool.run([(0, {"name": "bad"}), (1, {"name": "bad too"})]))
    assert results[0]["exit_status"] == 70 and "SIGSEGV" in results[0]["error"]
    assert results[1]["exit_status"] == 70


def test_an_exception_in_a_job_is_an_internal_error() -> None:
    result = run_one(f"{H}:fail", {"name": "x"}, WorkerLimits(timeout=30))
    assert result == {
        "status": "error",
        "exit_status": 70,
        "error": "x: internal error: ValueError: a bug",
        "kind": "internal",
    }


def test_the_setup_runs_once_per_worker_and_feeds_every_job() -> None:
    result = run_one(f"{H}:with_context", {"name": "x"}, WorkerLimits(), setup=f"{H}:setup", setup_payload=b"abc")
    assert result["context"] == "ABC"


def test_forkserver_workers_behave_the_same() -> None:
    pool = WorkerPool(f"{H}:sleep", workers=1, limits=WorkerLimits(timeout=0.5), method="forkserver")
    with pool:
        results = dict(pool.run([(0, {"name": "slow", "seconds": 60}), (1, {"name": "quick", "seconds": 0})]))
    assert results[0]["exit_status"] == 3 and results[1]["status"] == "ok"


def test_fork_is_used_only_from_a_single_thread() -> None:
    # In a fresh interpreter: the test process itself may have threads of its own (pytest-xdist's
    # execnet runs one per worker), and then it rightly starts its workers with forkserver.
    script = textwrap.dedent(
        f"""
        import sys, threading
        sys.path.insert(0, {str(ROOT)!r})
        from normengine.worker import WorkerLimits, WorkerPool, start_method
        assert start_method() == "fork", start_method()
        pool = WorkerPool("{H}:echo", limits=WorkerLimits(timeout=30))
        assert pool.method == "fork", pool.method
        with pool:
            results = dict(pool.run([(0, {{"name": "j0", "value": 7}})]))
        assert results[0]["value"] == 7, results
        stop = threading.Event()
        thread = threading.Thread(target=stop.wait)
        thread.start()
        try:
            assert start_method() == "forkserver", start_method()
        finally:
            stop.set()
            thread.join()
        print("ok")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux only")
def test_workers_die_with_their_parent(tmp_path: Path) -> None:
    pidfile = tmp_path / "pid"
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from normengine.worker import WorkerPool, WorkerLimits
        pool = WorkerPool("{H}:sleep", limits=WorkerLimits(timeout=None))
        for _ in pool.run([(0, {{"name": "x", "seconds": 600, "pidfile": {str(pidfile)!r}}})]):
            pass
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 60
    while not pidfile.exists() or not pidfile.read_text():
        assert time.monotonic() < deadline and parent.poll() is None
        time.sleep(0.05)
    worker = int(pidfile.read_text())
    assert _alive(worker)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 30
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(worker), "the worker outlived its parent"


def test_a_job_whose_worker_is_killed_from_outside_is_run_again(tmp_path: Path) -> None:
    marker = tmp_path / "killed"
    pool = WorkerPool(f"{H}:killed_once", workers=1, limits=WorkerLimits(timeout=30))
    with pool:
        results = dict(pool.run([(0, {"name": "x", "marker": str(marker)})]))
    assert results[0]["status"] == "ok" and results[0]["pid"] != int(marker.read_text())
    assert pool.retried_jobs == 1 and pool.killed_workers == 0


def test_a_worker_killed_from_outside_again_and_again_is_not_blamed_on_a_limit() -> None:
    pool = WorkerPool(f"{H}:killed_always", workers=1, limits=WorkerLimits(timeout=30, max_memory=200, retries=1))
    with pool:
        results = dict(pool.run([(0, {"name": "x"})]))
    result = results[0]
    assert result["kind"] == "worker_killed" and result["exit_status"] == 70
    assert "stopped from outside (SIGTERM" in result["error"] and "MB" not in result["error"]
    assert pool.retried_jobs == 1 and pool.started_workers == 2


@pytest.mark.parametrize(("max_memory", "kind", "status"), [(200, "memory_limit", 3), (None, "internal", 70)])
@pytest.mark.parametrize(("handler", "how"), [("abort", "SIGABRT"), ("loader_out_of_memory", "exit status 127")])
def test_a_native_abort_is_the_memory_cap_only_with_a_cap(
    handler: str, how: str, max_memory: int | None, kind: str, status: int
) -> None:
    result = run_one(f"{H}:{handler}", {"name": "x"}, WorkerLimits(timeout=30, max_memory=max_memory))
    assert (result["kind"], result["exit_status"]) == (kind, status) and how in result["error"]
