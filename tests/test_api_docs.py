"""Every example in docs/api.md runs: its assertions hold and it prints what the page says."""

from __future__ import annotations

import contextlib
import io
import re

import pytest

from .conftest import ROOT

DOC = ROOT / "docs" / "api.md"
FENCE = re.compile(r"^```(\w+)\n(.*?)^```\n", re.MULTILINE | re.DOTALL)


def examples() -> list[tuple[int, str, str | None]]:
    """(line, code, expected output or None) for each python block of the page."""
    text = DOC.read_text(encoding="utf-8")
    blocks = list(FENCE.finditer(text))
    out = []
    for i, m in enumerate(blocks):
        if m.group(1) != "python":
            continue
        expected = None
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        if after is not None and after.group(1) == "text" and not text[m.end() : after.start()].strip():
            expected = after.group(2)
        out.append((text[: m.start()].count("\n") + 1, m.group(2), expected))
    return out


def test_the_page_has_examples_with_outputs() -> None:
    found = examples()
    assert len(found) >= 7
    assert sum(1 for _, _, expected in found if expected is not None) >= 6


@pytest.mark.parametrize(("line", "code", "expected"), examples(), ids=lambda v: str(v) if isinstance(v, int) else "")
def test_example_runs(line: int, code: str, expected: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(compile(code, f"{DOC}:{line}", "exec"), {"__name__": "__docs__"})
    if expected is not None:
        assert buffer.getvalue() == expected, f"docs/api.md:{line} prints something else"
