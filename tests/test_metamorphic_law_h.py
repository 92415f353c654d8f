"""Metamorphic tests of the two defects the coverage encodings found (helper lawh).

1. What a treaty forbids (format): a commitment could say only that it protects territorial integrity, political
   independence or the non-use of force, so a treaty of commerce could not be recorded and its breach could not
   engage good faith. `commitments[].forbids` records, article by article, the kinds of act a commitment forbids
   its parties to take against one another; rules/principles/treaty_terms.lp engages good faith through it
   (VCLT Art 26; Nicaragua paras 275-282, 292(10)-(11)), and nothing else: an embargo stays no coercive
   intervention (para 245).
2. Premature recognition (record): the rule asks for the recogniser's own force under way on the territory on the
   day. Recording Russia's forces in the Donbas from 2014, as the European Court of Human Rights found them, lets
   the rule reach the recognition of 21 February 2022, as GA Res ES-11/1 para 5 did.

Each test changes one fact and checks the engine's report for the real input.
"""

from __future__ import annotations

from .metamorphic_helpers import PERSPECTIVES, Case, against, bundled, item, run, second, variant

# --- 1. what a treaty forbids: a generated case --------------------------------------------------------------


def _treaty_case(
    forbids: list[str] | None = None, bound: tuple[str, ...] = ("a", "b"), date: str = "2000-01-01"
) -> Case:
    """A imposes an embargo on B; a treaty of commerce binds A and B and forbids economic measures between them."""
    return {
        "id": "treaty-terms",
        "title": "an embargo between parties to a treaty of commerce",
        "date": "2020-01-01",
        "parties": [
            {"id": x, "name": n, "kind": "state"} for x, n in (("a", "Avalon"), ("b", "Borduria"), ("c", "Carpania"))
        ],
        "commitments": [
            {
                "id": "commerce-treaty",
                "instrument": "Treaty of Commerce between Avalon and Borduria",
                "kind": "treaty",
                "date": date,
                "bound": list(bound),
                "forbids": [
                    {
                        "article": "Art 7",
                        "acts": forbids if forbids is not None else ["economic_measures"],
                        "source": "Treaty of Commerce, Art 7",
                    }
                ],
            }
        ],
        "acts": [{"id": "embargo", "type": "economic_measures", "actors": ["a"], "target": "b", "start": "2020-01-01"}],
    }


def _verdict(case: Case, act: str, perspective: str) -> tuple[str, list[str], set[str]]:
    a = run(case, perspective).act(act)
    return a.verdict, a.violations, against(a)


def test_an_act_the_treaty_forbids_between_its_parties_engages_good_faith() -> None:
    for p in PERSPECTIVES:
        report = run(_treaty_case(), p)
        act = report.act("embargo")
        assert act.verdict == "unlawful", p
        assert act.violations == ["good_faith"], p
        e = next(x for x in act.engaged if x.principle == "good_faith" and x.stance == "against")
        assert e.norms == ["commerce-treaty"] and e.towards == ["b"], p
        assert any("an act of a kind that Art 7 of Treaty of Commerce" in r.text for r in e.reasons), p
        # The treaty engages good faith, and nothing else: no coercive intervention without a coercive demand.
        assert "non_intervention" not in against(act), p


def test_an_act_of_a_kind_the_treaty_does_not_forbid_engages_nothing() -> None:
    for p in PERSPECTIVES:
        verdict, violations, engaged = _verdict(_treaty_case(forbids=["military_manoeuvres"]), "embargo", p)
        assert (verdict, violations, engaged) == ("lawful", [], set()), p


def test_a_treaty_that_does_not_bind_the_target_is_not_breached_towards_it() -> None:
    for p in PERSPECTIVES:
        verdict, violations, engaged = _verdict(_treaty_case(bound=("a", "c")), "embargo", p)
        assert (verdict, violations, engaged) == ("lawful", [], set()), p


def test_a_treaty_concluded_after_the_act_is_not_breached_by_it() -> None:
    for p in PERSPECTIVES:
        verdict, violations, engaged = _verdict(_treaty_case(date="2021-01-01"), "embargo", p)
        assert (verdict, violations, engaged) == ("lawful", [], set()), p


def test_a_coercive_demand_still_makes_the_embargo_intervention_beside_the_treaty() -> None:
    case = variant(_treaty_case(), lambda c: c["acts"][0].update(demands=[{"matter": "political_system"}]))
    for p in PERSPECTIVES:
        verdict, violations, _ = _verdict(case, "embargo", p)
        assert verdict == "unlawful" and set(violations) == {"good_faith", "non_intervention"}, p


