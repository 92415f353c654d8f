"""Metamorphic tests of the law and format changes made to resolve two-encoder differences (helper shared).

Each test changes one fact of a bundled case or of its second encoding and checks the engine's real report:

- force aimed at another state's forces is force against that state (GA Res 3314 Art 3(d)), even on the acting
  state's own territory (Georgia 2008: the Georgian offensive also aimed at the Russian peacekeepers).
"""

from __future__ import annotations

from typing import Any

from .metamorphic_helpers import PERSPECTIVES, Case, against, bundled, claim, item, run, second, variant

# --- force aimed at another state's forces (rules/principles/forces.lp) ------------------------------------


def test_force_aimed_at_a_states_forces_engages_the_prohibition_towards_it() -> None:
    """The second Georgia file aims the offensive at South Ossetia and also at the Russian peacekeepers: force
    against Russia, answerable only by a justification that reaches Russia; Georgia's is defeated."""
    case = second("georgia-2008")
    for p in PERSPECTIVES:
        act = run(case, p).act("georgian-offensive")
        assert "non_use_of_force" in against(act), p
        assert act.verdict == "unlawful", p
        assert {j.status for j in act.justifications} == {"defeated"}, p


def test_without_the_states_forces_the_offensive_on_own_territory_engages_nothing() -> None:
    """One fact removed (the Russian forces among the offensive's targets): force on Georgia's own territory aimed
    at an entity, with no line of administration recorded, engages no inter-state rule."""
    case = variant(second("georgia-2008"), lambda c: item(c["acts"], "georgian-offensive").pop("also_directed_at"))
    act = run(case).act("georgian-offensive")
    assert "non_use_of_force" not in against(act)
    assert act.verdict == "lawful"


def test_expelling_the_forces_of_an_invader_is_not_force_against_it() -> None:
    """One fact added: a Russian ground operation in Georgia, outside the Sochi consent (deployment only), began
    the day before the offensive. The offensive then expels an invader's forces: not force against Russia."""

    def invade(c: Case) -> None:
        c["acts"].append(
            {
                "id": "earlier-russian-operation",
                "type": "ground_operations",
                "actors": ["russia"],
                "target": "georgia",
                "territory": "georgia",
                "start": "2008-08-06",
                "end": "2008-08-10",
                "source": "a hypothetical variant",
            }
        )

    case = variant(second("georgia-2008"), invade)
    act = run(case).act("georgian-offensive")
    assert "non_use_of_force" not in against(act)


# --- Falklands 1982: the kind of an operation does not decide its self-defence; who held the place does ------


def _falklands_uk(case: Case, act: str) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for p in PERSPECTIVES:
        a = run(case, p).act(act)
        out.append((p, a.verdict, ",".join(sorted(j.status for j in a.justifications))))
    return out


def test_the_kind_of_the_british_operation_does_not_change_its_verdict_or_its_self_defence() -> None:
    """One fact changed (the act's type: ground operations or an attack on forces, both uses of force): the
    verdict and the claim's status are the same, in either encoding."""
    for case, act, kinds in (
        (second("falklands-1982"), "uk-recovery", ("ground_operations", "attack_on_forces")),
        (bundled("falklands-1982"), "uk-operation-corporate", ("attack_on_forces", "ground_operations")),
    ):
        first, other = kinds
        assert item(case["acts"], act)["type"] == first

        def retype(c: Case, a: str = act, k: str = other) -> None:
            item(c["acts"], a)["type"] = k

        changed = variant(case, retype)
        assert _falklands_uk(changed, act) == _falklands_uk(case, act)


def test_force_into_a_place_the_invader_administered_is_not_expelling_it() -> None:
    """One fact removed from the bundled file: without `administered_by: argentina` (Argentina held the islands
    from 2-3 April), the title recorded (`territory: uk`) makes the British campaign force on the UK's own
    territory against an invader, and no principle is engaged; with it, the campaign is force against
    Argentina, answerable by self-defence, whose necessity and proportionality only the UK read as holding."""
    case = bundled("falklands-1982")
    assert item(case["acts"], "uk-operation-corporate")["administered_by"] == "argentina"
    with_line = run(case).act("uk-operation-corporate")
    assert "non_use_of_force" in against(with_line)
    assert with_line.verdict == "unlawful" and not with_line.established
    assert set(with_line.depends_on) == {"uk-self-defence.necessity", "uk-self-defence.proportionality"}
    without = run(variant(case, lambda c: item(c["acts"], "uk-operation-corporate").pop("administered_by")))
    act = without.act("uk-operation-corporate")
    assert against(act) == set()
    assert act.verdict == "lawful"


# --- an allegation that an act breaches a resolution (statements[].says: breach_of_resolution) --------------


def _binding_on_the_authors(c: Case) -> None:
    res = item(c["resolutions"], "res-1244")
    res["obligations"].append(
        {"addressee": "kosovo-representatives", "content": "a hypothetical demand", "source": "a variant"}
    )


