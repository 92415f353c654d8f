"""Parsing rule files into an instrumented program, ready to add to a clingo Control.

Rules are parsed with clingo's AST, never pasted together as text, so that clingo's own messages keep
the real file and line. :func:`parse_program` confines includes to the rule set
(:mod:`~normengine.rulesets.files`), instruments the rules (:mod:`~normengine.rulesets.instrument`),
refuses what the engine reserves (:mod:`~normengine.rulesets.reserved`), and caches the result in
memory and on disk (:mod:`~normengine.rulesets.cache`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import clingo
import clingo.ast as ast

from ..errors import RuleSetError, display_path
from .cache import read_cached, write_cached
from .cache import signature as cache_key
from .files import empty_cwd, include_closure, relative_messages
from .instrument import (
    Dependencies,
    Instrumented,
    PredicateDoc,
    RuleMeta,
    Sig,
    instrument,
    reads_any,
    varying_of,
)
from .reserved import RuleSetRefused, bundled_file, bundled_rule_ids, check_reserved, check_script_support

__all__ = ["Program", "RuleSyntaxError", "parse_program", "program_signature"]


class RuleSyntaxError(RuleSetError):
    """Rule files that clingo cannot parse; ``messages`` holds clingo's own ``file:line:col`` messages."""


@dataclass
class _FormParts:
    """The parts of the forms of a program without some records (:meth:`Program._form_parts`)."""

    records: list[tuple[int, str]] = field(default_factory=list)
    """The records of the exact rules: the position of each one's first statement, and its name."""
    plain: dict[str, Any] = field(default_factory=dict)
    """Each of those rules as written (``H :- B.``), by its record's name."""
    reads: dict[str, list[Sig]] = field(default_factory=dict)
    """The predicates of its head and body, by its record's name."""
    shows: dict[Sig, Any] = field(default_factory=dict)
    """A ``#show`` statement for each of them."""


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
    dependencies: Dependencies = field(default_factory=Dependencies)
    open_annotation: bool = False
    # A program read from the cache (text only) is parsed into ASTs once it is added a second time: clingo
    # takes the ASTs of the light form in 2 ms where it parses its text in 7 ms (a parse is 10 ms, once).
    _texts_added: dict[bool, int] = field(default_factory=dict, repr=False, compare=False)  # form -> pid
    _parsed: dict[bool, list[Any]] = field(default_factory=dict, repr=False, compare=False)
    # The forms without the records of some exact rules (:meth:`add_to`, ``unrecorded``), the few used last.
    _forms: dict[frozenset[str], list[Any]] = field(default_factory=dict, repr=False, compare=False)
    _fact_atoms: list[clingo.Symbol] | None = field(default=None, repr=False, compare=False)
    _exact: frozenset[str] | None = field(default=None, repr=False, compare=False)
    _parts: _FormParts | None = field(default=None, repr=False, compare=False)
    _used_by: int = field(default=0, repr=False, compare=False)  # the process that added the program last

    @classmethod
    def of(
        cls,
        done: Instrumented,
        *,
        files: tuple[Path, ...],
        signature: str,
        entries: tuple[Path, ...],
        roots: tuple[Path, ...],
        allow_scripts: bool,
    ) -> Program:
        """The program of an instrumented parse (``done``) of ``entries``, which read ``files``."""
        return cls(
            text=done.text,
            statements=done.statements,
            rules=done.rules,
            facts=done.facts,
            unannotated=done.unannotated,
            docs=done.docs,
            scripts=done.scripts,
            files=files,
            problems=done.problems,
            signature=signature,
            fired=done.fired,
            entries=entries,
            roots=roots,
            allow_scripts=allow_scripts,
            light_text=done.light_text,
            light_statements=done.light_statements,
            dependencies=done.dependencies,
            open_annotation=done.open_annotation,
        )

    def relocated(self) -> Program:
        """The same program parsed afresh from its files, so that clingo's messages name them."""
        if self.located:
            return self
        return parse_program(list(self.entries), self.roots, allow_scripts=self.allow_scripts, use_cache=False)

    def add_to(
        self, ctl: clingo.Control, *, light: bool = False, unrecorded: frozenset[str] = frozenset()
    ) -> frozenset[str]:
        """Add the program's statements to a Control.

        Args:
            ctl: the Control.
            light: add the light form, in which the rules whose firings can be recomputed from the atoms
                (:attr:`RuleMeta.exact`) leave no ``__fired`` record (:class:`normengine.explain.Derivations`
                recomputes them when asked), and the ``#external`` declarations false by default are left out
                (for a solve in which the engine sets none of them).
            unrecorded: else, add the program with its externals, but these exact rules as written, without
                records (see :meth:`exact_rules`), each with its head and the predicates it reads shown;
                unless the program is added for the first time in this process and was not made into such
                forms before (by the process a worker was forked from): then every record stays, as what
                the forms need (the program's ASTs, a parse of 15 ms when it was read from the cache, and
                15 ms to take them apart, :meth:`_form_parts`) costs more than the records do in one solve
                (about 8 ms of grounding).

        Returns:
            the rules whose records were left out.
        """
        left_out: frozenset[str] = frozenset()
        pid = os.getpid()  # what a process did is not what a worker forked from it did
        reused = self._used_by == pid
        self._used_by = pid
        statements: list[Any] | None
        if light:
            statements = self.light_statements
            left_out = self.exact_rules(set())
        elif unrecorded and (self._parts is not None or reused):
            statements = self._unrecorded_form(unrecorded)
            left_out = unrecorded
        else:
            statements = self.statements
        if statements is None:
            statements = self._parsed.get(light)
        if statements is None:
            if self._texts_added.get(light) != pid:
                self._texts_added[light] = pid
                ctl.add("base", [], self.light_text if light else self.text)
                return left_out
            statements = self._asts(light)
        with ast.ProgramBuilder(ctl) as builder:
            add = builder.add
            for statement in statements:
                add(statement)
        return left_out

    def _asts(self, light: bool) -> list[Any]:
        """The statements of the program or of its light form, as ASTs (parsed from the text once, if cached)."""
        statements = self.light_statements if light else self.statements
        if statements is None:
            statements = self._parsed.get(light)
        if statements is None:
            statements = self._parsed[light] = []
            ast.parse_string(self.light_text if light else self.text, statements.append)
        return statements

    def fact_atoms(self) -> list[clingo.Symbol]:
        """The program's facts that are atoms, as clingo symbols (made once per process: symbols do not cross
        processes)."""
        found = self._fact_atoms
        if found is None:
            found = []
            for text in self.facts:
                try:
                    term = clingo.parse_term(text, logger=_silent)
                except RuntimeError:  # a fact that is no atom (a choice or a disjunction without a body)
                    continue
                if term.type == clingo.SymbolType.Function and term.name:
                    found.append(term)
            self._fact_atoms = found
        return found

    def exact_rules(self, varying: set[Sig]) -> frozenset[str]:
        """The exact rules (:attr:`RuleMeta.exact`) that read none of the ``varying`` predicates.

        When the program is solved with other programs or facts that make more predicates differ between its
        answer sets than its own rules do (the readings of contested facts), an exact rule that reads none of
        them fires alike in every answer set: its firings are the matches of its body against the atoms of
        the brave consequences, and it needs no record. With none, the exact rules (those of the light form).
        """
        if not varying:
            if self._exact is None:
                self._exact = frozenset(rid for rid, meta in self.rules.items() if meta.exact)
            return self._exact
        return frozenset(rid for rid, meta in self.rules.items() if meta.exact and not reads_any(meta, varying))

    def _unrecorded_form(self, unrecorded: frozenset[str]) -> list[Any]:
        """The program's statements with the rules ``unrecorded`` as written (see :meth:`add_to`)."""
        form = self._forms.pop(unrecorded, None)
        if form is None:
            parts = self._form_parts()
            statements = self._asts(False)
            form = []
            shown: set[Sig] = set()
            done = 0
            for start, record in parts.records:
                if self.fired[record] not in unrecorded:
                    continue
                form.extend(statements[done:start])
                done = start + 3
                form.append(parts.plain[record])
                for signature in parts.reads[record]:
                    if signature not in shown:
                        # Brave consequences are computed over the shown atoms: the heads, as their records
                        # were shown, and what the recomputed firings match (the same in every answer set).
                        shown.add(signature)
                        form.append(parts.shows[signature])
            form.extend(statements[done:])
        self._forms[unrecorded] = form
        while len(self._forms) > _FORMS:
            self._forms.pop(next(iter(self._forms)))
        return form

    def _form_parts(self) -> _FormParts:
        """What every form without some records is made of, made once per program and process.

        Each record of an exact rule is ``__fired_K(V) :- B.``, ``H :- __fired_K(V).`` and ``#show __fired_K/n.``,
        in this order (:func:`instrument`), and becomes ``H :- B.`` An AST's fields are read through clingo's C
        binding, a few microseconds each: this reads them once (about 15 ms for the bundled program, and its
        parse when it was read from the cache), so that a form is then a matter of slicing lists (a worker
        forked from a process that made them makes a form in a millisecond).
        """
        parts = self._parts
        if parts is None:
            statements = self._asts(False)
            exact = {name: self.rules[rid] for name, rid in self.fired.items() if self.rules[rid].exact}
            show = ast.ASTType.ShowSignature
            parts = _FormParts()
            for end, node in enumerate(statements):
                if node.ast_type == show and node.name in exact:
                    parts.records.append((end - 2, node.name))
            for start, record in parts.records:
                rule, head_rule = statements[start], statements[start + 1]
                parts.plain[record] = ast.Rule(rule.location, head_rule.head, rule.body)
                meta = exact[record]
                reads: list[Sig] = []
                for term in (meta.head, *meta.body, *meta.negative):
                    assert term is not None and term[0] == "f"  # an exact rule's atoms (_exact)
                    signature = (term[1], len(term[2]))
                    reads.append(signature)
                    if signature not in parts.shows:
                        parts.shows[signature] = ast.ShowSignature(rule.location, *signature, True)
                parts.reads[record] = reads
            self._parts = parts
        return parts

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
            "dependencies": self.dependencies.to_json(),
            "open_annotation": self.open_annotation,
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
            dependencies=Dependencies.from_json(data["dependencies"]),
            open_annotation=bool(data["open_annotation"]),
        )