# --- 1. what a treaty forbids: Nicaragua 1986 ----------------------------------------------------------------


def _without_forbids(case: Case) -> None:
    item(case["commitments"], "fcn-treaty-1956").pop("forbids")


def test_nicaragua_embargo_breaches_the_fcn_treaty_but_is_no_intervention() -> None:
    case = bundled("nicaragua-1986")
    for p in PERSPECTIVES:
        verdict, violations, engaged = _verdict(case, "trade-embargo", p)
        assert verdict == "unlawful" and violations == ["good_faith"], p
        assert "non_intervention" not in engaged, p  # para 245


def test_nicaragua_embargo_without_the_treaty_article_is_lawful() -> None:
    case = variant(bundled("nicaragua-1986"), _without_forbids)
    for p in PERSPECTIVES:
        verdict, violations, engaged = _verdict(case, "trade-embargo", p)
        assert (verdict, violations, engaged) == ("lawful", [], set()), p


def test_the_treaty_article_changes_no_other_nicaraguan_verdict() -> None:
    with_article = bundled("nicaragua-1986")
    without = variant(with_article, _without_forbids)
    for p in PERSPECTIVES:
        one, other = run(with_article, p), run(without, p)
        for act in one.acts:
            if act.id != "trade-embargo":
                assert (act.verdict, act.violations) == (other.act(act.id).verdict, other.act(act.id).violations), (
                    p,
                    act.id,
                )


def test_the_second_encoding_reaches_the_same_verdict_once_it_records_the_treaty() -> None:
    # The second encoder recorded the treaty once the format could say what its articles forbid (helper covS2,
    # blind to the bundled file); without it, the embargo engages nothing.
    case = second("nicaragua-1986")
    for p in PERSPECTIVES:
        verdict, violations, engaged = _verdict(case, "us-embargo", p)
        assert "good_faith" in violations and "non_intervention" not in engaged, p
        assert verdict == "unlawful", p

    def without(c: Case) -> None:
        c["commitments"] = [k for k in c.get("commitments", []) if k["id"] != "fcn-treaty-1956"]

    assert run(variant(case, without)).act("us-embargo").verdict == "lawful"


# --- 2. premature recognition: Ukraine 2022 -------------------------------------------------------------------


def _drop_donbas_forces(case: Case) -> None:
    case["acts"] = [a for a in case["acts"] if a["id"] != "russian-forces-donbas"]


def test_the_recognition_made_while_russias_forces_were_in_the_donbas_is_unlawful() -> None:
    case = bundled("ukraine-2022")
    for p in PERSPECTIVES:
        verdict, violations, _ = _verdict(case, "recognition-dpr-lpr", p)
        assert verdict == "unlawful" and "sovereign_equality" in violations, p


def test_without_the_recognisers_force_on_the_territory_the_rule_does_not_reach_it() -> None:
    case = variant(bundled("ukraine-2022"), _drop_donbas_forces)
    for p in PERSPECTIVES:
        verdict, violations, _ = _verdict(case, "recognition-dpr-lpr", p)
        assert (verdict, violations) == ("lawful", []), p


def test_force_that_ended_before_the_recognition_does_not_make_it_premature() -> None:
    case = variant(bundled("ukraine-2022"), lambda c: item(c["acts"], "russian-forces-donbas").update(end="2022-01-31"))
    for p in PERSPECTIVES:
        verdict, _, _ = _verdict(case, "recognition-dpr-lpr", p)
        assert verdict == "lawful", p


def test_the_second_encoding_reaches_the_same_verdict_once_it_records_the_forces() -> None:
    # The second encoder recorded the Russian forces in the Donbas from 2014 from the ECtHR's findings (helper covS2,
    # blind to the bundled file); without them, premature recognition does not reach the recognition.
    case = second("ukraine-2022")
    for p in PERSPECTIVES:
        verdict, violations, _ = _verdict(case, "recognition-of-dpr-lpr", p)
        assert verdict == "unlawful" and "sovereign_equality" in violations, p

    def without(c: Case) -> None:
        c["acts"] = [a for a in c["acts"] if a["id"] != "donbas-operations-2014"]

    assert run(variant(case, without)).act("recognition-of-dpr-lpr").verdict == "lawful"
