"""The time limit of the modal solves (normengine/modal.py: one watchdog thread for many solves)."""

from __future__ import annotations

import gc
import time
import weakref
from types import SimpleNamespace
from typing import Any

import clingo
import pytest

from normengine.errors import SolveTimeout
from normengine.modal import _Reader

from .conftest import CASES

# 13 pigeons in 12 holes: no answer set, and clasp needs far longer than the limits below to prove it.
_HARD = "pigeon(1..13). hole(1..12). 1 { in(P, H) : hole(H) } 1 :- pigeon(P). :- in(P, H), in(Q, H), P < Q."


def _reader(text: str, timeout: float) -> tuple[_Reader, Any]:
    ctl = clingo.Control(["--models=0"])
    ctl.add("base", [], text)
    ctl.ground([("base", [])])
    solver = SimpleNamespace(ctl=ctl, timeout=timeout, solves=0)
    return _Reader(solver), solver  # type: ignore[arg-type]


def test_a_solve_past_the_limit_is_interrupted() -> None:
    reader, _solver = _reader(_HARD, 0.3)
    start = time.monotonic()
    with pytest.raises(SolveTimeout, match=r"0\.3 s"):
        reader.every("brave")
    assert time.monotonic() - start < 10


def test_many_solves_under_the_limit_share_one_watchdog() -> None:
    reader, solver = _reader("{ a; b }. c :- a. #show c/0. #show a/0.", 5.0)
    for _ in range(50):
        assert reader.every("brave") == frozenset({clingo.Function("a"), clingo.Function("c")})
    watchdog = reader._watchdog
    assert watchdog is not None and solver.solves == 50
    # Between solves the watchdog keeps no deadline, so it interrupts nothing.
    assert watchdog._deadline is None


def test_the_watchdog_holds_the_control_weakly() -> None:
    reader, solver = _reader("{ a }. #show a/0.", 5.0)
    reader.every("brave")
    ref = weakref.ref(solver.ctl)
    del reader, solver
    gc.collect()
    assert ref() is None


def test_no_watchdog_thread_outlives_an_evaluation_or_a_whatif_run() -> None:
    """A thread left running makes the worker pool start its workers by forkserver (cold) instead of fork
    (normengine.worker.start_method): the watchdog of an evaluation's or a whatif run's solves ends with them."""
    import threading

    from normengine import evaluate, what_if
    from normengine.worker import start_method

    before = set(threading.enumerate())  # (the tests above leave their readers' threads, which end after a second)
    evaluate(str(CASES / "kosovo-1999.yaml"))  # contested facts: solved by the modal reader under a time limit
    what_if(str(CASES / "kosovo-1999.yaml"), pairs=False)
    assert not [t for t in threading.enumerate() if t.name == "normengine-solve-watchdog" and t not in before]
    if threading.enumerate() == [threading.main_thread()]:
        assert start_method() == "fork"
