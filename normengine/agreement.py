"""Agreement between two independent encodings of one episode (the two-encoder test of the case library).

Two people who read the same sources should write case files that lead the engine to the same verdicts; where
they do not, the case format asked one of them to decide a point of law, or the law is wrong. This module
measures that: both files are evaluated under every perspective of the rule set, their acts are paired by
what happened (not by their ids, which each encoder chose freely), and the verdicts and the statuses of the
justifications are compared pair by pair.

Pairing, in three steps:

1. **Parties.** A party of the second file is the party of the first with the same id, else the one with the
   same name (case, punctuation and leading articles ignored), else the one of the same kind whose name
   shares the most words (or initials) with it, if two in five of both; an explicit ``parties``
   mapping overrides all three. An organisation's acts count as its members' acts.
2. **Keys.** An act is described by its actors (after step 1), its target, its kind and its start date.
   Two acts can be paired only when their actors overlap; the keys on which they still differ are recorded
   (a start date within ``date_slack`` days counts as the same date). Two acts that name the same actors have
   the same actors, even where the two files list an organisation's members differently (a member list is a
   fact about the party, recorded once for all its acts, not about the act).
3. **Best first.** Candidate pairs with at most two differing keys are taken in order of fewer differing
   keys, then closer start dates, then more words shared by their ids, titles and descriptions, then ids,
   each act at most once.
4. **Conducts.** An act still without a partner is paired with an act of the other file of which it is a
   conduct, as that file records it: their actors overlap, their targets are the same, their periods overlap,
   and its kind is among the other act's ``conduct`` kinds (the ground offensive one writer cut from an air
   campaign the other recorded as one act ending in a ground war). An act may so be paired with several acts
   of the other file, and the verdict of each is compared with its own. An act left without a partner counts
   as a difference under every perspective.

``python -m normengine.agreement FIRST.yaml SECOND.yaml`` prints the comparison.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .case import Case

if TYPE_CHECKING:
    from .compare import Comparison
    from .limits import Limits

__all__ = ["ActPair", "Agreement", "PairVerdicts", "agreement_of", "compare_encodings", "match_acts", "match_parties"]

_STOP = frozenset({"the", "of", "and", "a", "an", "republic", "state", "states", "federation", "kingdom"})


@dataclass(frozen=True)
class ActPair:
    """An act of the first file and its counterpart in the second (either may be missing)."""

    first: str | None
    second: str | None
    differing: tuple[str, ...] = ()
    conduct_of: str | None = None
    """Set when one act is a conduct of the other (step 4): the id of the act that records it as its conduct."""


@dataclass(frozen=True)
class PairVerdicts:
    """One pair of acts under one perspective."""

    perspective: str
    pair: ActPair
    first_verdict: str | None
    second_verdict: str | None
    first_statuses: dict[str, list[str]] = field(default_factory=dict)
    second_statuses: dict[str, list[str]] = field(default_factory=dict)

    @property
    def verdicts_agree(self) -> bool:
        """Both acts exist and the engine gives them the same verdict."""
        return (
            self.pair.first is not None and self.pair.second is not None and self.first_verdict == self.second_verdict
        )

    @property
    def statuses_agree(self) -> bool:
        """The justifications, grouped by their kind, have the same statuses."""
        return self.first_statuses == self.second_statuses


@dataclass(frozen=True)
class Agreement:
    """The comparison of two encodings of one episode under every perspective."""

    first: str
    second: str
    perspectives: tuple[str, ...]
    parties: dict[str, str]
    pairs: tuple[ActPair, ...]
    rows: tuple[PairVerdicts, ...]

    def figures(self) -> dict[str, tuple[int, int]]:
        """Per perspective: acts whose verdicts agree, and acts of either file (unpaired acts disagree)."""
        out: dict[str, tuple[int, int]] = {p: (0, 0) for p in self.perspectives}
        for r in self.rows:
            agree, total = out[r.perspective]
            out[r.perspective] = (agree + int(r.verdicts_agree), total + 1)
        return out

    @property
    def complete(self) -> bool:
        """Every act is paired and every pair agrees under every perspective."""
        return all(r.verdicts_agree for r in self.rows)

    def summary(self) -> str:
        """``agree/total`` per perspective, in the rule set's order, e.g. ``3/4 · 3/4 · 2/4``."""
        return " · ".join(f"{a}/{t}" for a, t in self.figures().values())

    def to_json(self) -> str:
        """The comparison as JSON (stable order): figures per perspective, the pairs, each row."""
        data: dict[str, Any] = {
            "first": self.first,
            "second": self.second,
            "complete": self.complete,
            "figures": {p: {"agree": a, "acts": t} for p, (a, t) in self.figures().items()},
            "parties": dict(sorted(self.parties.items())),
            "pairs": [
                {"first": p.first, "second": p.second, "differing": list(p.differing), "conduct_of": p.conduct_of}
                for p in self.pairs
            ],
            "rows": [
                {
                    "perspective": r.perspective,
                    "first": r.pair.first,
                    "second": r.pair.second,
                    "first_verdict": r.first_verdict,
                    "second_verdict": r.second_verdict,
                    "verdicts_agree": r.verdicts_agree,
                    "first_statuses": r.first_statuses,
                    "second_statuses": r.second_statuses,
                    "statuses_agree": r.statuses_agree,
                }
                for r in self.rows
            ],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def render(self) -> str:
        """The comparison as plain text, one line per pair and perspective."""
        lines = [f"{self.first} ~ {self.second}"]
        for p, (agree, total) in self.figures().items():
            lines.append(f"{p}: {agree}/{total} acts agree")
            for r in (r for r in self.rows if r.perspective == p):
                mark = "agree" if r.verdicts_agree else "DIFFER"
                keys = f" (differ in {', '.join(r.pair.differing)})" if r.pair.differing else ""
                if r.pair.conduct_of:
                    keys += f" (a conduct of {r.pair.conduct_of})"
                lines.append(
                    f"  {r.pair.first or '-'} ~ {r.pair.second or '-'}{keys}: "
                    f"{r.first_verdict or '-'} / {r.second_verdict or '-'} [{mark}]"
                    + ("" if r.statuses_agree else f"; {_fmt(r.first_statuses)} / {_fmt(r.second_statuses)}")
                )
        return "\n".join(lines)


def _fmt(statuses: dict[str, list[str]]) -> str:
    return ", ".join(f"{kind} {'/'.join(s)}" for kind, s in statuses.items()) or "none"


def _words(name: str, initials: bool = False) -> frozenset[str]:
    """The words of a name that tell parties apart; with ``initials``, a short name's initials too ('Union of
    Soviet Socialist Republics' gives 'ussr')."""
    raw = re.findall(r"[a-z0-9]+", name.lower())
    words = {w for w in raw if w not in _STOP}
    short = "".join(w[0] for w in raw if w not in ("of", "the", "and", "a", "an", "for", "in"))
    if initials and 1 < len(short) <= 6:
        words.add(short)
    return frozenset(words)


def _norm(name: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", name.lower().removeprefix("the ")))


def match_parties(first: Case, second: Case, overrides: dict[str, str] | None = None) -> dict[str, str]:
    """Map each party id of ``second`` to the id of the same party in ``first`` (unmatched ids map to themselves)."""
    overrides = overrides or {}
    by_id = {p.id: p for p in first.parties}
    by_name = {_norm(p.name or p.id): p.id for p in first.parties}
    out: dict[str, str] = {}
    taken: set[str] = set()
    pending = []
    for p in second.parties:
        if p.id in overrides:
            out[p.id] = overrides[p.id]
        elif p.id in by_id and by_id[p.id].kind == p.kind:
            out[p.id] = p.id
        elif _norm(p.name or p.id) in by_name:
            out[p.id] = by_name[_norm(p.name or p.id)]
        else:
            pending.append(p)
            continue
        taken.add(out[p.id])
    for p in pending:
        words = _words(p.name or p.id, initials=True) | _words(p.id)
        scored = []
        for q in first.parties:
            if q.kind != p.kind or q.id in taken:
                continue
            other = _words(q.name or q.id, initials=True) | _words(q.id)
            scored.append((-len(words & other) / max(1, len(words | other)), q.id))
        scored.sort()
        if scored and scored[0][0] <= -0.4:  # two words in five of both names (and initials) in common
            out[p.id] = scored[0][1]
            taken.add(scored[0][1])
        else:
            out[p.id] = p.id
    return out


@dataclass(frozen=True)
class _Key:
    id: str
    actors: frozenset[str]
    target: str | None
    kind: str
    start: str
    words: frozenset[str]
    end: str | None = None
    conduct_kinds: frozenset[str] = frozenset()
    named: frozenset[str] = frozenset()
    """The actors the act names (after step 1), before an organisation is read as its members."""
    title: frozenset[str] = frozenset()
    """The words of the act's title alone."""


def _keys(case: Case, rename: dict[str, str]) -> list[_Key]:
    members = {p.id: [str(m) for m in p.members] for p in case.parties if p.kind == "organisation"}
    # An organ (a mission an organisation established, `organ_of`) acts as its organisation: one writer names the
    # mission, another the organisation (ARIO Art 6).
    organ_of = {p.id: str(p.organ_of) for p in case.parties if p.organ_of}
    out = []
    for act in case.acts:
        actors: set[str] = set()
        acting = [organ_of.get(str(a), str(a)) for a in act.actors]
        named = frozenset(rename.get(a, a) for a in acting)
        for a in acting:
            actors.update(rename.get(m, m) for m in (members.get(a) or [a]))
            actors.add(rename.get(a, a))
        target = rename.get(str(act.target), str(act.target)) if act.target else None
        words = _words(" ".join(str(t) for t in (act.id, act.title or "", act.description or "")))
        kinds = frozenset(str(c.kind) for c in act.conduct if c.kind is not None)
        end = str(act.end) if act.end is not None else None
        out.append(
            _Key(
                str(act.id),
                frozenset(actors),
                target,
                str(act.type),
                str(act.start),
                words,
                end,
                kinds,
                named,
                _words(act.title or ""),
            )
        )
    return out


def _days(a: str, b: str) -> int:
    from datetime import date

    return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)


def match_acts(first: Case, second: Case, parties: dict[str, str], date_slack: int = 7) -> list[ActPair]:
    """Pair the acts of two encodings of one episode (see the module's docstring)."""
    left = _keys(first, {})
    right = _keys(second, parties)
    candidates = []
    for a in left:
        for b in right:
            if not a.actors & b.actors and not _same_description(a, b, date_slack):
                continue
            differing = tuple(
                name
                for name, same in (
                    ("actors", a.actors == b.actors or a.named == b.named),
                    ("target", a.target == b.target),
                    ("kind", a.kind == b.kind),
                    ("start", _days(a.start, b.start) <= date_slack),
                )
                if not same
            )
            if len(differing) <= 2:
                shared = len(a.words & b.words) / max(1, len(a.words | b.words))
                candidates.append((len(differing), _days(a.start, b.start), -shared, a.id, b.id, differing))
    candidates.sort()
    used_a: set[str] = set()
    used_b: set[str] = set()
    pairs = []
    for _, _, _, aid, bid, differing in candidates:
        if aid in used_a or bid in used_b:
            continue
        used_a.add(aid)
        used_b.add(bid)
        pairs.append(ActPair(aid, bid, differing))
    for b in right:  # step 4: an act of the second file that is a conduct of an act of the first
        whole = _whole_of(b, left) if b.id not in used_b else None
        if whole is not None:
            used_b.add(b.id)
            pairs.append(ActPair(whole.id, b.id, ("kind",), conduct_of=whole.id))
    for a in left:  # and an act of the first file that is a conduct of an act of the second
        whole = _whole_of(a, right) if a.id not in used_a else None
        if whole is not None:
            used_a.add(a.id)
            pairs.append(ActPair(a.id, whole.id, ("kind",), conduct_of=whole.id))
    pairs += [ActPair(a.id, None) for a in left if a.id not in used_a]
    pairs += [ActPair(None, b.id) for b in right if b.id not in used_b]
    return sorted(pairs, key=lambda p: (p.first or "~", p.second or "~"))


def _same_description(a: _Key, b: _Key, date_slack: int) -> bool:
    """Two acts whose actors share nothing but which are plainly the same act: the same kind, begun within the
    slack, and the shorter title's words (at least three) nearly all in the other's (e.g. one writer names a
    mandated force as a body of its own, the other the alliance leading it). They pair with the actors shown as a
    key that differs."""
    short = min(len(a.title), len(b.title))
    contained = len(a.title & b.title) / max(1, short)
    return short >= 3 and a.kind == b.kind and _days(a.start, b.start) <= date_slack and contained >= 0.8


def _overlap(a: _Key, b: _Key) -> bool:
    """Whether the periods of two acts overlap (an act without an end runs on; dates by the day)."""
    return a.start[:10] <= (b.end or "9999-12-31")[:10] and b.start[:10] <= (a.end or "9999-12-31")[:10]


def _whole_of(part: _Key, others: list[_Key]) -> _Key | None:
    """The act of the other file of which ``part`` is a conduct (step 4), if exactly one is: actors overlapping,
    the same target, overlapping periods, and ``part``'s kind among its conduct kinds."""
    found = [
        w
        for w in others
        if part.kind in w.conduct_kinds and part.actors & w.actors and part.target == w.target and _overlap(part, w)
    ]
    return found[0] if len(found) == 1 else None


def compare_encodings(
    first: str | Path,
    second: str | Path,
    *,
    rules: str | Path | None = None,
    parties: dict[str, str] | None = None,
    limits: Limits | None = None,
) -> Agreement:
    """Evaluate two encodings of one episode under every perspective and compare them act by act."""
    from .compare import compare
    from .errors import display_path
    from .loader import DEFAULT_LIMITS, load_case

    lim = limits or DEFAULT_LIMITS
    case_a, case_b = load_case(first, lim), load_case(second, lim)
    comp_a, _, _ = compare(case_a, None if rules is None else str(rules), limits=lim, explanations=False)
    comp_b, _, _ = compare(case_b, None if rules is None else str(rules), limits=lim, explanations=False)
    return agreement_of(case_a, case_b, comp_a, comp_b, (display_path(first), display_path(second)), parties)


def agreement_of(
    case_a: Case,
    case_b: Case,
    comp_a: Comparison,
    comp_b: Comparison,
    names: tuple[str, str],
    parties: dict[str, str] | None = None,
) -> Agreement:
    """The agreement of two encodings of one episode already evaluated under the same perspectives
    (:func:`normengine.compare.compare` on each), for a caller that has the comparisons at hand
    (normengine.casedoc); :func:`compare_encodings` evaluates them first."""
    mapping = match_parties(case_a, case_b, parties)
    pairs = match_acts(case_a, case_b, mapping)
    acts_a = {a.id: a for a in comp_a.acts}
    acts_b = {a.id: a for a in comp_b.acts}
    rows = []
    for perspective in comp_a.perspectives:
        for pair in pairs:
            a = acts_a.get(pair.first) if pair.first else None
            b = acts_b.get(pair.second) if pair.second else None
            rows.append(
                PairVerdicts(
                    perspective,
                    pair,
                    a.verdicts.get(perspective) if a else None,
                    b.verdicts.get(perspective) if b else None,
                    _statuses(a, perspective) if a else {},
                    _statuses(b, perspective) if b else {},
                )
            )
    return Agreement(*names, tuple(comp_a.perspectives), mapping, tuple(pairs), tuple(rows))


def _statuses(act: object, perspective: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for j in getattr(act, "justifications", ()):
        out.setdefault(j.type, []).append(j.statuses.get(perspective, "-"))
    return {k: sorted(v) for k, v in sorted(out.items())}


def main(argv: list[str]) -> int:  # pragma: no cover - a thin printer over compare_encodings
    if len(argv) != 2:
        print("usage: python -m normengine.agreement FIRST.yaml SECOND.yaml", file=sys.stderr)
        return 2
    result = compare_encodings(argv[0], argv[1])
    print(result.render())
    return 0 if result.complete else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
