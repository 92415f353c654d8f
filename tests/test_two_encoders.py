"""Two independent encoders (issue 12 section 5): the second encodings in tests/encodings/ against the
bundled cases, act by act, under every bundled perspective.

Each difference is an xfail(strict=True) naming the field that caused it and whether the defect is of
the FORMAT (a field that asks its writer for a legal conclusion) or of the LAW; strict, so that a fix
that makes the encodings agree turns the xfail into a failure and the marker must be removed.
docs/two-encoders.md records the figures and the causes.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.encodings.compare import CASES, ENCODINGS, PERSPECTIVES, compare, load, report

ENCODED = ("iraq-2003", "afghanistan-2001")

# The act pairs the comparison must find (second encoding's act, bundled act).
PAIRS: dict[str, list[tuple[str, str]]] = {
    "iraq-2003": [("invasion", "invasion-of-iraq")],
    "afghanistan-2001": [
        ("taliban-non-compliance", "taliban-non-compliance"),
        ("oef-strikes-al-qaeda", "enduring-freedom"),
        ("oef-strikes-taliban", "enduring-freedom-taliban"),
    ],
}

# The strikes on Taliban military installations were unmatched while the bundled file aimed the whole operation
# at al-qaeda and harbouring was settled by the burden of proof. Removed by recording the operation's conducts
# per target as S/2001/946 reports them (`acts[].directed_at`, `also_directed_at`), the Taliban's harbouring of
# al-Qaeda as record (`harbouring`), and raising harbouring as a basis of self-defence against the harbouring
# party as a contested point the perspectives decide (rules/principles/harbouring.lp).

# Acts of either file without a counterpart in the other: (case, side, act) -> cause.
UNMATCHED: dict[tuple[str, str, str], str] = {
    ("iraq-2003", "second", "iraq-non-compliance"): (
        "Coverage, not a legal conclusion: the second encoding records Iraq's material breach of resolution "
        "687 (found by the Council, S/RES/1441 (2002) §1) as a non_compliance act; the bundled file records "
        "it only as 1441's obligation. The format does not say which conduct of the other party a case "
        "must record as an act."
    ),
    ("afghanistan-2001", "second", "oef-ground-operations"): (
        "FORMAT (act granularity, `directed_at`): the bundled file folds the special forces, the support of "
        "the Northern Alliance and the overthrow of the Taliban into the description of one air_strikes act; "
        "the second records ground_operations from 19 October 2001 aimed at the Taliban (its verdict turns, like the "
        "Taliban strikes', on harbouring as a basis of self-defence). The bundled file records the air strikes per "
        "target but not the ground conduct and the overthrow of the Taliban as conducts of their own (issue 12 "
        "section 1)."
    ),
}

# Matched acts whose verdicts differ: (case, act of the second encoding, perspective) -> cause.
VERDICT_DIFFERENCES: dict[tuple[str, str, str], str] = {}

_IRAQ_CLAIM_TYPE = (
    "FORMAT (`justifications[].type`, a qualification of the claim): the coalition claimed that resolution "
    "678's express authorisation revived (S/2003/350-352); the bundled file types the claim "
    "implied_authorisation, the second council_authorisation. The second also records a pre-emptive "
    "self_defence claim (President Bush, 17 March 2003; NSS 2002) that the bundled file omits, a "
    "difference of what counts as a claim 'made'. Every claim is defeated in both files."
)

# Matched acts whose justification statuses (by type) differ: (case, act of the second encoding) -> cause.
STATUS_DIFFERENCES: dict[tuple[str, str], str] = {
    ("iraq-2003", "invasion"): _IRAQ_CLAIM_TYPE,
}

# Matched acts whose verdicts agree for different reasons: one file settles by law what the other leaves
# to a contested fact. (case, act of the second encoding) -> cause.
# The iraq-2003 invasion's grounds differed while resolution 678's authorisation carried an `until` typed by the
# case writer; removed by recording resolution 687's ceasefire (`resolutions[].ceasefire`) and raising the
# revival of the authorisation from it (rules/principles/revival.lp, revival_after_a_ceasefire).
GROUNDS_DIFFERENCES: dict[tuple[str, str], str] = {}


def _param(values: tuple[Any, ...], reason: str | None) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(*values, marks=marks, id="-".join(str(v) for v in values))


def _every_act() -> list[Any]:
    params = []
    for case in ENCODED:
        for side, path in (("second", ENCODINGS / f"{case}.yaml"), ("bundled", CASES / f"{case}.yaml")):
            for act in load(path).get("acts", []):
                params.append(_param((case, side, act["id"]), UNMATCHED.get((case, side, act["id"]))))
    return params


def _matched(per_perspective: bool, table: dict[Any, str]) -> list[Any]:
    params = []
    for case in ENCODED:
        for second, bundled in PAIRS[case]:
            if per_perspective:
                for p in PERSPECTIVES:
                    params.append(_param((case, second, bundled, p), table.get((case, second, p))))
            else:
                params.append(_param((case, second, bundled), table.get((case, second))))
    return params


@pytest.mark.parametrize("case", ENCODED)
def test_acts_pair_as_recorded(case: str) -> None:
    c = compare(case)
    assert [(m.second, m.bundled) for m in c.matches] == PAIRS[case]
    unmatched = sorted(a for (k, side, a) in UNMATCHED if k == case and side == "second")
    assert c.unmatched_second == unmatched
    assert c.unmatched_bundled == sorted(a for (k, side, a) in UNMATCHED if k == case and side == "bundled")


@pytest.mark.parametrize(("case", "side", "act"), _every_act())
def test_act_has_counterpart(case: str, side: str, act: str) -> None:
    c = compare(case)
    paired = {m.second for m in c.matches} if side == "second" else {m.bundled for m in c.matches}
    assert act in paired, f"{side} act {act} of {case} has no counterpart in the other encoding"


@pytest.mark.parametrize(("case", "second", "bundled", "perspective"), _matched(True, VERDICT_DIFFERENCES))
def test_verdicts_agree(case: str, second: str, bundled: str, perspective: str) -> None:
    mine = report(ENCODINGS / f"{case}.yaml", perspective).act(second)
    theirs = report(CASES / f"{case}.yaml", perspective).act(bundled)
    assert mine.verdict == theirs.verdict


def _statuses(case: str, path_dir: Any, act: str, perspective: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for j in report(path_dir / f"{case}.yaml", perspective).act(act).justifications:
        out.setdefault(j.type, []).append(j.status)
    return {t: sorted(s) for t, s in out.items()}


@pytest.mark.parametrize(("case", "second", "bundled"), _matched(False, STATUS_DIFFERENCES))
def test_justification_statuses_agree(case: str, second: str, bundled: str) -> None:
    for p in PERSPECTIVES:
        assert _statuses(case, ENCODINGS, second, p) == _statuses(case, CASES, bundled, p), p


@pytest.mark.parametrize(("case", "second", "bundled"), _matched(False, GROUNDS_DIFFERENCES))
def test_verdicts_rest_on_the_same_grounds(case: str, second: str, bundled: str) -> None:
    """Agreeing verdicts are established in both files, or depend on a contested fact in both."""
    for p in PERSPECTIVES:
        mine = report(ENCODINGS / f"{case}.yaml", p).act(second)
        theirs = report(CASES / f"{case}.yaml", p).act(bundled)
        assert (mine.established, mine.possible_verdicts) == (theirs.established, theirs.possible_verdicts), p
