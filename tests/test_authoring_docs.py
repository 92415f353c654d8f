"""``normengine new`` and ``normengine vocab``, the case schema and the vocabulary page, and the help texts."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from normengine.authoring.vocab import engine_inputs, vocabulary
from normengine.cli import build_parser, main
from normengine.facts import to_symbols
from normengine.loader import load_case
from normengine.rulesets import bundled_rules_dir

from .authoring_helpers import NATIONALS, ruleset, run, write
from .conftest import CASES, ROOT

NEW_COMMANDS = ("vocab", "check", "test", "new")


# ---------------------------------------------------------------------------
# new


def test_new_case_evaluates_and_passes_its_own_test(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "new", "case", "my-episode", "--dir", str(tmp_path))
    path = tmp_path / "my-episode.yaml"
    assert status == 0 and f"wrote {path}" in out
    assert run(capsys, "evaluate", str(path))[0] == 0
    status, out, err = run(capsys, "test", str(path))
    assert status == 0 and "1 passed, 0 failed" in out, out + err
    case = load_case(path)
    assert case.id == "my-episode" and case.outcome is not None


def test_new_ruleset_passes_check_and_its_tests_and_evaluates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "new", "ruleset", "my-view", "--dir", str(tmp_path))
    root = tmp_path / "my-view"
    assert status == 0
    for name in ("ruleset.toml", "perspectives/my_view.lp", "tests/my_view.yaml", "README.md"):
        assert (root / name).is_file() and f"wrote {root / name}" in out
    status, out, err = run(capsys, "check", str(root))
    assert status == 0 and out.strip().endswith("clean"), out + err
    status, out, err = run(capsys, "test", str(root / "tests"), "--rules", str(root))
    assert status == 0 and "1 passed, 0 failed" in out, out + err
    status, out, err = run(
        capsys, "evaluate", str(CASES / "kosovo-1999.yaml"), "--rules", str(root), "--format", "json"
    )
    assert status == 0, err
    report = json.loads(out)
    assert report["perspective"] == "my_view" and report["ruleset"] == "my-view"


def test_new_refuses_to_overwrite_and_bad_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taken.yaml").write_text("mine\n", encoding="utf-8")
    status, _, err = run(capsys, "new", "case", "taken", "--dir", str(tmp_path))
    assert status == 2 and "already exists" in err and "never overwrites" in err
    assert (tmp_path / "taken.yaml").read_text(encoding="utf-8") == "mine\n"
    write(tmp_path, {"view/README.md": "mine\n"})
    status, _, err = run(capsys, "new", "ruleset", "view", "--dir", str(tmp_path))
    assert status == 2 and "README.md already exists" in err
    assert not (tmp_path / "view" / "ruleset.toml").exists()
    for bad in ("Bad", "../escape", "x y", "x).", "9lives", "a" * 65):
        status, _, err = run(capsys, "new", "case", bad, "--dir", str(tmp_path))
        assert status == 2 and "cannot name a case" in err, bad


def test_a_new_case_inside_a_checkout_points_at_the_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "checkout", {"docs/schema/case.schema.json": "{}"})
    assert run(capsys, "new", "case", "here", "--dir", str(tmp_path / "checkout" / "cases"))[0] == 0
    first = (tmp_path / "checkout" / "cases" / "here.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../docs/schema/case.schema.json"
    assert run(capsys, "new", "case", "elsewhere", "--dir", str(tmp_path / "x"))[0] == 0
    text = (tmp_path / "x" / "elsewhere.yaml").read_text(encoding="utf-8")
    assert "normengine schema case -o case.schema.json" in text.splitlines()[0]


def test_the_perspective_template_speaks_to_every_contested_point() -> None:
    template = (ROOT / "normengine" / "templates" / "ruleset" / "perspectives" / "perspective.lp").read_text(
        encoding="utf-8"
    )
    points = re.findall(
        r"^contested_point\((\w+)\)\.",
        (bundled_rules_dir() / "core" / "arguments.lp").read_text(encoding="utf-8"),
        re.M,
    )
    assert len(points) >= 9
    for point in points:
        assert point in template, f"the perspective template says nothing of the contested point {point}"


# ---------------------------------------------------------------------------
# vocab


def test_the_input_vocabulary_is_what_facts_produce() -> None:
    """Every fact facts.py produces for the bundled cases is a declared input, with its arity."""
    declared = {d.sig for d in engine_inputs()}
    produced: set[tuple[str, int]] = set()
    for path in sorted(CASES.glob("*.yaml")):
        produced |= {(s.name, len(s.arguments)) for s in to_symbols(load_case(path))}
    assert produced <= declared, produced - declared
    assert all(d.description and d.reads and all(d.arg_docs) for d in engine_inputs())


def test_every_declared_input_is_produced_by_facts() -> None:
    source = (ROOT / "normengine" / "facts.py").read_text(encoding="utf-8")
    # auth(R, I) and assessment(C, E) name terms, as do qualification(Id, Field) and set(Ids) (a qualification's
    # point and a list value); reading(F, I) guards the facts of contested readings (engine-owned,
    # normengine/encodings/readings.lp), not a case input.
    named = set(re.findall(r'_f\("(\w+)"', source)) - {"auth", "reading", "set"}
    declared = {name for name, _ in (d.sig for d in engine_inputs())}
    unproduced = declared - named
    assert not unproduced, f"declared in inputs.lp but never produced by facts.py: {unproduced}"
    assert named <= declared, named - declared


def test_vocab_formats(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "vocab", "--format", "json")
    data = json.loads(out)
    assert status == 0 and data["ruleset"] == "international-law"
    by = {(p["name"], p["arity"]): p for p in data["predicates"]}
    assert by[("act_type", 2)]["kind"] == "input"
    assert by[("act_type", 2)]["args"] == [{"name": "A", "meaning": "act id"}, {"name": "T", "meaning": "act type"}]
    assert by[("engaged_norm", 5)]["kind"] == "output" and by[("position", 2)]["kind"] == "output"
    assert by[("qualifying_attack", 2)]["kind"] == "derived"
    assert by[("hi_conditions_hold", 1)]["file"] == "justifications/humanitarian.lp"
    status, out, _ = run(capsys, "vocab")
    assert status == 0 and "Input predicates (" in out and "act_type(A, T)    [core/inputs.lp:" in out


@pytest.mark.slow
def test_vocab_of_a_rule_set_marks_its_own_predicates(tmp_path: Path) -> None:
    extra = """
        %*! rescue_mission(A)
        Act A is a rescue of nationals.
        Args:
            - A: act id
        Reads: {A} is a rescue mission
        *%
        %@ rule: mine_rescue
        %@ source: test
        %@ says: {A} is a rescue
        rescue_mission(A) :- claim_act(C, A); claim_type(C, protection_of_nationals).
        """
    root = ruleset(tmp_path, NATIONALS, extra)
    vocab = vocabulary(root)
    entries = {(e.name, e.arity): e for e in vocab.entries}
    assert entries[("rescue_mission", 1)].file == "extra.lp" and entries[("rescue_mission", 1)].kind == "derived"
    assert entries[("act_type", 2)].file == "builtin:core/inputs.lp"
    assert vocab.perspectives == ("humanitarian", "mine", "orthodox", "sovereigntist")


def test_docs_vocabulary_is_current() -> None:
    committed = (ROOT / "docs" / "vocabulary.md").read_text(encoding="utf-8")
    assert committed == vocabulary().to_markdown(), (
        "docs/vocabulary.md is stale: run `normengine vocab --format markdown -o docs/vocabulary.md`"
    )


# ---------------------------------------------------------------------------
# the case schema


def test_docs_case_schema_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "case"]) == 0
    current = capsys.readouterr().out
    committed = (ROOT / "docs" / "schema" / "case.schema.json").read_text(encoding="utf-8")
    assert committed == current, "docs/schema/case.schema.json is stale: run `normengine schema case -o ...`"


def test_every_property_of_the_case_schema_has_a_description() -> None:
    schema = json.loads((ROOT / "docs" / "schema" / "case.schema.json").read_text(encoding="utf-8"))
    missing = []
    for name, model in [("Case", schema), *schema["$defs"].items()]:
        if "properties" in model and not model.get("description"):
            missing.append(name)
        for prop, spec in model.get("properties", {}).items():
            if not spec.get("description"):
                missing.append(f"{name}.{prop}")
    assert not missing, f"schema properties without a description: {missing}"


@pytest.mark.parametrize("path", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_bundled_cases_point_their_editor_at_the_schema(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()[:3]
    directive = next((x for x in lines if x.startswith("# yaml-language-server: $schema=")), None)
    assert directive is not None
    assert (path.parent / directive.split("=", 1)[1]).resolve() == ROOT / "docs" / "schema" / "case.schema.json"


# ---------------------------------------------------------------------------
# help


@pytest.mark.parametrize("command", NEW_COMMANDS)
def test_each_new_command_has_help_ending_with_a_worked_example(command: str) -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    text = sub.choices[command].format_help()
    tail = text.rstrip().split("\nexample:\n")
    assert len(tail) == 2, f"`normengine {command} --help` has no example section"
    lines = [x.strip() for x in tail[1].splitlines() if x.strip()]
    assert lines and all(x.startswith("normengine ") for x in lines), lines


@pytest.mark.slow
def test_example_commands_in_help_texts_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worked examples are real: those that need no file of the user's run as written."""
    monkeypatch.chdir(ROOT)
    for argv in (
        ["check"],
        ["test", "tests/rules", "--format", "json"],
        ["vocab", "--format", "json"],
        ["new", "case", "entebbe-1976", "--dir", str(tmp_path)],
        ["new", "ruleset", "nationals", "--dir", str(tmp_path / "rulesets")],
    ):
        status, out, err = run(capsys, *argv)
        assert status == 0, (argv, out, err)
    rules = str(tmp_path / "rulesets" / "nationals")
    for argv in (["check", rules], ["test", f"{rules}/tests", "--rules", rules]):
        status, out, err = run(capsys, *argv)
        assert status == 0, (argv, out, err)


def test_a_rule_set_from_anywhere_on_disk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`evaluate --rules` with a rule set in a temporary directory that builds on the bundled one."""
    root = ruleset(tmp_path / "anywhere", NATIONALS)
    status, out, err = run(
        capsys, "evaluate", str(CASES / "kosovo-1999.yaml"), "--rules", str(root), "--format", "json"
    )
    assert status == 0, err
    report = json.loads(out)
    assert report["ruleset"] == "mine" and report["perspective"] == "mine"
    assert report["ruleset_hash"].startswith("sha256:")
    for perspective in ("orthodox", "humanitarian"):
        status, out, _ = run(
            capsys,
            "evaluate",
            str(CASES / "kosovo-1999.yaml"),
            "--rules",
            str(root),
            "--perspective",
            perspective,
            "--format",
            "json",
        )
        assert status == 0 and json.loads(out)["perspective"] == perspective
    status, out, _ = run(capsys, "compare", str(CASES / "kosovo-1999.yaml"), "--rules", str(root), "--format", "json")
    assert status == 0 and json.loads(out)["perspectives"] == ["mine", "humanitarian", "orthodox", "sovereigntist"]
