"""Rule sets: finding them, reading their manifests, and parsing their rules.

A rule set is a directory with a ``ruleset.toml`` manifest (or a single
``.lp`` file). The bundled rule set lives in the repository's ``rules/``
directory, shipped inside the wheel as ``normengine/rules``.

Rules are parsed with clingo's AST, never pasted together as text, so that
clingo's own messages keep the real file and line. The parse also reads the
annotations a rule author writes next to each rule::

    %@ rule: sd_no_armed_attack
    %@ source: UN Charter Art 51; Nicaragua (1986) §195
    %@ says: {C} shows no armed attack on {S}
    element_fails(C, armed_attack) :- sd_claim(C); defender(C, S); not invoked_attack(C, _).

and instruments every annotated rule ``H :- B.`` into ``__fired_K(V1,...,Vn) :- B.``
and ``H :- __fired_K(V1,...,Vn).`` (one predicate per rule, so that the grounder
indexes each record by its own predicate), so that a solve records which rule
fired with which bindings. Explanations are built from those records.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import json
import os
import re
import tempfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import clingo
import clingo.ast as ast

from .atomic import write_atomic
from .authorities import FILE as AUTHORITIES
from .authorities import AuthorityTable, load_table
from .errors import RuleSetError, display_path
from .predicates import AF_IN

__all__ = [
    "PredicateDoc",
    "Program",
    "RuleMeta",
    "RuleSet",
    "RuleSetRefused",
    "RuleSyntaxError",
    "bundled_rules_dir",
    "load_ruleset",
    "parse_program",
]

MANIFEST = "ruleset.toml"
FIRED = "__fired_"
_ANNOTATION = re.compile(r"^%@\s*(\w+)\s*:\s*(.*?)\s*$")
_IDENT = re.compile(r"^[a-z][A-Za-z0-9_]*$")


class RuleSyntaxError(RuleSetError):
    """Rule files that clingo cannot parse; ``messages`` holds clingo's own ``file:line:col`` messages."""


class RuleSetRefused(RuleSetError):
    """Rule files that parse but are refused: each of ``messages`` is ``file:line:col: error: text``.

    ``code`` says why (``reserved`` a predicate or rule id of the engine's, ``script`` a script this
    clingo cannot run); ``normengine check`` reports each message as a finding with that code.
    """

    def __init__(self, summary: str, messages: list[str], code: str) -> None:
        super().__init__(summary, messages)
        self.code = code


def bundled_rules_dir() -> Path:
    """Return the directory of the bundled rule set.

    In an installed wheel it is ``normengine/rules``; in a source checkout it
    is the repository's top-level ``rules/``.
    """
    pkg = Path(__file__).resolve().parent
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
        return [part for path in paths for part in _include_closure(path, self.roots)]

    def hash(self, perspective: str | None = None) -> str:
        """A SHA-256 over every file the perspective loads and its tables of authorities (names and contents)."""
        digest = hashlib.sha256()
        paths = list(self.files)
        if perspective is not None:
            paths.append(self.perspective_file(perspective)[1])
        for path in paths:
            for part in _include_closure(path, self.roots):
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
        if _is_loop(path):
            raise RuleSetError(f"{display_path(path)}: a symbolic-link loop, not a rule set")
        raise RuleSetError(f"{display_path(path)}: no such rule set")
    if path.is_file() and path.suffix == ".lp":
        return _single_file(path, seen)
    manifest = path / MANIFEST if path.is_dir() else path
    if not manifest.is_file():
        raise RuleSetError(
            f"{display_path(path)}: not a rule set (no {MANIFEST}; give a directory with one, or an .lp file)"
        )
    root = _resolve(manifest.parent, display_path(manifest))
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
    target = _resolve(root / ref, f"{where}: builds_on = {ref!r}")
    if not target.is_relative_to(root) or target == root:
        names = ", ".join(repr(n) for n in sorted(INSTALLED))
        raise RuleSetError(
            f"{where}: builds_on = {ref!r} points outside the rule set's directory; a rule set builds on "
            f"an installed rule set by name ({names}) or on one inside its own directory"
        )
    return target


def _is_loop(path: Path) -> bool:
    try:
        path.stat()
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _resolve(path: Path, where: str) -> Path:
    """``path.resolve()``, with a symbolic-link loop (or an unreadable link) as a rule-set error."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        raise RuleSetError(f"{where}: {display_path(path)} is a symbolic-link loop") from None


def _inside(root: Path, rel: str, where: str, key: str) -> Path:
    target = _resolve(root / rel, f"{where}: {key} = {rel!r}")
    if not target.is_relative_to(root):
        raise RuleSetError(f"{where}: {key} = {rel!r} points outside the rule set's directory")
    if not target.is_file():
        raise RuleSetError(f"{where}: {key} = {rel!r}: no such file")
    return target


# --------------------------------------------------------------------------
# Parsing

Term = tuple[Any, ...]
"""A term of a rule, as a JSON-friendly tree: ``("v", name)`` a variable, ``("s", text)`` a
symbol, ``("f", name, [terms])`` a function or tuple, ``("x", text)`` anything else (arithmetic)."""


@dataclass(frozen=True)
class RuleMeta:
    """What a rule author wrote next to a rule, and the rule's shape.

    Args:
        id: the rule's id (``%@ rule:``), or None for an unnamed rule.
        source: its legal source (``%@ source:``), or None.
        says: the sentence that explains it, with ``{Var}`` placeholders.
        file: the ``.lp`` file.
        line: its first line.
        variables: the names of its global variables, in the order ``__fired`` records them.
        head: the head atom's term, or None when the head is not a plain atom.
        body: the positive body atoms' terms.
        negative: the negated body atoms' terms.
    """

    id: str | None
    source: str | None
    says: str | None
    file: str
    line: int
    variables: tuple[str, ...] = ()
    head: Term | None = None
    body: tuple[Term, ...] = ()
    negative: tuple[Term, ...] = ()
    comparisons: tuple[tuple[str, Term, Term], ...] = ()
    exact: bool = False
    """Whether the rule's firings can be recomputed from the atoms of a solve alone: a plain head, a body of
    plain atoms (negated or not) and comparisons without arithmetic, every variable bound by a positive atom.
    Such a rule needs no ``__fired`` record in the program's light form (:attr:`Program.light_text`)."""


