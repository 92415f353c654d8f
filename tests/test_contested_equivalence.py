"""The faster attribution of dependencies on contested facts gives the same answers as the reference method."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from normengine.case import Case
from normengine.engine import resolve_ruleset
from normengine.facts import to_facts
from normengine.findings import analyse, build_report
from normengine.modal import solve_modal
from normengine.solve import build_program

from .authoring_helpers import ruleset
from .contested_reference import solve_modal_reference

ELEMENTS = ["necessity", "proportionality"]


def random_case(seed: int) -> dict[str, Any]:
    """A random case: states, armed attacks, strikes, self-defence and consent claims, some facts contested."""
    rnd = random.Random(seed)
    n = rnd.randint(2, 5)
    states = [f"s{i}" for i in range(n + 2)]
    parties = [{"id": s, "kind": "state"} for s in states]

    def contest() -> dict[str, Any] | None:
        if rnd.random() < 0.45:
            return None
        return {"source": f"disputed {rnd.randint(0, 99)}"}

    attacks, acts, claims, consents = [], [], [], []
    for i in range(n):
        actor, target = rnd.sample(states, 2)
        attack: dict[str, Any] = {"id": f"attack{i}", "by": target, "against": actor, "date": "2000-01-01"}
        c = contest()
        if c is not None:
            other = rnd.choice([s for s in states if s != actor])
            c["alternatives"] = rnd.choice([[], [{"by": other, "source": "o"}], [{"gravity": "minor"}]])
            attack["contested"] = c
        attacks.append(attack)
        act: dict[str, Any] = {
            "id": f"act{i}",
            "type": rnd.choice(["air_strikes", "ground_operations"]),
            "actors": [actor],
            "target": target,
            "start": "2000-01-10",
        }
        if rnd.random() < 0.2:
            act["contested"] = {"source": "whether it happened"}
        acts.append(act)
        kind = rnd.choice(["self_defence", "self_defence", "consent"])
        claim: dict[str, Any] = {"id": f"claim{i}", "act": f"act{i}", "type": kind, "claimed_by": [actor]}
        if kind == "self_defence":
            claim["responds_to"] = [f"attack{rnd.randint(0, i)}"] if rnd.random() < 0.8 else [f"attack{i}"]
            rows = []
            for element in ELEMENTS:
                if rnd.random() < 0.85:
                    row: dict[str, Any] = {"element": element, "holds": rnd.random() < 0.8}
                    if rnd.random() < 0.3:
                        row["contested"] = {"source": "disputed assessment"}
                    rows.append(row)
            claim["assessments"] = rows
        else:
            consent: dict[str, Any] = {"id": f"consent{i}", "by": target, "to": [actor], "given": "2000-01-01"}
            c = contest()
            if c is not None:
                consent["contested"] = c
            consents.append(consent)
            claim["consents"] = [f"consent{i}"]
        claims.append(claim)
    return {
        "id": f"random-{seed}",
        "title": "random",
        "date": "2000-01-10",
        "parties": parties,
        "armed_attacks": attacks,
        "acts": acts,
        "justifications": claims,
        "consents": consents,
    }


def _summary(case: Case, modal: Any, program: Any) -> dict[str, Any]:
    analysis = analyse(case, program, list(modal.brave), modal, explain=False)
    report = build_report(analysis, resolve_ruleset(None), "p", "v", "h")
    out: dict[str, Any] = {}
    for act in report.acts:
        out[act.id] = (act.verdict, act.established, act.possible_verdicts, act.depends_on, act.rests_on, act.summary)
        for j in act.justifications:
            elements = [(e.element, e.holds, e.on_burden, e.depends_on) for e in j.elements]
            out[j.id] = (j.status, j.established, j.possible_statuses, j.depends_on, j.fails_on, elements, j.summary)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("perspective", ["orthodox", "sovereigntist", "undecided", "benefit_to_claimant"])
def test_the_faster_method_gives_the_answers_of_the_reference(perspective: str, tmp_path: Path) -> None:
    rules: Path | None = None
    if perspective in ("undecided", "benefit_to_claimant"):
        # A perspective that leaves disputed evaluations open, or gives the claimant the benefit of the doubt.
        rules = ruleset(
            tmp_path,
            f"""
            %@ source: test perspective
            perspective(mine, "test").
            %@ source: test perspective
            proof_standard(evaluation, {perspective}).
            """,
        )
        perspective = "mine"
    program = build_program(resolve_ruleset(rules), perspective)[1]
    compared = 0
    for seed in range(30):
        case = Case.model_validate(random_case(seed))
        facts = to_facts(case)
        if not facts.contested:
            continue
        fast = solve_modal(program, facts)
        ref = solve_modal_reference(program, facts)
        assert fast.possible == ref.possible, seed
        assert fast.depends_on == ref.depends_on, seed
        assert fast.burden == ref.burden and fast.standard == ref.standard and fast.disputed == ref.disputed, seed
        assert fast.before == ref.before and fast.before_readings == ref.before_readings, seed
        assert fast.per_reading == ref.per_reading, seed
        assert fast.brave == ref.brave and fast.cautious == ref.cautious, seed
        assert _summary(case, fast, program) == _summary(case, ref, program), seed
        compared += 1
    assert compared >= 20
