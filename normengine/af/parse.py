"""Readers for the two ICCMA file formats.

* ICCMA 2023 (``.i23``, also ``.af``): a header ``p af N``, then one attack
  ``a b`` per line between arguments ``1..N``; lines starting with ``#`` are
  comments.
* ASPARTIX / ICCMA 2015-2021 (``.apx``): facts ``arg(a).`` and ``att(a,b).``;
  ``%`` starts a comment.

:func:`read_file` picks the format from the extension, or from the content when
the extension says nothing.  Every problem is reported as an
:class:`~normengine.af.framework.AFFormatError` naming the file and line.
"""

from __future__ import annotations

import os
import re

from .framework import AFFormatError, Framework

__all__ = ["detect_format", "parse_apx", "parse_i23", "read_file"]

_NAME = r"([A-Za-z0-9_][A-Za-z0-9_'\-]*|\"[^\"]*\")"
_ARG = re.compile(r"arg\(\s*" + _NAME + r"\s*\)\s*\.")
_ATT = re.compile(r"att\(\s*" + _NAME + r"\s*,\s*" + _NAME + r"\s*\)\s*\.")
_STATEMENT = re.compile(r"\s*(?:" + _ARG.pattern + "|" + _ATT.pattern + r")\s*")


def parse_i23(text: str, source: str = "<string>") -> Framework:
    """Parse the ICCMA 2023 format.

    Args:
        text: the file content.
        source: the file name, for error messages.

    Returns:
        The framework; argument ``i`` is named ``str(i)``.

    Raises:
        AFFormatError: the header is missing or malformed, a line is not two
            integers, or an attack names an argument outside ``1..N``.
    """
    lines = text.split("\n")
    n = -1
    header_line = 0
    for lineno, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) != 3 or parts[0] != "p" or parts[1] != "af" or not parts[2].isdigit():
            raise AFFormatError(source, lineno, f"expected the header 'p af N' (N arguments), found {line[:60]!r}")
        n = int(parts[2])
        header_line = lineno
        break
    if n < 0:
        raise AFFormatError(source, None, "no 'p af N' header: the file has no content")
    seen: set[tuple[int, int]] = set()
    attacks: list[tuple[int, int]] = []
    for lineno in range(header_line + 1, len(lines) + 1):
        raw = lines[lineno - 1]
        parts = raw.split()
        if not parts or parts[0].startswith("#"):
            continue
        try:
            if len(parts) != 2:
                raise ValueError
            a = int(parts[0])
            b = int(parts[1])
        except ValueError:
            line = raw.strip()
            if line.startswith("p "):
                raise AFFormatError(source, lineno, "a second 'p af' header") from None
            raise AFFormatError(
                source,
                lineno,
                f"expected an attack 'a b' of two argument numbers, found {line[:60]!r}",
            ) from None
        if not (0 < a <= n and 0 < b <= n):
            raise AFFormatError(source, lineno, f"argument {a if not 0 < a <= n else b} is outside 1..{n}")
        pair = (a - 1, b - 1)
        if pair not in seen:
            seen.add(pair)
            attacks.append(pair)
    names = tuple(str(i) for i in range(1, n + 1))
    return Framework(names, tuple(attacks), numeric=True)


