"""Compare a bundled case with its independent second encoding (issue 12 section 5).

Acts are matched by what they are, not by their ids (the two encoders chose ids freely): the same
actors are required, and at least three of actors, target, type and start date must be equal; among
candidates, more equal keys and then the closer start date win. An act left without a partner is a
difference. For each matched pair and each perspective the verdicts are compared, and so are the
statuses of the justifications, grouped by justification type.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from normengine import evaluate

ROOT = Path(__file__).resolve().parents[2]
ENCODINGS = ROOT / "tests" / "encodings"
CASES = ROOT / "cases"


def perspectives() -> list[str]:
    """Every bundled perspective (one rule file each under rules/perspectives/)."""
    return sorted(p.stem for p in (ROOT / "rules" / "perspectives").glob("*.lp"))


@dataclass(frozen=True)
class ActKey:
    """What identifies an act across two encodings."""

    id: str
    actors: frozenset[str]
    target: str | None
    type: str
    start: dt.date


@dataclass(frozen=True)
class Match:
    """A pair of acts (either side may be missing) and the keys on which they differ."""

    bundled: str | None
    encoding: str | None
    differing_keys: tuple[str, ...] = ()


@dataclass
class ActComparison:
    """One matched pair under one perspective."""

    case: str
    perspective: str
    match: Match
    bundled_verdict: str | None
    encoding_verdict: str | None
    bundled_statuses: dict[str, list[str]] = field(default_factory=dict)
    encoding_statuses: dict[str, list[str]] = field(default_factory=dict)

    @property
    def verdicts_agree(self) -> bool:
        return (
            self.match.bundled is not None
            and self.match.encoding is not None
            and self.bundled_verdict == self.encoding_verdict
        )

    @property
    def statuses_agree(self) -> bool:
        return self.bundled_statuses == self.encoding_statuses

    @property
    def label(self) -> str:
        return label(self.case, self.perspective, self.match)


def label(case: str, perspective: str, match: Match) -> str:
    """The name of one comparison: ``case:perspective:bundled-act~encoded-act`` (``-`` for a missing side)."""
    return f"{case}:{perspective}:{match.bundled or '-'}~{match.encoding or '-'}"


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def act_keys(path: Path) -> list[ActKey]:
    """The identifying keys of every act in a case file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        ActKey(
            id=a["id"],
            actors=frozenset(a.get("actors") or ()),
            target=a.get("target"),
            type=a["type"],
            start=_date(a["start"]),
        )
        for a in data.get("acts") or ()
    ]


def _differing(a: ActKey, b: ActKey) -> tuple[str, ...]:
    out = []
    if a.actors != b.actors:
        out.append("actors")
    if a.target != b.target:
        out.append("target")
    if a.type != b.type:
        out.append("type")
    if a.start != b.start:
        out.append("start")
    return tuple(out)


def match_acts(bundled: list[ActKey], encoding: list[ActKey]) -> list[Match]:
    """Pair the acts of two encodings of one case; unpaired acts come out with a missing side."""
    candidates = []
    for b in bundled:
        for e in encoding:
            diff = _differing(b, e)
            if "actors" in diff or len(diff) > 1:
                continue
            candidates.append((len(diff), abs((b.start - e.start).days), b.id, e.id, diff))
    candidates.sort()
    used_b: set[str] = set()
    used_e: set[str] = set()
    matches = []
    for _, _, bid, eid, diff in candidates:
        if bid in used_b or eid in used_e:
            continue
        used_b.add(bid)
        used_e.add(eid)
        matches.append(Match(bid, eid, diff))
    matches += [Match(b.id, None) for b in bundled if b.id not in used_b]
    matches += [Match(None, e.id) for e in encoding if e.id not in used_e]
    return sorted(matches, key=lambda m: (m.bundled or "~", m.encoding or "~"))


def _statuses(act: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for j in act.justifications:
        out.setdefault(str(j.type), []).append(str(j.status))
    return {k: sorted(v) for k, v in sorted(out.items())}


def planned(case_id: str) -> list[tuple[str, Match]]:
    """The comparisons :func:`compare_case` makes, in its order, read from the two files without evaluating."""
    matches = match_acts(act_keys(CASES / f"{case_id}.yaml"), act_keys(ENCODINGS / f"{case_id}.yaml"))
    return [(perspective, m) for perspective in perspectives() for m in matches]


def compare_case(case_id: str) -> list[ActComparison]:
    """Every matched pair of acts of a case, under every bundled perspective."""
    bundled_path = CASES / f"{case_id}.yaml"
    encoding_path = ENCODINGS / f"{case_id}.yaml"
    matches = match_acts(act_keys(bundled_path), act_keys(encoding_path))
    rows = []
    for perspective in perspectives():
        rb = {a.id: a for a in evaluate(str(bundled_path), perspective=perspective).acts}
        re_ = {a.id: a for a in evaluate(str(encoding_path), perspective=perspective).acts}
        for m in matches:
            ab = rb.get(m.bundled) if m.bundled else None
            ae = re_.get(m.encoding) if m.encoding else None
            rows.append(
                ActComparison(
                    case=case_id,
                    perspective=perspective,
                    match=m,
                    bundled_verdict=str(ab.verdict) if ab else None,
                    encoding_verdict=str(ae.verdict) if ae else None,
                    bundled_statuses=_statuses(ab) if ab else {},
                    encoding_statuses=_statuses(ae) if ae else {},
                )
            )
    return rows


def agreement(rows: list[ActComparison]) -> dict[str, tuple[int, int]]:
    """Per perspective: (acts whose verdicts agree, acts compared, unmatched counting as differences)."""
    out: dict[str, tuple[int, int]] = {}
    for r in rows:
        agree, total = out.get(r.perspective, (0, 0))
        out[r.perspective] = (agree + int(r.verdicts_agree), total + 1)
    return out


if __name__ == "__main__":  # pragma: no cover - a report for docs/two-encoders-blind2.md
    for case in ("kosovo-1999", "crimea-2014"):
        rows = compare_case(case)
        print(case, {p: f"{a}/{t}" for p, a, t in ((p, *v) for p, v in agreement(rows).items())})
        for r in rows:
            flag = "agree" if r.verdicts_agree else "DIFFER"
            st = "" if r.statuses_agree else f" statuses {r.bundled_statuses} vs {r.encoding_statuses}"
            print(
                f"  {flag:6} {r.label} [{','.join(r.match.differing_keys)}]"
                f" {r.bundled_verdict} vs {r.encoding_verdict}{st}"
            )