# How many forms without some records a program keeps (a form per set of exact rules: per case, the
# predicates its contested facts make vary).
_FORMS = 8


def _silent(_code: clingo.MessageCode, _message: str) -> None:
    """A logger that drops clingo's messages (they are reported otherwise)."""


_MEMORY: dict[str, Program] = {}
# The programs a process holds: the 64 used last (a program of the bundled rule set holds 3.5 MB of Python
# objects, by tracemalloc, besides clingo's own ASTs; a process that evaluates many rule sets, such as a
# research tool embedding the engine, would otherwise hold every one it ever read). A program that others
# go on from is used, and so kept, by each of them.
_MEMORY_ENTRIES = 64


def _recall(key: str) -> Program | None:
    program = _MEMORY.pop(key, None)
    if program is not None:
        _MEMORY[key] = program  # the most recently used last
    return program


def _remember(key: str, program: Program) -> None:
    _MEMORY.pop(key, None)
    _MEMORY[key] = program
    while len(_MEMORY) > _MEMORY_ENTRIES:
        _MEMORY.pop(next(iter(_MEMORY)))


def _closure(paths: list[Path], roots: tuple[Path, ...]) -> list[Path]:
    closure: dict[Path, None] = {}  # ordered, and a membership test that does not compare every path
    for path in paths:
        closure.update(dict.fromkeys(include_closure(path, roots)))
    return list(closure)


