"""Checking a rule set before anyone runs it (``normengine check``).

Every perspective of the rule set is parsed through the safe loader
(:func:`normengine.rulesets.parse_program`: includes confined to the rule set,
scripts refused), analysed on clingo's AST, and grounded and solved without
any facts (and, on request, with the facts of given case files), so that
clingo's own messages are collected through the logger. Each problem becomes
a :class:`Finding` located at a file and line:

- ``syntax``: clingo cannot parse the file;
- ``undefined``: a predicate is used but nothing derives it, no ``#defined``
  declares it and no case file provides it (usually a misspelling; clingo's
  ``AtomUndefined`` info is treated as an error here);
- ``unsafe`` and ``clingo``: clingo's grounding errors and warnings;
- ``unused``, ``declared-only``, ``stale-doc``: predicates derived but never
  used, shown or documented (a misspelt head), declared but never derived,
  documented but absent;
- ``no-source``: a rule or fact without a ``%@ source:`` line;
- ``source-no-authority``, ``source-unknown-authority``, ``source-project-document``:
  a source that cites no authority of the table of authorities, cites an id the
  table lacks, or names a document of the project (an error in the bundled rule
  set, a warning in a user's); ``case-source``: a source of a case given with
  ``--case`` that names nothing a reader can obtain;
- ``no-wording``: a rule or fact concluding a shown predicate that no sentence
  explains (no ``%@ says:`` on an identified rule, no ``Reads:`` line for the predicate);
- ``says-without-id``, ``says-placeholder``, ``reads-placeholder``,
  ``unknown-annotation``: annotations that explanations would misuse or ignore;
- ``duplicate-id``, ``misplaced-annotation``, ``annotation-twice``: problems the
  loader records (:attr:`normengine.rulesets.Program.problems`);
- ``position-*``, ``perspective-*``: a perspective that takes a position on a
  point that is not contested, or that changes the shared law instead of
  taking sides;
- ``reserved``: a rule set that defines a predicate the engine reserves (``__fired_K`` and every
  other name that starts with ``__``, the argumentation core's ``af_gr_in``, ``af_in``, ...) or
  reuses a rule id of the bundled law, which would let it forge what a report says the law held;
- ``script``: a ``#script`` allowed with ``--allow-scripts`` that this clingo cannot run;
- ``no-arguments``, ``unsatisfiable``, ``timeout``, ``case``: a perspective that
  gives the argumentation core nothing to decide, has no answer set, cannot be
  solved in time, or fails on a case given with ``--case``.

Errors and warnings both make the check fail (exit status 1): a clean rule
set has no finding at all.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import clingo
import clingo.ast as ast

from .. import af
from ..authorities import obtainable, project_reference
from ..errors import NormengineError, RuleSetError, display_path
from ..loader import DEFAULT_LIMITS, Limits
from ..rulesets import (
    Program,
    RuleMeta,
    RuleSet,
    RuleSetRefused,
    RuleSyntaxError,
    bundled_rule_ids,
    bundled_rules_dir,
    load_ruleset,
)
from .analysis import (
    Doc,
    Parsed,
    Part,
    Sig,
    Site,
    Usage,
    children,
    load_part,
    merged,
    parse_files,
    resolved,
    site_of,
    usage,
)
from .vocab import engine_inputs

__all__ = ["CheckResult", "Finding", "check_ruleset"]

Severity = Literal["error", "warning"]

# What a perspective file may derive although the shared law derives it too:
# its positions on contested points, its priorities, its name, and labels.
_PERSPECTIVE_HEADS = {("position", 2), ("prefers", 5), ("perspective", 2), ("label", 2), ("proof_standard", 2)}
_ANNOTATION_KEYS = ("rule", "source", "says")
_ANNOTATION = re.compile(r"^%@\s*([A-Za-z_][\w-]*)\s*:")
_ANNOTATION_VALUE = re.compile(r"^%@\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_PLACEHOLDER = re.compile(r"\{([A-Z][A-Za-z0-9_]*)\}")
_MESSAGE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+)(?:-(?:\d+:)?\d+)?: (?P<sev>error|warning|info|note): (?P<text>.*)$"
)
# Codes of RuleSetRefused: what the engine refuses to run (see normengine.rulesets).
_REFUSED = ("reserved", "script")
_PROBLEM = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<text>.*)$")


@dataclass(frozen=True)
class Finding:
    """One problem in a rule set.

    Args:
        file: the rule file (as the user would recognise its path).
        line: the 1-based line.
        column: the 1-based column, or None.
        severity: ``error`` or ``warning``; both make the check fail.
        code: what kind of problem (see the module's documentation).
        message: what is wrong, and where possible what to do.
        perspectives: the perspectives under which it was found, when not all of them.
    """

    file: str
    line: int
    column: int | None
    severity: Severity
    code: str
    message: str
    perspectives: tuple[str, ...] = ()

    def __str__(self) -> str:
        under = f" (under {', '.join(self.perspectives)})" if self.perspectives else ""
        return f"{self.file}:{self.line}: {self.severity}: {self.message}{under} [{self.code}]"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (keys in a fixed order)."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "perspectives": list(self.perspectives),
        }


@dataclass(frozen=True)
class CheckResult:
    """The findings on one rule set."""

    ruleset: str
    version: str
    root: str
    perspectives: tuple[str, ...]
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def clean(self) -> bool:
        """Whether the rule set has no finding at all."""
        return not self.findings

    def summary(self) -> str:
        """One line: the verdict and the counts."""
        persp = f"{len(self.perspectives)} perspective{'s' if len(self.perspectives) != 1 else ''}: "
        persp += ", ".join(self.perspectives)
        if self.clean:
            return f"rule set {self.ruleset} {self.version} ({persp}): clean"
        e, w = self.errors, self.warnings
        counts = f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"
        return f"rule set {self.ruleset} {self.version} ({persp}): {counts}"

    def to_text(self) -> str:
        """One line per finding, then the summary."""
        lines = [str(f) for f in self.findings]
        lines.append(self.summary())
        return "\n".join(lines) + "\n"

    def to_json(self) -> str:
        """The result as JSON (stable order)."""
        data = {
            "ruleset": self.ruleset,
            "version": self.version,
            "root": self.root,
            "perspectives": list(self.perspectives),
            "clean": self.clean,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [f.to_json() for f in self.findings],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@dataclass
class _View:
    """One perspective's program as the checker sees it: the shared files and its own."""

    name: str
    files: list[Path]
    parts: list[Part]
    usage: Usage
    docs: dict[Sig, Doc]
    atoms: list[clingo.Symbol] = field(default_factory=list)
    solved: bool = False
    heads_by_text: dict[str, Site] | None = None

    @property
    def statements(self) -> list[Any]:
        return [s for part in self.parts for s in part.parsed.statements]

    @property
    def comments(self) -> list[tuple[Site, str]]:
        return [c for part in self.parts for c in part.parsed.comments]

    @property
    def read(self) -> list[str]:
        return [f for part in self.parts for f in part.parsed.files]

    @property
    def own(self) -> Part:
        return self.parts[-1]


class _Collector:
    """Findings merged across perspectives."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, int, int | None, Severity, str, str], set[str]] = defaultdict(set)
        self.seen_undefined: set[tuple[str, int, str]] = set()

    def add(
        self,
        file: str,
        line: int,
        severity: Severity,
        code: str,
        message: str,
        perspective: str | None,
        column: int | None = None,
    ) -> None:
        shown = display_path(file) if file and not file.startswith("<") else file
        key = (shown, line, column, severity, code, message)
        bucket = self.found[key]
        if perspective is not None:
            bucket.add(perspective)

    def at(self, site: Site, severity: Severity, code: str, message: str, perspective: str | None) -> None:
        self.add(site.file, site.line, severity, code, message, perspective, site.column or None)

    def result(self, ruleset: RuleSet, names: list[str]) -> CheckResult:
        findings = []
        for (file, line, column, severity, code, message), where in self.found.items():
            under = tuple(sorted(where)) if where and len(where) < len(names) else ()
            findings.append(Finding(file, line, column, severity, code, message, under))
        findings.sort(key=lambda f: (f.file, f.line, f.column or 0, f.severity, f.code, f.message))
        return CheckResult(
            ruleset=ruleset.name,
            version=ruleset.version,
            root=display_path(ruleset.root),
            perspectives=tuple(names),
            findings=tuple(findings),
        )


def check_ruleset(
    rules: str | Path | RuleSet | None = None,
    *,
    allow_scripts: bool = False,
    cases: Iterable[str | Path] = (),
    limits: Limits = DEFAULT_LIMITS,
) -> CheckResult:
    """Check a rule set under every one of its perspectives.

    Args:
        rules: a rule-set directory, manifest or ``.lp`` file, a loaded rule set, or None for the bundled one.
        allow_scripts: accept ``#script`` blocks (they then run when the rule set is grounded).
        cases: case files whose facts the rule set is also evaluated on, under every perspective.
        limits: limits for those evaluations.

    Raises:
        RuleSetError: the path is not a rule set, its manifest is invalid, an ``#include`` reaches
            outside it, or it holds a ``#script`` that was not allowed (exit status 2).
        CaseError: a case file given in ``cases`` is invalid.
    """
    ruleset = rules if isinstance(rules, RuleSet) else load_ruleset(rules)
    names = sorted(ruleset.perspectives)
    out = _Collector()
    inputs = {d.sig: d for d in engine_inputs()}
    af_parsed = parse_files([af.encoding_path("grounded.lp"), af.encoding_path("admissible.lp")])
    af_files = set(af_parsed.files)
    af_usage = usage(af_parsed.statements)

    shared: list[Part] = []
    if ruleset.files:
        try:
            shared = _shared_parts(ruleset, allow_scripts)
        except RuleSyntaxError as exc:
            for message in exc.messages:
                _clingo_message(out, message, None, syntax=True)
            return out.result(ruleset, names)
        except RuleSetRefused as exc:
            for message in exc.messages:
                _clingo_message(out, message, None, code_hint=exc.code)
            return out.result(ruleset, names)
        for part in shared:
            _annotations(out, part, None)
            _authority_sources(out, part, ruleset)
    shared_files = {f for part in shared for f in part.parsed.files}
    views: list[_View] = []
    for name in names:
        _, path = ruleset.perspective_file(name)
        try:
            own = load_part([path], ruleset.roots, allow_scripts=allow_scripts)
        except RuleSyntaxError as exc:
            for message in exc.messages:
                _clingo_message(out, message, name, syntax=True)
            continue
        except RuleSetRefused as exc:
            for message in exc.messages:
                _clingo_message(out, message, name, code_hint=exc.code)
            continue
        if set(own.parsed.files) & shared_files:
            # The perspective includes a shared file: parse it as the engine does, in one go.
            try:
                own = load_part([*ruleset.files, path], ruleset.roots, allow_scripts=allow_scripts)
            except RuleSetRefused as exc:
                for message in exc.messages:
                    _clingo_message(out, message, name, code_hint=exc.code)
                continue
            parts = [own]
        else:
            parts = [*shared, own]
        docs: dict[Sig, Doc] = {}
        for part in parts:
            for d in part.parsed.docs:
                docs.setdefault(d.sig, d)
        view = _View(name, [*ruleset.files, path], parts, merged(*(p.usage for p in parts)), docs)
        views.append(view)
        _annotations(out, own, name)
        _authority_sources(out, own, ruleset)
        for part in parts[:-1]:
            _duplicate_ids(out, part, own, name)
        _undefined(out, view, inputs)
        _ground(out, view, af_parsed, af_files, inputs, allow_scripts, limits.timeout)
        _wording(out, view, inputs)
        _arguments(out, view)

    if views:
        for view in views:
            _perspective(out, view, shared_files)
        _unused(out, views, inputs, af_usage)
    for case in cases:
        _cases(out, ruleset, views, Path(case), allow_scripts, limits)
        _case_sources(out, ruleset, Path(case))
        _case_qualifications(out, Path(case))
    return out.result(ruleset, names)


def _shared_parts(ruleset: RuleSet, allow_scripts: bool) -> list[Part]:
    """The shared files as parts: those of the rule sets it builds on, and its own, when the two can be told apart.

    A rule set built on the bundled one is mostly the bundled files: parsed apart, they are one part that the
    process (and the on-disk cache) already holds, and only the rule set's own files are parsed afresh. The
    findings are those of one part of every file, which is what is parsed instead whenever they could differ:
    when its own files include a file it builds on, or reuse a rule id of those files or of the bundled law
    (the loader words that finding by what else it loaded), or when either part fails to load (the messages
    are then those of the whole, as the engine gives them). tests/test_check_layers.py compares the two.

    Raises:
        RuleSyntaxError: clingo cannot parse the files.
        RuleSetRefused: the files define what the engine reserves, or hold a script that was not allowed.
    """
    files = list(ruleset.files)
    base = [f for f in files if f in ruleset.base_files]
    own = files[len(base) :]
    if base and own and files[: len(base)] == base and not set(own) & set(base):
        try:
            parts = [load_part(part, ruleset.roots, allow_scripts=allow_scripts) for part in (base, own)]
        except (RuleSyntaxError, RuleSetRefused):
            pass  # parsed whole below, for the messages the engine gives
        else:
            first, second = parts
            ids = set(second.program.rules)
            if not (
                set(first.parsed.files) & set(second.parsed.files)
                or ids & set(first.program.rules)
                or ids & set(bundled_rule_ids())
            ):
                return parts
    return [load_part(files, ruleset.roots, allow_scripts=allow_scripts)]


def _authority_sources(out: _Collector, part: Part, ruleset: RuleSet) -> None:
    """Sources that cite no authority of the table, an unknown one, or a document of the project.

    A source cites authorities as ``[id pinpoint]`` from the rule set's table
    (the bundled table, those it builds on, its own). In the bundled rule set
    a source that cites none is an error; in a user's rule set, a warning.
    """
    table = ruleset.authorities()
    bundled = bundled_rules_dir().resolve()
    seen: set[tuple[str, int]] = set()
    resolved: dict[str, tuple[str, Severity]] = {}  # a file's path and severity, worked out once per file
    for meta in [*part.program.rules.values(), *part.program.facts.values()]:
        if meta.source is None or (meta.file, meta.line) in seen:
            continue
        seen.add((meta.file, meta.line))
        if meta.file not in resolved:
            path = Path(meta.file).resolve()
            resolved[meta.file] = (str(path), "error" if path.is_relative_to(bundled) else "warning")
        file, severity = resolved[meta.file]
        unknown = table.unknown(meta.source)
        for ident in dict.fromkeys(unknown):
            hint = difflib.get_close_matches(ident, list(table), n=1)
            message = f"the source cites [{ident}], which is not in the table of authorities"
            message += f" (did you mean {hint[0]}?)" if hint else " (add it to the rule set's authorities file)"
            out.add(file, meta.line, "error", "source-unknown-authority", message, None)
        project = project_reference(meta.source)
        if project is not None:
            out.add(
                file,
                meta.line,
                severity,
                "source-project-document",
                f"the source names {project!r}, a document of the project a reader cannot obtain: "
                "cite the authority itself",
                None,
            )
        elif not unknown and not table.names_authority(meta.source):
            out.add(
                file,
                meta.line,
                severity,
                "source-no-authority",
                "the source names no authority of the table: cite one as [id pinpoint], "
                "e.g. [un-charter art 2(4)] (see docs/authoring.md, Citing authorities)",
                None,
            )


def _case_sources(out: _Collector, ruleset: RuleSet, case: Path) -> None:
    """A case file's sources that name nothing a reader can obtain (a warning each)."""
    from ..yamlpos import YamlIssue, load_located

    try:
        located = load_located(case.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlIssue):
        return  # _cases has reported why the case cannot be read
    table = ruleset.authorities()

    def walk(value: Any, path: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "source" and isinstance(item, str):
                    line = located.positions.get((*path, key), (1, 1))[0]
                    for ident in dict.fromkeys(table.unknown(item)):
                        out.add(
                            str(case.resolve()),
                            line,
                            "warning",
                            "case-source",
                            f"source cites [{ident}], which is not in the table of authorities",
                            None,
                        )
                    if not obtainable(item, table):
                        out.add(
                            str(case.resolve()),
                            line,
                            "warning",
                            "case-source",
                            f"source {item!r} names nothing a reader can obtain: cite an authority as "
                            "[id pinpoint], or a document by its symbol, date or URL",
                            None,
                        )
                else:
                    walk(item, (*path, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, (*path, i))

    walk(located.value, ())


# The qualification fields of the case format, by the list they are in (normengine.case.QUALIFICATION_FIELDS).
_QUALIFICATION_GROUPS = {
    "parties": ("situation",),
    "acts": ("evidence_generally_accepted",),
    "armed_attacks": ("gravity", "status", "attributed_to", "authorship_proven"),
    "commitments": ("more_specific_than",),
    "consents": ("freely_given",),
}


def _case_qualifications(out: _Collector, case: Path) -> None:
    """A case file's qualifications (every qualification field: assessments of a justification's elements, an
    armed attack's gravity, imminence, attribution and authorship, the general acceptance of the evidence of
    atrocities, lex specialis between commitments, a people's situation, a finding that the Council took the
    measures necessary, who gave a consent, whether it was freely given; and each of their other readings) that
    name no author or no source: a qualification is what someone with standing said, never the case writer's own
    conclusion (a warning each)."""
    from ..yamlpos import YamlIssue, load_located

    try:
        located = load_located(case.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlIssue):
        return  # _cases has reported why the case cannot be read
    root = located.value if isinstance(located.value, dict) else {}

    def warn(item: Any, path: tuple[str | int, ...], what: str) -> None:
        given = item if isinstance(item, dict) else {}
        missing = [k for k in ("author", "source") if not given.get(k)]
        if missing:
            line = located.positions.get(path, (1, 1))[0]
            out.add(
                str(case.resolve()),
                line,
                "warning",
                "case-qualification",
                f"{what} names no {' and no '.join(missing)}: a qualification says who assessed the facts and where",
                None,
            )

    def readings(item: Any, path: tuple[str | int, ...], what: str) -> None:
        rows = item.get("readings", []) if isinstance(item, dict) else []
        for k, row in enumerate(rows if isinstance(rows, list) else []):
            warn(row, (*path, "readings", k), f"a reading of {what}")

    def rows(name: str) -> list[Any]:
        value = root.get(name, [])
        return value if isinstance(value, list) else []

    for group, fields in _QUALIFICATION_GROUPS.items():
        for i, obj in enumerate(rows(group)):
            if not isinstance(obj, dict):
                continue
            for name in fields:
                if name not in obj or obj[name] is None:
                    continue
                path: tuple[str | int, ...] = (group, i, name)
                what = f"the {name} of {obj.get('id')!r}"
                warn(obj[name], path, what)
                readings(obj[name], path, what)
            # A reading of a contested fact that sets a qualification field is a qualification too.
            contest = obj.get("contested")
            alternatives = contest.get("alternatives", []) if isinstance(contest, dict) else []
            for k, alt in enumerate(alternatives if isinstance(alternatives, list) else []):
                if not isinstance(alt, dict):
                    continue
                for name in fields:
                    if name in alt and not isinstance(alt[name], dict):
                        where: tuple[str | int, ...] = (group, i, "contested", "alternatives", k)
                        warn(alt, where, f"a reading of the {name} of {obj.get('id')!r}")
    for i, claim in enumerate(rows("justifications")):
        assessments = claim.get("assessments", []) if isinstance(claim, dict) else []
        for j, a in enumerate(assessments if isinstance(assessments, list) else []):
            if not isinstance(a, dict):
                continue
            path = ("justifications", i, "assessments", j)
            what = f"the assessment of {a.get('element')!r}"
            holds = a.get("holds")
            if isinstance(holds, dict):
                warn(holds, (*path, "holds"), what)
                readings(holds, (*path, "holds"), what)
                continue
            # The older form: a bare `holds` beside the assessment's author and source, other readings under
            # `contested`.
            warn(a, path, what)
            contest = a.get("contested")
            alternatives = contest.get("alternatives", []) if isinstance(contest, dict) else []
            for k, alt in enumerate(alternatives if isinstance(alternatives, list) else []):
                if isinstance(alt, dict):
                    warn(alt, (*path, "contested", "alternatives", k), f"a reading of {a.get('element')!r}")
    resolutions = located.value.get("resolutions", []) if isinstance(located.value, dict) else []
    for i, r in enumerate(resolutions if isinstance(resolutions, list) else []):
        q = r.get("measures_necessary") if isinstance(r, dict) else None
        if isinstance(q, dict):
            what = f"the finding that {r.get('id')!r} took measures necessary"
            warn(q, ("resolutions", i, "measures_necessary"), what)
    # Who gave a consent: `authority` is a qualification (the rules derive it from `given_by` and its record).
    consents = located.value.get("consents", []) if isinstance(located.value, dict) else []
    for i, consent in enumerate(consents if isinstance(consents, list) else []):
        if not isinstance(consent, dict):
            continue
        stated: list[tuple[Any, tuple[str | int, ...]]] = [(consent.get("authority"), ("consents", i, "authority"))]
        contest = consent.get("contested")
        alternatives = contest.get("alternatives", []) if isinstance(contest, dict) else []
        for k, alt in enumerate(alternatives if isinstance(alternatives, list) else []):
            if isinstance(alt, dict):
                stated.append((alt.get("authority"), ("consents", i, "contested", "alternatives", k, "authority")))
        for value, where in stated:
            if value is None:
                continue
            what = f"the qualification of who gave consent {consent.get('id')!r} (`authority`)"
            warn(value if isinstance(value, dict) else {}, where, what)


def _suggest(sig: Sig, known: Iterable[Sig]) -> str:
    candidates = sorted({s for s in known if s != sig and not s[0].startswith("__")})
    by_name = {f"{n}/{a}": (n, a) for n, a in candidates}
    same_name = [f"{n}/{a}" for n, a in candidates if n == sig[0]]
    if same_name:
        return f" (did you mean {' or '.join(same_name)}?)"
    close = difflib.get_close_matches(f"{sig[0]}/{sig[1]}", list(by_name), n=2, cutoff=0.75)
    return f" (did you mean {' or '.join(close)}?)" if close else ""


def _name(sig: Sig) -> str:
    return f"{sig[0]}/{sig[1]}"


def _engine_conclusion(sig: Sig) -> bool:
    """Whether a predicate is a conclusion of the engine's argumentation core (``af_gr_in/1``, ...), which the
    engine adds to every program: a rule may read it (e.g. a breach that stands), never derive it."""
    from ..rulesets import reserved_predicates

    return sig[0] in reserved_predicates()


def _undefined(out: _Collector, view: _View, inputs: dict[Sig, Doc]) -> None:
    u = view.usage
    known = set(u.derived) | set(u.declared) | set(u.external) | set(inputs)
    for sig, sites in sorted(u.used.items()):
        if sig in known or sig[0].startswith("__") or _engine_conclusion(sig):
            continue
        message = (
            f"{_name(sig)} is used but no rule derives it, no #defined declares it and no case file provides it"
            + _suggest(sig, known)
        )
        for site in sites:
            out.seen_undefined.add((site.file, site.line, sig[0]))
            out.at(site, "error", "undefined", message, view.name)
    for sig, sites in sorted(u.shown.items()):
        if sig in known:
            continue
        message = f"#show {_name(sig)}, but no rule derives it and no case file provides it" + _suggest(sig, known)
        for site in sites:
            out.seen_undefined.add((site.file, site.line, sig[0]))
            out.at(site, "error", "undefined", message, view.name)


def _atom_name(text: str) -> str:
    match = re.match(r"\s*(-?[a-z_][A-Za-z0-9_']*)", text)
    return match.group(1) if match else ""


def _clingo_message(
    out: _Collector, message: str, perspective: str | None, *, syntax: bool = False, code_hint: str = ""
) -> None:
    """Turn one clingo message (``file:line:col: severity: text`` plus detail lines) into a finding."""
    lines = [line for line in message.splitlines() if line.strip()]
    if not lines:
        return
    head = _MESSAGE.match(lines[0])
    if head is None:
        out.add("", 0, "error" if syntax else "warning", "clingo", " ".join(x.strip() for x in lines), perspective)
        return
    details: list[str] = []
    notes: list[str] = []
    for extra in lines[1:]:
        note = _MESSAGE.match(extra)
        if note is not None and note.group("sev") == "note":
            notes.append(note.group("text"))
        else:
            details.append(extra.strip().replace("[#inc_base];", "").replace("[#inc_base]", ""))
    text = head.group("text").rstrip(":")
    file, line, col = head.group("file"), int(head.group("line")), int(head.group("col"))
    resolved = str(Path(file).resolve()) if not file.startswith("<") else file
    severity: Severity
    if syntax:
        code, severity = "syntax", "error"
    elif code_hint in _REFUSED:
        code, severity = code_hint, "error"
    elif text.startswith("unsafe variables"):
        code, severity = "unsafe", "error"
    elif code_hint == "undefined":
        name = _atom_name(details[0]) if details else ""
        if text.startswith("no atoms over signature"):
            name = details[0].split("/")[0] if details else ""
        if (resolved, line, name) in out.seen_undefined:
            return
        code, severity = "undefined", "error"
    else:
        code = "clingo"
        severity = "error" if head.group("sev") == "error" else "warning"
    body = text + (": " + " ".join(details) if details else "")
    if notes:
        body += " (" + "; ".join(notes) + ")"
    out.add(resolved, line, severity, code, body, perspective, col)


def _engine_defined(inputs: dict[Sig, Doc]) -> str:
    # Engine-owned text built from the input vocabulary's own identifiers: no user text.
    return "".join(f"#defined {name}/{arity}.\n" for name, arity in sorted(inputs))


def _ground(
    out: _Collector,
    view: _View,
    af_parsed: Parsed,
    af_files: set[str],
    inputs: dict[Sig, Doc],
    allow_scripts: bool,
    timeout: float | None,
) -> None:
    """Ground and solve the perspective's program without facts; collect clingo's messages.

    The solve stops at ``timeout`` seconds; grounding cannot be interrupted from inside.
    """
    messages: list[tuple[clingo.MessageCode, str]] = []
    ctl = clingo.Control(["--models=1"], logger=lambda code, msg: messages.append((code, msg)), message_limit=10_000)
    try:
        with ast.ProgramBuilder(ctl) as builder:
            for statement in [*view.statements, *af_parsed.statements]:
                if statement.ast_type == ast.ASTType.Script and not allow_scripts:
                    continue
                builder.add(statement)
    except RuntimeError as exc:
        # An allowed #script that this clingo cannot run ("python support not available").
        _clingo_message(out, str(exc), view.name)
        return
    ctl.add("base", [], _engine_defined(inputs))
    grounded = True
    try:
        ctl.ground([("base", [])])
    except RuntimeError:
        grounded = False
    for code, message in messages:
        head = _MESSAGE.match(message.splitlines()[0]) if message.strip() else None
        if (
            head is not None
            and str(Path(head.group("file")).resolve()) in af_files
            and "error" not in head.group("sev")
        ):
            continue  # the engine's own encodings: their uses are checked through no-arguments
        hint = "undefined" if code == clingo.MessageCode.AtomUndefined else ""
        _clingo_message(out, message, view.name, code_hint=hint)
    if not grounded:
        return
    atoms: list[clingo.Symbol] = []

    def on_model(model: clingo.Model) -> None:
        atoms[:] = model.symbols(atoms=True)

    with ctl.solve(on_model=on_model, async_=True) as handle:
        if timeout is not None and not handle.wait(timeout):
            handle.cancel()
            out.add(
                str(view.files[-1]),
                1,
                "warning",
                "timeout",
                f"solving without any facts ran past the time limit of {timeout:g} s; "
                "the perspective's positions were not checked",
                view.name,
            )
            return
        result = handle.get()
    if result.unsatisfiable:
        first = view.files[-1]
        out.add(
            str(first),
            1,
            "error",
            "unsatisfiable",
            "the rule set has no answer set even without any facts: an integrity constraint fails; "
            "conflicts must be derived as findings, not made unsatisfiable",
            view.name,
        )
        return
    view.atoms = atoms
    view.solved = True


def _rules_by_site(program: Program) -> dict[tuple[str, int], RuleMeta]:
    out: dict[tuple[str, int], RuleMeta] = {}
    for meta in [*program.rules.values(), *program.unannotated]:
        out.setdefault((resolved(meta.file), meta.line), meta)
    return out


def _annotations(out: _Collector, part: Part, perspective: str | None) -> None:
    """The loader's problems, rules without a source, and annotations explanations would misuse.

    The findings depend on the part alone, so they are computed once per (remembered) part.
    """
    found = part.memo.get("annotations")
    if found is None:
        recorder = _Collector()
        _annotation_findings(recorder, part)
        found = part.memo["annotations"] = list(recorder.found)
    for key in found:
        bucket = out.found[key]  # a finding on the shared files holds under every perspective
        if perspective is not None:
            bucket.add(perspective)


def _annotation_findings(out: _Collector, part: Part) -> None:
    perspective = None
    for problem in part.program.problems:
        match = _PROBLEM.match(problem)
        if match is None:
            out.add("", 0, "error", "annotation", problem, perspective)
            continue
        text = match.group("text")
        if "not directly above a rule" in text:
            continue  # located more precisely below, at the block itself
        code = (
            "duplicate-id"
            if "already used" in text
            else "annotation-twice"
            if "given twice" in text
            else ("misplaced-annotation")
        )
        out.add(str(Path(match.group("file")).resolve()), int(match.group("line")), "error", code, text, perspective)
    for meta in part.program.unannotated:
        what = "fact" if not meta.variables and meta.head is None and meta.id is None else "rule"
        message = f"{what} without a %@ source: line (every rule and fact cites its legal source)"
        out.add(str(Path(meta.file).resolve()), meta.line, "warning", "no-source", message, perspective)
    for site, text in part.parsed.comments:
        match = _ANNOTATION.match(text)
        if match is None or match.group(1) in _ANNOTATION_KEYS:
            continue
        key = match.group(1)
        hint = difflib.get_close_matches(key, _ANNOTATION_KEYS, n=1)
        message = f"%@ {key}: is not an annotation normengine reads (it reads rule, source, says)"
        if hint:
            message += f"; did you mean %@ {hint[0]}:?"
        out.at(site, "error", "unknown-annotation", message, perspective)
    notes: dict[tuple[str, int], tuple[str, str]] = {}
    for site, text in part.parsed.comments:
        match = _ANNOTATION_VALUE.match(text)
        if match is not None:
            notes[(site.file, site.line)] = (match.group(1), match.group(2))
    rule_starts = {
        (site.file, site.line)
        for site in (site_of(st) for st in part.parsed.statements if st.ast_type == ast.ASTType.Rule)
    }
    for file, line in sorted(notes):
        if (file, line - 1) in notes:
            continue  # not the first line of its block
        last = line
        while (file, last + 1) in notes:
            last += 1
        if (file, last + 1) not in rule_starts:
            out.add(
                file,
                line,
                "error",
                "misplaced-annotation",
                "this %@ annotation block is not directly above a rule, so no rule gets it "
                "(a blank line or a comment in between?)",
                perspective,
            )
    for statement in part.parsed.statements:
        if statement.ast_type != ast.ASTType.Rule or not statement.body:
            continue
        site = site_of(statement)
        block: dict[str, str] = {}
        line = site.line - 1
        while (site.file, line) in notes:
            key, value = notes[(site.file, line)]
            block.setdefault(key, value)
            line -= 1
        says = block.get("says")
        if says is None:
            continue
        if "rule" not in block:
            out.at(
                site,
                "warning",
                "says-without-id",
                "this rule has a %@ says: line but no %@ rule: id, so its derivations are not recorded "
                "and the sentence is never used",
                perspective,
            )
            continue
        known = _global_variables(statement)
        for name in sorted(set(_PLACEHOLDER.findall(says)) - known):
            out.at(
                site,
                "warning",
                "says-placeholder",
                f"%@ says: names {{{name}}}, which is not a variable of rule {block['rule']}; "
                "explanations would print it as is",
                perspective,
            )
    for doc in part.parsed.docs:
        if doc.reads is None:
            continue
        for name in sorted(set(_PLACEHOLDER.findall(doc.reads)) - set(doc.args)):
            out.at(
                doc.site,
                "warning",
                "reads-placeholder",
                f"Reads: of {doc.head} names {{{name}}}, which is not one of its arguments",
                perspective,
            )


def _global_variables(statement: Any) -> set[str]:
    """The variables a rule's derivation records bind: those of its head and its plain body literals."""
    names: set[str] = set()

    def walk(node: Any) -> None:
        t = node.ast_type
        if t in (ast.ASTType.BodyAggregate, ast.ASTType.Aggregate, ast.ASTType.ConditionalLiteral):
            return
        if t == ast.ASTType.Variable:
            names.add(node.name)
            return
        for child in children(node):
            walk(child)

    walk(statement.head)
    for literal in statement.body:
        walk(literal)
    return names


def _duplicate_ids(out: _Collector, shared: Part, own: Part, perspective: str) -> None:
    for rule_id, meta in own.program.rules.items():
        other = shared.program.rules.get(rule_id)
        if other is not None:
            out.add(
                str(Path(meta.file).resolve()),
                meta.line,
                "error",
                "duplicate-id",
                f"rule id {rule_id!r} is already used at {display_path(other.file)}:{other.line}",
                perspective,
            )


def _wording(out: _Collector, view: _View, inputs: dict[Sig, Doc]) -> None:
    """Conclusions of shown predicates that no sentence explains."""
    rules: dict[tuple[str, int], RuleMeta] = {}
    for part in view.parts:
        rules.update(_rules_by_site(part.program))
    shown = set(view.usage.shown)
    for head in view.usage.heads:
        sig = head.sig
        if sig not in shown or sig in inputs:
            continue
        doc = view.docs.get(sig)
        if doc is not None and doc.reads:
            continue
        meta = rules.get((head.site.file, head.site.line))
        if not head.fact and meta is not None and meta.id and meta.says:
            continue
        if head.fact:
            message = (
                f"this fact of {_name(sig)}, which the rule set shows, has no wording: "
                f"document {sig[0]} with a %*! block that has a Reads: line"
            )
        else:
            message = (
                f"this rule concludes {_name(sig)}, which the rule set shows, but no sentence explains it: "
                f"give it %@ rule: and %@ says: lines, or document {sig[0]} with a Reads: line"
            )
        out.at(head.site, "warning", "no-wording", message, view.name)


def _arguments(out: _Collector, view: _View) -> None:
    derived = view.usage.derived
    for sig in (("arg", 1), ("att", 2)):
        if sig not in derived and sig not in view.usage.declared:
            out.add(
                str(view.files[-1]),
                1,
                "warning",
                "no-arguments",
                f"nothing derives {_name(sig)}, which the engine's argumentation core reads: "
                "no act can be found unlawful and no justification can survive",
                view.name,
            )


def _fact_site(view: _View, atom: clingo.Symbol) -> Site | None:
    """Where the fact (or the first rule head written exactly as it) that derives an atom is."""
    if view.heads_by_text is None:
        view.heads_by_text = {}
        for head in view.usage.heads:
            if head.sig in _PERSPECTIVE_HEADS:
                view.heads_by_text.setdefault(str(head.atom), head.site)
    return view.heads_by_text.get(str(atom))


def _perspective(out: _Collector, view: _View, shared_files: set[str]) -> None:
    """A perspective takes sides only on declared contested points and on priorities."""
    owned = [f for f in view.read if f not in shared_files]
    if not shared_files:
        return
    shared_heads = {h.sig for h in view.usage.heads if h.site.file in shared_files}
    for head in view.usage.heads:
        if head.site.file not in owned:
            continue
        if head.sig in shared_heads and head.sig not in _PERSPECTIVE_HEADS:
            out.at(
                head.site,
                "warning",
                "perspective-scope",
                f"a perspective file derives {_name(head.sig)}, which the shared law derives: a perspective "
                "takes sides through position/2 on contested points, prefers(stated_position, ...) on priorities "
                "and proof_standard/2 on disputed evaluations",
                view.name,
            )
        if head.sig == ("prefers", 5) and ("prefers", 5) in shared_heads:
            first = head.atom.arguments[0] if head.atom.ast_type == ast.ASTType.Function else None
            if first is not None and str(first) != "stated_position":
                out.at(
                    head.site,
                    "warning",
                    "perspective-scope",
                    f"a perspective states its priorities as prefers(stated_position, ...), not prefers({first}, ...): "
                    "the other bases of priority are shared law",
                    view.name,
                )
    if not view.solved:
        return
    points = {a.arguments[0] for a in view.atoms if a.name == "contested_point" and len(a.arguments) == 1}
    positions = [a for a in view.atoms if a.name == "position" and len(a.arguments) == 2]
    if points:
        taken: dict[clingo.Symbol, set[str]] = defaultdict(set)
        for atom in positions:
            point, pos = atom.arguments
            site = _fact_site(view, atom)
            file, line = (site.file, site.line) if site else (str(view.files[-1]), 1)
            if point not in points:
                hint = difflib.get_close_matches(str(point), sorted(str(p) for p in points), n=1)
                message = f"{atom}: {point} is not a contested point of this rule set"
                message += (
                    f" (did you mean {hint[0]}?)" if hint else f" (they are: {', '.join(sorted(map(str, points)))})"
                )
                out.add(file, line, "error", "position-unknown-point", message, view.name)
            if pos.type != clingo.SymbolType.Function or pos.name not in ("accept", "reject") or pos.arguments:
                out.add(file, line, "error", "position-value", f"{atom}: a position is accept or reject", view.name)
            else:
                taken[point].add(pos.name)
        for point, sides in sorted(taken.items()):
            if len(sides) > 1:
                sites = [_fact_site(view, clingo.Function("position", [point, clingo.Function(s)])) for s in sides]
                last = max((s for s in sites if s is not None), default=None)
                file, line = (last.file, last.line) if last else (str(view.files[-1]), 1)
                out.add(
                    file, line, "error", "position-both", f"the perspective both accepts and rejects {point}", view.name
                )
    for atom in view.atoms:
        if atom.name != "perspective" or len(atom.arguments) != 2:
            continue
        ident = atom.arguments[0]
        if ident.type == clingo.SymbolType.Function and not ident.arguments and ident.name != view.name:
            site = _fact_site(view, atom)
            file, line = (site.file, site.line) if site else (str(view.files[-1]), 1)
            out.add(
                file,
                line,
                "warning",
                "perspective-name",
                f"the perspective file names itself {ident.name}, but the manifest names it {view.name}",
                view.name,
            )


def _unused(out: _Collector, views: list[_View], inputs: dict[Sig, Doc], af_usage: Usage) -> None:
    """Predicates derived but never used (misspelt heads), declared but never derived, documented but absent."""
    used: set[Sig] = set(af_usage.used)
    shown: set[Sig] = set()
    derived: dict[Sig, list[Site]] = defaultdict(list)
    declared: dict[Sig, list[Site]] = defaultdict(list)
    external: set[Sig] = set()
    docs: dict[Sig, Doc] = {}
    for view in views:
        used.update(view.usage.used)
        shown.update(view.usage.shown)
        for sig, sites in view.usage.derived.items():
            derived[sig].extend(sites)
        for sig, sites in view.usage.declared.items():
            declared[sig].extend(sites)
        external.update(view.usage.external)
        for sig, doc in view.docs.items():
            docs.setdefault(sig, doc)
    for sig, sites in sorted(derived.items()):
        if sig in used or sig in shown or sig in docs or sig in inputs or sig[0].startswith("__"):
            continue
        site = min(sites)
        out.at(
            site,
            "warning",
            "unused",
            f"{_name(sig)} is derived but never used, shown or documented; a misspelt head?"
            + _suggest(sig, used | shown),
            None,
        )
    for sig, sites in sorted(declared.items()):
        if sig in derived or sig in external or sig in inputs:
            continue
        out.at(
            min(sites),
            "warning",
            "declared-only",
            f"#defined {_name(sig)} declares a predicate that nothing derives and no case file provides"
            + _suggest(sig, set(derived) | set(inputs)),
            None,
        )
    for sig, doc in sorted(docs.items()):
        if sig in derived or sig in declared or sig in external or sig in inputs or sig in used:
            continue
        out.at(
            doc.site,
            "warning",
            "stale-doc",
            f"%*! {doc.head} documents {_name(sig)}, which the rule set never derives or declares"
            + _suggest(sig, set(derived) | set(inputs)),
            None,
        )


def _cases(
    out: _Collector, ruleset: RuleSet, views: list[_View], case: Path, allow_scripts: bool, limits: Limits
) -> None:
    """Evaluate a case under every perspective that parsed; report failures and clingo's warnings."""
    from ..engine import evaluate_full, resolve_case

    model = resolve_case(case, limits)
    for view in views:
        try:
            ev = evaluate_full(
                model, ruleset, view.name, limits=limits, allow_scripts=allow_scripts, explanations=False
            )
        except RuleSetError as exc:
            if exc.messages:
                for message in exc.messages:
                    _clingo_message(out, message, view.name)
            else:
                out.add(str(case), 1, "error", "case", f"evaluating {case.name}: {exc.summary}", view.name)
            continue
        except NormengineError as exc:
            out.add(str(case), 1, "error", "case", f"evaluating {case.name}: {exc}", view.name)
            continue
        for message in ev.solution.messages:
            _clingo_message(out, message, view.name)
