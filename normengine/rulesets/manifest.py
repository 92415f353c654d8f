"""Rule-set manifests: finding a rule set and reading its ``ruleset.toml`` (or a single ``.lp`` file).

A rule set is a directory with a ``ruleset.toml`` manifest (or a single ``.lp`` file). The bundled rule
set lives in the repository's ``rules/`` directory, shipped inside the wheel as ``normengine/rules``.
A manifest names the rule set's files, its perspectives, its tables of authorities and the rule sets it
builds on; every file must lie inside the rule set's directory.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..authorities import FILE as AUTHORITIES
from ..authorities import AuthorityTable, load_table
from ..errors import RuleSetError, display_path
from .files import include_closure, is_loop, resolve_path

__all__ = ["INSTALLED", "MANIFEST", "RuleSet", "bundled_rules_dir", "load_ruleset"]

MANIFEST = "ruleset.toml"
_IDENT = re.compile(r"^[a-z][A-Za-z0-9_]*$")


def bundled_rules_dir() -> Path:
    """Return the directory of the bundled rule set.

    In an installed wheel it is ``normengine/rules``; in a source checkout it
    is the repository's top-level ``rules/``.
    """
    pkg = Path(__file__).resolve().parent.parent
    installed = pkg / "rules"
    if (installed / MANIFEST).is_file():
        return installed
    source = pkg.parent / "rules"
    if (source / MANIFEST).is_file():
        return source
    raise RuleSetError("the bundled rule set is missing: reinstall normengine")


@dataclass(frozen=True)
class RuleSet:
    """A rule set: its manifest, its files and its perspectives.

    Args:
        name: the rule set's name.
        version: its version.
        description: what it encodes.
        authors: who wrote it.
        root: its directory.
        files: the shared rule files, in load order (including those of the rule sets it builds on).
        perspectives: perspective id to the file that holds its choices.
        default_perspective: the perspective used when none is asked for.
        roots: the directories its files may come from (its own and those it builds on).
        builds_on: the rule sets its manifest builds on, as written.
        authority_files: its tables of authorities and those of the rule sets it builds on.
        base_files: those of ``files`` that come from the rule sets it builds on (the first ones, in their order).
    """

    name: str
    version: str
    description: str
    authors: tuple[str, ...]
    root: Path
    files: tuple[Path, ...]
    perspectives: dict[str, Path]
    default_perspective: str
    roots: tuple[Path, ...]
    builds_on: tuple[str, ...] = ()
    authority_files: tuple[Path, ...] = ()
    base_files: tuple[Path, ...] = ()

    def authorities(self) -> AuthorityTable:
        """The table of authorities its sources cite: the bundled table, those it builds on, and its own.

        Raises:
            RuleSetError: a table cannot be read or redefines an authority.
        """
        return load_table([bundled_rules_dir() / AUTHORITIES, *self.authority_files])

    def perspective_file(self, perspective: str | None) -> tuple[str, Path]:
        """Resolve a perspective name to its id and file.

        Raises:
            RuleSetError: the rule set has no such perspective.
        """
        name = perspective or self.default_perspective
        if name not in self.perspectives:
            known = ", ".join(sorted(self.perspectives)) or "none"
            raise RuleSetError(f"rule set {self.name!r} has no perspective {name!r} (it has: {known})")
        return name, self.perspectives[name]

    def every_file(self) -> list[Path]:
        """Every file of the rule set, under every perspective, includes too (what a command must not write over)."""
        paths = [*self.files, *self.perspectives.values()]
        return [part for path in paths for part in include_closure(path, self.roots)]

    def hash(self, perspective: str | None = None) -> str:
        """A SHA-256 over every file the perspective loads and its tables of authorities (names and contents)."""
        digest = hashlib.sha256()
        paths = list(self.files)
        if perspective is not None:
            paths.append(self.perspective_file(perspective)[1])
        for path in paths:
            for part in include_closure(path, self.roots):
                digest.update(str(part.name).encode())
                digest.update(part.read_bytes())
        # The table of authorities shapes the report's citations, so it is part of what was used.
        for table in dict.fromkeys([bundled_rules_dir() / AUTHORITIES, *self.authority_files]):
            if table.is_file():
                digest.update(table.name.encode())
                digest.update(table.read_bytes())
        return "sha256:" + digest.hexdigest()


def load_ruleset(path: str | Path | None = None) -> RuleSet:
    """Load a rule set from a directory with a manifest, a single ``.lp`` file, or the bundled one.

    Args:
        path: a directory holding ``ruleset.toml``, a manifest file itself, a
            single ``.lp`` file (a rule set with one perspective named after the
            file), or None for the bundled rule set.

    Raises:
        RuleSetError: the rule set cannot be found or its manifest is invalid.
    """
    return _load(Path(path) if path is not None else bundled_rules_dir(), ())


def _load(path: Path, seen: tuple[Path, ...]) -> RuleSet:
    if not path.exists():
        if is_loop(path):
            raise RuleSetError(f"{display_path(path)}: a symbolic-link loop, not a rule set")
        raise RuleSetError(f"{display_path(path)}: no such rule set")
    if path.is_file() and path.suffix == ".lp":
        return _single_file(path, seen)
    manifest = path / MANIFEST if path.is_dir() else path
    if not manifest.is_file():
        raise RuleSetError(
            f"{display_path(path)}: not a rule set (no {MANIFEST}; give a directory with one, or an .lp file)"
        )
    root = resolve_path(manifest.parent, display_path(manifest))
    if root in seen:
        chain = " -> ".join(str(p) for p in (*seen, root))
        raise RuleSetError(f"{display_path(manifest)}: rule sets build on each other in a cycle: {chain}")
    where = display_path(manifest)
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RuleSetError(f"{where}: not valid TOML: {exc}") from None
    except RecursionError:
        raise RuleSetError(f"{where}: not a rule-set manifest: its arrays or tables are nested too deeply") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleSetError(f"{where}: cannot read it: {exc}") from None
    allowed = {
        "name",
        "version",
        "description",
        "authors",
        "builds_on",
        "files",
        "perspectives",
        "default_perspective",
        "authorities",
    }
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise RuleSetError(f"{where}: unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}")
    name = _text(data, "name", where, required=True)
    version = _text(data, "version", where) or "0"
    description = _text(data, "description", where) or ""
    authors = tuple(_texts(data, "authors", where))
    builds = _texts(data, "builds_on", where)
    base_files: list[Path] = []
    base_persp: dict[str, Path] = {}
    base_default = ""
    roots: list[Path] = [root]
    authority_files: list[Path] = []
    for ref in builds:
        base = _load(_base(root, ref, where), (*seen, root))
        base_files.extend(f for f in base.files if f not in base_files)
        base_persp.update(base.perspectives)
        base_default = base_default or base.default_perspective
        roots.extend(r for r in base.roots if r not in roots)
        authority_files.extend(f for f in base.authority_files if f not in authority_files)
    for rel in _texts(data, "authorities", where):
        table_file = _inside(root, rel, where, "authorities")
        if table_file not in authority_files:
            authority_files.append(table_file)
    own = [_inside(root, rel, where, "files") for rel in _texts(data, "files", where)]
    persp_table = data.get("perspectives", {})
    if not isinstance(persp_table, dict) or not all(isinstance(v, str) for v in persp_table.values()):
        raise RuleSetError(f"{where}: 'perspectives' must be a table of name = \"file.lp\"")
    perspectives = dict(base_persp)
    for pname, rel in persp_table.items():
        if not _IDENT.match(pname):
            raise RuleSetError(f"{where}: perspective name {pname!r} must be lower case letters, digits and _")
        perspectives[pname] = _inside(root, rel, where, f"perspectives.{pname}")
    if not perspectives:
        raise RuleSetError(f"{where}: the rule set defines no perspective")
    default = _text(data, "default_perspective", where) or base_default or sorted(perspectives)[0]
    if default not in perspectives:
        raise RuleSetError(f"{where}: default_perspective {default!r} is not one of its perspectives")
    all_files = [*base_files, *(f for f in own if f not in base_files)]
    if not all_files and not perspectives:
        raise RuleSetError(f"{where}: the rule set has no files")
    assert name is not None  # _text(..., required=True) raises otherwise
    return RuleSet(
        name=name,
        version=version,
        description=description,
        authors=authors,
        root=root,
        files=tuple(all_files),
        perspectives=perspectives,
        default_perspective=default,
        roots=tuple(roots),
        builds_on=tuple(builds),
        authority_files=tuple(authority_files),
        base_files=tuple(base_files),
    )


def _single_file(path: Path, seen: tuple[Path, ...]) -> RuleSet:
    p = path.resolve()
    return RuleSet(
        name=p.stem,
        version="0",
        description=f"single-file rule set {p.name}",
        authors=(),
        root=p.parent,
        files=(),
        perspectives={_ident(p.stem): p},
        default_perspective=_ident(p.stem),
        roots=(p.parent,),
    )


def _ident(stem: str) -> str:
    name = re.sub(r"[^a-z0-9_]", "_", stem.lower())
    return name if name and name[0].isalpha() else f"p_{name}"


def _text(data: dict[str, Any], key: str, where: str, *, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            raise RuleSetError(f"{where}: missing required field {key!r}")
        return None
    if not isinstance(value, str):
        raise RuleSetError(f"{where}: {key!r} must be a string")
    return value


def _texts(data: dict[str, Any], key: str, where: str) -> list[str]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleSetError(f"{where}: {key!r} must be a list of strings")
    return value


INSTALLED = {"builtin": bundled_rules_dir}
"""The rule sets a manifest may name in ``builds_on`` by name (the bundled law)."""


def _base(root: Path, ref: str, where: str) -> Path:
    """Where a ``builds_on`` entry points: an installed rule set by name, or a rule set inside this one.

    Like every file of a rule set, the rule sets it builds on may not lie outside its directory:
    ``builds_on = ["../x"]`` (or an absolute path, or a symbolic link to elsewhere) is refused.
    """
    if ref in INSTALLED:
        return INSTALLED[ref]()
    target = resolve_path(root / ref, f"{where}: builds_on = {ref!r}")
    if not target.is_relative_to(root) or target == root:
        names = ", ".join(repr(n) for n in sorted(INSTALLED))
        raise RuleSetError(
            f"{where}: builds_on = {ref!r} points outside the rule set's directory; a rule set builds on "
            f"an installed rule set by name ({names}) or on one inside its own directory"
        )
    return target


def _inside(root: Path, rel: str, where: str, key: str) -> Path:
    target = resolve_path(root / rel, f"{where}: {key} = {rel!r}")
    if not target.is_relative_to(root):
        raise RuleSetError(f"{where}: {key} = {rel!r} points outside the rule set's directory")
    if not target.is_file():
        raise RuleSetError(f"{where}: {key} = {rel!r}: no such file")
    return target
