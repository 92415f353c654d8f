"""Two independent encoders (issue 12 section 5): kosovo-1999 and crimea-2014.

tests/encodings/{kosovo-1999,crimea-2014}.yaml were written from the record and the user docs without
reading the bundled files (committed before the comparison). Each act is matched with its bundled
counterpart by actors, target, type and start date (tests/encodings/compare_blind2.py); per case, per
perspective, per matched act, the verdicts must agree. A pair that does not agree today is an expected
failure, strict, whose reason names the field that caused it and whether the defect lies in the FORMAT
(a field that asks the case writer for a legal conclusion, or cannot state the record) or in the LAW:
when a change to the format or the rules makes the two encodings agree, the test flags it.
docs/two-encoders-blind2.md records the figures and the causes.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
import yaml

from normengine import evaluate
from tests.encodings.compare_blind2 import (
    CASES,
    ENCODINGS,
    ActComparison,
    act_keys,
    agreement,
    compare_case,
    label,
    match_acts,
    perspectives,
    planned,
)

CASE_IDS = ("kosovo-1999", "crimea-2014")

_GRANULARITY = (
    "FORMAT (not law): act granularity. The bundled file records one mass_atrocities act from "
    "1998-03-01 to 1999-06-10; this encoding records the repression before the intervention "
    "(1998-02-28 to 1999-03-23, matched with it) and the deportations during the air campaign "
    "(1999-03-24 to 1999-06-10) as two acts. The format has no way to say that acts are phases of one "
    "conduct, so the second has no counterpart (its verdict, unlawful, is the same under every "
    "perspective)"
)

# Differences found when the encodings were compared, keyed by comparison label
# ("case:perspective:bundled-act~encoded-act").
# The verdicts on allied-force under the humanitarian perspective agree since that perspective accepts
# implied authorisation (issue 11, point 13), which both files record; the status of humanitarian
# intervention still differs (below).
KNOWN_DIFFERENCES = {
    "kosovo-1999:humanitarian:-~expulsions-1999": _GRANULARITY,
    "kosovo-1999:orthodox:-~expulsions-1999": _GRANULARITY,
    "kosovo-1999:sovereigntist:-~expulsions-1999": _GRANULARITY,
}

# Justification statuses (grouped by justification type) that differ on a matched pair.
# The humanitarian difference on allied-force (assessments[].holds recorded as holding in one file, contested in
# the other) is gone: both files now record the same authored readings (the United Kingdom's and the Independent
# International Commission's for, Russia's, China's and India's against), and each perspective weighs them as it
# declares (rules/justifications/qualifications.lp; author_rank/2 in rules/perspectives/*.lp).
KNOWN_STATUS_DIFFERENCES: dict[str, str] = {}

# The comparisons are named at collection from the two files alone (no evaluation), and evaluated
# once per session, when the first test needs them.
PLANNED = [(case, perspective, m) for case in CASE_IDS for perspective, m in planned(case)]


@cache
def _rows(case: str) -> tuple[ActComparison, ...]:
    return tuple(compare_case(case))


def rows() -> list[ActComparison]:
    return [r for case in CASE_IDS for r in _rows(case)]


def _row(name: str) -> ActComparison:
    return next(r for r in rows() if r.label == name)


def _param(name: str, known: dict[str, str]) -> object:
    marks = []
    if name in known:
        marks.append(pytest.mark.xfail(strict=True, reason=known[name]))
    return pytest.param(name, id=name, marks=marks)


@pytest.mark.parametrize("name", [_param(label(*p), KNOWN_DIFFERENCES) for p in PLANNED])
def test_verdicts_agree(name: str) -> None:
    row = _row(name)
    assert row.match.bundled is not None, f"{row.match.encoding} has no counterpart in cases/{row.case}.yaml"
    assert row.match.encoding is not None, f"{row.match.bundled} has no counterpart in tests/encodings/{row.case}.yaml"
    assert row.bundled_verdict == row.encoding_verdict


MATCHED = [label(*p) for p in PLANNED if p[2].bundled is not None and p[2].encoding is not None]


@pytest.mark.parametrize("name", [_param(n, KNOWN_STATUS_DIFFERENCES) for n in MATCHED])
def test_justification_statuses_agree(name: str) -> None:
    row = _row(name)
    assert row.bundled_statuses == row.encoding_statuses


def test_the_planned_comparisons_are_the_ones_made() -> None:
    assert [r.label for r in rows()] == [label(*p) for p in PLANNED]


def test_every_perspective_is_compared() -> None:
    assert perspectives() == ["humanitarian", "orthodox", "sovereigntist"]
    for case in CASE_IDS:
        compared = {r.perspective for r in rows() if r.case == case}
        assert compared == set(perspectives())


def test_acts_are_matched_by_what_they_are() -> None:
    """The matching itself, pinned: which acts pair up, and on which key they differ."""
    pairs = {
        case: {
            (m.bundled, m.encoding, m.differing_keys)
            for m in match_acts(act_keys(CASES / f"{case}.yaml"), act_keys(ENCODINGS / f"{case}.yaml"))
        }
        for case in CASE_IDS
    }
    assert pairs["kosovo-1999"] == {
        ("allied-force", "allied-force", ()),
        ("ethnic-cleansing", "repression-1998-1999", ("start",)),
        ("non-compliance-1199", "non-compliance-1199", ("start",)),
        (None, "expulsions-1999", ()),
    }
    assert pairs["crimea-2014"] == {
        ("crimea-annexation", "annexation-of-crimea", ()),
        ("crimea-independence", "declaration-of-independence", ("target",)),
        # occupation (bundled) against ground_operations (this encoding): `type` asks for a legal status
        ("crimea-seizure", "seizure-of-crimea", ("type",)),
    }


def test_agreement_figures() -> None:
    """The figures docs/two-encoders-blind2.md reports (unmatched acts count as differences)."""
    by_case = {case: agreement([r for r in rows() if r.case == case]) for case in CASE_IDS}
    assert by_case["kosovo-1999"] == {"humanitarian": (3, 4), "orthodox": (3, 4), "sovereigntist": (3, 4)}
    assert by_case["crimea-2014"] == {"humanitarian": (3, 3), "orthodox": (3, 3), "sovereigntist": (3, 3)}


def test_known_differences_name_real_comparisons() -> None:
    labels = {r.label for r in rows()}
    assert set(KNOWN_DIFFERENCES) <= labels
    assert set(KNOWN_STATUS_DIFFERENCES) <= labels


def _load(case: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ENCODINGS / f"{case}.yaml").read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("perspective", ["humanitarian", "orthodox", "sovereigntist"])
def test_kosovo_files_weighed_alike(perspective: str) -> None:
    """The former humanitarian difference: both files record the same readings, for and against, with their
    authors, so each perspective's weighing gives them the same elements of humanitarian intervention."""

    def elements(case: str | dict[str, Any]) -> dict[str, bool]:
        act = next(a for a in evaluate(case, perspective=perspective).acts if a.id == "allied-force")
        claim = next(j for j in act.justifications if j.type == "humanitarian_intervention")
        return {e.element: e.holds for e in claim.elements if e.element != "atrocities"}

    encoded = elements(_load("kosovo-1999"))
    bundled = elements(str(CASES / "kosovo-1999.yaml"))
    assert {k: encoded[k] for k in bundled} == bundled
    assert bundled["necessity"] is (perspective != "sovereigntist")


