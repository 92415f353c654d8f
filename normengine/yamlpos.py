"""YAML reading that remembers where every value came from.

PyYAML's safe loader builds plain Python values and forgets positions. A case
author needs errors that name the line, so this module composes the node tree
itself and records, for every path into the document (``("acts", 2, "actors")``),
the line and column where its value (or, for a mapping key, the key) starts.

It also refuses what a safe loader would silently accept: duplicate keys
(the later one would win), non-string keys, and documents that expand
through aliases into more than ``max_nodes`` values (the "billion laughs").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

__all__ = ["Located", "YamlIssue", "load_located"]

Path = tuple[str | int, ...]


@dataclass
class YamlIssue(Exception):
    """A YAML document that cannot be read; ``line``/``column`` are 1-based."""

    message: str
    line: int | None = None
    column: int | None = None
    path: Path = ()


@dataclass
class Located:
    """A loaded YAML value and the position of every path inside it."""

    value: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path) -> tuple[int, int] | None:
        """Position of ``path``, or of its nearest ancestor that has one."""
        p = tuple(path)
        while True:
            if p in self.positions:
                return self.positions[p]
            if not p:
                return None
            p = p[:-1]


class _Loader(yaml.SafeLoader):
    """The safe loader; we only use its resolver and scalar constructors."""


def load_located(text: str, *, max_nodes: int = 1_000_000) -> Located:
    """Parse one YAML document, keeping positions.

    Args:
        text: the document.
        max_nodes: refuse documents that expand to more values than this.

    Raises:
        YamlIssue: on a syntax error, a duplicate or non-string key, more than
            one document, a document that expands past ``max_nodes``, or one nested
            deeper than Python's recursion limit.
    """
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.composer.ComposerError as exc:
            raise _issue_from_marked(exc) from None
        except yaml.MarkedYAMLError as exc:
            raise _issue_from_marked(exc) from None
        except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML parse error is marked
            raise YamlIssue(str(exc)) from None
        except RecursionError:
            raise YamlIssue(_TOO_DEEP, 1, 1) from None
        located = Located(None)
        if node is None:
            return located
        budget = [max_nodes]
        try:
            located.value = _build(loader, node, (), located.positions, budget)
        except RecursionError:
            raise YamlIssue(_TOO_DEEP, node.start_mark.line + 1, node.start_mark.column + 1) from None
        return located
    finally:
        loader.dispose()


# PyYAML composes and we build the document recursively; a case file is never nested this deep.
_TOO_DEEP = "the document is nested too deeply to be a case file"


def _issue_from_marked(exc: yaml.MarkedYAMLError) -> YamlIssue:
    mark = exc.problem_mark or exc.context_mark
    parts = [p for p in (exc.context, exc.problem) if p]
    message = "; ".join(parts) if parts else "not valid YAML"
    if mark is None:
        return YamlIssue(f"not valid YAML: {message}")
    return YamlIssue(f"not valid YAML: {message}", mark.line + 1, mark.column + 1)


def _build(
    loader: _Loader,
    node: yaml.Node,
    path: Path,
    positions: dict[Path, tuple[int, int]],
    budget: list[int],
) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise YamlIssue(
            "the document expands to too many values (aliases?); refusing to load it",
            node.start_mark.line + 1,
            node.start_mark.column + 1,
            path,
        )
    positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key, str):
                raise YamlIssue(f"keys must be text, found {key!r}", *where, path)
            if key in result:
                raise YamlIssue(f"duplicate key {key!r}", *where, (*path, key))
            child = (*path, key)
            positions[child] = where
            result[key] = _build(loader, value_node, child, positions, budget)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*path, i), positions, budget) for i, item in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        raise _issue_from_marked(exc) from None
    except ValueError as exc:  # e.g. a timestamp like 2001-02-30
        raise YamlIssue(
            f"cannot read value: {exc}", node.start_mark.line + 1, node.start_mark.column + 1, path
        ) from None