def test_an_allegation_tests_the_act_against_the_resolution_only_where_it_binds_the_author() -> None:
    """Kosovo AO paras 114-119: Serbia alleged that the declaration breached resolution 1244, which placed no
    demand on its authors; the declaration is lawful and engages nothing under every perspective. One fact
    changed (1244 addresses the authors too): the allegation now engages co-operation with the Council."""
    case = bundled("kosovo-opinion-2010")
    statement = item(case["statements"], "serbia-alleges-breach-of-1244")
    assert (statement["says"], statement["acts"], statement["resolution"]) == (
        "breach_of_resolution",
        ["declaration"],
        "res-1244",
    )
    for p in PERSPECTIVES:
        act = run(case, p).act("declaration")
        assert act.verdict == "lawful" and against(act) == set(), p
    act = run(variant(case, _binding_on_the_authors)).act("declaration")
    assert against(act) == {"cooperation"}
    assert act.verdict == "unlawful"


def test_without_the_allegation_no_rule_tests_the_act_against_the_resolution() -> None:
    """One fact removed (the statement): the same binding demand on the authors engages nothing, since no one
    alleged the declaration breached it and a declaration is not of the type `non_compliance`."""
    case = variant(variant(bundled("kosovo-opinion-2010"), _binding_on_the_authors), lambda c: c.pop("statements"))
    act = run(case).act("declaration")
    assert against(act) == set() and act.verdict == "lawful"


# --- an organ or official speaks for its state (parties[].organs; author_organ/2) ----------------------------


def _own_word_case(author: str, organs: list[str] | None = None, author_kind: str = "party") -> Case:
    """B raids A; A strikes B in self-defence. A commission reads necessity and proportionality as met; only
    ``author`` reads the raid as grave. With ``organs``, A's party lists them as its organs and officials."""
    commission = {"value": True, "author": "Commission of Inquiry", "author_kind": "commission", "source": "report"}
    avalon: dict[str, Any] = {"id": "a", "name": "Avalon", "kind": "state"}
    if organs is not None:
        avalon["organs"] = organs
    return {
        "id": "organs",
        "title": "a claimant's organ",
        "date": "2020-01-02",
        "parties": [avalon, {"id": "b", "name": "Borduria", "kind": "state"}],
        "armed_attacks": [
            {
                "id": "raid",
                "by": "b",
                "against": "a",
                "date": "2020-01-01",
                "form": "direct",
                "gravity": {"value": "grave", "author": author, "author_kind": author_kind, "source": "a statement"},
                "declared_by_victim": True,
            }
        ],
        "acts": [{"id": "strike", "type": "air_strikes", "actors": ["a"], "target": "b", "start": "2020-01-02"}],
        "justifications": [
            {
                "id": "sd",
                "act": "strike",
                "type": "self_defence",
                "claimed_by": ["a"],
                "responds_to": ["raid"],
                "assessments": [
                    {"element": "necessity", "holds": commission},
                    {"element": "proportionality", "holds": commission},
                ],
            }
        ],
    }


def test_a_reading_by_the_claimants_president_is_its_own_word_once_the_record_names_the_office() -> None:
    """One fact added (Avalon's organs: 'President Arthur'): the President's reading of the raid as grave is then
    the claimant's own word, no proof (ARSIWA Art 4; Oil Platforms paras 57, 61); before, an author the file does
    not tie to any party counted as someone independent, and the claim survived."""
    loose = _own_word_case("President Arthur")
    tied = _own_word_case("President Arthur", organs=["President Arthur"])
    for p in PERSPECTIVES:
        assert claim(run(loose, p), "strike", "sd").status == "survives", p
        report = run(tied, p)
        assert claim(report, "strike", "sd").status == "defeated", p
        act = report.act("strike")
        assert act.verdict == "unlawful" and not act.established and "raid.gravity" in act.depends_on, p


def test_a_ministry_named_with_a_leading_article_is_matched_and_a_joined_list_of_claimants_too() -> None:
    """'the Department of State' as the file lists it, 'Department of State' as an author names it; and an author
    that joins party names with commas and 'and' is those parties (each a claimant here: own word)."""
    tied = _own_word_case("Department of State", organs=["the Department of State"])
    assert claim(run(tied), "strike", "sd").status == "defeated"
    joined = _own_word_case("Avalon and Avalon")
    assert claim(run(joined), "strike", "sd").status == "defeated"
    other = _own_word_case("Avalon and Borduria")  # Borduria, the attacker, is no claimant: independent
    assert claim(run(other), "strike", "sd").status == "survives"


# --- an organ acts for its organisation (rules/core/derived.lp acts_for_organisation_as_organ) -----------------


def test_a_consent_given_to_an_organisation_covers_its_missions_act() -> None:
    """Darfur: Sudan's consent named the African Union instead of AMIS. With AMIS recorded as the Union's organ
    (`organ_of`), the consent covers AMIS's deployment (ARIO Art 6); without that record it does not."""

    def to_union(c: Case) -> None:
        for k in c["consents"]:
            k["to"] = ["african-union" if t == "amis" else t for t in k["to"]]

    case = variant(bundled("darfur-2004"), to_union)
    for p in PERSPECTIVES:
        assert run(case, p).act("amis-deployment").verdict == "lawful", p

    def not_an_organ(c: Case) -> None:
        to_union(c)
        next(x for x in c["parties"] if x["id"] == "amis").pop("organ_of")

    assert claim(run(variant(bundled("darfur-2004"), not_an_organ)), "amis-deployment", "amis-consent").status != (
        "survives"
    )
