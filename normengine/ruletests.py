"""Rule-set tests: YAML files that state what the engine must conclude (``normengine test``).

A test file holds a list of tests. Each names a case file (a path relative to
the test file) or holds a small case inline, the perspective(s) to take, and
what the engine must conclude: verdicts, violations, justification statuses
and failing elements, and how conflicts are settled::

    tests:
      - name: collective self-defence without a request is defeated
        perspective: orthodox            # or a list; default: the rule set's default
        case: ../../cases/nicaragua-1986.yaml
        expect:
          acts:
            - act: support-contras
              verdict: unlawful
              violations: [non_use_of_force]
              justifications:
                - {id: us-csd, status: defeated, failing: [request]}
          conflicts:
            - {act: support-contras, settled_by: null}

A case file with an ``outcome`` section is itself a test: its outcome is
checked under the rule set's default perspective.

Every point on which the engine disagrees is a :class:`~normengine.outcomes.Mismatch`
with the expected value, the engine's value and the engine's reasons. Bad test
files raise :class:`TestFileError`, which names the file, the line and the field.
"""

from __future__ import annotations

import difflib
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from .case import Case, ExpectedAct, ExpectedJustification, Verdict
from .errors import CaseError, InputIssue, NormengineError, display_path
from .loader import DEFAULT_LIMITS, Limits, validation_issue
from .loader import dedupe as _dedupe
from .loader import dotted as _dotted
from .outcomes import (
    ExpectedConflict,
    Mismatch,
    compare_conflicts,
    compare_elements,
    compare_outcome,
    expects_contested,
)
from .vocabulary import remember_origin
from .yamlpos import Located, YamlIssue, load_located

__all__ = [
    "RuleTest",
    "RuleTestFile",
    "TestFileError",
    "TestResult",
    "TestRun",
    "collect",
    "collect_file",
    "run_tests",
]

