"""Every reference answer for the small benchmark instances copied to tests/data/af.

The instances (at most about 1,000 arguments each) and their answers are a
copy of the shared benchmark ``bench/af`` (ICCMA-style, answers agreed by
independent solvers); see ``tests/data/af/README.md``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from normengine.af.parse import read_file
from normengine.af.solver import Semantics, Solver, Task

DATA = Path(__file__).parent / "data" / "af"


def load_reference() -> dict[str, list[dict[str, Any]]]:
    by_instance: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with open(DATA / "reference.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            by_instance[row["instance"]].append(row)
    return dict(sorted(by_instance.items()))


REFERENCE = load_reference()


def test_the_copy_is_complete() -> None:
    with open(DATA / "instances.jsonl", encoding="utf-8") as handle:
        names = {json.loads(line)["name"] for line in handle}
    assert names == set(REFERENCE)
    assert sum(len(rows) for rows in REFERENCE.values()) == 720


def answer(solver: Solver, row: dict[str, Any]) -> object:
    """Our answer in the reference's terms."""
    af = solver.af
    task = Task.parse(row["task"])
    if row["task"] == "SE-GR":
        return sorted(int(af.names[i]) for i in solver.grounded())
    if row["task"] == "SE-ST":
        return "NO" if solver.some_extension(Semantics.ST) is None else "YES"
    result = solver.solve(task, af.resolve(row["query"]))
    return "YES" if result.accepted else "NO"


@pytest.mark.slow
@pytest.mark.parametrize("instance", list(REFERENCE))
def test_reference_answers(instance: str) -> None:
    af = read_file(DATA / "instances" / f"{instance}.i23")
    solver = Solver(af)
    wrong = [
        (row["task"], row["query"], row["answer"], got)
        for row in REFERENCE[instance]
        if (got := answer(solver, row)) != row["answer"]
    ]
    assert not wrong
