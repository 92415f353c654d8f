"""Comparing perspectives: which conclusions hold under all of them, and which depend on the perspective."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .engine import CaseInput, RulesInput, evaluate_full, resolve_case, resolve_ruleset
from .loader import DEFAULT_LIMITS, Limits
from .report import Report
from .words import Words

__all__ = ["ActComparison", "Comparison", "compare"]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class JustificationComparison(_Out):
    """One justification's status under each perspective."""

    id: str
    type: str
    statuses: dict[str, str] = Field(description="Perspective id to status.")
    agreed: bool = Field(description="Whether every perspective gives the same status.")


class ActComparison(_Out):
    """One act's verdict under each perspective."""

    id: str
    title: str
    verdicts: dict[str, str] = Field(description="Perspective id to verdict.")
    violations: dict[str, list[str]] = Field(description="Perspective id to the violations that stand.")
    agreed: bool = Field(description="Whether every perspective gives the same verdict and violations.")
    justifications: list[JustificationComparison]


class ConflictComparison(_Out):
    """How each perspective settles one conflict."""

    act: str
    claim: str
    principles: list[str]
    settled_by: dict[str, str | None]
    prevails: dict[str, str | None]
    agreed: bool


class Comparison(_Out):
    """A case evaluated under every perspective of a rule set."""

    case: str
    title: str
    ruleset: str
    perspectives: list[str]
    acts: list[ActComparison]
    conflicts: list[ConflictComparison]

    def to_json(self) -> str:
        """The comparison as JSON (stable order)."""
        return json.dumps(self.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"

    def act(self, act_id: str) -> ActComparison:
        """The comparison for one act."""
        for a in self.acts:
            if a.id == act_id:
                return a
        raise KeyError(act_id)


def compare(
    case: CaseInput,
    rules: RulesInput = None,
    perspectives: list[str] | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
    allow_scripts: bool = False,
    explanations: bool = True,
) -> tuple[Comparison, dict[str, Report], Words]:
    """Evaluate a case under several perspectives (default: all of the rule set's) and compare.

    Args:
        explanations: build the explanation trees of the reports returned (the comparison never reads them).

    Returns:
        the comparison, the report of each perspective, and the words to render them.
    """
    model = resolve_case(case, limits)
    ruleset = resolve_ruleset(rules)
    names = perspectives or sorted(ruleset.perspectives, key=lambda p: (p != ruleset.default_perspective, p))
    reports: dict[str, Report] = {}
    words: Words | None = None
    for name in names:
        ev = evaluate_full(model, ruleset, name, limits=limits, allow_scripts=allow_scripts, explanations=explanations)
        reports[name] = ev.report
        words = words or ev.analysis.words
    assert words is not None
    first = reports[names[0]]
    acts = []
    for act in first.acts:
        per = {p: reports[p].act(act.id) for p in names}
        verdicts = {p: per[p].verdict for p in names}
        violations = {p: per[p].violations for p in names}
        justifications = []
        for j in act.justifications:
            statuses = {p: next(x.status for x in per[p].justifications if x.id == j.id) for p in names}
            agreed_j = len(set(statuses.values())) == 1
            justifications.append(JustificationComparison(id=j.id, type=j.type, statuses=statuses, agreed=agreed_j))
        agreed = len(set(verdicts.values())) == 1 and len({tuple(v) for v in violations.values()}) == 1
        acts.append(
            ActComparison(
                id=act.id,
                title=act.title,
                verdicts=verdicts,
                violations=violations,
                agreed=agreed,
                justifications=justifications,
            )
        )
    keys: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for p in names:
        for c in reports[p].conflicts:
            entry = keys.setdefault(
                (c.act, c.claim, c.for_principle, c.against_principle), {"settled_by": {}, "prevails": {}}
            )
            entry["settled_by"][p] = c.settled_by
            entry["prevails"][p] = c.prevails
    conflicts = []
    for (act_id, claim, pf, pa), entry in sorted(keys.items()):
        settled = {p: entry["settled_by"][p] for p in names if p in entry["settled_by"]}
        prevails = {p: entry["prevails"][p] for p in names if p in entry["prevails"]}
        conflicts.append(
            ConflictComparison(
                act=act_id,
                claim=claim,
                principles=sorted([pf, pa]),
                settled_by=settled,
                prevails=prevails,
                agreed=len(prevails) == len(names) and len(set(prevails.values())) == 1,
            )
        )
    comparison = Comparison(
        case=model.id,
        title=model.title,
        ruleset=ruleset.name,
        perspectives=names,
        acts=acts,
        conflicts=conflicts,
    )
    return comparison, reports, words
