"""Reports for people: Markdown to paste into a memo, and self-contained HTML pages.

The renderers are plain functions from the report models to text:

* :func:`~normengine.formats.markdown.report_markdown`, :func:`~.markdown.comparison_markdown`,
  :func:`~.markdown.explanation_markdown`;
* :func:`~normengine.formats.html.report_html` (with the argument graph as inline SVG drawn by
  :func:`~normengine.formats.svg.graph_svg`, no Graphviz needed), :func:`~.html.comparison_html`,
  :func:`~.html.explanation_html`.

A table of authorities is a list of ``(id, citation, url or None)`` rows
(:data:`~normengine.formats._common.Authority`); by default it is the report's distinct
sources in order of first use (:func:`authorities_of_report`).

:func:`render_evaluation`, :func:`render_compare` and :func:`render_explanation` are what
the command line calls for ``--format markdown`` and ``--format html``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ._common import Authority, Namer, PlainNamer, authorities_of_report

if TYPE_CHECKING:
    from ..compare import Comparison
    from ..engine import Evaluation

__all__ = [
    "FORMATS",
    "Authority",
    "Namer",
    "PlainNamer",
    "authorities_of_report",
    "render_compare",
    "render_evaluation",
    "render_explanation",
]

FORMATS = ("markdown", "html")
"""The document formats this package writes (besides the text and JSON of the core)."""


def render_evaluation(fmt: str, ev: Evaluation, authorities: Sequence[Authority] | None = None) -> str:
    """An evaluation's report as ``markdown`` or ``html`` (the HTML with its argument graph)."""
    if fmt == "markdown":
        from .markdown import report_markdown

        return report_markdown(ev.report, ev.analysis.words, authorities)
    if fmt == "html":
        from ..graph import argument_graph
        from .html import report_html

        return report_html(ev.report, ev.analysis.words, argument_graph(ev), authorities)
    raise ValueError(f"unknown format {fmt!r}")


def render_compare(fmt: str, comparison: Comparison, namer: Namer) -> str:
    """A comparison of perspectives as ``markdown`` or ``html``."""
    if fmt == "markdown":
        from .markdown import comparison_markdown

        return comparison_markdown(comparison, namer)
    if fmt == "html":
        from .html import comparison_html

        return comparison_html(comparison, namer)
    raise ValueError(f"unknown format {fmt!r}")


def render_explanation(fmt: str, data: Mapping[str, Any]) -> str:
    """An explain result (the JSON of ``normengine explain --format json``) as ``markdown`` or ``html``."""
    if fmt == "markdown":
        from .markdown import explanation_markdown

        return explanation_markdown(data)
    if fmt == "html":
        from .html import explanation_html

        return explanation_html(data)
    raise ValueError(f"unknown format {fmt!r}")
