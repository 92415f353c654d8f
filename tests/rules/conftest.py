"""Collect the rule-set tests in this directory (``*.yaml``) as pytest items.

Each test of each file, under each of its perspectives, becomes one item named
after the test, so that a failure names the file, the test and the perspective,
and prints every mismatch with the expected value, the engine's value and the
engine's reasons (as ``normengine test`` does).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from normengine.ruletests import RuleTest, TestResult, collect_file, run_tests


class RuleTestFailure(Exception):
    """The engine disagreed with a rule-set test."""

    def __init__(self, result: TestResult) -> None:
        super().__init__(result.describe())
        self.result = result


class RuleTestItem(pytest.Item):
    """One rule-set test under one perspective."""

    def __init__(self, *, test: RuleTest, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.test = test

    def runtest(self) -> None:
        (result,) = run_tests([self.test])
        if not result.passed:
            raise RuleTestFailure(result)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, RuleTestFailure):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo, style))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.test.line - 1, f"{self.test.name} [{self.test.perspective or 'default'}]"


class RuleTestFile(pytest.File):
    """A YAML file of rule-set tests."""

    def collect(self) -> Iterator[RuleTestItem]:
        for test in collect_file(self.path) or []:
            name = f"{test.name} [{test.perspective or 'default'}]"
            yield RuleTestItem.from_parent(self, name=name, test=test)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> RuleTestFile | None:
    if file_path.suffix in (".yaml", ".yml"):
        return RuleTestFile.from_parent(parent, path=file_path)
    return None