def program_signature(paths: list[Path], roots: tuple[Path, ...], *, allow_scripts: bool = False) -> str:
    """The key :func:`parse_program` caches ``paths`` under: every file they include and its content.

    Raises:
        RuleSetError: an include reaches outside ``roots``.
    """
    return cache_key(_closure(paths, roots), paths, allow_scripts)


def parse_program(
    paths: list[Path], roots: tuple[Path, ...], *, allow_scripts: bool = False, use_cache: bool = True
) -> Program:
    """Parse rule files (and the files they include) into an instrumented program.

    The result is cached in memory and on disk (see :func:`normengine.rulesets.cache.cache_dir`), keyed by
    the content of every file, so that a fresh process does not pay for the parse. A program of several
    files goes on from the program of all but the last (parsed and cached the same way), so that a rule set
    built on another, or another perspective, parses only its own files (:func:`_go_on`).

    Args:
        paths: the files to load, in order.
        roots: the directories that ``#include`` may reach.
        allow_scripts: accept ``#script`` blocks (refused by default: a rule set is data).
        use_cache: read and write the caches; False forces a fresh, located parse.

    Raises:
        RuleSetError: a file does not parse, includes a file outside ``roots``,
            or holds a ``#script`` that was not allowed.
    """
    closure = _closure(paths, roots)
    key = cache_key(closure, paths, allow_scripts)
    program: Program | None = None
    if use_cache:
        cached = _recall(key) or _from_disk(key)
        if cached is not None:
            _remember(key, cached)
            return cached
        if len(paths) > 1:
            try:
                first = parse_program(paths[:-1], roots, allow_scripts=allow_scripts)
            except RuleSetError:
                first = None  # every file is parsed below, for the messages of the whole
            if first is not None:
                program = _go_on(first, paths, roots, allow_scripts, closure, key)
    if program is None:
        raw = _parse(paths)
        _check_origins(raw, closure)
        program = Program.of(
            instrument(raw, allow_scripts),
            files=tuple(closure),
            signature=key,
            entries=tuple(p.resolve() for p in paths),
            roots=tuple(roots),
            allow_scripts=allow_scripts,
        )
        if program.scripts and not allow_scripts:
            where = ", ".join(f"{display_path(f)}:{line}" for f, line in program.scripts)
            raise RuleSetError(
                f"the rule set embeds a #script block ({where}); a rule set is data, so scripts are refused "
                "unless you pass --allow-scripts"
            )
        if program.scripts:
            check_script_support(raw)
        check_reserved(raw)
    if use_cache and not program.problems:
        # A program with problems is not kept: their messages name files relative to the current directory.
        _remember(key, program)
        if not program.scripts:
            write_cached(key, program.to_json())
    return program