Name = Annotated[str, StringConstraints(min_length=1, max_length=500)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TestJustification(ExpectedJustification):
    """The status one justification must have, and which of its elements must fail or hold."""

    __test__ = False
    failing: list[Name] = Field(
        default_factory=list, description="Elements the engine must find not established, e.g. request."
    )
    holding: list[Name] = Field(default_factory=list, description="Elements the engine must find established.")


class TestAct(ExpectedAct):
    """What the engine must conclude on one act."""

    __test__ = False
    verdict: Verdict | None = Field(  # type: ignore[assignment]
        None, description="The verdict the engine must reach on the act; omit to leave it unchecked."
    )
    justifications: list[TestJustification] = Field(  # type: ignore[assignment]
        default_factory=list, description="The status each justification claimed for the act must have."
    )


class Expect(_Model):
    """What the engine must conclude."""

    acts: list[TestAct] = Field(default_factory=list, description="Expectations act by act.")
    conflicts: list[ExpectedConflict] = Field(
        default_factory=list, description="How conflicts between principles must be settled."
    )


class RuleTestSpec(_Model):
    """One test: a case, the perspective(s), and the expectations."""

    __test__ = False
    name: Name = Field(description="What the test shows, in a sentence.")
    description: str | None = Field(None, description="More about the test: the doctrine and its sources.")
    perspective: Name | list[Name] | None = Field(
        None, description="The perspective to take, or a list to run the test under each; default: the rule set's."
    )
    case: Name | dict[str, Any] = Field(
        description="A case file (a path relative to this test file) or a case written inline."
    )
    expect: Expect = Field(description="What the engine must conclude.")


class RuleTestFile(_Model):
    """A file of rule-set tests."""

    __test__ = False
    description: str | None = Field(None, description="What the tests in this file are about.")
    tests: list[RuleTestSpec] = Field(min_length=1, description="The tests.")


class TestFileError(NormengineError):
    """A test file that cannot be read or is not valid (exit status 2)."""

    __test__ = False
    exit_status = 2

    def __init__(self, issues: list[InputIssue]) -> None:
        self.issues = issues
        head = str(issues[0])
        rest = "".join(f"\n  {issue}" for issue in issues[1:20])
        more = f"\n  ... and {len(issues) - 20} more" if len(issues) > 20 else ""
        super().__init__(f"invalid test file: {head}{rest}{more}")


@dataclass(frozen=True)
class RuleTest:
    """One test to run under one perspective.

    Args:
        file: the test file (or the case file, for a case's recorded outcome).
        line: the line where the test starts.
        name: what the test shows.
        perspective: the perspective to take; None for the rule set's default.
        perspective_line: where the perspective is named (for error messages).
        case: the validated case.
        case_file: the case file, when the case is not inline.
        acts: expectations on acts.
        conflicts: expectations on conflicts.
    """

    __test__ = False
    file: Path
    line: int
    name: str
    perspective: str | None
    perspective_line: int
    case: Case
    case_file: Path | None
    acts: tuple[ExpectedAct, ...]
    conflicts: tuple[ExpectedConflict, ...] = ()

    @property
    def label(self) -> str:
        """``file:line: name``, as reports print it."""
        return f"{display_path(self.file)}:{self.line}: {self.name}"


@dataclass(frozen=True)
class TestResult:
    """A test, the perspective it ran under, and every mismatch."""

    __test__ = False
    test: RuleTest
    perspective: str
    mismatches: tuple[Mismatch, ...]
    seconds: float

    @property
    def passed(self) -> bool:
        """Whether the engine agreed on every point."""
        return not self.mismatches

    def describe(self) -> str:
        """The result as text: one line, then each mismatch with the engine's reasons."""
        status = "PASS" if self.passed else "FAIL"
        lines = [f"{status} {self.test.label} [{self.perspective}]"]
        for m in self.mismatches:
            lines.append(f"  {m.act}: {m.what}: expected {m.expected}, engine says {m.actual}")
            lines.extend(f"      because: {why}" for why in m.why)
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "file": display_path(self.test.file),
            "line": self.test.line,
            "name": self.test.name,
            "perspective": self.perspective,
            "passed": self.passed,
            "mismatches": [
                {"act": m.act, "what": m.what, "expected": m.expected, "actual": m.actual, "why": list(m.why)}
                for m in self.mismatches
            ],
        }


