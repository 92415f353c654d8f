"""YAML reading that remembers where every value came from.

PyYAML's safe loader builds plain Python values and forgets positions. A case
author needs errors that name the line, so this module composes the node tree
itself and records, for every path into the document (``("acts", 2, "actors")``),
the line and column where its value (or, for a mapping key, the key) starts.

It also refuses what a safe loader would silently accept: duplicate keys
(the later one would win), non-string keys, and documents that expand
through aliases into more than ``max_nodes`` values (the "billion laughs").
A character that YAML does not allow anywhere in a file (a control character
such as NUL, BEL, ESC or DEL, even inside a comment) is refused with its line,
its column and the field written there. Merge keys (``<<: *base``) are read as
YAML 1.1 defines them: the keys written in a mapping win over merged ones, and
an earlier merged mapping over a later one.
"""

from __future__ import annotations

import re
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


# libyaml's parser (when PyYAML was built with it) composes the same nodes, with the same lines and columns,
# about ten times faster. It is used only for documents it reads without complaint; anything it refuses is
# read again by the pure-Python loader, whose messages are the ones normengine reports.
_CLoader: type[Any] | None = getattr(yaml, "CSafeLoader", None)
# Where libyaml reads differently: it accepts tabs and some '?' that PyYAML refuses, and counts columns
# past a byte-order mark inside the text differently. Such documents go to the pure-Python loader.
_LIBYAML_DIFFERS = re.compile("[\t?\ufeff]")


def load_located(text: str, *, max_nodes: int = 1_000_000) -> Located:
    """Parse one YAML document, keeping positions.

    Args:
        text: the document.
        max_nodes: refuse documents that expand to more values than this.

    Raises:
        YamlIssue: on a syntax error, a character YAML forbids, a duplicate or
            non-string key, a merge key of something that is not a mapping, more than
            one document, a document that expands past ``max_nodes``, or one nested
            deeper than Python's recursion limit.
    """
    if _CLoader is not None and not _FORBIDDEN.search(text) and not _LIBYAML_DIFFERS.search(text):
        fast = _load_fast(text, max_nodes)
        if fast is not None:
            return fast
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        raise _unreadable_character(text, exc) from None
    try:
        try:
            node = loader.get_single_node()
        except yaml.reader.ReaderError as exc:
            raise _unreadable_character(text, exc) from None
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


def _load_fast(text: str, max_nodes: int) -> Located | None:
    """The document read with libyaml, or None when anything goes wrong (the caller then reads it again)."""
    assert _CLoader is not None
    loader = _CLoader(text)
    try:
        node = loader.get_single_node()
        located = Located(None)
        if node is not None:
            located.value = _build(loader, node, (), located.positions, [max_nodes])
        return located
    except (yaml.YAMLError, YamlIssue, RecursionError, ValueError):
        return None
    finally:
        loader.dispose()


def _unreadable_character(text: str, exc: yaml.reader.ReaderError) -> YamlIssue:
    """A character YAML forbids anywhere in a file, located by line and column (and the field written there)."""
    position = exc.position if isinstance(exc.position, int) else 0
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(text[position]) if position < len(text) else 0
    name = _CONTROL_NAMES.get(code)
    shown = f"U+{code:04X}" + (f" ({name})" if name else "")
    escape = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    message = f"the character {shown} is not allowed in a YAML file, not even in a comment"
    if code == 0:
        message += " (and a case file refuses NUL in texts too)"
    else:
        message += f'; to put it in a text, write it as {escape} inside double quotes ("...")'
    return YamlIssue(message, line, column, _field_at(text, line, column))


_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "BS", 0x1B: "ESC", 0x7F: "DEL", 0xFFFE: "noncharacter", 0xFFFF: "noncharacter"}


def _field_at(text: str, line: int, column: int) -> Path:
    """The field written on ``line`` before ``column``, read from the text with every forbidden character blanked."""
    clean = _FORBIDDEN.sub(" ", text)
    try:
        located = load_located(clean)
    except (YamlIssue, RecursionError):
        return ()
    best: Path = ()
    best_pos = (0, 0)
    for path, (ln, col) in located.positions.items():
        if ln == line and col <= column and (ln, col) >= best_pos:
            best, best_pos = path, (ln, col)
    return best


# What PyYAML's reader refuses (YAML 1.1 allows tab, LF, CR, NEL and the printable characters).
_FORBIDDEN = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


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
    loader: Any,
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
        result: dict[str, Any] = {}
        merges: list[yaml.MappingNode] | None = None
        for key_node, value_node in node.value:
            where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key_node.tag == _MERGE:
                if merges is not None:
                    raise YamlIssue(
                        "duplicate merge key '<<'; merge several mappings with one key: <<: [*a, *b]", *where, path
                    )
                merges = _merge_sources(value_node, path)
                continue
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise YamlIssue(f"keys must be text, found {key!r}", *where, path)
            if key in result:
                raise YamlIssue(f"duplicate key {key!r}", *where, (*path, key))
            child = (*path, key)
            positions[child] = where
            result[key] = _build(loader, value_node, child, positions, budget)
        for source in merges or ():
            _merge(loader, source, path, result, positions, budget)
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


_MERGE = "tag:yaml.org,2002:merge"


def _merge_sources(node: yaml.Node, path: Path) -> list[yaml.MappingNode]:
    """The mappings a merge key (``<<``) names: one mapping, or a list of them (earlier ones win)."""
    if isinstance(node, yaml.MappingNode):
        return [node]
    if isinstance(node, yaml.SequenceNode) and all(isinstance(item, yaml.MappingNode) for item in node.value):
        return list(node.value)
    raise YamlIssue(
        "a merge key (<<) takes a mapping or a list of mappings, e.g. <<: *defaults",
        node.start_mark.line + 1,
        node.start_mark.column + 1,
        path,
    )


def _merge(
    loader: Any,
    source: yaml.MappingNode,
    path: Path,
    result: dict[str, Any],
    positions: dict[Path, tuple[int, int]],
    budget: list[int],
) -> None:
    """Merge a mapping into ``result`` as YAML's merge key does: keys already there (written or merged) win.

    The merged values keep the positions where they are written (under the anchor).
    """
    found: dict[Path, tuple[int, int]] = {}
    merged = _build(loader, source, path, found, budget)
    taken = {key for key in merged if key not in result}
    for key in merged:
        if key in taken:
            result[key] = merged[key]
    depth = len(path)
    for sub, pos in found.items():
        if len(sub) > depth and sub[depth] in taken:
            positions.setdefault(sub, pos)
