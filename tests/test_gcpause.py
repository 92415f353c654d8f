"""The cyclic garbage collector is paused during an evaluation and restored afterwards."""

from __future__ import annotations

import gc

import pytest

from normengine import engine
from normengine.gcpause import collector_paused


def test_the_collector_is_off_inside_and_restored_after_nested_pauses() -> None:
    was = gc.isenabled()
    gc.enable()
    try:
        with collector_paused():
            assert not gc.isenabled()
            with collector_paused():
                assert not gc.isenabled()
            assert not gc.isenabled()  # the outer pause still runs
        assert gc.isenabled()
        gc.disable()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()


def test_an_evaluation_runs_with_the_collector_paused_and_gives_it_back(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    original = engine.solve_and_analyse

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "solve_and_analyse", spy)
    gc.enable()
    report = engine.evaluate("cases/kosovo-1999.yaml", explanations=False)
    assert seen == [False]
    assert gc.isenabled()
    assert report.acts
