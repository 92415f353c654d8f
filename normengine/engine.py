"""The pipeline: case file, facts, rules, solve, findings, report."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .case import Case
from .facts import to_facts
from .findings import Analysis, analyse, build_report
from .gcpause import collector_paused
from .loader import DEFAULT_LIMITS, Limits, load_case, parse_case_text
from .modal import solve_modal
from .report import Report
from .rulesets import Program, RuleSet, load_ruleset
from .solve import Solution, build_program, solve_facts
from .vocabulary import check_vocabulary, using_vocabulary, vocabulary_of

__all__ = ["Evaluation", "engine_version", "evaluate", "evaluate_full", "resolve_case", "resolve_ruleset"]

CaseInput = str | Path | dict[str, Any] | Case
RulesInput = str | Path | RuleSet | None


def engine_version() -> str:
    """normengine's version."""
    from . import __version__

    return __version__


def resolve_case(case: CaseInput, limits: Limits = DEFAULT_LIMITS) -> Case:
    """Turn a path, YAML text, dict or model into a validated case.

    A ``str`` that contains a newline or starts with ``{`` is read as YAML (or
    JSON) text; any other ``str`` is a path, or the id of a bundled case
    (:func:`normengine.cases.case_location`).
    """
    if isinstance(case, str) and ("\n" in case or case.lstrip().startswith("{")):
        return parse_case_text(case, "<string>", limits)
    return load_case(case, limits)


def resolve_ruleset(rules: RulesInput) -> RuleSet:
    """Turn a path, a rule set or None (the bundled rule set) into a rule set."""
    if isinstance(rules, RuleSet):
        return rules
    return load_ruleset(rules)


@dataclass
class Evaluation:
    """Everything one evaluation produced: the report and what it was built from."""

    case: Case
    ruleset: RuleSet
    perspective: str
    solution: Solution
    analysis: Analysis
    report: Report


def evaluate_full(
    case: CaseInput,
    rules: RulesInput = None,
    perspective: str | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
    allow_scripts: bool = False,
    explanations: bool = True,
) -> Evaluation:
    """Evaluate a case and keep the intermediate results (for explanations and graphs)."""
    with collector_paused():  # normengine/gcpause.py: an evaluation makes many objects and almost no cycles
        ruleset = resolve_ruleset(rules)
        name, program = build_program(ruleset, perspective, allow_scripts=allow_scripts)
        with using_vocabulary(vocabulary_of(program)):  # the case's vocabulary is the rule set's
            model = resolve_case(case, limits)
        solution, analysis = solve_and_analyse(model, program, timeout=limits.timeout, explanations=explanations)
        report = build_report(analysis, ruleset, name, engine_version(), ruleset.hash(name))
    return Evaluation(model, ruleset, name, solution, analysis, report)


def solve_and_analyse(
    model: Case, program: Program, *, timeout: float | None, explanations: bool = True
) -> tuple[Solution, Analysis]:
    """Solve a validated case against a parsed program and index the result (the core of :func:`evaluate_full`).

    ``normengine batch`` calls it in its workers with a program parsed once by the parent.
    """
    check_vocabulary(model, vocabulary_of(program))
    facts = to_facts(model)
    if not facts.contested:
        # The light form: the exact rules' firings are recomputed from the atoms when a reason or an
        # explanation asks for them, instead of being grounded as __fired records for every atom.
        solution = solve_facts(program, facts.facts, timeout=timeout, acts=facts.acts, claims=facts.claims, light=True)
        return solution, analyse(model, program, solution.atoms, explain=explanations, unrecorded=solution.unrecorded)
    start = time.perf_counter()
    # The same for the exact rules that fire alike on every reading of the contested facts.
    modal = solve_modal(program, facts, timeout=timeout, light=True)
    atoms = list(modal.brave)
    solution = Solution(atoms, modal.solves, time.perf_counter() - start, unrecorded=modal.unrecorded)
    # What the explanations match rules against besides the shown atoms: the case's facts, its guarded facts,
    # and the rule set's own facts (a rule that reads the rule set's vocabulary, such as the elements of a
    # justification, is otherwise matched against nothing).
    extra = [*facts.facts, *(atom for atom, _guard in facts.guarded), *program.fact_atoms()]
    return solution, analyse(model, program, atoms, modal, extra, explain=explanations, unrecorded=modal.unrecorded)


def evaluate(
    case: CaseInput,
    rules: RulesInput = None,
    perspective: str | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
    allow_scripts: bool = False,
    explanations: bool = True,
) -> Report:
    """Evaluate a case and return the report.

    Args:
        case: a path to a YAML case file, YAML text, a dict, or a :class:`~normengine.case.Case`.
        rules: a rule-set directory or file, a :class:`~normengine.rulesets.RuleSet`, or None for the bundled one.
        perspective: the perspective to take (default: the rule set's default, ``orthodox`` for the bundled one).
        limits: size and time limits.
        allow_scripts: accept ``#script`` blocks in the rule set.
        explanations: build the explanation trees of the report (False is faster, for batches).

    Raises:
        CaseError: the case is invalid (exit status 2 on the command line).
        RuleSetError: the rule set cannot be loaded, parsed or grounded.
        LimitExceeded, SolveTimeout: a limit was reached.

    Example:
        >>> from normengine import evaluate
        >>> report = evaluate("cases/kosovo-1999.yaml")
        >>> report.act("allied-force").verdict
        'unlawful'
    """
    return evaluate_full(
        case, rules, perspective, limits=limits, allow_scripts=allow_scripts, explanations=explanations
    ).report
