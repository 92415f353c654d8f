"""Shared fixtures: the repository's paths and cached evaluations."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

import normengine.worker
from normengine.engine import Evaluation, evaluate_full

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"


def _threads_but_xdists(own: Callable[[], int], theirs: int) -> Callable[[], int]:
    def count() -> int:
        return own() - theirs

    return count


if os.environ.get("PYTEST_XDIST_WORKER"):
    # Under pytest-xdist each test process runs execnet's native thread, which reads the channel to the
    # controller and holds nothing a forked child uses. Left counted, it would make every worker pool of
    # the tests start with forkserver, where the command line (one thread) forks: not counting it keeps
    # the tests on the path users run, and on its cost. A thread a test starts still counts, and
    # tests/test_worker.py checks the choice itself in a fresh interpreter.
    normengine.worker._os_threads = _threads_but_xdists(
        normengine.worker._os_threads, normengine.worker._os_threads() - 1
    )


@cache
def evaluation(case: str, perspective: str | None = None) -> Evaluation:
    """Evaluate a bundled case once per test session."""
    return evaluate_full(CASES / f"{case}.yaml", perspective=perspective)


@pytest.fixture
def cases_dir() -> Path:
    return CASES


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files under tests/golden/ from the current code instead of comparing "
        "(then review the change with git diff; see docs/api.md on the report's schema_version)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether ``--update-golden`` was given."""
    return bool(request.config.getoption("--update-golden"))
