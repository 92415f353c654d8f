"""Two independent encoders (issue 12 section 5): every bundled case against its second encoding.

Each case's second encoding (tests/encodings/<case>.yaml) was written from the sources alone, without the
bundled file, and committed before the comparison (by the helpers named in the comments below). Both are
compared act by act under every bundled perspective with :mod:`normengine.agreement` (`normengine agree`).
The figures must be those docs/two-encoders/<case>.md reports. Every pair that differs is an
xfail(strict=True) naming its cause (FORMAT, LAW or RECORD) as the note does: a fix that makes the two encodings
agree turns it into a failure, and the marker and the note must then be updated.
(iraq-2003, afghanistan-2001, kosovo-1999 and crimea-2014 were compared by two pairing modules of their own,
tests/encodings/compare.py and compare_blind2.py, until normengine.agreement did the same; their assertions
are the entries and tests for those cases below.)
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from normengine.agreement import Agreement, PairVerdicts, compare_encodings

ROOT = Path(__file__).resolve().parent.parent
SECOND = ROOT / "tests" / "encodings"
CASES = (
    "nicaragua-1986",
    "oil-platforms-2003",
    "drc-uganda-2005",
    "corfu-channel-1949",
    "libya-2011",
    "syria-2018",
    "ukraine-2022",
    "iraq-kuwait-1991",
    "somalia-1992",
    "rwanda-1994",
    "darfur-2004",
    "wall-2004",
    "kosovo-opinion-2010",
    "falklands-1982",
    "hungary-1956",
    "georgia-2008",
    "entebbe-1976",
    "isil-syria-2014",
    "suez-1956",
    "dominican-republic-1965",
    "czechoslovakia-1968",
    "mali-2013",
    "yemen-2015",
    "iraq-2003",
    "afghanistan-2001",
    "kosovo-1999",
    "crimea-2014",
)
PERSPECTIVES = ("orthodox", "humanitarian", "sovereigntist")


@cache
def _agreement(case: str) -> Agreement:
    return compare_encodings(ROOT / "cases" / f"{case}.yaml", SECOND / f"{case}.yaml")


def _rows_of(agreement: Agreement, first: str | None, second: str | None) -> list[PairVerdicts]:
    rows = [r for r in agreement.rows if r.pair.first == first and r.pair.second == second]
    assert {r.perspective for r in rows} == set(PERSPECTIVES), f"no pair {first} ~ {second}"
    return rows


def _rows(case: str, first: str | None, second: str | None) -> list[PairVerdicts]:
    return _rows_of(_agreement(case), first, second)


# Pairs whose verdicts agree under every perspective: (case, bundled act, second act).
AGREEING = [
    # blindA
    ("nicaragua-1986", "arming-contras", "us-arming-contras"),
    ("nicaragua-1986", "attacks-on-ports", "us-attacks-ports"),
    ("nicaragua-1986", "funding-contras", "us-funding-contras"),
    ("nicaragua-1986", "mining-of-ports", "us-mining"),
    ("nicaragua-1986", "overflights", "us-overflights"),
    ("nicaragua-1986", "arming-contras", "us-training-contras"),  # lawd: training, a conduct of the arming
    ("oil-platforms-2003", "reshadat-attack", "reshadat-attack"),
    ("oil-platforms-2003", "praying-mantis", "salman-nasr-attack"),
    ("drc-uganda-2005", "military-operations", "uganda-military-operations"),
    ("drc-uganda-2005", "occupation-of-ituri", "uganda-occupation-ituri"),
    ("drc-uganda-2005", "support-to-irregular-forces", "uganda-support-mlc"),
    ("drc-uganda-2005", "updf-violations", "uganda-ihl-hr-violations"),
    ("drc-uganda-2005", "presence-by-consent", "uganda-presence-border"),
    ("drc-uganda-2005", "looting-of-resources", "uganda-exploitation-resources"),  # lawd: pillage as conduct
    ("corfu-channel-1949", "operation-retail", "uk-minesweeping"),
    # agrees since the second file's assessments took the authored form: the Court's reading of passage_innocent
    # (a court) outweighs Albania's (a party) under every perspective's author_rank/2
    ("corfu-channel-1949", "passage-22-october", "uk-passage-october"),
    # blindB
    ("libya-2011", "air-campaign", "air-campaign"),
    ("libya-2011", "attacks-on-civilians", "attacks-on-civilians"),
    ("libya-2011", "non-compliance-1973", "non-compliance-1973"),
    ("syria-2018", "douma-attack", "douma-chlorine-attack"),
    ("syria-2018", "khan-shaykhun-attack", "chemical-weapons-use"),
    ("syria-2018", "strikes", "strikes-2018"),
    ("ukraine-2022", "belarus-territory", "belarus-territory"),
    ("ukraine-2022", "invasion-of-ukraine", "invasion"),
    # blindC
    ("iraq-kuwait-1991", "annexation-of-kuwait", "iraq-annexation"),
    ("iraq-kuwait-1991", "non-compliance-660", "iraq-non-compliance-660"),
    ("iraq-kuwait-1991", "desert-storm", "coalition-air-campaign"),  # lawd: 678 recalls 660's determination
    ("iraq-kuwait-1991", "invasion-of-kuwait", "iraq-invasion"),  # lawd: an authority set up by the invader
    ("iraq-kuwait-1991", "desert-storm", "coalition-ground-offensive"),  # lawd: the ground war, a conduct
    ("somalia-1992", "ihl-violations-factions", "obstruction-of-relief"),
    # shared: the same organisation named as actor is the same actor, whatever members each file lists
    ("somalia-1992", "unitaf-deployment", "unitaf-operation"),
    ("rwanda-1994", "genocide", "genocide-against-tutsi"),
    ("rwanda-1994", "turquoise-operation", "operation-turquoise"),
    ("darfur-2004", "darfur-atrocities", "attacks-on-civilians"),
    ("darfur-2004", "non-compliance-1556", "sudan-non-compliance-1556"),
    # blindD
    ("wall-2004", "wall", "wall-construction"),
    ("wall-2004", "wall-regime", "wall-regime"),
    ("kosovo-opinion-2010", "declaration", "declaration-of-independence"),
    # episodes
    ("falklands-1982", "argentine-invasion", "argentine-invasion"),
    ("falklands-1982", "argentine-non-compliance-502", "argentine-non-withdrawal"),
    # shared: the first file records that Argentina held the islands on 25 April (`administered_by`), so the
    # title it records no longer makes the campaign "expelling an invader"; both turn on self-defence
    ("falklands-1982", "uk-operation-corporate", "uk-recovery"),
    ("hungary-1956", "first-intervention", "soviet-intervention-october"),
    ("hungary-1956", "second-intervention", "soviet-attack-november"),
    ("georgia-2008", "georgia-attack-on-peacekeepers", "georgian-attack-on-peacekeepers-act"),
    ("georgia-2008", "russia-beyond-south-ossetia", "russia-beyond-south-ossetia"),
    ("georgia-2008", "russia-defence-of-peacekeepers", "russia-defence-of-peacekeepers"),
    ("georgia-2008", "russia-recognition", "russia-recognises-south-ossetia"),
    # shared: force aimed at another state's forces is force against it (GA Res 3314 Art 3(d)): the second file's
    # offensive was also aimed at the Russian peacekeepers (`also_directed_at`), the first's crossed the line
    ("georgia-2008", "georgia-tskhinvali-operation", "georgian-offensive"),
    ("entebbe-1976", "entebbe-raid", "entebbe-raid"),
    ("isil-syria-2014", "uk-raqqa-strike", "uk-strikes-syria"),
    ("isil-syria-2014", "us-strikes-khorasan", "us-strikes-khorasan"),
    ("isil-syria-2014", "us-strikes-syria", "us-strikes-isil-syria"),
    # recon (docs/two-encoders/<case>.md for the five episodes below)
    ("suez-1956", "air-strikes", "anglo-french-air-campaign"),
    ("suez-1956", "israeli-attack", "israeli-sinai-campaign"),
    ("suez-1956", "landings", "anglo-french-landings"),
    ("suez-1956", "ultimatum", "anglo-french-ultimatum"),
    ("dominican-republic-1965", "marine-landing", "us-evacuation-landing"),
    ("dominican-republic-1965", "us-intervention", "us-intervention"),
    ("czechoslovakia-1968", "invasion", "warsaw-pact-invasion"),
    ("mali-2013", "serval", "serval"),
    ("yemen-2015", "decisive-storm", "decisive-storm"),
    # blind1 (formerly test_two_encoders.py)
    ("iraq-2003", "invasion-of-iraq", "invasion"),
    ("afghanistan-2001", "enduring-freedom", "oef-strikes-al-qaeda"),
    ("afghanistan-2001", "enduring-freedom-taliban", "oef-strikes-taliban"),
    ("afghanistan-2001", "taliban-non-compliance", "taliban-non-compliance"),
    # blind2 (formerly test_two_encoders_blind2.py)
    ("kosovo-1999", "allied-force", "allied-force"),
    ("kosovo-1999", "ethnic-cleansing", "repression-1998-1999"),
    ("kosovo-1999", "non-compliance-1199", "non-compliance-1199"),
    ("crimea-2014", "crimea-annexation", "annexation-of-crimea"),
    ("crimea-2014", "crimea-independence", "declaration-of-independence"),
    ("crimea-2014", "crimea-seizure", "seizure-of-crimea"),
    # coverage completed blind (helpers covF1, covF2 into the bundled files; covS, covS2 into the second), and the
    # format and law fixes that followed (lawg, lawh, lawi, shared, denial, organ_of); docs/two-encoders/<case>.md
    ("afghanistan-2001", "us-ground-operations", "oef-ground-operations"),
    ("czechoslovakia-1968", "soviet-stationing", "soviet-stationing"),
    ("darfur-2004", "amis-deployment", "amis-deployment"),
    ("darfur-2004", "non-cooperation-icc", "sudan-non-cooperation-icc"),
    ("darfur-2004", "rebel-violations", "rebel-violations"),
    ("darfur-2004", "refusal-un-force", "sudan-refusal-un-force"),
    ("darfur-2004", "unamid-deployment", "unamid-deployment"),
    ("dominican-republic-1965", "iapf-operation", "iapf-operation"),
    ("drc-uganda-2005", "ruwenzori-presence", "uganda-ruwenzori"),
    ("georgia-2008", "abkhazia-independence", "abkhazia-independence"),
    ("georgia-2008", "russia-recognition-abkhazia", "russia-recognises-abkhazia"),
    ("georgia-2008", "south-ossetia-independence", "south-ossetia-independence"),
    ("hungary-1956", "new-forces-entry", "soviet-reinforcement"),
    ("iraq-2003", "iraq-disarmament-non-compliance", "iraq-non-compliance"),
    ("iraq-kuwait-1991", "occupation-of-kuwait", "iraq-occupation"),
    ("kosovo-1999", "deportations-1999", "expulsions-1999"),
    ("kosovo-opinion-2010", "kfor-deployment", "kfor-presence"),
    ("libya-2011", "french-arms-drops", "french-arms-drops"),
    ("mali-2013", "afisma-deployment", "afisma-deployment"),
    ("mali-2013", "offensive-south", "armed-groups-offensive-south"),
    ("nicaragua-1986", "military-manoeuvres", "us-manoeuvres"),
    ("nicaragua-1986", "trade-embargo", "us-embargo"),
    ("rwanda-1994", "unamir-deployment", "unamir-deployment"),
    ("suez-1956", "unef-deployment", "unef-deployment"),
    ("syria-2018", "non-compliance-2118", "non-compliance-2118"),
    ("ukraine-2022", "annexation-2022", "annexation-of-four-regions"),
    ("ukraine-2022", "recognition-dpr-lpr", "recognition-of-dpr-lpr"),
    ("ukraine-2022", "russian-forces-donbas", "donbas-operations-2014"),
    ("yemen-2015", "coalition-strikes-on-civilians", "coalition-strikes-on-civilians"),
    ("yemen-2015", "houthi-non-compliance", "houthi-non-compliance-2216"),
    ("yemen-2015", "houthi-takeover", "houthi-seizure-of-sanaa"),
    ("yemen-2015", "iran-arms-supply", "iran-arms-supply"),
    ("yemen-2015", "restoring-hope", "restoring-hope"),
]

# Pairs (or unpaired acts) that differ: (case, bundled act or None, second act or None) -> cause.
DIFFERING: dict[tuple[str, str | None, str | None], str] = {
    # Empty since the coverage was completed blind and the format and law fixes of December 2026: every pair of
    # every case agrees. A new difference goes here as a strict xfail with its cause (FORMAT, LAW or RECORD).
}

# Agreeing pairs whose justification statuses agree / differ (the verdicts agree in both lists).
STATUSES_AGREE = [
    ("wall-2004", "wall", "wall-construction"),
    ("afghanistan-2001", "enduring-freedom", "oef-strikes-al-qaeda"),
    ("afghanistan-2001", "enduring-freedom-taliban", "oef-strikes-taliban"),
    ("afghanistan-2001", "taliban-non-compliance", "taliban-non-compliance"),
    # The humanitarian difference on allied-force (assessments recorded as holding in one file, contested in the
    # other) is gone: both files record the same authored readings, which each perspective weighs as it declares.
    ("kosovo-1999", "allied-force", "allied-force"),
    ("kosovo-1999", "ethnic-cleansing", "repression-1998-1999"),
    ("kosovo-1999", "non-compliance-1199", "non-compliance-1199"),
    ("crimea-2014", "crimea-annexation", "annexation-of-crimea"),
    ("crimea-2014", "crimea-independence", "declaration-of-independence"),
    ("crimea-2014", "crimea-seizure", "seizure-of-crimea"),
    ("suez-1956", "israeli-attack", "israeli-sinai-campaign"),
    ("suez-1956", "ultimatum", "anglo-french-ultimatum"),
    ("dominican-republic-1965", "marine-landing", "us-evacuation-landing"),
    ("dominican-republic-1965", "us-intervention", "us-intervention"),
    ("yemen-2015", "decisive-storm", "decisive-storm"),
]
STATUSES_DIFFER = {
    ("iraq-2003", "invasion-of-iraq", "invasion"): (
        "FORMAT (`justifications[].type`, a qualification of the claim): the coalition claimed that resolution 678's "
        "express authorisation revived (S/2003/350-352); the bundled file types the claim implied_authorisation, the "
        "second council_authorisation. The second also records a pre-emptive self_defence claim (President Bush, "
        "17 March 2003; NSS 2002) that the bundled file omits, a difference of what counts as a claim 'made'. Every "
        "claim is defeated in both files under the orthodox and sovereigntist perspectives"
    ),
    ("wall-2004", "wall-regime", "wall-regime"): (
        "FORMAT (one `type` per act, a claim names one act): the Court's single object is split into two "
        "acts, and Israel's plea is claimed for both in the second file, for the construction only in the first"
    ),
    ("suez-1956", "air-strikes", "anglo-french-air-campaign"): (
        "RECORD (which claims were made): only the second records the UK's protection-of-nationals plea "
        "(HC Deb 31 October 1956; HL Deb 1 November 1956), defeated"
    ),
    ("suez-1956", "landings", "anglo-french-landings"): (
        "RECORD (which claims were made): only the second records the UK's protection-of-nationals plea, defeated"
    ),
    ("czechoslovakia-1968", "invasion", "warsaw-pact-invasion"): (
        "FORMAT (granularity): the first claims the stationing treaty for the whole invasion (defeated), the "
        "second for its separate stationing act"
    ),
    ("mali-2013", "serval", "serval"): (
        "RECORD (which claims were made): the first reads Hollande's 'within the framework of Security Council "
        "resolutions' as a council_authorisation claim (defeated), the second as none"
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_the_figures_are_those_the_note_reports(case: str) -> None:
    figures = _agreement(case).figures()
    assert set(figures) == set(PERSPECTIVES)
    note = (ROOT / "docs" / "two-encoders" / f"{case}.md").read_text(encoding="utf-8")
    for perspective, (agree, total) in figures.items():
        assert re.search(rf"{perspective}: {agree}/{total} acts agree", note), (perspective, agree, total)
    expected_total = sum(1 for c, _, _ in AGREEING if c == case) + sum(1 for c, _, _ in DIFFERING if c == case)
    assert all(total == expected_total for _, total in figures.values())


@pytest.mark.slow
@pytest.mark.parametrize(("case", "first", "second"), AGREEING)
def test_agreeing_pairs(case: str, first: str, second: str) -> None:
    rows = _rows(case, first, second)
    assert all(r.verdicts_agree for r in rows), [(r.perspective, r.first_verdict, r.second_verdict) for r in rows]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("case", "first", "second"),
    [pytest.param(*key, marks=pytest.mark.xfail(strict=True, reason=cause)) for key, cause in DIFFERING.items()],
)
def test_differing_pairs(case: str, first: str | None, second: str | None) -> None:
    rows = _rows(case, first, second)
    assert all(r.verdicts_agree for r in rows), [(r.perspective, r.first_verdict, r.second_verdict) for r in rows]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("case", "first", "second"),
    [*STATUSES_AGREE]
    + [
        pytest.param(*key, marks=pytest.mark.xfail(strict=True, reason=cause)) for key, cause in STATUSES_DIFFER.items()
    ],
)
def test_justification_statuses(case: str, first: str, second: str) -> None:
    rows = _rows(case, first, second)
    assert all(r.statuses_agree for r in rows), [(r.perspective, r.first_statuses, r.second_statuses) for r in rows]


def _kosovo_variant(tmp_path: Path, *, claim: bool) -> Path:
    """The second Kosovo encoding with the security presence's actors named as states (and, if not
    `claim`, without the authorisation claim): the scratch copies the note describes."""
    text = (SECOND / "kosovo-opinion-2010.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  - {id: china, name: China", "  - {id: germany, name: Germany, kind: state}\n  - {id: china, name: China"
    )
    text = text.replace(
        "    actors: [nato]\n    target: serbia", "    actors: [usa, uk, france, germany]\n    target: serbia"
    )
    text = text.replace("    claimed_by: [nato]", "    claimed_by: [usa, uk, france, germany]")
    if not claim:
        text = text[: text.index("justifications:")] + text[text.index("outcome:") :]
    path = tmp_path / f"kosovo-variant-{'claim' if claim else 'noclaim'}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.slow
def test_kosovo_naming_the_presence_by_its_states_keeps_the_verdict(tmp_path: Path) -> None:
    agreement = compare_encodings(SECOND / "kosovo-opinion-2010.yaml", _kosovo_variant(tmp_path, claim=True))
    rows = _rows_of(agreement, "declaration-of-independence", "declaration-of-independence")
    assert all(r.first_verdict == r.second_verdict == "lawful" for r in rows)


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason=(
        "LAW: without an authorisation claim on the file the presence's breach of Art 2(4) stands, so para 81 "
        "ties the declaration to it; the coverage of resolution 1244 para 7 (addressees, area) is not derived "
        "from the record without a claim"
    ),
)
def test_kosovo_the_declaration_does_not_turn_on_the_presence_being_claimed(tmp_path: Path) -> None:
    agreement = compare_encodings(SECOND / "kosovo-opinion-2010.yaml", _kosovo_variant(tmp_path, claim=False))
    rows = _rows_of(agreement, "declaration-of-independence", "declaration-of-independence")
    assert all(r.verdicts_agree for r in rows), [(r.perspective, r.first_verdict, r.second_verdict) for r in rows]


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_the_pairs_are_those_listed(case: str) -> None:
    """Every pair `agree` makes (and every act it leaves unpaired) is listed in AGREEING or DIFFERING, and
    every listed pair is one it makes: a strict xfail cannot pass for a pair that does not exist."""
    made = {(p.first, p.second) for p in _agreement(case).pairs}
    listed = {(a, b) for c, a, b in AGREEING if c == case} | {(a, b) for c, a, b in DIFFERING if c == case}
    assert made == listed


# How the acts of the formerly separate comparisons pair, and on which keys they still differ (the pairing
# itself, pinned): a key that differs is a field on which the two writers' readings of the record part.
PAIR_KEYS = {
    "iraq-2003": {
        # the coalition of 2003 as one organisation (first) or its member states (second)
        ("invasion-of-iraq", "invasion", ("actors",)),
        ("iraq-disarmament-non-compliance", "iraq-non-compliance", ()),
    },
    "afghanistan-2001": {
        ("enduring-freedom", "oef-strikes-al-qaeda", ()),
        ("enduring-freedom-taliban", "oef-strikes-taliban", ()),
        ("taliban-non-compliance", "taliban-non-compliance", ()),
        ("us-ground-operations", "oef-ground-operations", ()),
    },
    "kosovo-1999": {
        ("allied-force", "allied-force", ()),
        ("deportations-1999", "expulsions-1999", ()),
        ("ethnic-cleansing", "repression-1998-1999", ()),
        ("non-compliance-1199", "non-compliance-1199", ("start",)),
    },
    "crimea-2014": {
        ("crimea-annexation", "annexation-of-crimea", ()),
        ("crimea-independence", "declaration-of-independence", ("target",)),
        # deployment (bundled) against ground_operations (second): `type` once asked for a legal status
        ("crimea-seizure", "seizure-of-crimea", ("kind",)),
    },
    "suez-1956": {
        ("air-strikes", "anglo-french-air-campaign", ()),
        ("israeli-attack", "israeli-sinai-campaign", ()),
        ("landings", "anglo-french-landings", ()),
        ("ultimatum", "anglo-french-ultimatum", ()),
        ("unef-deployment", "unef-deployment", ()),
    },
    "dominican-republic-1965": {
        # the Force as the OAS with two of its members (first) or a party of its own (second); deployment or
        # ground_operations (first / second), invasion or ground_operations for the intervention: no verdict moves
        ("iapf-operation", "iapf-operation", ("actors", "kind")),
        ("marine-landing", "us-evacuation-landing", ()),
        ("us-intervention", "us-intervention", ("kind",)),
    },
    "czechoslovakia-1968": {
        # the GDR among the actors (first) or not (second)
        ("invasion", "warsaw-pact-invasion", ("actors",)),
        ("soviet-stationing", "soviet-stationing", ()),
    },
    "mali-2013": {
        ("afisma-deployment", "afisma-deployment", ("target",)),
        ("offensive-south", "armed-groups-offensive-south", ()),
        ("serval", "serval", ("target", "kind")),
    },
    "yemen-2015": {
        # nine coalition states (first) or the five of S/2015/217 (second); no target or Yemen
        ("coalition-strikes-on-civilians", "coalition-strikes-on-civilians", ("actors",)),
        ("decisive-storm", "decisive-storm", ("actors", "target")),
        ("houthi-non-compliance", "houthi-non-compliance-2216", ("target",)),
        ("houthi-takeover", "houthi-seizure-of-sanaa", ()),
        ("iran-arms-supply", "iran-arms-supply", ()),
        ("restoring-hope", "restoring-hope", ("actors", "target")),
    },
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(PAIR_KEYS))
def test_acts_pair_on_the_keys_recorded(case: str) -> None:
    assert {(p.first, p.second, p.differing) for p in _agreement(case).pairs} == PAIR_KEYS[case]


# Agreeing pairs whose verdicts rest on the same grounds: established in both files, or dependent on a
# contested fact in both with the same possible verdicts. The iraq-2003 invasion's grounds differed while
# resolution 678's authorisation carried an `until` typed by the case writer; removed by recording resolution
# 687's ceasefire (`resolutions[].ceasefire`) and raising revival from it (rules/principles/revival.lp).
GROUNDS_AGREE = [
    ("iraq-2003", "invasion-of-iraq", "invasion"),
    ("afghanistan-2001", "enduring-freedom", "oef-strikes-al-qaeda"),
    ("afghanistan-2001", "enduring-freedom-taliban", "oef-strikes-taliban"),
    ("afghanistan-2001", "taliban-non-compliance", "taliban-non-compliance"),
]


@cache
def _report(path: Path, perspective: str) -> Any:
    from normengine import evaluate

    return evaluate(str(path), perspective=perspective)


@pytest.mark.slow
@pytest.mark.parametrize(("case", "first", "second"), GROUNDS_AGREE)
def test_verdicts_rest_on_the_same_grounds(case: str, first: str, second: str) -> None:
    _rows(case, first, second)  # the pair exists
    for p in PERSPECTIVES:
        a = _report(ROOT / "cases" / f"{case}.yaml", p).act(first)
        b = _report(SECOND / f"{case}.yaml", p).act(second)
        assert (a.established, a.possible_verdicts) == (b.established, b.possible_verdicts), p


def _load_second(case: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((SECOND / f"{case}.yaml").read_text(encoding="utf-8"))
    return data


@pytest.mark.slow
@pytest.mark.parametrize("perspective", PERSPECTIVES)
def test_kosovo_files_weighed_alike(perspective: str) -> None:
    """The former humanitarian difference: both files record the same readings, for and against, with their
    authors, so each perspective's weighing gives them the same elements of humanitarian intervention."""
    from normengine import evaluate

    def elements(case: str | dict[str, Any]) -> dict[str, bool]:
        act = next(a for a in evaluate(case, perspective=perspective).acts if a.id == "allied-force")
        claim = next(j for j in act.justifications if j.type == "humanitarian_intervention")
        return {e.element: e.holds for e in claim.elements if e.element != "atrocities"}

    encoded = elements(_load_second("kosovo-1999"))
    bundled = elements(str(ROOT / "cases" / "kosovo-1999.yaml"))
    assert {k: encoded[k] for k in bundled} == bundled
    assert bundled["necessity"] is (perspective != "sovereigntist")


