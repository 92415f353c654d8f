"""Explanation trees state a repeated reason once (docs/report.md, "explanation").

A subtree that already appeared earlier in the same tree (depth first, children in order) is given in full at
its first occurrence only; every later occurrence is a reference (``see``: the ``id`` of the first). These
tests check, on the engine's own output: that no tree of any bundled case's report, under any perspective,
gives a subtree in full twice; that every reference resolves to an earlier node of the same tree that reads
the same; that resolving the references (``Explanation.expanded()``) gives back the tree written out in full;
that building the trees once per subtree (memoised) gives the trees built from scratch; and that every
renderer of the trees marks a reference.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from clingo import Function, String

from normengine import explain as explain_module
from normengine.cli import main
from normengine.engine import evaluate_full
from normengine.explain import Node
from normengine.findings import verdict_explanation
from normengine.report import Explanation, Report

from .conftest import CASES, evaluation

CASE_NAMES = sorted(p.stem for p in CASES.glob("*.yaml"))
PERSPECTIVES = ["orthodox", "humanitarian", "sovereigntist"]


def _trees(report: Report) -> Iterator[tuple[str, Explanation]]:
    for act in report.acts:
        if act.explanation is not None:
            yield act.id, act.explanation
        for j in act.justifications:
            if j.explanation is not None:
                yield j.id, j.explanation


def _fields(node: Explanation) -> tuple[object, ...]:
    return (node.text, node.kind, node.source, node.rule, node.status)


def check_shared(where: str, tree: Explanation) -> int:
    """Assert that the tree gives each subtree in full once and that its references resolve; return how many
    references it has."""
    given: dict[str, Explanation] = {}
    referred: set[str] = set()
    keys: dict[tuple[object, ...], int] = {}
    full_keys: list[int] = []

    def walk(node: Explanation) -> int:
        """The content key of the node's subtree written out in full (a reference has its target's)."""
        if node.see is not None:
            assert node.id is None and not node.children, f"{where}: a reference has children or an id"
            target = given.get(node.see)
            assert target is not None, f"{where}: {node.text!r} refers to {node.see!r}, not given before"
            assert _fields(node) == _fields(target), f"{where}: reference {node.see} does not read as its target"
            referred.add(node.see)
            return keys[("id", node.see)]
        if node.id is not None:
            assert node.id == str(len(given) + 1), f"{where}: ids not numbered in document order: {node.id}"
            assert node.children, f"{where}: a leaf has an id"
            given[node.id] = node
        key = keys.setdefault((*_fields(node), tuple(walk(c) for c in node.children)), len(keys))
        if node.children:
            full_keys.append(key)
        if node.id is not None:
            keys[("id", node.id)] = key
        return key

    walk(tree)
    repeated = len(full_keys) - len(set(full_keys))
    assert repeated == 0, f"{where}: {repeated} subtrees given in full more than once"
    assert referred == set(given), f"{where}: ids no reference uses: {sorted(set(given) - referred)}"
    return len(referred)


@pytest.mark.parametrize("perspective", PERSPECTIVES)
@pytest.mark.parametrize("case", CASE_NAMES)
def test_no_tree_gives_a_subtree_in_full_twice_and_every_reference_resolves(case: str, perspective: str) -> None:
    report = evaluation(case, perspective).report
    for name, tree in _trees(report):
        check_shared(f"{case}/{perspective}/{name}", tree)
        # The report's JSON reads back to the same tree.
        assert Explanation.model_validate(tree.model_dump(mode="json")) == tree


@pytest.mark.parametrize("perspective", PERSPECTIVES)
@pytest.mark.parametrize("case", CASE_NAMES)
def test_resolving_the_references_gives_the_tree_in_full(case: str, perspective: str) -> None:
    ev = evaluation(case, perspective)
    an = ev.analysis
    built: list[Node] = [verdict_explanation(an, act.id, act.verdict) for act in ev.report.acts]
    built += [
        an.explainer.argument(Function("justified", [String(j.id)]))
        for act in ev.report.acts
        for j in act.justifications
    ]
    for node in built:
        shared = Explanation.model_validate(node.to_dict())
        full = Explanation.model_validate(node.to_dict(shared=False))
        assert shared.expanded() == full
        check_shared(f"{case}/{perspective}", shared)


def test_the_czechoslovak_invasion_states_its_repeated_reasons_once() -> None:
    """The case that made the report 19.9 MB: 22,164 nodes written out, 349 distinct subtrees."""
    report = evaluation("czechoslovakia-1968", "orthodox").report
    invasion = next(a for a in report.acts if a.id == "invasion")
    assert invasion.explanation is not None

    def count(node: Explanation) -> int:
        return 1 + sum(count(c) for c in node.children)

    shared, full = count(invasion.explanation), count(invasion.explanation.expanded())
    assert full > 20 * shared, (shared, full)
    assert check_shared("czechoslovakia-1968/invasion", invasion.explanation) > 50
    assert len(report.to_json()) < 3_000_000


@pytest.mark.parametrize(
    ("case", "perspective"), [("czechoslovakia-1968", "orthodox"), ("kosovo-1999", "humanitarian")]
)
def test_trees_built_once_per_subtree_are_the_trees_built_from_scratch(
    case: str, perspective: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    memoised = evaluation(case, perspective).report.to_json()
    monkeypatch.setattr(explain_module, "_MEMO_ENTRIES", 0)  # nothing kept: every subtree built where it is met
    scratch = evaluate_full(CASES / f"{case}.yaml", perspective=perspective).report.to_json()
    assert scratch == memoised


def test_expanded_refuses_a_reference_to_nothing_given_before() -> None:
    tree = Explanation.model_validate(
        {
            "text": "root",
            "kind": "verdict",
            "children": [
                {"text": "a", "kind": "rule", "see": "1"},
                {"text": "a", "kind": "rule", "id": "1", "children": [{"text": "f", "kind": "fact"}]},
            ],
        }
    )
    with pytest.raises(ValueError, match="refers to id '1'"):
        tree.expanded()


def test_a_leaf_repeated_stays_a_leaf_and_a_repeated_subtree_is_referred_to() -> None:
    fact = Node("f", "fact", "src")
    inner = Node("b", "rule", children=[fact])
    tree = Node("root", "verdict", children=[Node("a", "rule", children=[inner, fact]), inner, Node("c", "rule")])
    assert tree.to_dict() == {
        "text": "root",
        "kind": "verdict",
        "children": [
            {
                "text": "a",
                "kind": "rule",
                "children": [
                    {
                        "text": "b",
                        "kind": "rule",
                        "id": "1",
                        "children": [{"text": "f", "kind": "fact", "source": "src"}],
                    },
                    {"text": "f", "kind": "fact", "source": "src"},
                ],
            },
            {"text": "b", "kind": "rule", "see": "1"},
            {"text": "c", "kind": "rule"},
        ],
    }
    # Two nodes that read the same are one subtree, whether or not they are the same object.
    twin = Node("b", "rule", children=[Node("f", "fact", "src")])
    assert Node("r", "verdict", children=[inner, twin]).to_dict()["children"][1] == {
        "text": "b",
        "kind": "rule",
        "see": "1",
    }


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_every_rendering_of_a_tree_marks_its_references(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    case = str(CASES / "czechoslovakia-1968.yaml")
    assert main(["explain", case, "--act", "invasion", "--tree", "--format", fmt, "--perspective", "orthodox"]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        for item in json.loads(out)["explanations"]:
            check_shared(item["conclusion"], Explanation.model_validate(item["tree"]))
        assert '"see": "1"' in out
        return
    reference = {
        "text": "(explained above, at [1])",
        "markdown": "(explained above, at [1])",
        "html": '(<a href="#conclusion-1-node-1">explained above, at [1]</a>)',
    }[fmt]
    first = {"text": "── [1] ", "markdown": "- [1] ", "html": "<strong>[1]</strong>"}[fmt]
    assert first in out and reference in out
    assert out.index(first) < out.index(reference)
    if fmt == "html":
        assert 'id="conclusion-1-node-1"' in out and 'href="#conclusion-1-node-1"' in out
