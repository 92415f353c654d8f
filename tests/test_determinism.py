"""The same case and rules give byte-identical JSON, whatever the order of the case file.

Every list of a case file (parties, acts, actors, claimants, purposes, ...) and the
order of the keys of every mapping is shuffled; the report must not change by a byte.
One list keeps its order: a resolution's ``authorisations``, which have no id and are
named by their position ("the authorisation in resolution 1973 (no. 2)", as in the
resolution's paragraphs), so that their order is part of what the file says.
Across processes and worker counts: see test_report.py and test_batch.py.
"""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from normengine import evaluate

from .conftest import CASES, evaluation
from .fuzz import fuzz_settings
from .strategies import case_dicts, emit

CASE_FILES = sorted(CASES.glob("*.yaml"))


# Lists whose order is meaningful (see the module's documentation).
ORDERED = frozenset({"authorisations"})


def shuffled(value: Any, rnd: random.Random, key: str | None = None) -> Any:
    """``value`` with every list (but those in ORDERED) and the keys of every mapping in a random order."""
    if isinstance(value, dict):
        items = list(value.items())
        rnd.shuffle(items)
        return {k: shuffled(v, rnd, k) for k, v in items}
    if isinstance(value, list):
        out = [shuffled(v, rnd) for v in value]
        if key not in ORDERED:
            rnd.shuffle(out)
        return out
    return value


@cache
def baseline(path: Path) -> str:
    return evaluation(path.stem).report.to_json()  # the session's evaluation of the bundled case


@pytest.mark.slow
@fuzz_settings(30)
@given(path=st.sampled_from(CASE_FILES), rnd=st.randoms(use_true_random=False))
def test_bundled_cases_do_not_depend_on_order(path: Path, rnd: random.Random) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    text, _ = emit(shuffled(data, rnd))
    assert evaluate(text).to_json() == baseline(path)


@pytest.mark.slow
@fuzz_settings(25)
@given(case=case_dicts(), rnd=st.randoms(use_true_random=False))
def test_generated_cases_do_not_depend_on_order(case: dict[str, Any], rnd: random.Random) -> None:
    first = evaluate(emit(case)[0]).to_json()
    assert evaluate(emit(shuffled(case, rnd))[0]).to_json() == first


def test_the_authors_of_a_reading_are_reported_in_one_order_whatever_the_case_file_s() -> None:
    # Found by the property above: the report listed who asserts a disputed fact's reading in the case file's order.
    data = yaml.safe_load((CASES / "syria-2018.yaml").read_text(encoding="utf-8"))
    reversed_lists = 0

    def reverse(value: Any) -> None:
        nonlocal reversed_lists
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "asserted_by" and isinstance(item, list) and len(item) > 1:
                    item.reverse()
                    reversed_lists += 1
                reverse(item)
        elif isinstance(value, list):
            for item in value:
                reverse(item)

    reverse(data)
    assert reversed_lists
    assert evaluate(emit(data)[0]).to_json() == baseline(CASES / "syria-2018.yaml")


def test_the_shuffle_shuffles() -> None:
    """The property is not vacuous: a shuffled case file differs from the original, and reads back equal."""
    path = CASES / "iraq-2003.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts = {emit(shuffled(data, random.Random(seed)))[0] for seed in range(5)}
    assert len(texts) == 5
    for text in texts:
        assert _canonical(yaml.safe_load(text)) == _canonical(data)


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return sorted((k, _canonical(v)) for k, v in value.items())
    if isinstance(value, list):
        return sorted((_canonical(v) for v in value), key=repr)
    return value


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_a_case_file_written_back_gives_the_same_report(path: Path) -> None:
    """emit() writes a bundled case faithfully (so a difference above is the engine's, not the writer's)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert evaluate(emit(data)[0]).to_json() == baseline(path)
