"""The vocabulary that case facts and rules share.

Three kinds of predicate make up a rule set's vocabulary:

- **input** predicates: the facts a case file provides. :mod:`normengine.facts`
  is their only producer, whatever the rule set; they are declared, each with a
  ``#defined`` line and a ``%*!`` documentation block, in the bundled
  ``rules/core/inputs.lp``, the one place that names them for rule authors.
- **output** predicates: what the rule set shows (``#show p/n``), which the
  engine reads back to build its report.
- **derived** predicates: the other conclusions of the rules that the rule set
  documents, which rule sets building on it may use.

``normengine vocab`` prints it as text, JSON or Markdown; ``docs/vocabulary.md``
is the Markdown of the bundled rule set.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from ..rulesets import RuleSet, bundled_rules_dir, load_ruleset, parse_program
from .analysis import Doc, Parsed, Sig, Usage, parse_files, usage

__all__ = ["Entry", "Vocabulary", "engine_inputs", "input_file", "vocabulary"]

Kind = Literal["input", "output", "derived"]


def input_file() -> Path:
    """The file that declares the input vocabulary (the bundled ``core/inputs.lp``)."""
    return bundled_rules_dir() / "core" / "inputs.lp"


@cache
def _inputs(path: Path, stamp: float) -> tuple[Doc, ...]:
    parsed = parse_files([path])
    declared = usage(parsed.statements).declared
    docs = {d.sig: d for d in parsed.docs}
    out = []
    for sig in declared:
        doc = docs.get(sig)
        if doc is None:
            doc = Doc(sig[0], sig[1], (), (), "", None, declared[sig][0])
        out.append(doc)
    return tuple(sorted(out, key=lambda d: d.site))


def engine_inputs() -> tuple[Doc, ...]:
    """The input predicates: every ``#defined`` of the bundled ``core/inputs.lp``, with its documentation.

    A declared input without a ``%*!`` block gets an empty documentation (``normengine check``
    reports it).
    """
    path = input_file()
    return _inputs(path, path.stat().st_mtime)


@dataclass(frozen=True)
class Entry:
    """One predicate of the vocabulary.

    Args:
        name: the predicate's name.
        arity: its arity.
        kind: ``input``, ``output`` or ``derived``.
        args: the argument names.
        arg_docs: the meaning of each argument.
        description: what it means.
        reads: how explanations put one of its atoms into words, or None.
        file: where it is documented (or, undocumented, derived), relative to its rule set's directory;
            files of the bundled rule set read ``builtin:...`` in another rule set's vocabulary.
        line: the line there.
        perspectives: the perspectives under which it is derived, when not all of them.
    """

    name: str
    arity: int
    kind: Kind
    args: tuple[str, ...]
    arg_docs: tuple[str, ...]
    description: str
    reads: str | None
    file: str
    line: int
    perspectives: tuple[str, ...] = ()

    @property
    def head(self) -> str:
        """The predicate as documented, e.g. ``act_type(A, T)``, or ``name/arity`` without documentation."""
        if self.args:
            return f"{self.name}({', '.join(self.args)})"
        return self.name if self.arity == 0 else f"{self.name}/{self.arity}"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (keys in a fixed order)."""
        return {
            "name": self.name,
            "arity": self.arity,
            "kind": self.kind,
            "args": [{"name": a, "meaning": m} for a, m in zip(self.args, self.arg_docs, strict=True)],
            "description": self.description,
            "reads": self.reads,
            "file": self.file,
            "line": self.line,
            "perspectives": list(self.perspectives),
        }