@pytest.mark.slow
@pytest.mark.parametrize("perspective", PERSPECTIVES)
def test_crimea_agreement_no_longer_hangs_on_the_act_type(perspective: str) -> None:
    """Once hanging on `type` (typed `deployment`, Russia's account, the basing consent survived): with the
    agreement's conditions and the forces' conduct recorded, the rules derive the breach of its conditions (GA
    Res 3314 Art 3(e)), and the consent is defeated whatever the type, on every perspective."""
    from normengine import evaluate

    case = _load_second("crimea-2014")
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


@pytest.mark.slow
@pytest.mark.parametrize("perspective", PERSPECTIVES)
def test_crimea_agreement_hangs_on_the_recorded_conduct(perspective: str) -> None:
    """What decides now is record: typed `deployment` and with the seizures and the blockade taken out of the
    conduct (the forces staying within the agreement's conditions), the basing consent survives."""
    from normengine import evaluate

    case = _load_second("crimea-2014")
    seizure = next(a for a in case["acts"] if a["id"] == "seizure-of-crimea")
    seizure["type"] = "deployment"
    seizure["conduct"] = []
    act = next(a for a in evaluate(case, perspective=perspective).acts if a.id == "seizure-of-crimea")
    basing = next(j for j in act.justifications if j.id == "russia-basing-consent")
    assert (str(basing.status), "non_use_of_force" in act.violations) == ("survives", False)


