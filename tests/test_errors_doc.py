"""docs/errors.md shows what the commands really print: regenerated from real runs and compared."""

from __future__ import annotations

import pytest

from .errors_doc import DOC, render


@pytest.mark.slow
def test_the_examples_in_docs_errors_md_are_current() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/errors.md is out of date: run `python -m tests.errors_doc` and commit the result"
    )
