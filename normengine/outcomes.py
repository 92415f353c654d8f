"""Checking a report against a case's recorded authoritative outcome.

The outcome of a case file records what a court, the Council, the Assembly,
an official commission or the dominant view held, act by act and
justification by justification. :func:`compare_outcome` lists every point on
which the engine's report disagrees; an empty list means agreement.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from .case import ExpectedAct, Outcome, Principle
from .report import ActReport, ConflictReport, JustificationReport, Report

__all__ = [
    "Expectations",
    "ExpectedConflict",
    "Mismatch",
    "compare_conflicts",
    "compare_elements",
    "compare_outcome",
    "expects_contested",
]


@dataclass(frozen=True)
class Mismatch:
    """One point on which the report disagrees with the recorded outcome.

    Args:
        act: the act concerned.
        what: ``verdict``, ``violation``, ``not_violated``, ``justification <id>`` or ``act``.
        expected: what the authority holds.
        actual: what the engine concluded.
        why: the engine's reasons for its conclusion.
    """

    act: str
    what: str
    expected: str
    actual: str
    why: tuple[str, ...] = ()

    def __str__(self) -> str:
        text = f"{self.act}: {self.what}: expected {self.expected}, engine says {self.actual}"
        if self.why:
            text += "".join(f"\n    because: {w}" for w in self.why)
        return text


class Expectations(Protocol):
    """What :func:`compare_outcome` reads: a case's :class:`~normengine.case.Outcome`, or a rule-set test's
    expectations."""

    @property
    def acts(self) -> Sequence[ExpectedAct]: ...


def expects_contested(outcome: Outcome | Expectations) -> bool:
    """Whether the outcome holds some act's verdict or some justification's status ``contested``."""
    return any(e.verdict == "contested" or any(j.status == "contested" for j in e.justifications) for e in outcome.acts)


def _reading_values(x: ActReport | JustificationReport) -> list[str]:
    """The conclusions on each reading of the disputed facts a conclusion rests on."""
    return [v for d in x.rests_on for reading in d.readings for v in reading.values]


def _disputed_verdict(act_id: str, report: Report, others: Mapping[str, Report]) -> bool:
    verdicts = {
        v
        for r in (report, *others.values())
        for a in r.acts
        if a.id == act_id
        for v in (a.verdict, *a.possible_verdicts, *_reading_values(a))
    }
    return "contested" in verdicts or len(verdicts) > 1


def _disputed_status(act_id: str, claim: str, report: Report, others: Mapping[str, Report]) -> bool:
    statuses = {
        s
        for r in (report, *others.values())
        for a in r.acts
        if a.id == act_id
        for j in a.justifications
        if j.id == claim
        for s in (j.status, *j.possible_statuses, *_reading_values(j))
    }
    return "contested" in statuses or len(statuses) > 1


def compare_outcome(
    report: Report, outcome: Outcome | Expectations, perspectives: Mapping[str, Report] | None = None
) -> list[Mismatch]:
    """Compare a report with an authoritative outcome (or a rule-set test's expectations on acts).

    An expected verdict (or justification status) ``contested`` records that the authorities left the point
    disputed (issue 12, point 3). It is met when the engine finds the point disputed: ``contested`` in the
    report, or a conclusion that rests on one reading of a disputed fact (the burden of proof) while another
    reading gives another (``possible_verdicts``, ``possible_statuses``, the readings of ``rests_on``); and,
    with ``perspectives`` given (the reports under the rule set's other perspectives), also ``contested``
    under some perspective or different conclusions under different perspectives.

    Args:
        report: the engine's report (under the default perspective, for a recorded outcome).
        outcome: the outcome recorded in the case file, or anything with the same ``acts``.
        perspectives: the reports on the same case under the other perspectives, by perspective name.
    """
    others: Mapping[str, Report] = perspectives or {}
    out: list[Mismatch] = []
    acts = {a.id: a for a in report.acts}
    for expected in outcome.acts:
        act = acts.get(expected.act)
        if act is None:
            out.append(Mismatch(expected.act, "act", "present", "absent from the report"))
            continue
        if (
            expected.verdict is not None
            and act.verdict != expected.verdict
            and not (expected.verdict == "contested" and _disputed_verdict(act.id, report, others))
        ):
            out.append(Mismatch(act.id, "verdict", expected.verdict, act.verdict, _verdict_reasons(act)))
        for principle in expected.violations:
            if principle not in act.violations:
                out.append(
                    Mismatch(
                        act.id,
                        f"violation of {principle}",
                        "stands",
                        "does not stand" if principle not in act.contested_violations else "in doubt",
                        _verdict_reasons(act),
                    )
                )
        for principle in expected.not_violated:
            if principle in act.violations:
                out.append(
                    Mismatch(act.id, f"violation of {principle}", "does not stand", "stands", _verdict_reasons(act))
                )
        claims = {j.id: j for j in act.justifications}
        for ej in expected.justifications:
            j = claims.get(ej.id)
            if j is None:
                out.append(Mismatch(act.id, f"justification {ej.id}", ej.status, "absent"))
            elif j.status != ej.status and not (
                ej.status == "contested" and _disputed_status(act.id, ej.id, report, others)
            ):
                out.append(Mismatch(act.id, f"justification {ej.id}", ej.status, j.status, _claim_reasons(j)))
    return out


def _claim_reasons(j: JustificationReport) -> tuple[str, ...]:
    return tuple(
        f"{r.text} [{r.source}]" if r.source else r.text
        for r in j.reasons
        if r.status in ("accepted", "undecided", None)
    )


def compare_elements(
    report: Report, act: str, claim: str, failing: Sequence[str], holding: Sequence[str]
) -> list[Mismatch]:
    """Compare the elements of one justification with what should fail and what should hold.

    Args:
        report: the engine's report.
        act: the act the justification is claimed for.
        claim: the justification's id.
        failing: elements that must be found not established.
        holding: elements that must be found established.
    """
    acts = {a.id: a for a in report.acts}
    found = acts.get(act)
    j = next((x for x in found.justifications if x.id == claim), None) if found is not None else None
    if j is None:
        return (
            [Mismatch(act, f"justification {claim}", "present", "absent from the report")] if failing or holding else []
        )
    elements = {e.element: e for e in j.elements}
    out: list[Mismatch] = []
    for name, expected in [*((e, False) for e in failing), *((e, True) for e in holding)]:
        e = elements.get(name)
        if e is None:
            out.append(
                Mismatch(
                    act,
                    f"element {name} of {claim}",
                    "holds" if expected else "fails",
                    "not an element of the claim",
                    (f"its elements: {', '.join(sorted(elements)) or 'none'}",),
                )
            )
        elif e.holds != expected:
            why = tuple(f"{r.text} [{r.source}]" if r.source else r.text for r in e.reasons) or _claim_reasons(j)
            out.append(
                Mismatch(
                    act,
                    f"element {name} of {claim}",
                    "holds" if expected else "fails",
                    "holds" if e.holds else "fails",
                    why,
                )
            )
    return out


class ExpectedConflict(BaseModel):
    """How a conflict between two principles in one act must be settled."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    act: str = Field(min_length=1, description="The act in which the principles conflict.")
    claim: str | None = Field(
        None, description="The claim through which a principle weighs for the act; omit to match any."
    )
    against: Principle | None = Field(None, description="The principle engaged against the act; omit to match any.")
    settled_by: str | None = Field(
        description="The basis of priority that must settle it (e.g. stated_position, chapter_vii, "
        "peremptory_norm), or null for an unsettled dilemma."
    )
    prevails: Principle | None = Field(
        None, description="The principle that must prevail; null (or omitted) for an unsettled dilemma."
    )
    presence: Literal["present", "absent"] = Field(
        "present", description="'absent' when the engine must find no such conflict at all."
    )


def compare_conflicts(report: Report, expected: Sequence[ExpectedConflict]) -> list[Mismatch]:
    """Compare the conflicts of a report with expected settlements.

    Every conflict that matches an expectation's act (and claim and principle, when given)
    must be settled as expected; an expectation that matches no conflict is a mismatch
    unless it expects the conflict to be absent.

    Args:
        report: the engine's report.
        expected: the expected conflicts.
    """
    out: list[Mismatch] = []
    for e in expected:
        matches = [
            c
            for c in report.conflicts
            if c.act == e.act
            and (e.claim is None or c.claim == e.claim)
            and (e.against is None or c.against_principle == e.against)
        ]
        what = "conflict" + (f" through {e.claim}" if e.claim else "") + (f" with {e.against}" if e.against else "")
        if e.presence == "absent":
            for c in matches:
                out.append(Mismatch(e.act, what, "absent", _settlement(c), _conflict_reasons(c)))
            continue
        if not matches:
            found = [
                f"{c.for_principle} (through {c.claim}) against {c.against_principle}"
                for c in report.conflicts
                if c.act == e.act
            ]
            out.append(
                Mismatch(e.act, what, "present", "no such conflict", tuple(found) or ("the act has no conflict",))
            )
            continue
        for c in matches:
            if c.settled_by != e.settled_by or c.prevails != e.prevails:
                label = f"conflict through {c.claim} with {c.against_principle}"
                wanted = f"{e.prevails} prevails on {e.settled_by}" if e.settled_by else "unsettled dilemma"
                out.append(Mismatch(e.act, label, wanted, _settlement(c), _conflict_reasons(c)))
    return out


def _settlement(c: ConflictReport) -> str:
    return f"{c.prevails} prevails on {c.settled_by}" if c.settled_by else "unsettled dilemma"


def _conflict_reasons(c: ConflictReport) -> tuple[str, ...]:
    return tuple(f"{r.text} [{r.source}]" if r.source else r.text for r in c.reasons)


def _verdict_reasons(act: ActReport) -> tuple[str, ...]:
    reasons: list[str] = []
    for j in act.justifications:
        reasons.append(f"{j.id} ({j.type}) {j.status}")
    for e in act.engaged:
        if e.stance == "against":
            reasons.extend(r.text for r in e.reasons)
    return tuple(reasons)
