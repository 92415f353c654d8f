"""Compare a second, independent encoding of a bundled case with the bundled file (issue 12 section 5).

Both files are evaluated under every bundled perspective. Acts are matched by what happened, not by
their ids: the actors (an organisation stands for its members), the target, the type and the start
date; where that leaves several candidates, the group the force was aimed at (`directed_at`) decides.
For each matched act the verdicts are compared, and the statuses of its justifications grouped by
justification type. Acts of either file without a counterpart are differences too.

    python -m tests.encodings.compare [CASE_ID ...]

prints the comparison of each case (default: every encoding in this directory) and exits 1 if any
act disagrees or has no counterpart.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from normengine import Report, evaluate

ROOT = Path(__file__).resolve().parents[2]
ENCODINGS = Path(__file__).resolve().parent
CASES = ROOT / "cases"
PERSPECTIVES = ("orthodox", "humanitarian", "sovereigntist")

ActKey = tuple[frozenset[str], str | None, str, str]


@dataclass(frozen=True)
class Match:
    """Two acts, one from each file, that record the same conduct."""

    second: str
    bundled: str
    key: ActKey


@dataclass
class ActComparison:
    """The verdicts of one matched act under one perspective."""

    perspective: str
    match: Match
    second_verdict: str
    bundled_verdict: str
    second_statuses: dict[str, list[str]]
    bundled_statuses: dict[str, list[str]]

    @property
    def verdicts_agree(self) -> bool:
        return self.second_verdict == self.bundled_verdict

    @property
    def statuses_agree(self) -> bool:
        return self.second_statuses == self.bundled_statuses


@dataclass
class CaseComparison:
    """The comparison of one case: matched acts, unmatched acts, per-perspective verdicts."""

    case_id: str
    matches: list[Match]
    unmatched_second: list[str]
    unmatched_bundled: list[str]
    rows: list[ActComparison] = field(default_factory=list)

    def agreement(self, perspective: str) -> tuple[int, int]:
        """Acts whose verdicts agree, out of every act of either file (unmatched acts disagree)."""
        rows = [r for r in self.rows if r.perspective == perspective]
        total = len(rows) + len(self.unmatched_second) + len(self.unmatched_bundled)
        return sum(r.verdicts_agree for r in rows), total


def load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    return data


@cache
def report(path: Path, perspective: str) -> Report:
    return evaluate(path, perspective=perspective)


def _members(case: dict[str, Any]) -> dict[str, list[str]]:
    return {p["id"]: list(p.get("members") or []) for p in case.get("parties", []) if p.get("kind") == "organisation"}


def act_key(case: dict[str, Any], act: dict[str, Any]) -> ActKey:
    """What an act is matched on: expanded actors, target, type, start date."""
    members = _members(case)
    actors: set[str] = set()
    for a in act["actors"]:
        actors.update(members.get(a) or [a])
    return frozenset(actors), act.get("target"), str(act["type"]), str(act["start"])


def match_acts(second: dict[str, Any], bundled: dict[str, Any]) -> tuple[list[Match], list[str], list[str]]:
    """Pair the acts of two encodings; return the pairs and the acts of each side left unpaired."""
    left = {a["id"]: a for a in second.get("acts", [])}
    right = {a["id"]: a for a in bundled.get("acts", [])}
    matches: list[Match] = []
    used: set[str] = set()
    for sid, sact in left.items():
        key = act_key(second, sact)
        candidates = [bid for bid, bact in right.items() if bid not in used and act_key(bundled, bact) == key]
        if len(candidates) > 1 or len([o for o in left.values() if act_key(second, o) == key]) > 1:
            candidates = [bid for bid in candidates if right[bid].get("directed_at") == sact.get("directed_at")]
        if len(candidates) == 1:
            matches.append(Match(sid, candidates[0], key))
            used.add(candidates[0])
    matched_second = {m.second for m in matches}
    return (
        matches,
        sorted(sid for sid in left if sid not in matched_second),
        sorted(bid for bid in right if bid not in used),
    )


def statuses(rep: Report, act_id: str) -> dict[str, list[str]]:
    """The statuses of an act's justifications, grouped by justification type."""
    out: dict[str, list[str]] = {}
    for j in rep.act(act_id).justifications:
        out.setdefault(j.type, []).append(j.status)
    return {t: sorted(s) for t, s in sorted(out.items())}


def compare(case_id: str) -> CaseComparison:
    second_path = ENCODINGS / f"{case_id}.yaml"
    bundled_path = CASES / f"{case_id}.yaml"
    matches, only_second, only_bundled = match_acts(load(second_path), load(bundled_path))
    result = CaseComparison(case_id, matches, only_second, only_bundled)
    for perspective in PERSPECTIVES:
        rs, rb = report(second_path, perspective), report(bundled_path, perspective)
        for m in matches:
            result.rows.append(
                ActComparison(
                    perspective,
                    m,
                    rs.act(m.second).verdict,
                    rb.act(m.bundled).verdict,
                    statuses(rs, m.second),
                    statuses(rb, m.bundled),
                )
            )
    return result


def render(c: CaseComparison) -> str:
    lines = [f"== {c.case_id}"]
    for p in PERSPECTIVES:
        agree, total = c.agreement(p)
        lines.append(f"{p}: {agree}/{total} acts agree")
        for r in (r for r in c.rows if r.perspective == p):
            mark = "agree" if r.verdicts_agree else "DIFFER"
            lines.append(
                f"  {r.match.second} ~ {r.match.bundled}: {r.second_verdict} / {r.bundled_verdict} [{mark}]"
                f"  justifications {r.second_statuses} / {r.bundled_statuses}"
                + ("" if r.statuses_agree else " [DIFFER]")
            )
    for a in c.unmatched_second:
        lines.append(f"  only in the second encoding: {a}")
    for a in c.unmatched_bundled:
        lines.append(f"  only in the bundled file: {a}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    ids = argv or sorted(p.stem for p in ENCODINGS.glob("*.yaml"))
    status = 0
    for case_id in ids:
        c = compare(case_id)
        print(render(c))
        if c.unmatched_second or c.unmatched_bundled or not all(r.verdicts_agree for r in c.rows):
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
