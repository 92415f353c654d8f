"""Shared helpers of the property-based tests: example counts, running the CLI in-process."""

from __future__ import annotations

import io
import os
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from hypothesis import HealthCheck, settings

from normengine.cli import main

# NORMENGINE_FUZZ_SCALE multiplies every example count (e.g. 10 for a long run before a release).
SCALE = float(os.environ.get("NORMENGINE_FUZZ_SCALE", "1"))


def examples(n: int) -> int:
    """The number of examples a property runs: ``n`` in CI, scaled by NORMENGINE_FUZZ_SCALE."""
    return max(1, round(n * SCALE))


def fuzz_settings(n: int) -> settings:
    """Settings of a property that evaluates cases: ``n`` examples, no per-example deadline."""
    return settings(
        max_examples=examples(n),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
        print_blob=True,
    )


def run_cli(*argv: str) -> tuple[int, str, str]:
    """Run ``normengine ARGV`` in this process; return (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(argv))
    return status, out.getvalue(), err.getvalue()


_WHERE = re.compile(r"^error: invalid case file: (?P<file>.+?):(?P<line>\d+):(?:\d+:)? (?P<rest>.*)$")


def first_error(err: str, path: Path) -> tuple[int, str]:
    """The line and the rest of the first line of an ``invalid case file`` message about ``path``."""
    first = err.splitlines()[0]
    match = _WHERE.match(first)
    assert match is not None, f"not a located case-file error: {first!r}"
    assert match.group("file") == str(path), first
    return int(match.group("line")), match.group("rest")