@dataclass
class TestRun:
    """The results of a run, and what was skipped."""

    __test__ = False
    results: list[TestResult] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)

    @property
    def passed(self) -> int:
        """How many tests passed."""
        return sum(1 for r in self.results if r.passed)

    @property
    def failed(self) -> int:
        """How many tests failed."""
        return len(self.results) - self.passed

    def summary(self) -> str:
        """One line: the counts."""
        files = len({r.test.file for r in self.results})
        text = f"{self.passed} passed, {self.failed} failed ({len(self.results)} tests in {files} files)"
        if self.skipped:
            text += f"; skipped {len(self.skipped)} case file(s) without an outcome"
        return text

    def to_text(self) -> str:
        """Every result, then the summary."""
        return "\n".join([*(r.describe() for r in self.results), self.summary()]) + "\n"

    def to_json(self) -> str:
        """The run as JSON (stable order)."""
        data = {
            "passed": self.passed,
            "failed": self.failed,
            "skipped": [display_path(p) for p in self.skipped],
            "tests": [r.to_json() for r in self.results],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------
# Collecting


def collect(paths: Iterable[str | Path], limits: Limits = DEFAULT_LIMITS) -> tuple[list[RuleTest], list[Path]]:
    """Collect the tests of files and directories (searched for ``*.yaml`` and ``*.yml``).

    Returns:
        the tests, in file order, and the case files skipped because they record no outcome.

    Raises:
        TestFileError: a test file is invalid, or a path is neither a test file nor a case file.
        CaseError: a case file (named by a test or tested itself) is invalid.
    """
    tests: list[RuleTest] = []
    skipped: list[Path] = []
    cases: dict[Path, Case] = {}
    for path in _files(paths):
        found = collect_file(path, limits, cases)
        if found is None:
            skipped.append(path)
        else:
            tests.extend(found)
    return tests, skipped


def _files(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    from .cases import case_location

    for given in paths:
        path = case_location(given)  # "cases" or a bundled case's id names the bundled library
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in (".yaml", ".yml")
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            out.extend(found)
        elif path.exists():
            out.append(path)
        else:
            raise TestFileError([InputIssue(display_path(path), None, None, "", "no such file or directory")])
    return out


def collect_file(
    path: Path, limits: Limits = DEFAULT_LIMITS, cases: dict[Path, Case] | None = None
) -> list[RuleTest] | None:
    """The tests of one file: a test file, or a case file with an outcome (None for a case file without one).

    Args:
        path: the file.
        limits: size limits for the cases.
        cases: case files already loaded, by resolved path (shared between files, so that
            each case is evaluated once per perspective).

    Raises:
        TestFileError: the file is invalid, or neither a test file nor a case file.
        CaseError: a case file is invalid.
    """
    name = display_path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise TestFileError([InputIssue(name, None, None, "", f"cannot read it: {exc.strerror}")]) from None
    except UnicodeDecodeError:
        raise TestFileError([InputIssue(name, None, None, "", "is not UTF-8 text")]) from None
    try:
        located = load_located(text)
    except YamlIssue as exc:
        raise TestFileError([InputIssue(name, exc.line, exc.column, _dotted(exc.path), exc.message)]) from None
    data = located.value
    if not isinstance(data, dict):
        raise TestFileError([InputIssue(name, 1, 1, "", "a test file is a mapping with a 'tests' list")])
    cases = {} if cases is None else cases
    if "tests" in data:
        return _test_file(path, data, located, limits, cases)
    if {"parties", "acts"} & set(data):
        case = _load_case(path.resolve(), limits, cases)
        if case.outcome is None:
            return None
        line = (located.position(("outcome",)) or (1, 1))[0]
        return [
            RuleTest(
                file=path,
                line=line,
                name=f"{case.id}: the recorded outcome ({case.outcome.standing})",
                perspective=None,
                perspective_line=line,
                case=case,
                case_file=path,
                acts=tuple(case.outcome.acts),
            )
        ]
    raise TestFileError(
        [
            InputIssue(
                name,
                1,
                1,
                "",
                "neither a test file (a mapping with a 'tests' list) nor a case file (with parties and acts)",
            )
        ]
    )


def _load_case(path: Path, limits: Limits, cases: dict[Path, Case]) -> Case:
    if path not in cases:
        from .engine import resolve_case

        cases[path] = resolve_case(path, limits)
    return cases[path]


def _test_file(
    path: Path, data: dict[str, Any], located: Located, limits: Limits, cases: dict[Path, Case]
) -> list[RuleTest]:
    name = display_path(path)
    try:
        model = RuleTestFile.model_validate(data)
    except ValidationError as exc:
        merged = _merge([_issue(err, located, name) for err in exc.errors()])
        raise TestFileError(sorted(merged, key=lambda i: (i.line or 0, i.column or 0))) from None
    tests: list[RuleTest] = []
    issues: list[InputIssue] = []
    for i, spec in enumerate(model.tests):
        where: tuple[str | int, ...] = ("tests", i)
        line = _line(located, where)
        try:
            case, case_file = _case(path, spec, where, located, limits, cases)
        except TestFileError as exc:
            issues.extend(exc.issues)
            continue
        issues.extend(_references(spec, case, where, located, name))
        perspectives: list[str | None]
        if spec.perspective is None:
            perspectives = [None]
        elif isinstance(spec.perspective, str):
            perspectives = [spec.perspective]
        else:
            perspectives = list(dict.fromkeys(spec.perspective))
        for perspective in perspectives:
            tests.append(
                RuleTest(
                    file=path,
                    line=line,
                    name=spec.name,
                    perspective=perspective,
                    perspective_line=_line(located, (*where, "perspective")),
                    case=case,
                    case_file=case_file,
                    acts=tuple(spec.expect.acts),
                    conflicts=tuple(spec.expect.conflicts),
                )
            )
    if issues:
        raise TestFileError(issues)
    return tests


def _case(
    path: Path,
    spec: RuleTestSpec,
    where: tuple[str | int, ...],
    located: Located,
    limits: Limits,
    cases: dict[Path, Case],
) -> tuple[Case, Path | None]:
    from .loader import validate_located

    name = display_path(path)
    loc = (*where, "case")
    if isinstance(spec.case, str):
        target = (path.parent / spec.case).resolve()
        if not target.is_file():
            line, col = located.position(loc) or (None, None)
            raise TestFileError(
                [InputIssue(name, line, col, _dotted(loc), f"no such case file {spec.case!r} (relative to this file)")]
            )
        return _load_case(target, limits, cases), target
    inner = Located(spec.case, {p[len(loc) :]: pos for p, pos in located.positions.items() if p[: len(loc)] == loc})
    try:
        case = validate_located(dict(spec.case), inner, name, limits)
        remember_origin(case, name, located, loc)  # the vocabulary check names the field in the test file
        return case, None
    except CaseError as exc:
        prefix = _dotted(loc)
        raise TestFileError(
            [
                InputIssue(
                    issue.file,
                    issue.line,
                    issue.column,
                    f"{prefix}.{issue.field}"
                    if issue.field and not issue.field.startswith("[")
                    else prefix + issue.field,
                    issue.message,
                )
                for issue in exc.issues
            ]
        ) from None


def _references(
    spec: RuleTestSpec, case: Case, where: tuple[str | int, ...], located: Located, name: str
) -> list[InputIssue]:
    """Expectations must name acts and claims of the case (a typo would otherwise test nothing)."""
    issues: list[InputIssue] = []
    acts = {a.id for a in case.acts}
    claims = {c.id: c for c in case.justifications}

    def bad(loc: tuple[str | int, ...], message: str) -> None:
        line, col = located.position(loc) or (None, None)
        issues.append(InputIssue(name, line, col, _dotted(loc), message))

    def unknown(what: str, value: str, known: Iterable[str]) -> str:
        names = sorted(known)
        hint = difflib.get_close_matches(value, names, n=1)
        return f"unknown {what} {value!r}" + (
            f"; did you mean {hint[0]!r}?" if hint else f" (known: {', '.join(names[:12]) or 'none'})"
        )

    for j, act in enumerate(spec.expect.acts):
        loc = (*where, "expect", "acts", j)
        if act.act not in acts:
            bad((*loc, "act"), unknown("act", act.act, acts))
        for k, ej in enumerate(act.justifications):
            jloc = (*loc, "justifications", k, "id")
            claim = claims.get(ej.id)
            if claim is None:
                bad(jloc, unknown("justification", ej.id, claims))
            elif claim.act != act.act:
                bad(jloc, f"justification {ej.id!r} is claimed for act {claim.act!r}, not {act.act!r}")
    for j, conflict in enumerate(spec.expect.conflicts):
        loc = (*where, "expect", "conflicts", j)
        if conflict.act not in acts:
            bad((*loc, "act"), unknown("act", conflict.act, acts))
        if conflict.claim is not None and conflict.claim not in claims:
            bad((*loc, "claim"), unknown("justification", conflict.claim, claims))
        if conflict.presence == "present" and (conflict.settled_by is None) != (conflict.prevails is None):
            bad(
                (*loc, "prevails"),
                "give both settled_by and prevails, or neither (null) for an unsettled dilemma",
            )
    return issues


def _line(located: Located, loc: tuple[str | int, ...]) -> int:
    pos = located.position(loc)
    return pos[0] if pos else 1


def _issue(err: Any, located: Located, name: str) -> InputIssue:
    # Test files use unions of models, whose tags (``function-after[...]``) pydantic puts in the location.
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and ("[" in p or "-" in p)))
    return validation_issue(err, located, name, RuleTestFile, loc)