@pytest.mark.parametrize("perspective", ["humanitarian", "orthodox", "sovereigntist"])
def test_crimea_agreement_no_longer_hangs_on_the_act_type(perspective: str) -> None:
    """Once hanging on `type` (typed `deployment`, Russia's account, the basing consent survived): with the
    agreement's conditions and the forces' conduct recorded, the rules derive the breach of its conditions (GA
    Res 3314 Art 3(e)), and the consent is defeated whatever the type, on every perspective."""
    case = _load("crimea-2014")
    seizure = next(a for a in case["acts"] if a["id"] == "seizure-of-crimea")
    statuses = {}
    for act_type in ("ground_operations", "occupation", "deployment"):
        seizure["type"] = act_type
        act = next(a for a in evaluate(case, perspective=perspective).acts if a.id == "seizure-of-crimea")
        basing = next(j for j in act.justifications if j.id == "russia-basing-consent")
        statuses[act_type] = (str(basing.status), "non_use_of_force" in act.violations)
    assert statuses == {
        "ground_operations": ("defeated", True),
        "occupation": ("defeated", True),
        "deployment": ("defeated", True),
    }


@pytest.mark.parametrize("perspective", ["humanitarian", "orthodox", "sovereigntist"])
def test_crimea_agreement_hangs_on_the_recorded_conduct(perspective: str) -> None:
    """What decides now is record: typed `deployment` and with the seizures and the blockade taken out of the
    conduct (the forces staying within the agreement's conditions), the basing consent survives."""
    case = _load("crimea-2014")
    seizure = next(a for a in case["acts"] if a["id"] == "seizure-of-crimea")
    seizure["type"] = "deployment"
    seizure["conduct"] = []
    act = next(a for a in evaluate(case, perspective=perspective).acts if a.id == "seizure-of-crimea")
    basing = next(j for j in act.justifications if j.id == "russia-basing-consent")
    assert (str(basing.status), "non_use_of_force" in act.violations) == ("survives", False)
