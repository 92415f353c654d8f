"""Shared fixtures: the repository's paths and cached evaluations."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from normengine.engine import Evaluation, evaluate_full

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"


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
