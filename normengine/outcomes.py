"""Checking a report against a case's recorded authoritative outcome.

The outcome of a case file records what a court, the Council, the Assembly,
an official commission or the dominant view held, act by act and
justification by justification. :func:`compare_outcome` lists every point on
which the engine's report disagrees; an empty list means agreement.
"""

from __future__ import annotations

from dataclasses import dataclass

from .case import Outcome
from .report import ActReport, Report

__all__ = ["Mismatch", "compare_outcome"]


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


def compare_outcome(report: Report, outcome: Outcome) -> list[Mismatch]:
    """Compare a report with an authoritative outcome.

    Args:
        report: the engine's report.
        outcome: the outcome recorded in the case file.
    """
    out: list[Mismatch] = []
    acts = {a.id: a for a in report.acts}
    for expected in outcome.acts:
        act = acts.get(expected.act)
        if act is None:
            out.append(Mismatch(expected.act, "act", "present", "absent from the report"))
            continue
        if act.verdict != expected.verdict:
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
            elif j.status != ej.status:
                why = tuple(
                    f"{r.text} [{r.source}]" if r.source else r.text
                    for r in j.reasons
                    if r.status in ("accepted", "undecided", None)
                )
                out.append(Mismatch(act.id, f"justification {ej.id}", ej.status, j.status, why))
    return out


def _verdict_reasons(act: ActReport) -> tuple[str, ...]:
    reasons: list[str] = []
    for j in act.justifications:
        reasons.append(f"{j.id} ({j.type}) {j.status}")
    for e in act.engaged:
        if e.stance == "against":
            reasons.extend(r.text for r in e.reasons)
    return tuple(reasons)
