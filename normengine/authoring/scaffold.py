"""Documented skeletons of a case file and of a rule set (``normengine new``).

Each skeleton evaluates and passes ``normengine check`` and ``normengine test``
as written, so that an author starts from something that works and changes it
step by step. The templates live in ``normengine/templates``. A name given on
the command line becomes a file name, an id and a perspective name, so it must
be lower-case letters, digits, ``-`` and ``_``; nothing else of the user's
reaches the files. No existing file is ever overwritten.
"""

from __future__ import annotations

import os
import re
from importlib.resources import files
from pathlib import Path

from ..atomic import write_atomic
from ..errors import NormengineError, display_path

__all__ = ["ScaffoldError", "new_case", "new_ruleset"]

_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
SCHEMA = Path("docs") / "schema" / "case.schema.json"


class ScaffoldError(NormengineError):
    """A skeleton that cannot be written: a bad name, or a file that already exists (exit status 2)."""

    exit_status = 2


def _template(*parts: str) -> str:
    return files("normengine").joinpath("templates", *parts).read_text(encoding="utf-8")


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def _check_name(name: str, what: str) -> None:
    if not _NAME.match(name):
        raise ScaffoldError(
            f"{name!r} cannot name a {what}: use lower-case letters, digits, '-' and '_', starting with a letter "
            "(at most 64 characters), e.g. entebbe-1976"
        )


def _refuse_existing(paths: list[Path]) -> None:
    existing = [p for p in paths if p.exists() or p.is_symlink()]
    if existing:
        named = ", ".join(display_path(p) for p in existing)
        raise ScaffoldError(f"{named} already exists; normengine new never overwrites a file (choose another name)")


def _schema_line(directory: Path) -> str:
    """A ``yaml-language-server`` line pointing at the case schema, when a checkout's ``docs/schema`` is above."""
    here = directory.resolve()
    for parent in (here, *here.parents):
        schema = parent / SCHEMA
        if schema.is_file():
            rel = Path(os.path.relpath(schema, here)).as_posix()
            return f"# yaml-language-server: $schema={rel}\n"
    return (
        "# For help on every field in your editor: `normengine schema case -o case.schema.json`, then add the line\n"
        "# `# yaml-language-server: $schema=case.schema.json` at the top of this file.\n"
    )


def new_case(name: str, directory: str | Path = ".") -> list[Path]:
    """Write ``NAME.yaml``, a documented case file that evaluates and passes ``normengine test`` as written.

    Args:
        name: the case id and file name (lower-case letters, digits, ``-``, ``_``).
        directory: where to write it (created if missing).

    Returns:
        the files written.

    Raises:
        ScaffoldError: the name is not allowed, or the file exists.
    """
    _check_name(name, "case")
    where = Path(directory)
    target = where / f"{name}.yaml"
    _refuse_existing([target])
    where.mkdir(parents=True, exist_ok=True)
    text = _fill(_template("case.yaml"), {"name": name, "schema_line": _schema_line(where)})
    write_atomic(target, text)
    return [target]


def new_ruleset(name: str, directory: str | Path = ".") -> list[Path]:
    """Write ``NAME/``, a rule set that builds on the bundled law and adds the perspective ``NAME``.

    It holds ``ruleset.toml``, ``perspectives/NAME.lp`` (which states the orthodox view
    until its author changes it), a test file ``tests/NAME.yaml`` and a ``README.md``;
    it passes ``normengine check`` and ``normengine test`` as written.

    Args:
        name: the rule set's name (lower-case letters, digits, ``-``, ``_``); its perspective is
            the same name with ``_`` for ``-``.
        directory: where to create the rule set's directory.

    Returns:
        the files written.

    Raises:
        ScaffoldError: the name is not allowed, or a file exists.
    """
    _check_name(name, "rule set")
    ident = name.replace("-", "_")
    root = Path(directory) / name
    targets = {
        root / "ruleset.toml": ("ruleset", "ruleset.toml"),
        root / "perspectives" / f"{ident}.lp": ("ruleset", "perspectives", "perspective.lp"),
        root / "tests" / f"{ident}.yaml": ("ruleset", "tests", "tests.yaml"),
        root / "README.md": ("ruleset", "README.md"),
    }
    _refuse_existing(list(targets))
    shown = display_path(root)
    values = {"name": name, "id": ident, "dir": shown}
    for target, template in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, _fill(_template(*template), values))
    return list(targets)