def _parse(paths: list[Path]) -> list[Any]:
    """clingo's ASTs of the files, comments included, in the order given (each file's includes where they are).

    Raises:
        RuleSyntaxError: clingo cannot parse them.
    """
    messages: list[str] = []
    raw: list[Any] = []

    def logger(_code: clingo.MessageCode, message: str) -> None:
        messages.append(message.strip())

    resolved = [str(p.resolve()) for p in paths]  # here: relative paths are relative to this directory
    try:
        with empty_cwd():
            # clingo reads the files it is given last first: given reversed, they come in the order given,
            # so that a program of more files goes on from the program of the first ones (_go_on).
            ast.parse_files(resolved[::-1], raw.append, logger=logger, message_limit=50)
    except RuntimeError:
        files_named = ", ".join(display_path(p) for p in paths)
        raise RuleSyntaxError(f"the rule set does not parse ({files_named})", relative_messages(messages)) from None
    return raw


def _go_on(
    base: Program, paths: list[Path], roots: tuple[Path, ...], allow_scripts: bool, closure: list[Path], key: str
) -> Program | None:
    """The program of ``paths`` made from ``base``, the program of all but the last, and a parse of the last only.

    A rule set built on the bundled one is mostly the bundled files: the program of the files it builds on
    is parsed once (and cached as any program), and each perspective, each edit of its own files, parses and
    instruments only what follows, as the parse of every file would instrument it after the others (the
    records numbered on, the predicates that vary worked out over both). The result is the program a parse
    of every file gives, field by field (tests/test_program_cache.py compares them); where it could differ,
    None, and every file is parsed: when ``base`` has problems, scripts or an annotation block left open at
    its end, when the last file includes one of its files, reuses one of its rule ids or a bundled rule's id
    (the loader's message then names what else was loaded), holds a script, fails to parse or is refused,
    or makes a predicate vary that one of ``base``'s exact rules reads (its light form would change).
    """
    rest = paths[-1:]
    if base.problems or base.scripts or base.open_annotation:
        return None
    own = _closure(rest, roots)
    if list(base.files) + own != closure:
        return None
    try:
        raw = _parse(rest)
        _check_origins(raw, own)
    except RuleSetError:
        return None
    done = instrument(
        raw,
        allow_scripts,
        start=len(base.fired),
        before=base.dependencies,
        shown_before=frozenset(
            (m.head[1], len(m.head[2])) for m in base.rules.values() if m.exact and m.head is not None
        ),
    )
    bundled = bundled_rule_ids()
    if (
        done.scripts
        or set(done.rules) & set(base.rules)
        or any(rid in bundled and not bundled_file(meta.file) for rid, meta in done.rules.items())
    ):
        return None
    dependencies = base.dependencies.merged(done.dependencies)
    varying = varying_of(dependencies)
    if any(meta.exact and reads_any(meta, varying) for meta in base.rules.values()):
        return None
    try:
        check_reserved(raw)
    except RuleSetRefused:
        return None
    facts = dict(base.facts)
    for name, meta in done.facts.items():
        facts.setdefault(name, meta)
    docs = dict(base.docs)
    for sig, doc in done.docs.items():
        docs.setdefault(sig, doc)
    return Program(
        text=base.text + done.text,
        statements=None if base.statements is None else [*base.statements, *done.statements],
        rules={**base.rules, **done.rules},
        facts=facts,
        unannotated=[*base.unannotated, *done.unannotated],
        docs=docs,
        scripts=[],
        files=tuple(closure),
        problems=list(done.problems),
        signature=key,
        fired={**base.fired, **done.fired},
        entries=tuple(p.resolve() for p in paths),
        roots=tuple(roots),
        allow_scripts=allow_scripts,
        light_text=base.light_text + done.light_text,
        light_statements=(None if base.light_statements is None else [*base.light_statements, *done.light_statements]),
        dependencies=dependencies,
        open_annotation=done.open_annotation,
    )


def _from_disk(key: str) -> Program | None:
    data = read_cached(key)
    if data is None:
        return None
    try:
        return Program.from_json(data)
    except (ValueError, KeyError, TypeError, IndexError):
        return None


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
