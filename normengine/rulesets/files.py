"""The files of a rule set: where a path really leads, and every file an entry file ``#include``s.

Every rule set's files are confined to its directories (its ``roots``): an ``#include`` that reaches
outside them, or clingo's system files, is refused here, before clingo reads anything.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import RuleSetError, display_path

__all__ = ["empty_cwd", "include_closure", "is_loop", "relative_messages", "resolve_path"]


def is_loop(path: Path) -> bool:
    """Whether ``path`` is (or passes through) a symbolic-link loop."""
    try:
        path.stat()
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def resolve_path(path: Path, where: str | None = None) -> Path:
    """``path.resolve()``, with a symbolic-link loop (or an unreadable link) as a rule-set error, located at
    ``where`` (by default the path itself, as :func:`~normengine.errors.display_path` names it: worked out only
    then, as it resolves the path and the current directory)."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        raise RuleSetError(f"{where or display_path(path)}: {display_path(path)} is a symbolic-link loop") from None


_EMPTY_DIR: list[str] = []


@contextlib.contextmanager
def empty_cwd() -> Iterator[None]:
    """Parse from an empty directory: clingo resolves ``#include`` against the current
    directory first, so a file there must never stand in for the rule set's own."""
    if not _EMPTY_DIR or not os.path.isdir(_EMPTY_DIR[0]):
        _EMPTY_DIR[:] = [tempfile.mkdtemp(prefix="normengine-parse-")]
    previous = os.getcwd()
    os.chdir(_EMPTY_DIR[0])
    try:
        yield
    finally:
        os.chdir(previous)


def relative_messages(messages: list[str]) -> list[str]:
    """clingo's ``file:line:col`` messages, each file named as :func:`~normengine.errors.display_path` names it."""
    out = []
    for m in messages:
        head, sep, rest = m.partition(":")
        out.append(display_path(head) + sep + rest if sep and Path(head).is_absolute() else m)
    return out


_INCLUDE = re.compile(r'#include\s*(?:"((?:[^"\\]|\\.)*)"|<([^>]*)>)\s*\.')


_LEXEME = re.compile(r'"(?:[^"\\\n]|\\.)*"|%\*.*?\*%|%[^\n]*', re.S)


def _strip_comments(text: str) -> str:
    """Blank out comments (``% ...`` and ``%* ... *%``) but keep strings and line structure."""

    def blank(match: re.Match[str]) -> str:
        lexeme = match.group(0)
        if lexeme.startswith('"'):
            return lexeme
        return re.sub(r"[^\n]", " ", lexeme)

    return _LEXEME.sub(blank, text)


_CLOSURES: dict[tuple[str, float, int, tuple[Path, ...]], tuple[list[Path], list[tuple[float, int]]]] = {}


def include_closure(path: Path, roots: tuple[Path, ...]) -> list[Path]:
    """``path`` and every file it includes, refusing includes outside ``roots`` (memoised by mtime)."""
    try:
        st = path.stat()
    except OSError as exc:
        raise RuleSetError(f"{display_path(path)}: cannot read it: {exc.strerror}") from None
    key = (str(resolve_path(path)), st.st_mtime, st.st_size, roots)
    found = _CLOSURES.get(key)
    if found is not None and _stamps(found[0]) == found[1]:
        return found[0]
    files = list(_walk_includes(path, roots))
    _CLOSURES[key] = (files, _stamps(files))
    return files


def _stamps(files: list[Path]) -> list[tuple[float, int]]:
    out = []
    for f in files:
        try:
            st = f.stat()
            out.append((st.st_mtime, st.st_size))
        except OSError:
            out.append((-1.0, -1))
    return out


def _walk_includes(path: Path, roots: tuple[Path, ...]) -> Iterator[Path]:
    seen: set[Path] = set()
    stack = [resolve_path(path)]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        yield current
        try:
            text = current.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleSetError(f"{display_path(current)}: cannot read it: {exc}") from None
        if "#include" not in text:  # most files include nothing: no need to strip their comments
            continue
        stripped = _strip_comments(text)
        for match in _INCLUDE.finditer(stripped):
            line = stripped.count("\n", 0, match.start()) + 1
            if match.group(2) is not None:
                raise RuleSetError(
                    f"{display_path(current)}:{line}: #include <{match.group(2)}> reaches clingo's "
                    "system files; a rule set may include only its own files"
                )
            target = resolve_path(
                current.parent / match.group(1), f'{display_path(current)}:{line}: #include "{match.group(1)}"'
            )
            if not any(target.is_relative_to(root) for root in roots):
                raise RuleSetError(
                    f'{display_path(current)}:{line}: #include "{match.group(1)}" reaches outside '
                    "the rule set's directory"
                )
            if not target.is_file():
                raise RuleSetError(f'{display_path(current)}:{line}: #include "{match.group(1)}": no such file')
            stack.append(target)
