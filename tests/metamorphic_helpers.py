"""What the metamorphic tests of the law share: the bundled cases and second encodings as dicts, a variant of a
case with one change, its evaluation, and a few readers of the report."""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from normengine.report import ActReport, JustificationReport, Report

from .conftest import CASES, ROOT, report_of

Case = dict[str, Any]
PERSPECTIVES = ("orthodox", "humanitarian", "sovereigntist")


@cache
def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# libyaml's loader where PyYAML has it (its wheels do): the same dicts as the pure-Python one (every bundled
# case and second encoding compared), seven times faster, and these tests load a case afresh for each variant.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(path: Path) -> Case:
    data = yaml.load(_text(path), Loader=_LOADER)
    assert isinstance(data, dict)
    return data


def bundled(name: str) -> Case:
    """A bundled case, as the dict its YAML gives (parsed afresh each time: the caller may change it)."""
    return _load(CASES / f"{name}.yaml")


def second(name: str) -> Case:
    """The second encoding of a bundled case (tests/encodings/), as a dict (parsed afresh each time)."""
    return _load(ROOT / "tests" / "encodings" / f"{name}.yaml")


def run(case: Case, perspective: str | None = None) -> Report:
    """The report on a case given as a dict, without explanations (shared by the session: tests/conftest.py)."""
    return report_of(case, perspective, explanations=False)


def variant(case: Case, change: Callable[[Case], None]) -> Case:
    """A copy of the case with one change."""
    out = copy.deepcopy(case)
    change(out)
    return out


def item(items: list[dict[str, Any]], ident: str) -> dict[str, Any]:
    """The entry of a list of the case (acts, consents, ...) with this id."""
    found = next(x for x in items if x["id"] == ident)
    assert isinstance(found, dict)
    return found


def against(act: ActReport) -> set[str]:
    """The principles the act engages against it."""
    return {e.principle for e in act.engaged if e.stance == "against"}


def claim(report: Report, act: str, ident: str) -> JustificationReport:
    """A justification of an act in the report."""
    return next(j for j in report.act(act).justifications if j.id == ident)
