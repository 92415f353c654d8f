"""Metamorphic tests of the law and format changes made to resolve two-encoder differences (helper shared).

Each test changes one fact of a bundled case or of its second encoding and checks the engine's real report:

- force aimed at another state's forces is force against that state (GA Res 3314 Art 3(d)), even on the acting
  state's own territory (Georgia 2008: the Georgian offensive also aimed at the Russian peacekeepers).
"""

from __future__ import annotations

from .metamorphic_helpers import PERSPECTIVES, against, item, run, second, variant

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

    def invade(c: dict[str, object]) -> None:
        acts = c["acts"]
        assert isinstance(acts, list)
        acts.append(
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
