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
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["RENDERERS", "Renderer", "choices", "renderer"]


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
    },
    "comparison": {
        "text": Renderer("normengine.commands.compare:comparison_text", terminal=True),
        "json": Renderer("normengine.commands.compare:comparison_json"),
    },
    "explanation": {
        "text": Renderer("normengine.commands.explain:explanation_text", terminal=True),
        "json": Renderer("normengine.commands.explain:explanation_json"),
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
