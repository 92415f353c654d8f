"""Where each predicate of a rule program is derived, used, declared and shown.

The analysis reads clingo's own AST (``clingo.ast.parse_files``), never the
text, so it sees exactly the statements clingo would ground: pools are
unpooled, conditions of conditional literals and aggregates count as uses, the
elements of a choice or disjunction count as derivations. It also reads the
predicate documentation blocks (``%*! pred(A, B) ... *%``) with the meaning of
each argument, which :class:`~normengine.rulesets.PredicateDoc` does not keep.

Nothing here runs a program: parsing executes no ``#script`` block.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import clingo
import clingo.ast as ast

from ..rulesets import Program, parse_program
from ..rulesets.files import empty_cwd

__all__ = ["Doc", "Parsed", "Part", "Sig", "Site", "Usage", "load_part", "merged", "parse_files", "usage"]

Sig = tuple[str, int]
"""A predicate signature: name and arity (``("-p", 1)`` for classical negation)."""


@dataclass(frozen=True, order=True)
class Site:
    """A place in a rule file: the resolved path, the 1-based line and column."""

    file: str
    line: int
    column: int = 0


@dataclass(frozen=True)
class Doc:
    """A predicate documentation block (``%*! pred(A, B) ... *%``), with the meaning of each argument.

    Args:
        name: the predicate's name.
        arity: its arity (the number of arguments in the block's head).
        args: the argument names of the head.
        arg_docs: the meaning of each argument from the ``Args:`` section ("" when not given).
        description: the text before ``Args:``.
        reads: the ``Reads:`` line (how explanations put a fact of it into words), or None.
        site: where the block starts.
    """

    name: str
    arity: int
    args: tuple[str, ...]
    arg_docs: tuple[str, ...]
    description: str
    reads: str | None
    site: Site

    @property
    def sig(self) -> Sig:
        """The documented signature."""
        return (self.name, self.arity)

    @property
    def head(self) -> str:
        """The block's head as written, e.g. ``act_type(A, T)``."""
        return f"{self.name}({', '.join(self.args)})" if self.args else self.name


@dataclass
class Parsed:
    """The raw statements of some rule files, their comments and their documentation blocks."""

    statements: list[Any] = field(default_factory=list)
    comments: list[tuple[Site, str]] = field(default_factory=list)
    docs: list[Doc] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    """The files read, in the order clingo read them (resolved paths)."""


def parse_files(paths: Iterable[Path]) -> Parsed:
    """Parse rule files (following their ``#include``s) into raw statements.

    Call it only on files that :func:`normengine.rulesets.parse_program` accepted:
    that is where includes are confined to the rule set and scripts refused.

    Raises:
        RuntimeError: the files do not parse (the rule-set loader reports why).
    """
    raw: list[Any] = []
    resolved_paths = [str(Path(p).resolve()) for p in paths]
    with empty_cwd():  # as the loader parses: no file of the current directory stands in for an included one
        ast.parse_files(resolved_paths, raw.append, logger=lambda _c, _m: None, message_limit=0)
    parsed = Parsed()
    seen: set[str] = set()
    for node in raw:
        site = site_of(node)
        if site.file not in seen:
            seen.add(site.file)
            parsed.files.append(site.file)
        if node.ast_type == ast.ASTType.Comment:
            parsed.comments.append((site, node.value))
            if node.value.startswith("%*!"):
                doc = parse_doc(node.value, site)
                if doc is not None:
                    parsed.docs.append(doc)
            continue
        parsed.statements.append(node)
    return parsed


def site_of(node: Any) -> Site:
    """Where an AST node starts (the file resolved against the current directory, as clingo opened it)."""
    begin = node.location.begin
    return Site(resolved(begin.filename), begin.line, begin.column)


def resolved(name: str) -> str:
    """A file name as clingo gives it, resolved against the current directory (as clingo opened it)."""
    return _resolved(name, os.getcwd())


@lru_cache(maxsize=1024)
def _resolved(name: str, cwd: str) -> str:
    # clingo names an included file relative to the current directory: resolve against it.
    return str(Path(name).resolve()) if name and not name.startswith("<") else name


_DOC_HEAD = re.compile(r"^%\*!\s*(-?[a-z_][A-Za-z0-9_']*)\s*(?:\(([^)]*)\))?\s*$")
_ARG_LINE = re.compile(r"^-\s*([A-Za-z_][A-Za-z0-9_']*)\s*:\s*(.*)$")


def parse_doc(text: str, site: Site) -> Doc | None:
    """Read a ``%*!`` block; None when its first line is not ``%*! name(Args)``."""
    lines = text.splitlines()
    match = _DOC_HEAD.match(lines[0].strip()) if lines else None
    if not match:
        return None
    args = tuple(a.strip() for a in match.group(2).split(",")) if match.group(2) else ()
    meanings: dict[str, str] = {}
    description: list[str] = []
    reads: str | None = None
    section = "description"
    for raw_line in lines[1:]:
        line = raw_line.strip()
        if line.endswith("*%"):
            line = line[:-2].strip()
            if not line:
                break
        if line.startswith("Args:"):
            section = "args"
            continue
        if line.startswith("Reads:"):
            reads = line[len("Reads:") :].strip()
            section = "after"
            continue
        if section == "args":
            arg = _ARG_LINE.match(line)
            if arg:
                meanings[arg.group(1)] = arg.group(2).strip()
                continue
            if not line:
                continue
            section = "after"
        if line and section in ("description", "after"):
            description.append(line)
    return Doc(
        name=match.group(1),
        arity=len(args),
        args=args,
        arg_docs=tuple(meanings.get(a, "") for a in args),
        description=" ".join(description),
        reads=reads,
        site=site,
    )


@dataclass
class Head:
    """One derivation site: a rule or fact whose head derives ``sig``.

    Args:
        sig: the derived predicate.
        site: where the head atom is.
        atom: the head atom's AST (to read its arguments).
        fact: whether the statement is a fact (no body).
    """

    sig: Sig
    site: Site
    atom: Any
    fact: bool


@dataclass
class Usage:
    """Where each predicate is derived, used, declared and shown.

    Args:
        heads: every derivation (rule heads, facts, choice and disjunction elements).
        used: body atoms, conditions and the bodies of ``#show`` terms, by signature.
        declared: ``#defined`` statements, by signature.
        external: ``#external`` atoms, by signature.
        shown: ``#show p/n`` statements, by signature.
    """

    heads: list[Head] = field(default_factory=list)
    used: dict[Sig, list[Site]] = field(default_factory=lambda: defaultdict(list))
    declared: dict[Sig, list[Site]] = field(default_factory=lambda: defaultdict(list))
    external: dict[Sig, list[Site]] = field(default_factory=lambda: defaultdict(list))
    shown: dict[Sig, list[Site]] = field(default_factory=lambda: defaultdict(list))

    @property
    def derived(self) -> dict[Sig, list[Site]]:
        """Every derived signature with the sites that derive it."""
        out: dict[Sig, list[Site]] = defaultdict(list)
        for h in self.heads:
            out[h.sig].append(h.site)
        return out

    def defines(self, sig: Sig) -> bool:
        """Whether something derives, declares or makes external the signature."""
        return sig in self.derived or sig in self.declared or sig in self.external


def signature(symbol: Any) -> Sig | None:
    """The signature of a symbolic atom's term, or None when it is not an atom (e.g. a number)."""
    t = symbol.ast_type
    if t == ast.ASTType.Function:
        return (symbol.name, len(symbol.arguments))
    if t == ast.ASTType.SymbolicTerm:
        sym = symbol.symbol
        if sym.type == clingo.SymbolType.Function:
            return (("-" if sym.negative else "") + sym.name, len(sym.arguments))
        return None
    if t == ast.ASTType.UnaryOperation and symbol.operator_type == ast.UnaryOperator.Minus:
        inner = signature(symbol.argument)
        return ("-" + inner[0], inner[1]) if inner else None
    return None


def children(node: Any) -> Iterator[Any]:
    """The AST nodes directly inside a node."""
    for key in node.child_keys:
        value = getattr(node, key)
        if value is None:
            continue
        if isinstance(value, ast.AST):
            yield value
        else:
            try:
                items = list(value)
            except TypeError:
                continue
            yield from (v for v in items if isinstance(v, ast.AST))


def _atoms(node: Any) -> Iterator[Any]:
    """Every symbolic atom inside a node."""
    if node.ast_type == ast.ASTType.SymbolicAtom:
        yield node
        return
    for child in children(node):
        yield from _atoms(child)


def usage(statements: Iterable[Any]) -> Usage:
    """Collect derivations, uses, declarations and shows from raw statements."""
    out = Usage()

    def use(node: Any) -> None:
        for atom in _atoms(node):
            sig = signature(atom.symbol)
            if sig is not None:
                out.used[sig].append(site_of(atom.symbol))

    def derive(literal: Any, fact: bool) -> None:
        if literal.ast_type != ast.ASTType.Literal or literal.atom.ast_type != ast.ASTType.SymbolicAtom:
            return
        sig = signature(literal.atom.symbol)
        if sig is not None:
            out.heads.append(Head(sig, site_of(literal), literal.atom.symbol, fact))

    T = ast.ASTType
    for statement in statements:
        t = statement.ast_type
        if t == T.Rule:
            for rule in statement.unpool():
                head = rule.head
                fact = len(rule.body) == 0
                ht = head.ast_type
                if ht == T.Literal:
                    derive(head, fact)
                elif ht in (T.Disjunction, T.Aggregate):
                    for element in head.elements:
                        derive(element.literal, False)
                        for cond in element.condition:
                            use(cond)
                elif ht == T.HeadAggregate:
                    for element in head.elements:
                        derive(element.condition.literal, False)
                        for cond in element.condition.condition:
                            use(cond)
                for literal in rule.body:
                    use(literal)
        elif t == T.Defined:
            out.declared[(("-" if not statement.positive else "") + statement.name, statement.arity)].append(
                site_of(statement)
            )
        elif t == T.ShowSignature:
            prefix = "" if statement.positive else "-"
            out.shown[(prefix + statement.name, statement.arity)].append(site_of(statement))
        elif t == T.ShowTerm:
            for literal in statement.body:
                use(literal)
        elif t == T.External:
            sig = signature(statement.atom.symbol)
            if sig is not None:
                out.external[sig].append(site_of(statement))
            for literal in statement.body:
                use(literal)
        elif t in (T.Minimize, T.Heuristic, T.ProjectAtom, T.Edge):
            for literal in getattr(statement, "body", []):
                use(literal)
    return out


def merged(*usages: Usage) -> Usage:
    """The union of several analyses (a rule set's shared files and one perspective's)."""
    out = Usage()
    for u in usages:
        out.heads.extend(u.heads)
        for mine, theirs in (
            (out.used, u.used),
            (out.declared, u.declared),
            (out.external, u.external),
            (out.shown, u.shown),
        ):
            for sig, sites in theirs.items():
                mine[sig].extend(sites)
    return out


@dataclass
class Part:
    """Rule files parsed both ways: by the engine's safe loader and raw, for analysis.

    Args:
        files: the entry files.
        program: the loader's instrumented program (annotations, problems, docs).
        parsed: the raw statements, comments and documentation blocks.
        usage: where each predicate is derived, used, declared and shown.
    """

    files: list[Path]
    program: Program
    parsed: Parsed
    usage: Usage
    memo: dict[str, Any] = field(default_factory=dict)
    """Results computed from this part alone (the checker's annotation findings), kept with it."""


_PARTS: dict[tuple[str, str | None], Part] = {}


def load_part(files: list[Path], roots: tuple[Path, ...], *, allow_scripts: bool = False) -> Part:
    """Parse rule files through the safe loader (includes confined, scripts refused), then raw.

    The result is remembered for the process (the 32 parts used last), keyed by the content of every file
    read, so that checking several rule sets that build on the bundled one parses the bundled files once
    (and by the current directory when the loader found problems: its messages name files relative to it).

    Raises:
        RuleSyntaxError: clingo cannot parse them.
        RuleSetError: an include reaches outside ``roots``, or a script was not allowed.
    """
    from ..rulesets import program_signature

    # program_signature refuses includes outside the roots. The program comes from the caches the engine reads
    # (in memory and on disk): the checker reads only what they keep (rules, facts, problems, docs), and a
    # program with problems is never kept (its messages name files relative to the current directory).
    signature = program_signature(files, roots, allow_scripts=allow_scripts)
    for key in ((signature, None), (signature, os.getcwd())):
        found = _PARTS.pop(key, None)
        if found is not None:
            _PARTS[key] = found  # the most recently used last: the least recently used goes first
            return found
    program = parse_program(files, roots, allow_scripts=allow_scripts)
    parsed = parse_files(files)
    part = Part(files, program, parsed, usage(parsed.statements))
    if len(_PARTS) >= 32:
        _PARTS.pop(next(iter(_PARTS)))
    # Both parses name every file by its absolute path (they resolve the paths given, then parse in an empty
    # directory): only the loader's messages of problems depend on the current directory.
    where = os.getcwd() if program.problems else None
    _PARTS[(signature, where)] = part
    return part