def parse_apx(text: str, source: str = "<string>") -> Framework:
    """Parse the apx format (``arg(a).`` and ``att(a,b).`` facts).

    Arguments keep their declaration order.  An attack may precede the
    declaration of its arguments, but every argument it names must be
    declared somewhere in the file.

    Args:
        text: the file content.
        source: the file name, for error messages.

    Returns:
        The framework.

    Raises:
        AFFormatError: a line is not a fact of this format, or an attack names
            an undeclared argument.
    """
    names: list[str] = []
    index: dict[str, int] = {}
    raw_attacks: list[tuple[str, str, int]] = []
    arg_match = _ARG.fullmatch
    att_match = _ATT.fullmatch
    for lineno, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line or line[0] == "%" or line[0] == "#":
            continue
        m = att_match(line)
        if m is not None:
            raw_attacks.append((m.group(1), m.group(2), lineno))
            continue
        m = arg_match(line)
        if m is not None:
            name = m.group(1)
            if name not in index:
                index[name] = len(names)
                names.append(name)
            continue
        # Several facts on one line, or a trailing comment.
        body = line.split("%", 1)[0]
        pos = 0
        matched = False
        while pos < len(body):
            s = _STATEMENT.match(body, pos)
            if s is None or s.end() == pos:
                break
            matched = True
            if s.group(1) is not None:
                if s.group(1) not in index:
                    index[s.group(1)] = len(names)
                    names.append(s.group(1))
            else:
                raw_attacks.append((s.group(2), s.group(3), lineno))
            pos = s.end()
        if not matched or pos < len(body):
            raise AFFormatError(source, lineno, f"expected 'arg(NAME).' or 'att(NAME,NAME).', found {line[:60]!r}")
    seen: set[tuple[int, int]] = set()
    attacks: list[tuple[int, int]] = []
    for a, b, lineno in raw_attacks:
        ia = index.get(a)
        ib = index.get(b)
        if ia is None or ib is None:
            missing = a if ia is None else b
            raise AFFormatError(source, lineno, f"attack on undeclared argument {missing!r}")
        pair = (ia, ib)
        if pair not in seen:
            seen.add(pair)
            attacks.append(pair)
    if not names:
        raise AFFormatError(source, None, "no arguments: expected 'arg(NAME).' facts")
    return Framework(tuple(names), tuple(attacks), numeric=False)


def detect_format(path: str | os.PathLike[str], text: str) -> str:
    """Decide between ``"i23"`` and ``"apx"`` for a file.

    The extension decides when it is one of ``.i23``, ``.af`` (ICCMA 2023) or
    ``.apx`` (apx); otherwise the first line that is neither blank nor a
    comment does.

    Args:
        path: the file name.
        text: the file content.

    Returns:
        ``"i23"`` or ``"apx"``.

    Raises:
        AFFormatError: neither format fits the content.
    """
    suffix = os.path.splitext(os.fspath(path))[1].lower()
    if suffix in (".i23", ".af"):
        return "i23"
    if suffix == ".apx":
        return "apx"
    for lineno, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line or line[0] in "#%":
            continue
        if line.startswith("p af"):
            return "i23"
        if line.startswith(("arg(", "att(")):
            return "apx"
        raise AFFormatError(
            str(path),
            lineno,
            f"neither ICCMA 2023 ('p af N') nor apx ('arg(a).'): found {line[:60]!r}",
        )
    raise AFFormatError(str(path), None, "the file is empty")


def read_file(path: str | os.PathLike[str], fmt: str | None = None) -> Framework:
    """Read a framework from a file in either ICCMA format.

    Args:
        path: the file.
        fmt: ``"i23"`` or ``"apx"`` to skip detection.

    Returns:
        The framework.

    Raises:
        AFFormatError: the file cannot be read or is malformed; the message
            names the file and the line.
    """
    p = os.fspath(path)
    try:
        with open(p, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise AFFormatError(p, None, "no such file") from None
    except IsADirectoryError:
        raise AFFormatError(p, None, "is a directory, not a framework file") from None
    except UnicodeDecodeError as exc:
        with open(p, "rb") as raw:
            line = raw.read()[: exc.start].count(b"\n") + 1
        raise AFFormatError(p, line, "not UTF-8 text") from None
    except OSError as exc:
        raise AFFormatError(p, None, f"cannot be read ({exc.strerror})") from None
    kind = fmt or detect_format(p, text)
    if kind == "i23":
        return parse_i23(text, p)
    if kind == "apx":
        return parse_apx(text, p)
    raise ValueError(f"unknown format {fmt!r}: expected 'i23' or 'apx'")