@dataclass(frozen=True)
class PredicateDoc:
    """The documentation of a predicate (a ``%*! pred(A, B)`` block)."""

    name: str
    arity: int
    args: tuple[str, ...]
    description: str
    reads: str | None
    file: str
    line: int
    arg_docs: tuple[str, ...] = ()


@dataclass
class Program:
    """A parsed, instrumented rule program, ready to add to a Control.

    A program comes either from a fresh parse (``statements`` holds clingo
    ASTs, which keep file and line for clingo's messages) or from the on-disk
    cache (only ``text``). :meth:`add_to` uses the ASTs when it has them.
    """

    text: str = ""
    statements: list[Any] | None = None
    rules: dict[str, RuleMeta] = field(default_factory=dict)
    facts: dict[str, RuleMeta] = field(default_factory=dict)
    unannotated: list[RuleMeta] = field(default_factory=list)
    docs: dict[tuple[str, int], PredicateDoc] = field(default_factory=dict)
    scripts: list[tuple[str, int]] = field(default_factory=list)
    files: tuple[Path, ...] = ()
    problems: list[str] = field(default_factory=list)
    signature: str = ""
    fired: dict[str, str] = field(default_factory=dict)
    entries: tuple[Path, ...] = ()
    roots: tuple[Path, ...] = ()
    allow_scripts: bool = False
    light_text: str = ""
    light_statements: list[Any] | None = None

    def relocated(self) -> Program:
        """The same program parsed afresh from its files, so that clingo's messages name them."""
        if self.located:
            return self
        return parse_program(list(self.entries), self.roots, allow_scripts=self.allow_scripts, use_cache=False)

    def add_to(self, ctl: clingo.Control, *, light: bool = False) -> None:
        """Add the program's statements to a Control.

        Args:
            ctl: the Control.
            light: add the light form, in which the rules whose firings can be recomputed from the atoms
                (:attr:`RuleMeta.exact`) leave no ``__fired`` record (:class:`normengine.explain.Derivations`
                recomputes them when asked).
        """
        statements = self.light_statements if light else self.statements
        if statements is not None:
            with ast.ProgramBuilder(ctl) as builder:
                for statement in statements:
                    builder.add(statement)
        else:
            ctl.add("base", [], self.light_text if light else self.text)

    @property
    def located(self) -> bool:
        """Whether clingo's messages will name the real ``.lp`` files and lines."""
        return self.statements is not None

    def to_json(self) -> dict[str, Any]:
        def meta(m: RuleMeta) -> dict[str, Any]:
            return {
                "id": m.id,
                "source": m.source,
                "says": m.says,
                "file": m.file,
                "line": m.line,
                "variables": list(m.variables),
                "head": m.head,
                "body": list(m.body),
                "negative": list(m.negative),
                "comparisons": [list(c) for c in m.comparisons],
                "exact": m.exact,
            }

        return {
            "text": self.text,
            "rules": {k: meta(v) for k, v in self.rules.items()},
            "facts": {k: meta(v) for k, v in self.facts.items()},
            "unannotated": [meta(m) for m in self.unannotated],
            "docs": [vars(d) for d in self.docs.values()],
            "scripts": [list(x) for x in self.scripts],
            "files": [str(f) for f in self.files],
            "problems": self.problems,
            "signature": self.signature,
            "fired": self.fired,
            "entries": [str(f) for f in self.entries],
            "roots": [str(f) for f in self.roots],
            "allow_scripts": self.allow_scripts,
            "light_text": self.light_text,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Program:
        def tup(x: Any) -> Any:
            # A term is ["v"|"s"|"x", text] or ["f", name, [terms]] (see Term).
            if x is None:
                return None
            if x[0] == "f":
                return ("f", x[1], tuple(map(tup, x[2])))
            return tuple(x)

        def meta(d: dict[str, Any]) -> RuleMeta:
            return RuleMeta(
                id=d["id"],
                source=d["source"],
                says=d["says"],
                file=d["file"],
                line=d["line"],
                variables=tuple(d["variables"]),
                head=tup(d["head"]),
                body=tuple(tup(b) for b in d["body"]),
                negative=tuple(tup(b) for b in d["negative"]),
                comparisons=tuple((op, tup(a), tup(b)) for op, a, b in d.get("comparisons", ())),
                exact=bool(d.get("exact", False)),
            )

        docs = [PredicateDoc(**{**d, "args": tuple(d["args"]), "arg_docs": tuple(d["arg_docs"])}) for d in data["docs"]]
        return cls(
            text=data["text"],
            statements=None,
            rules={k: meta(v) for k, v in data["rules"].items()},
            facts={k: meta(v) for k, v in data["facts"].items()},
            unannotated=[meta(m) for m in data["unannotated"]],
            docs={(d.name, d.arity): d for d in docs},
            scripts=[(f, int(n)) for f, n in data["scripts"]],
            files=tuple(Path(f) for f in data["files"]),
            problems=list(data["problems"]),
            signature=data["signature"],
            fired=dict(data["fired"]),
            entries=tuple(Path(f) for f in data["entries"]),
            roots=tuple(Path(f) for f in data["roots"]),
            allow_scripts=bool(data["allow_scripts"]),
            light_text=str(data["light_text"]),
        )


_MEMORY: dict[str, Program] = {}
_CACHE_FORMAT = "normengine-program-3"


def cache_dir() -> Path | None:
    """Where parsed programs are cached: ``$NORMENGINE_CACHE``, else the user's cache directory.

    Set ``NORMENGINE_CACHE=off`` to disable the cache.
    """
    env = os.environ.get("NORMENGINE_CACHE")
    if env is not None:
        return None if env.lower() in ("", "0", "off", "no", "false") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "normengine"


# The loader's own code is part of the cache key: a change to the instrumentation invalidates the cache.
_LOADER_DIGEST = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _signature(closure: list[Path], paths: list[Path], allow_scripts: bool) -> str:
    digest = hashlib.sha256(_CACHE_FORMAT.encode() + _LOADER_DIGEST.encode())
    digest.update(str(allow_scripts).encode())
    for p in paths:
        digest.update(b"entry:" + str(p).encode())
    for p in closure:
        digest.update(b"file:" + str(p).encode() + b"\0")
        digest.update(p.read_bytes())
    return digest.hexdigest()


def program_signature(paths: list[Path], roots: tuple[Path, ...], *, allow_scripts: bool = False) -> str:
    """The key :func:`parse_program` caches ``paths`` under: every file they include and its content.

    Raises:
        RuleSetError: an include reaches outside ``roots``.
    """
    closure: list[Path] = []
    for path in paths:
        for part in _include_closure(path, roots):
            if part not in closure:
                closure.append(part)
    return _signature(closure, paths, allow_scripts)


def parse_program(
    paths: list[Path], roots: tuple[Path, ...], *, allow_scripts: bool = False, use_cache: bool = True
) -> Program:
    """Parse rule files (and the files they include) into an instrumented program.

    The result is cached in memory and on disk (see :func:`cache_dir`), keyed by
    the content of every file, so that a fresh process does not pay for the parse.

    Args:
        paths: the files to load, in order.
        roots: the directories that ``#include`` may reach.
        allow_scripts: accept ``#script`` blocks (refused by default: a rule set is data).
        use_cache: read and write the caches; False forces a fresh, located parse.

    Raises:
        RuleSetError: a file does not parse, includes a file outside ``roots``,
            or holds a ``#script`` that was not allowed.
    """
    closure: list[Path] = []
    for path in paths:
        for part in _include_closure(path, roots):
            if part not in closure:
                closure.append(part)
    signature = _signature(closure, paths, allow_scripts)
    if use_cache:
        cached = _MEMORY.get(signature) or _read_cache(signature)
        if cached is not None:
            _MEMORY[signature] = cached
            return cached
    messages: list[str] = []
    raw: list[Any] = []

    def logger(_code: clingo.MessageCode, message: str) -> None:
        messages.append(message.strip())

    try:
        with _empty_cwd():
            ast.parse_files([str(p.resolve()) for p in paths], raw.append, logger=logger, message_limit=50)
    except RuntimeError:
        files_named = ", ".join(display_path(p) for p in paths)
        raise RuleSyntaxError(f"the rule set does not parse ({files_named})", _relative(messages)) from None
    _check_origins(raw, closure)
    program = _instrument(raw, allow_scripts)
    program.files = tuple(closure)
    program.signature = signature
    program.entries = tuple(p.resolve() for p in paths)
    program.roots = tuple(roots)
    program.allow_scripts = allow_scripts
    if program.scripts and not allow_scripts:
        where = ", ".join(f"{display_path(f)}:{line}" for f, line in program.scripts)
        raise RuleSetError(
            f"the rule set embeds a #script block ({where}); a rule set is data, so scripts are refused "
            "unless you pass --allow-scripts"
        )
    if program.scripts:
        _check_script_support(raw)
    _check_reserved(raw)
    if use_cache:
        _MEMORY[signature] = program
        if not program.scripts:
            _write_cache(signature, program)
    return program


# --------------------------------------------------------------------------
# What a rule set may not define: the engine's own predicates and the bundled law's rule ids

_PACKAGE = Path(__file__).resolve().parent
_ENGINE_ENCODINGS = (_PACKAGE / "encodings", _PACKAGE / "af" / "encodings")
RESERVED_PREFIX = "__"
"""Predicates whose names start with this are the engine's own records (``__fired_K``, ``__verdict``, ...)."""


def reserved_predicates() -> dict[str, str]:
    """The engine's predicates a rule set may not define, by name, with what each is.

    Every name that starts with ``__`` is reserved (the records of which rule fired, the readings of
    verdicts and statuses); so is every predicate the engine's own encodings derive (the argumentation
    core's ``af_gr_in``, ``af_gr_out``, ``af_in``, ...), read from those encodings.
    """
    if not _RESERVED:
        files = sorted(p for d in _ENGINE_ENCODINGS if d.is_dir() for p in d.glob("*.lp"))
        raw: list[Any] = []
        ast.parse_files([str(p) for p in files], raw.append, logger=lambda _c, _m: None)
        for node in raw:
            for name, _arity in _defines(node):
                if not name.startswith(RESERVED_PREFIX):
                    _RESERVED.setdefault(name, "a conclusion of the engine's argumentation core")
    return dict(_RESERVED)


_RESERVED: dict[str, str] = {}


def bundled_rule_ids() -> dict[str, str]:
    """Every rule id (``%@ rule:``) of the bundled rule set, with its file and line."""
    if not _BUNDLED_IDS:
        try:
            root = bundled_rules_dir()
        except RuleSetError:
            return {}
        for path in sorted(root.rglob("*.lp")):
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                continue
            for number, line in enumerate(lines, 1):
                match = _ANNOTATION.match(line.strip())
                if match and match.group(1) == "rule" and match.group(2):
                    _BUNDLED_IDS.setdefault(match.group(2), f"{path.relative_to(root)}:{number}")
    return dict(_BUNDLED_IDS)


_BUNDLED_IDS: dict[str, str] = {}


AnnotatedRule = tuple[str, str, int, int, dict[str, str], Any]


def _annotated_rules(raw: list[Any]) -> list[AnnotatedRule]:
    """Each rule with a ``%@ rule:`` id directly above it: (id, file, line, column, annotations, the rule)."""
    out: list[AnnotatedRule] = []
    pending: dict[str, str] = {}
    pending_at = ("", -1)
    for node in raw:
        kind = node.ast_type
        if kind == ast.ASTType.Comment:
            match = _ANNOTATION.match(node.value)
            if match is None:
                continue
            begin = node.location.begin
            if not pending or pending_at != (begin.filename, begin.line - 1):
                pending = {}
            pending.setdefault(match.group(1), match.group(2))
            pending_at = (begin.filename, begin.line)
            continue
        if pending and kind == ast.ASTType.Rule and pending.get("rule"):
            begin = node.location.begin
            if pending_at == (begin.filename, begin.line - 1):
                out.append((pending["rule"], begin.filename, begin.line, begin.column, pending, node))
        pending = {}
    return out


_BUNDLED_RULES: dict[str, dict[str, tuple[str | None, str | None, str]]] = {}


def _bundled_rule(rule_id: str) -> tuple[str | None, str | None, str] | None:
    """The bundled rule with this id: its source, its sentence and its text (as clingo prints it)."""
    location = bundled_rule_ids().get(rule_id)
    if location is None:
        return None
    relative = location.rsplit(":", 1)[0]
    if relative not in _BUNDLED_RULES:
        path = (bundled_rules_dir() / relative).resolve()
        raw: list[Any] = []
        try:
            with _empty_cwd():
                ast.parse_files([str(path)], raw.append, logger=lambda _c, _m: None)
        except RuntimeError:
            raw = []
        _BUNDLED_RULES[relative] = {
            rid: (notes.get("source"), notes.get("says"), str(node))
            for rid, file, _line, _col, notes, node in _annotated_rules(raw)
            if Path(file).resolve() == path
        }
    return _BUNDLED_RULES[relative].get(rule_id)


def _term_names(term: Any) -> Iterator[tuple[str, int]]:
    t = term.ast_type
    T = ast.ASTType
    if t == T.Function and term.name:
        yield term.name, len(term.arguments)
    elif t == T.SymbolicTerm and term.symbol.type == clingo.SymbolType.Function and term.symbol.name:
        yield term.symbol.name, len(term.symbol.arguments)
    elif t == T.UnaryOperation:
        yield from _term_names(term.argument)
    elif t == T.Pool:
        for arg in term.arguments:
            yield from _term_names(arg)


def _head_names(node: Any) -> Iterator[tuple[str, int]]:
    T = ast.ASTType
    t = node.ast_type
    if t == T.ConditionalLiteral:
        yield from _head_names(node.literal)  # its condition is read, not defined
    elif t == T.Literal:
        yield from _head_names(node.atom)
    elif t == T.SymbolicAtom:
        yield from _term_names(node.symbol)
    elif t not in (T.Comparison, T.BooleanConstant, T.TheoryAtom):
        for key in node.child_keys:
            child = getattr(node, key)
            if isinstance(child, ast.AST):
                yield from _head_names(child)
            elif child is not None and not isinstance(child, str | int):
                for item in child:  # an ASTSequence (elements of a choice, a disjunction, an aggregate)
                    if isinstance(item, ast.AST):
                        yield from _head_names(item)


def _defines(node: Any) -> Iterator[tuple[str, int]]:
    """The predicates a statement defines (or shows as a term): its head atoms, an #external, a #show term."""
    T = ast.ASTType
    t = node.ast_type
    if t == T.Rule:
        yield from _head_names(node.head)
    elif t == T.External:
        yield from _head_names(node.atom)
    elif t == T.ShowTerm:
        yield from _term_names(node.term)
    elif t == T.Defined:
        yield node.name, node.arity


@functools.lru_cache(maxsize=4096)
def _engine_file(name: str) -> bool:
    try:
        path = Path(name).resolve()
    except (OSError, RuntimeError):
        return False
    return any(path.is_relative_to(d) for d in _ENGINE_ENCODINGS)


@functools.lru_cache(maxsize=4096)
def _bundled_file(name: str) -> bool:
    try:
        return Path(name).resolve().is_relative_to(bundled_rules_dir())
    except (OSError, RuntimeError, RuleSetError):
        return False


def _check_reserved(raw: list[Any]) -> None:
    """Refuse a rule set that defines the engine's predicates or reuses a rule id of the bundled law.

    The report says which rule of the law fired, with its sources, from the engine's ``__fired_K``
    records and the argumentation core's conclusions: a rule set that could assert them, or give its
    own rule a bundled rule's id, could make the report cite the law for what the law does not say.
    """
    reserved = reserved_predicates()
    messages: list[str] = []
    for node in raw:
        for name, arity in _defines(node):
            bare = name.lstrip("-")
            if not bare.startswith(RESERVED_PREFIX) and bare not in reserved:
                continue
            begin = node.location.begin
            if not begin.filename or begin.filename.startswith("<") or _engine_file(begin.filename):
                continue
            if bare.startswith(RESERVED_PREFIX):
                what = (
                    "names that start with __ are the engine's own records "
                    "(such as __fired_K, which says which rule fired)"
                )
            elif bare in reserved:
                what = f"{bare} is {reserved[bare]}, which the engine derives from arg/1 and att/2"
            else:
                continue
            verb = "shows a term of" if node.ast_type == ast.ASTType.ShowTerm else "defines"
            messages.append(
                f"{display_path(begin.filename)}:{begin.line}:{begin.column}: error: the rule set {verb} "
                f"{bare}/{arity}, which the engine reserves: {what}"
            )
    bundled = bundled_rule_ids()
    loaded: set[str] | None = None
    for rule_id, file, line, column, notes, node in _annotated_rules(raw):
        if rule_id not in bundled or _bundled_file(file):
            continue
        if loaded is None:
            names = {n.location.begin.filename for n in raw}
            loaded = {str(Path(name).resolve()) for name in names if name and not name.startswith("<")}
        where = f"{display_path(file)}:{line}:{column}: error: rule id {rule_id!r}"
        origin = bundled_rules_dir() / bundled[rule_id].rsplit(":", 1)[0]
        if str(origin.resolve()) in loaded:
            messages.append(
                f"{where} is also the id of a rule of the bundled law that this rule set loads "
                f"(rules/{bundled[rule_id]}); give your rule an id of its own"
            )
        elif _bundled_rule(rule_id) != (notes.get("source"), notes.get("says"), str(node)):
            messages.append(
                f"{where} is the id of a rule of the bundled law (rules/{bundled[rule_id]}), but this is another "
                "rule (or cites other sources); give it an id of its own, so that no report takes it for the "
                "bundled rule (a verbatim copy of the bundled rule may keep its id)"
            )
    if messages:
        raise RuleSetRefused(
            "the rule set defines what the engine reserves (its own predicates, or the bundled law's rule ids)",
            sorted(set(messages), key=messages.index),
            code="reserved",
        )


_SCRIPT_SUPPORT: dict[str, bool] = {}


def script_supported(language: str) -> bool:
    """Whether this clingo can run ``#script (language)`` blocks (normengine never enables Python itself)."""
    if language not in _SCRIPT_SUPPORT:
        ctl = clingo.Control(["--warn=none"], logger=lambda _code, _message: None)
        try:
            ctl.add("base", [], f"#script ({language}) #end.")
            _SCRIPT_SUPPORT[language] = True
        except RuntimeError:
            _SCRIPT_SUPPORT[language] = False
    return _SCRIPT_SUPPORT[language]


def _check_script_support(raw: list[Any]) -> None:
    """Refuse allowed scripts that this clingo cannot run, naming each block's file and line."""
    messages = []
    for node in raw:
        if node.ast_type != ast.ASTType.Script:
            continue
        language = str(node.name)
        if not script_supported(language):
            begin = node.location.begin
            messages.append(
                f"{display_path(begin.filename)}:{begin.line}:{begin.column}: error: #script ({language}): "
                f"this clingo has no {language} support, so the script cannot run"
            )
    if messages:
        raise RuleSetRefused(
            "the rule set embeds a #script block that this clingo cannot run (--allow-scripts lets a script run, "
            "it cannot add a language to clingo)",
            messages,
            code="script",
        )


_EMPTY_DIR: list[str] = []


@contextlib.contextmanager
def _empty_cwd() -> Iterator[None]:
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


def _check_origins(raw: list[Any], closure: list[Path]) -> None:
    """Refuse statements that clingo read from a file outside the include closure.

    clingo resolves ``#include "x.lp"`` against the current directory first and
    only then against the including file's directory, so a file named like an
    include in the directory normengine runs from would be read instead of the
    rule set's own file. The closure was computed (and confined to the rule
    set's roots) relative to the including file; anything else is refused.
    """
    allowed = {str(p) for p in closure}
    names = {node.location.begin.filename for node in raw}
    for name in sorted(names):
        if not name or name.startswith("<"):
            continue
        if str(Path(name).resolve()) not in allowed:
            raise RuleSetError(
                f"clingo read {display_path(name)} for an #include, not the rule set's own file: clingo looks "
                "for an included file in the current directory first; run normengine from another directory"
            )


def _read_cache(signature: str) -> Program | None:
    directory = cache_dir()
    if directory is None:
        return None
    try:
        data = json.loads((directory / f"{signature}.json").read_text(encoding="utf-8"))
        return Program.from_json(data)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_cache(signature: str, program: Program) -> None:
    directory = cache_dir()
    if directory is None:
        return
    try:
        directory.mkdir(parents=True, exist_ok=True)
        write_atomic(directory / f"{signature}.json", json.dumps(program.to_json()))
    except OSError:
        pass  # a cache we cannot write is only a slower start


def _relative(messages: list[str]) -> list[str]:
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


def _include_closure(path: Path, roots: tuple[Path, ...]) -> list[Path]:
    """``path`` and every file it includes, refusing includes outside ``roots`` (memoised by mtime)."""
    try:
        st = path.stat()
    except OSError as exc:
        raise RuleSetError(f"{display_path(path)}: cannot read it: {exc.strerror}") from None
    key = (str(_resolve(path, display_path(path))), st.st_mtime, st.st_size, roots)
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
    stack = [_resolve(path, display_path(path))]
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
            target = _resolve(
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


_VAR = re.compile(r'"(?:[^"\\]|\\.)*"|\b([A-Z][A-Za-z0-9_\']*)')


def _variables(texts: list[str]) -> list[str]:
    """Variable names in the order they occur in the texts (strings skipped)."""
    names: list[str] = []
    for text in texts:
        for match in _VAR.finditer(text):
            name = match.group(1)
            if name and name not in names:
                names.append(name)
    return names


def _instrument(raw: list[Any], allow_scripts: bool) -> Program:
    program = Program(statements=[])
    statements: list[Any] = []
    light: list[Any] = []  # the same program, but for the exact rules (RuleMeta.exact) as written
    id_count: dict[str, int] = {}
    pending: dict[str, str] = {}
    pending_line = -1
    pending_file = ""
    last_fact: tuple[str, int, RuleMeta] | None = None
    doc_blocks: list[Any] = []
    T = ast.ASTType
    for node in raw:
        t = node.ast_type
        loc = node.location
        begin = loc.begin
        fname, line = begin.filename, begin.line
        if t == T.Comment:
            text = node.value
            if text.startswith("%*!"):
                doc_blocks.append(node)
                continue
            match = _ANNOTATION.match(text)
            if match:
                if pending and (pending_file != fname or pending_line + 1 != line):
                    program.problems.append(
                        f"{display_path(fname)}:{line}: annotation block is not directly above a rule"
                    )
                    pending = {}
                key, value = match.group(1), match.group(2)
                if key in pending:
                    program.problems.append(f"{display_path(fname)}:{line}: %@ {key} given twice")
                pending[key] = value
                pending_line, pending_file = line, fname
            continue
        if t == T.Script:
            program.scripts.append((fname, line))
            if allow_scripts:
                statements.append(node)
                light.append(node)
            continue
        if t != T.Rule:
            statements.append(node)
            light.append(node)
            continue
        annotated = bool(pending) and pending_file == fname and pending_line + 1 == line
        notes = pending if annotated else {}
        pending = {}
        body = node.body
        is_fact = len(body) == 0
        if is_fact:
            if not notes and last_fact is not None:
                prev_file, prev_end, prev_meta = last_fact
                if prev_file == fname and prev_end + 1 >= line and prev_meta.source:
                    # Contiguous facts share the annotation of the first one.
                    notes = {"source": prev_meta.source}
            meta = RuleMeta(
                id=notes.get("rule"), source=notes.get("source"), says=notes.get("says"), file=fname, line=line
            )
            for single in node.unpool():
                program.facts.setdefault(str(single.head), meta)
            statements.append(node)
            light.append(node)
            last_fact = (fname, loc.end.line, meta)
            if meta.source is None:
                program.unannotated.append(meta)
            continue
        last_fact = None
        if notes.get("rule") and "_" in str(node.body):
            node, body = _name_anonymous(node)
        meta = _meta(node, notes, fname, line)
        if meta.source is None:
            program.unannotated.append(meta)
        if meta.id is None:
            statements.append(node)
            light.append(node)
            continue
        if meta.id in program.rules:
            other = program.rules[meta.id]
            program.problems.append(
                f"{display_path(fname)}:{line}: rule id {meta.id!r} is already used at "
                f"{display_path(other.file)}:{other.line}"
            )
        program.rules[meta.id] = meta
        id_count[meta.id] = id_count.get(meta.id, 0) + 1
        if meta.head is None:
            statements.append(node)
            light.append(node)
            continue
        record = f"{FIRED}{len(program.fired)}"
        program.fired[record] = meta.id
        fired = _fired_literal(loc, record, meta.variables)
        added = [
            ast.Rule(loc, fired, body),
            ast.Rule(loc, node.head, [fired]),
            ast.ShowSignature(loc, record, len(meta.variables), True),
        ]
        statements.extend(added)
        light.append((node, added, meta.id) if meta.exact else added)
    for block in doc_blocks:
        doc = _parse_doc(block)
        if doc is not None:
            program.docs.setdefault((doc.name, doc.arity), doc)
    program.statements = statements
    program.text = "\n".join(str(s) for s in statements) + "\n"
    # A rule id given twice (a problem check reports) keeps its records: its firings could not be told apart.
    program.light_statements = []
    shown: set[tuple[str, int]] = set()
    varying = _varying(raw)
    for item in light:
        if isinstance(item, tuple):
            node, added, rid = item
            meta = program.rules[rid]
            if id_count[rid] > 1 or any(_signature_of(t) in varying for t in (*meta.body, *meta.negative)):
                # Its firings could not be told apart, or its body reads atoms that differ between answer sets
                # (brave consequences are their union): it keeps its records.
                program.rules[rid] = replace(meta, exact=False)
                program.light_statements.extend(added)
                continue
            program.light_statements.append(node)
            head = program.rules[rid].head
            assert head is not None and head[0] == "f"
            signature = (head[1], len(head[2]))
            if signature not in shown:
                # Shown, as its records were: brave consequences are computed over the shown atoms, and an
                # atom shown by nothing may be missing from the last model that brave enumeration reports.
                shown.add(signature)
                program.light_statements.append(ast.ShowSignature(node.location, *signature, True))
        elif isinstance(item, list):
            program.light_statements.extend(item)
        else:
            program.light_statements.append(item)
    program.light_text = "\n".join(str(s) for s in program.light_statements) + "\n"
    return program


# The argumentation core's credulous acceptance, which differs between answer sets.
_VARYING_ENGINE = {AF_IN}


def _signature_of(term: Term) -> tuple[str, int]:
    return (term[1], len(term[2])) if term[0] == "f" else (str(term[1]), 0)


def _varying(raw: list[Any]) -> set[tuple[str, int]]:
    """The predicates whose atoms may differ between the answer sets of a program (over-approximated).

    Those defined by a choice, a disjunction or an aggregate head, those on a cycle through negation,
    the argumentation core's ``af_in/1``, and every predicate that depends on one of them.
    """
    T = ast.ASTType
    edges: dict[tuple[str, int], set[tuple[tuple[str, int], bool]]] = {}
    varying = set(_VARYING_ENGINE)
    for node in raw:
        if node.ast_type != T.Rule:
            continue
        heads = set(_head_names(node.head))
        if heads and not (node.head.ast_type == T.Literal and node.head.atom.ast_type == T.SymbolicAtom):
            varying |= heads
        body: set[tuple[tuple[str, int], bool]] = set()
        for lit in node.body:
            plain = lit.ast_type == T.Literal and lit.atom.ast_type == T.SymbolicAtom
            negative = not plain or lit.sign != ast.Sign.NoSign  # aggregates and conditions count as negative
            for name in _atom_names(lit):
                body.add((name, negative))
        for head in heads:
            edges.setdefault(head, set()).update(body)
    # Cycles through negation: a negative edge inside a strongly connected component.
    component = _components({h: {b for b, _neg in bs} for h, bs in edges.items()})
    for head, body in edges.items():
        for name, negative in body:
            if negative and component.get(name) is not None and component.get(name) == component.get(head):
                varying.add(head)
    changed = True
    while changed:
        changed = False
        for head, body in edges.items():
            if head not in varying and any(name in varying for name, _neg in body):
                varying.add(head)
                changed = True
    return varying


def _atom_names(node: Any) -> Iterator[tuple[str, int]]:
    """Every predicate an AST node reads (symbolic atoms anywhere inside it)."""
    T = ast.ASTType
    if node.ast_type == T.SymbolicAtom:
        yield from _term_names(node.symbol)
        return
    for key in node.child_keys:
        child = getattr(node, key)
        if isinstance(child, ast.AST):
            yield from _atom_names(child)
        elif child is not None and not isinstance(child, str | int):
            for item in child:
                if isinstance(item, ast.AST):
                    yield from _atom_names(item)


def _components(graph: dict[tuple[str, int], set[tuple[str, int]]]) -> dict[tuple[str, int], int]:
    """The strongly connected components of a graph (Tarjan, iterative): node -> component number."""
    index: dict[tuple[str, int], int] = {}
    low: dict[tuple[str, int], int] = {}
    on_stack: set[tuple[str, int]] = set()
    stack: list[tuple[str, int]] = []
    out: dict[tuple[str, int], int] = {}
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    out[member] = index[node]
                    if member == node:
                        break
    return out


class _Anonymous(ast.Transformer):
    """Gives each anonymous variable of a positive body literal a name, so that the rule records it."""

    def __init__(self) -> None:
        self.count = 0

    def visit_Variable(self, node: Any) -> Any:
        if node.name == "_":
            self.count += 1
            return node.update(name=f"Anon{self.count}_")
        return node


def _name_anonymous(node: Any) -> tuple[Any, Any]:
    renamer = _Anonymous()
    body = []
    for lit in node.body:
        if (
            lit.ast_type == ast.ASTType.Literal
            and lit.sign == ast.Sign.NoSign
            and lit.atom.ast_type == ast.ASTType.SymbolicAtom
            and "_" in str(lit)
        ):
            lit = renamer(lit)
        body.append(lit)
    updated = node.update(body=body)
    return updated, updated.body


def _term(node: Any) -> Term:
    t = node.ast_type
    if t == ast.ASTType.Variable:
        return ("v", node.name)
    if t == ast.ASTType.SymbolicTerm:
        return ("s", str(node.symbol))
    if t == ast.ASTType.Function and not node.external:
        return ("f", node.name, [_term(a) for a in node.arguments])
    return ("x", str(node))


def _meta(node: Any, notes: dict[str, str], fname: str, line: int) -> RuleMeta:
    T = ast.ASTType
    head_node = node.head
    plain: list[str] = [str(head_node)]
    body_pos: list[Term] = []
    body_neg: list[Term] = []
    comparisons: list[tuple[str, Term, Term]] = []
    for lit in node.body:
        if lit.ast_type != T.Literal:
            continue
        atom = lit.atom
        at = atom.ast_type
        if at == T.SymbolicAtom:
            plain.append(str(lit))
            (body_pos if lit.sign == ast.Sign.NoSign else body_neg).append(_term(atom.symbol))
        elif at == T.Comparison:
            plain.append(str(lit))
            if lit.sign == ast.Sign.NoSign:
                left = atom.term
                for guard in atom.guards:
                    comparisons.append((_COMPARISON[guard.comparison], _term(left), _term(guard.term)))
                    left = guard.term
        elif at == T.BodyAggregate:
            for guard in (atom.left_guard, atom.right_guard):
                if guard is not None:
                    plain.append(str(guard.term))
    head: Term | None = None
    if head_node.ast_type == T.Literal and head_node.atom.ast_type == T.SymbolicAtom:
        head = _term(head_node.atom.symbol)
    variables = tuple(_variables(plain))
    return RuleMeta(
        id=notes.get("rule"),
        source=notes.get("source"),
        says=notes.get("says"),
        file=fname,
        line=line,
        variables=variables,
        head=head,
        body=tuple(body_pos),
        negative=tuple(body_neg),
        comparisons=tuple(comparisons),
        exact=head is not None and _exact(node, head, body_pos, body_neg, comparisons, variables),
    )


def _exact(
    node: Any,
    head: Term,
    positive: list[Term],
    negative: list[Term],
    comparisons: list[tuple[str, Term, Term]],
    variables: tuple[str, ...],
) -> bool:
    """Whether a rule's firings are exactly the matches of its positive atoms, with its comparisons true and
    none of its negated atoms present (:attr:`RuleMeta.exact`)."""
    T = ast.ASTType
    for lit in node.body:
        if lit.ast_type != T.Literal:
            return False  # a conditional literal
        kind = lit.atom.ast_type
        if kind == T.SymbolicAtom:
            if lit.sign == ast.Sign.DoubleNegation:
                return False
        elif kind != T.Comparison or lit.sign != ast.Sign.NoSign:
            return False  # an aggregate, a negated comparison, a constant
    terms = [head, *positive, *negative, *(t for _op, a, b in comparisons for t in (a, b))]
    if any(_arithmetic(t) for t in terms) or any(t[0] != "f" for t in (head, *positive, *negative)):
        return False
    bound: set[str] = set()
    for t in positive:
        _bound_variables(t, bound)
    return set(variables) <= bound


def _arithmetic(term: Term) -> bool:
    return term[0] == "x" or (term[0] == "f" and any(_arithmetic(a) for a in term[2]))


def _bound_variables(term: Term, out: set[str]) -> None:
    if term[0] == "v":
        out.add(term[1])
    elif term[0] == "f":
        for a in term[2]:
            _bound_variables(a, out)


_COMPARISON = {
    ast.ComparisonOperator.LessThan: "<",
    ast.ComparisonOperator.LessEqual: "<=",
    ast.ComparisonOperator.GreaterThan: ">",
    ast.ComparisonOperator.GreaterEqual: ">=",
    ast.ComparisonOperator.NotEqual: "!=",
    ast.ComparisonOperator.Equal: "=",
}


def _fired_literal(loc: Any, record: str, variables: tuple[str, ...]) -> Any:
    args = [ast.Variable(loc, v) for v in variables]
    term = ast.Function(loc, record, args, 0)
    return ast.Literal(loc, ast.Sign.NoSign, ast.SymbolicAtom(term))


_DOC_HEAD = re.compile(r"^%\*!\s*([a-z_][A-Za-z0-9_]*)\s*(?:\(([^)]*)\))?\s*$")


def _parse_doc(node: Any) -> PredicateDoc | None:
    lines = node.value.splitlines()
    match = _DOC_HEAD.match(lines[0].strip()) if lines else None
    if not match:
        return None
    name = match.group(1)
    args = tuple(a.strip() for a in match.group(2).split(",")) if match.group(2) else ()
    description: list[str] = []
    reads = None
    in_args = False
    arg_docs: dict[str, str] = {}
    for raw_line in lines[1:]:
        text = raw_line.strip()
        if text.endswith("*%") and text.strip("*% ") == "":
            break
        if text.startswith("Args:"):
            in_args = True
            continue
        if text.startswith("Reads:"):
            reads = text[len("Reads:") :].strip()
            in_args = False
            continue
        if in_args and text.startswith("-"):
            arg_name, _, arg_text = text[1:].partition(":")
            arg_docs[arg_name.strip()] = arg_text.strip()
            continue
        if text:
            in_args = False
            description.append(text)
    return PredicateDoc(
        name=name,
        arity=len(args),
        args=args,
        description=" ".join(description),
        reads=reads,
        file=node.location.begin.filename,
        line=node.location.begin.line,
        arg_docs=tuple(arg_docs.get(a, "") for a in args),
    )