def _merge(issues: list[InputIssue]) -> list[InputIssue]:
    """One issue per place: the branches of a union each complain, so join their messages."""
    by_place: dict[tuple[int | None, int | None, str], list[str]] = {}
    first: dict[tuple[int | None, int | None, str], InputIssue] = {}
    for issue in issues:
        key = (issue.line, issue.column, issue.field)
        first.setdefault(key, issue)
        messages = by_place.setdefault(key, [])
        if issue.message not in messages:
            messages.append(issue.message)
    return [
        InputIssue(first[k].file, first[k].line, first[k].column, first[k].field, "; or ".join(m))
        for k, m in by_place.items()
    ]


# ---------------------------------------------------------------------------
# Running


def run_tests(
    tests: Sequence[RuleTest],
    rules: Any = None,
    *,
    allow_scripts: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> list[TestResult]:
    """Run tests against a rule set (default: the bundled one).

    Every perspective the tests name is checked first, so that a misnamed one stops
    the run before anything is evaluated. Each case is evaluated once per perspective.

    Raises:
        TestFileError: a test names a perspective the rule set does not have.
        RuleSetError: the rule set cannot be loaded, parsed or grounded.
        LimitExceeded, SolveTimeout: a limit was reached.
    """
    from .engine import evaluate_full, resolve_ruleset

    ruleset = resolve_ruleset(rules)
    issues = []
    for t in tests:
        if t.perspective is not None and t.perspective not in ruleset.perspectives:
            known = ", ".join(sorted(ruleset.perspectives))
            hint = difflib.get_close_matches(t.perspective, sorted(ruleset.perspectives), n=1)
            message = f"rule set {ruleset.name!r} has no perspective {t.perspective!r}" + (
                f"; did you mean {hint[0]!r}?" if hint else f" (it has: {known})"
            )
            issues.append(InputIssue(display_path(t.file), t.perspective_line, None, "perspective", message))
    if issues:
        raise TestFileError(_dedupe(issues))
    reports: dict[tuple[int, str], Any] = {}
    results = []
    for t in tests:
        perspective = t.perspective or ruleset.default_perspective
        start = time.perf_counter()
        key = (id(t.case), perspective)
        if key not in reports:
            reports[key] = evaluate_full(
                t.case, ruleset, perspective, limits=limits, allow_scripts=allow_scripts, explanations=False
            ).report
        report = reports[key]
        mismatches = compare_outcome(report, _Acts(t.acts))
        if mismatches and t.perspective is None and expects_contested(_Acts(t.acts)):
            # a point the authorities left contested may come out disputed between perspectives
            others = {}
            for name in sorted(ruleset.perspectives):
                if (id(t.case), name) not in reports:
                    reports[(id(t.case), name)] = evaluate_full(
                        t.case, ruleset, name, limits=limits, allow_scripts=allow_scripts, explanations=False
                    ).report
                others[name] = reports[(id(t.case), name)]
            mismatches = compare_outcome(report, _Acts(t.acts), others)
        for act in t.acts:
            for ej in act.justifications:
                failing = getattr(ej, "failing", [])
                holding = getattr(ej, "holding", [])
                if failing or holding:
                    mismatches.extend(compare_elements(report, act.act, ej.id, failing, holding))
        mismatches.extend(compare_conflicts(report, t.conflicts))
        results.append(TestResult(t, perspective, tuple(mismatches), time.perf_counter() - start))
    return results


@dataclass(frozen=True)
class _Acts:
    acts: Sequence[ExpectedAct]
