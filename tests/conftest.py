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