@dataclass(frozen=True)
class Vocabulary:
    """The vocabulary of one rule set."""

    ruleset: str
    version: str
    perspectives: tuple[str, ...]
    entries: tuple[Entry, ...]

    def of(self, kind: Kind) -> list[Entry]:
        """The entries of one kind, in their order."""
        return [e for e in self.entries if e.kind == kind]

    def to_json(self) -> str:
        """The vocabulary as JSON (stable order)."""
        data = {
            "ruleset": self.ruleset,
            "version": self.version,
            "perspectives": list(self.perspectives),
            "predicates": [e.to_json() for e in self.entries],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def to_text(self) -> str:
        """The vocabulary as plain text."""
        out = [f"Vocabulary of the rule set {self.ruleset} {self.version}", ""]
        for kind, title in _TITLES:
            entries = self.of(kind)
            if not entries:
                continue
            out.append(f"{title} ({len(entries)})")
            out.append("")
            for e in entries:
                where = f"{e.file}:{e.line}"
                out.append(f"  {e.head}    [{where}]")
                if e.description:
                    out.append(f"      {e.description}")
                for a, m in zip(e.args, e.arg_docs, strict=True):
                    if m:
                        out.append(f"      {a}: {m}")
                if e.reads:
                    out.append(f"      reads: {e.reads}")
                if e.perspectives:
                    out.append(f"      only under: {', '.join(e.perspectives)}")
            out.append("")
        return "\n".join(out)

    def to_markdown(self) -> str:
        """The vocabulary as a Markdown page (the source of ``docs/vocabulary.md`` for the bundled rule set)."""
        out = [
            f"# Vocabulary of the rule set `{self.ruleset}` {self.version}",
            "",
            "<!-- Generated by `normengine vocab --format markdown`; do not edit by hand. -->",
            "",
            "The predicates that case facts and rules share. **Input** predicates are the facts a case file "
            "provides: `normengine/facts.py` produces them, and `rules/core/inputs.lp` declares and documents "
            "them. **Output** predicates are what the rule set shows (`#show`) and the engine reads back. "
            "**Derived** predicates are the other documented conclusions of the rules, which a rule set that "
            "builds on this one may use. *Reads as* is the sentence that explanations use for an atom of the "
            "predicate.",
            "",
        ]
        for kind, title in _TITLES:
            entries = self.of(kind)
            if not entries:
                continue
            out += [f"## {title}", "", "| predicate | meaning | arguments | reads as | documented in |"]
            out.append("|---|---|---|---|---|")
            for e in entries:
                args = "<br>".join(
                    f"`{a}`: {_cell(m)}" if m else f"`{a}`" for a, m in zip(e.args, e.arg_docs, strict=True)
                )
                meaning = _cell(e.description)
                if e.perspectives:
                    meaning += f" *(only under: {', '.join(e.perspectives)})*"
                reads = _cell(e.reads) if e.reads else ""
                out.append(f"| `{e.head}` | {meaning} | {args} | {reads} | `{e.file}:{e.line}` |")
            out.append("")
        return "\n".join(out)


_TITLES: tuple[tuple[Kind, str], ...] = (
    ("input", "Input predicates"),
    ("output", "Output predicates"),
    ("derived", "Derived predicates"),
)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def relative_name(path: str | Path, ruleset: RuleSet) -> str:
    """A rule file's name relative to the rule set's directory, ``builtin:...`` for the bundled rule set's files."""
    p = Path(path)
    if p.is_relative_to(ruleset.root):
        return p.relative_to(ruleset.root).as_posix()
    builtin = bundled_rules_dir()
    if p.is_relative_to(builtin):
        return "builtin:" + p.relative_to(builtin).as_posix()
    return str(p)


@dataclass
class PerspectiveView:
    """One perspective's program, as the vocabulary and the checker see it."""

    name: str
    files: list[Path]
    parsed: Parsed
    usage: Usage
    docs: dict[Sig, Doc]


def perspective_views(ruleset: RuleSet, *, allow_scripts: bool = False) -> list[PerspectiveView]:
    """Parse every perspective of a rule set (through the safe loader first).

    Raises:
        RuleSetError: a file does not parse, includes a file outside the rule set, or holds a script.
    """
    views = []
    for name in sorted(ruleset.perspectives):
        _, path = ruleset.perspective_file(name)
        files = [*ruleset.files, path]
        program = parse_program(files, ruleset.roots, allow_scripts=allow_scripts)
        parsed, used = _analysed(files, program.signature)
        docs: dict[Sig, Doc] = {}
        for d in parsed.docs:
            docs.setdefault(d.sig, d)
        views.append(PerspectiveView(name, files, parsed, used, docs))
    return views


_ANALYSED: dict[tuple[str, str], tuple[Parsed, Usage]] = {}


def _analysed(files: list[Path], signature: str) -> tuple[Parsed, Usage]:
    """The raw parse of ``files`` and its usage, remembered for the process.

    Keyed by the loader's signature (the content of every file read) and the current directory (the
    sites name files relative to it), like :func:`~normengine.authoring.analysis.load_part`.
    """
    key = (signature, os.getcwd())
    found = _ANALYSED.get(key)
    if found is None:
        parsed = parse_files(files)
        found = (parsed, usage(parsed.statements))
        if len(_ANALYSED) >= 32:
            _ANALYSED.pop(next(iter(_ANALYSED)))
        _ANALYSED[key] = found
    return found


def vocabulary(rules: str | Path | RuleSet | None = None, *, allow_scripts: bool = False) -> Vocabulary:
    """The vocabulary of a rule set (default: the bundled one).

    Args:
        rules: a rule-set directory or file, a loaded rule set, or None for the bundled one.
        allow_scripts: accept ``#script`` blocks in the rule set.

    Raises:
        RuleSetError: the rule set cannot be loaded or parsed.
    """
    ruleset = rules if isinstance(rules, RuleSet) else load_ruleset(rules)
    views = perspective_views(ruleset, allow_scripts=allow_scripts)
    inputs = engine_inputs()
    input_sigs = {d.sig for d in inputs}
    entries: list[Entry] = []
    for d in inputs:
        entries.append(_entry(d, "input", relative_name(d.site.file, ruleset), ()))
    doc: Doc | None
    all_names = tuple(v.name for v in views)
    derived_in: dict[Sig, list[str]] = {}
    shown: set[Sig] = set()
    docs: dict[Sig, Doc] = {}
    first_site: dict[Sig, tuple[str, int]] = {}
    for view in views:
        for sig, sites in view.usage.derived.items():
            derived_in.setdefault(sig, []).append(view.name)
            first_site.setdefault(sig, (sites[0].file, sites[0].line))
        shown.update(view.usage.shown)
        for sig, doc in view.docs.items():
            docs.setdefault(sig, doc)
    order = _file_order(views)
    others: list[tuple[tuple[int, int], Entry]] = []
    for sig in sorted(set(derived_in) | shown):
        if sig in input_sigs or sig[0].startswith("__"):
            continue
        doc = docs.get(sig)
        if doc is None and sig not in shown:
            continue
        where = sorted(set(derived_in.get(sig, [])))
        only = tuple(where) if where and len(where) < len(all_names) else ()
        kind: Kind = "output" if sig in shown else "derived"
        if doc is not None:
            entry = _entry(doc, kind, relative_name(doc.site.file, ruleset), only)
            key = (order.get(doc.site.file, len(order)), doc.site.line)
        else:
            file, line = first_site.get(sig, ("", 0))
            entry = Entry(
                sig[0], sig[1], kind, (), (), "", None, relative_name(file, ruleset) if file else "", line, only
            )
            key = (order.get(file, len(order)), line)
        others.append((key, entry))
    entries.extend(e for _, e in sorted(others, key=lambda x: (x[0], x[1].name, x[1].arity)))
    return Vocabulary(ruleset.name, ruleset.version, all_names, tuple(entries))


def _entry(doc: Doc, kind: Kind, file: str, only: tuple[str, ...]) -> Entry:
    return Entry(
        name=doc.name,
        arity=doc.arity,
        kind=kind,
        args=doc.args,
        arg_docs=doc.arg_docs,
        description=doc.description,
        reads=doc.reads,
        file=file,
        line=doc.site.line,
        perspectives=only,
    )


def _file_order(views: list[PerspectiveView]) -> dict[str, int]:
    """Each rule file's place in load order (shared files first, then the perspectives')."""
    order: dict[str, int] = {}
    for view in views:
        for name in view.parsed.files:
            order.setdefault(name, len(order))
    return order
