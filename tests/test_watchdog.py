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
