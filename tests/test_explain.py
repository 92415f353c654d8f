"""Explanations: every conclusion has a tree of reasons that reaches the facts of the case."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from normengine.cli import main
from normengine.report import Explanation

from .conftest import CASES, evaluation


def walk(node: Explanation | None) -> Iterator[Explanation]:
    assert node is not None, "a conclusion of a report evaluated with explanations has no explanation"
    yield node
    for child in node.children:
        yield from walk(child)


def texts(node: Explanation | None) -> str:
    return "\n".join(n.text for n in walk(node))


@pytest.mark.parametrize("case", sorted(p.stem for p in CASES.glob("*.yaml")))
def test_every_conclusion_has_an_explanation_that_reaches_case_facts(case: str) -> None:
    report = evaluation(case).report
    for act in report.acts:
        nodes = list(walk(act.explanation))
        assert nodes[0].kind == "verdict" and act.verdict in nodes[0].text
        if act.engaged and any(e.stance == "against" for e in act.engaged):
            facts = [n for n in nodes if n.kind == "fact"]
            assert facts, f"{act.id}: the verdict's explanation reaches no case fact"
            assert any(n.source for n in facts), f"{act.id}: no fact in the explanation cites its source"
        for j in act.justifications:
            jnodes = list(walk(j.explanation))
            assert jnodes[0].kind == "argument"
            assert any(n.kind == "fact" for n in jnodes), f"{j.id}: explanation reaches no case fact"
        for n in nodes:
            assert "_" not in n.text.split("[")[0] or "(" in n.text, f"bare atom name in {n.text!r}"


def test_kosovo_defeat_names_the_rejected_doctrine_and_the_basis_of_priority() -> None:
    j = next(
        x for x in evaluation("kosovo-1999").report.act("allied-force").justifications if x.id == "nato-humanitarian"
    )
    tree = texts(j.explanation)
    assert "this perspective rejects" in tree
    assert "on the basis of stated position" in tree
    sources = {n.source for n in walk(j.explanation) if n.source}
    assert any("Nicaragua para 268" in s for s in sources)
    attacks = [n for n in walk(j.explanation) if n.kind == "attack" and n.status == "accepted"]
    assert len(attacks) >= 2


def test_nicaragua_explains_why_not_with_the_failed_elements_down_to_facts() -> None:
    j = next(
        x for x in evaluation("nicaragua-1986").report.act("mining-of-ports").justifications if x.id == "csd-mining"
    )
    tree = texts(j.explanation)
    assert "assistance to rebels" in tree and "did not declare itself the victim" in tree
    assert "did not ask the claimants" in tree
    facts = [n for n in walk(j.explanation) if n.kind == "fact"]
    assert any("§237" in (n.source or "") for n in facts), "the necessity finding cites the judgment"
    absent = [n for n in walk(j.explanation) if n.kind == "absent"]
    assert absent, "a why-not explanation shows what was not shown"


def test_darfur_lawful_verdict_is_explained_by_the_surviving_justifications() -> None:
    act = evaluation("darfur-2004").report.act("unamid-deployment")
    tree = texts(act.explanation)
    assert act.explanation is not None and "is lawful" in act.explanation.text
    assert "the attack succeeds" in tree
    assert "consent of the territorial state" in tree and "Security Council authorisation" in tree
    refusal = evaluation("darfur-2004").report.act("refusal-un-force")
    assert refusal.explanation is not None and "engages no principle" in refusal.explanation.text


def test_explain_command_text_json_and_full(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(CASES / "kosovo-1999.yaml"), "--act", "allied-force"]) == 0
    reasons = capsys.readouterr().out
    assert reasons.startswith("Operation Allied Force: UNLAWFUL")
    assert "The claim of humanitarian intervention by Belgium and the United Kingdom is defeated." in reasons
    assert "Authorities:" in reasons and "allied-force" not in reasons
    assert main(["explain", str(CASES / "kosovo-1999.yaml"), "--act", "allied-force", "--tree"]) == 0
    concise = capsys.readouterr().out
    assert "allied-force: unlawful" in concise and "nato-humanitarian: defeated" in concise
    assert "Nothing attacks this argument" not in concise
    assert main(["explain", str(CASES / "kosovo-1999.yaml"), "--act", "allied-force", "--full"]) == 0
    full = capsys.readouterr().out
    assert "Nothing attacks this argument" in full and len(full) > len(concise)
    assert (
        main(["explain", str(CASES / "nicaragua-1986.yaml"), "--justification", "csd-mining", "--format", "json"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["explanations"][0]["conclusion"] == "csd-mining: defeated"
    assert main(["explain", str(CASES / "kosovo-1999.yaml"), "--act", "nope"]) == 2
    assert "no act 'nope'" in capsys.readouterr().err


def test_an_element_that_holds_on_a_case_with_contested_facts_names_the_facts_behind_it() -> None:
    # Georgia 2008 has contested facts, so it is solved in the instrumented form, which shows only the engine's
    # outputs and the rules' firing records: the atoms that block an element's failure (the armed attack the claim
    # invokes) are the heads of those records, and the element's explanation reaches the attack and its source.
    report = evaluation("georgia-2008").report
    j = next(x for x in report.act("russia-defence-of-peacekeepers").justifications if x.type == "self_defence")
    tree = list(walk(j.explanation))
    element = next(n for n in tree if n.text.startswith("armed attack: established"))
    assert "nothing in the case shows it failing" not in element.text
    facts = [n for n in walk(element) if n.kind == "fact"]
    assert any("IIFFMCG" in (n.source or "") for n in facts), [n.text for n in facts]


def test_a_surviving_claim_answers_the_charge_on_its_own_justifications_authority() -> None:
    # The answer of self-defence cites Article 51, not the commentary on consent; consent cites ARSIWA Art 20.
    report = evaluation("georgia-2008").report
    j = next(x for x in report.act("russia-defence-of-peacekeepers").justifications if x.type == "self_defence")
    answers = [r for r in j.reasons if r.kind == "answer"]
    assert answers and all("Article 51" in (r.source or "") or "art 51" in (r.source or "") for r in answers)
    assert not any("consent" in (r.source or "") for r in answers)
