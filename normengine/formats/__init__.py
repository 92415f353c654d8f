"""Output formats: one registry, read by the command line's ``--format`` choices.

Each kind of result (``report`` for ``evaluate``, ``comparison`` for ``compare``,
``explanation`` for ``explain``, ``whatif``) maps a format's name to the
function that renders that result, named as ``"module:function"`` so that
building the command line imports none of them. Adding a format is one entry::

    "markdown": Renderer("normengine.render:report_markdown"),

A renderer is called as ``fn(result)`` and returns the text (or bytes, with
``binary=True``); with ``terminal=True`` it is called as ``fn(result, target)``,
where ``target`` is the :class:`normengine.commands.base.Target` it writes for
(a terminal's width and colours, or a file: plain text, never truncated).
The result of each kind:

- ``report``: :class:`normengine.engine.Evaluation` (``.report`` is the
  :class:`~normengine.report.Report`, ``.analysis.words`` names things);
- ``comparison``: :class:`normengine.commands.compare.Compared` (``.comparison``,
  ``.reports``, ``.words``);
- ``explanation``: :class:`normengine.commands.explain.Explained` (``.evaluation``
  and ``.trees``, a list of (title, :class:`~normengine.explain.Node`));
- ``whatif``: :class:`normengine.whatif.WhatIf` with ``.words`` to name things.

This module is light on purpose (no pydantic, rich or clingo): ``--help`` reads it.

The document formats (Markdown to paste into a memo, self-contained HTML pages):

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

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

__all__ = [
    "FORMATS",
    "RENDERERS",
    "Authority",
    "Namer",
    "PlainNamer",
    "Renderer",
    "authorities_of_report",
    "choices",
    "compared_html",
    "compared_markdown",
    "evaluation_html",
    "evaluation_markdown",
    "render_compare",
    "render_evaluation",
    "render_explanation",
    "renderer",
]


@dataclass(frozen=True)
class Renderer:
    """How to render one kind of result in one format.

    Args:
        ref: the function, ``"module:function"``.
        terminal: the function takes the output target too (text for a terminal or a file).
        binary: the function returns bytes.
    """

    ref: str
    terminal: bool = False
    binary: bool = False

    def load(self) -> Callable[..., Any]:
        """Import the function."""
        module, _, name = self.ref.partition(":")
        fn: Callable[..., Any] = getattr(importlib.import_module(module), name)
        return fn


RENDERERS: dict[str, dict[str, Renderer]] = {
    "report": {
        "text": Renderer("normengine.commands.evaluate:report_text", terminal=True),
        "json": Renderer("normengine.commands.evaluate:report_json"),
        "markdown": Renderer("normengine.formats:evaluation_markdown"),
        "html": Renderer("normengine.formats:evaluation_html"),
    },
    "comparison": {
        "text": Renderer("normengine.commands.compare:comparison_text", terminal=True),
        "json": Renderer("normengine.commands.compare:comparison_json"),
        "markdown": Renderer("normengine.formats:compared_markdown"),
        "html": Renderer("normengine.formats:compared_html"),
    },
    "explanation": {
        "text": Renderer("normengine.commands.explain:explanation_text", terminal=True),
        "json": Renderer("normengine.commands.explain:explanation_json"),
        "markdown": Renderer("normengine.commands.explain:explanation_markdown"),
        "html": Renderer("normengine.commands.explain:explanation_html"),
    },
    "agreement": {
        "text": Renderer("normengine.commands.agree:agreement_text", terminal=True),
        "json": Renderer("normengine.commands.agree:agreement_json"),
    },
    "whatif": {
        "text": Renderer("normengine.commands.whatif:whatif_text", terminal=True),
        "json": Renderer("normengine.commands.whatif:whatif_json"),
    },
}


def choices(kind: str) -> list[str]:
    """The formats a kind of result can be written in (``--format`` choices), text first."""
    return list(RENDERERS[kind])


def renderer(kind: str, name: str) -> Renderer:
    """The renderer of ``kind`` in format ``name``."""
    return RENDERERS[kind][name]


if TYPE_CHECKING:
    from ..commands.compare import Compared
    from ..compare import Comparison
    from ..engine import Evaluation
    from ._common import Authority, Namer


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


def evaluation_markdown(ev: Evaluation) -> str:
    """``--format markdown`` of ``evaluate`` (the registry's entry)."""
    return render_evaluation("markdown", ev)


def evaluation_html(ev: Evaluation) -> str:
    """``--format html`` of ``evaluate`` (the registry's entry)."""
    return render_evaluation("html", ev)


def compared_markdown(result: Compared) -> str:
    """``--format markdown`` of ``compare`` (the registry's entry)."""
    return render_compare("markdown", result.comparison, result.words)


def compared_html(result: Compared) -> str:
    """``--format html`` of ``compare`` (the registry's entry)."""
    return render_compare("html", result.comparison, result.words)


def __getattr__(name: str) -> Any:
    """The renderers' shared helpers, imported on first use (``--help`` reads this module: keep it light)."""
    if name in ("Authority", "Namer", "PlainNamer", "authorities_of_report"):
        from . import _common

        return getattr(_common, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