# The experiments of the notes on suez-1956, czechoslovakia-1968, mali-2013 and yemen-2015, on copies of one file
# with one entry changed (written to tmp_path, never to the repository): each checks the cause a note names.


def _entry(data: dict[str, Any], section: str, entry_id: str) -> dict[str, Any]:
    entry: dict[str, Any] = next(e for e in data[section] if e["id"] == entry_id)
    return entry


def _write(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.slow
def test_dominican_the_verb_of_the_meeting_of_consultation_is_the_whole_difference(tmp_path: Path) -> None:
    """The Peace Force pair differed only because the second writer recorded the OAS resolution of 6 May 1965 as
    deciding the force (a summary the file marked unverified), the first (quoting para 1: "To request governments
    of member states ... to make contingents ... available") as recommending it. The second file now records the
    quoted verb (a correction of the record, said in its commit and note) and the pair agrees; with "decides"
    back, it differs again."""
    assert _agreement("dominican-republic-1965").complete
    second = _load_second("dominican-republic-1965")
    _entry(second, "resolutions", "oas-mfm-6-may")["operative"][0]["verb"] = "decides"
    agreement = compare_encodings(
        ROOT / "cases" / "dominican-republic-1965.yaml", _write(tmp_path, "dominican.yaml", second)
    )
    assert not agreement.complete


@pytest.mark.slow
def test_suez_israeli_self_defence_no_longer_rests_on_where_egypts_reading_is_placed() -> None:
    """Both files find the Israeli attack unlawful. The second did so only because Egypt's rejection of the claim
    ("aggression") is recorded as a reading against necessity: without it, Israel's own qualifications of the
    fedayeen attack and of necessity and proportionality, uncontradicted, let the claim survive. Since a
    claimant's own word is no proof (Oil Platforms para 57), the attack stays unlawful without Egypt's reading."""
    from normengine import evaluate

    second = _load_second("suez-1956")
    claim = _entry(second, "justifications", "israel-self-defence")
    necessity = next(a for a in claim["assessments"] if a["element"] == "necessity")
    necessity["holds"].pop("readings")
    verdicts = {p: evaluate(second, perspective=p).act("israeli-sinai-campaign").verdict for p in PERSPECTIVES}
    assert verdicts == dict.fromkeys(PERSPECTIVES, "unlawful")


def _czechoslovakia_stationing(change: str) -> dict[str, str]:
    from normengine import evaluate

    second = _load_second("czechoslovakia-1968")
    if change == "control":
        _entry(second, "governing_authorities", "cernik-government")["control"][0]["until"] = "1968-08-20"
    else:
        _entry(second, "consents", "stationing-treaty")["freely_given"] = False
    return {p: str(evaluate(second, perspective=p).act("soviet-stationing").verdict) for p in PERSPECTIVES}


@pytest.mark.slow
def test_czechoslovakia_stationing_no_longer_turns_on_how_control_under_occupation_is_recorded() -> None:
    """The second file with the first file's reading of control (the Černík government's control of Prague ends
    on 20 August 1968) made the stationing a contested consent of a government without control. Since a consent
    given while the beneficiary's forces act against the giver is not freely given (VCLT Art 52), the treaty of
    16 October 1968 fails on either reading of control."""
    assert _czechoslovakia_stationing("control") == dict.fromkeys(PERSPECTIVES, "unlawful")


@pytest.mark.slow
def test_czechoslovakia_stationing_under_a_coerced_consent_is_unlawful() -> None:
    """What no rule derives from the record (a consent given while the beneficiary's forces occupy the country),
    typed by hand as `freely_given: false`: the stationing is unlawful under every perspective."""
    assert _czechoslovakia_stationing("coerced") == dict.fromkeys(PERSPECTIVES, "unlawful")
