"""``normengine check``: every kind of finding, located at its file and line, and a clean bundled rule set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from normengine.authoring.check import check_ruleset
from normengine.rulesets import bundled_rules_dir, load_ruleset

from .authoring_helpers import NATIONALS, ruleset, run, write
from .conftest import CASES


def test_the_bundled_rule_set_is_clean_under_every_perspective(capsys: pytest.CaptureFixture[str]) -> None:
    result = check_ruleset()
    assert result.perspectives == ("humanitarian", "orthodox", "sovereigntist")
    assert result.clean, result.to_text()
    status, out, _ = run(capsys, "check", str(bundled_rules_dir()))
    assert status == 0
    assert out.strip().endswith("clean")


def test_a_rule_set_building_on_the_bundled_one_is_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = ruleset(tmp_path / "mine", NATIONALS)
    status, out, err = run(capsys, "check", str(root), "--case", str(CASES / "kosovo-1999.yaml"))
    assert status == 0, out + err
    assert "4 perspectives: humanitarian, mine, orthodox, sovereigntist" in out


def findings(root: Path) -> tuple[list[dict[str, object]], str]:
    result = check_ruleset(root)
    return json.loads(result.to_json())["findings"], result.to_text()


def one(found: list[dict[str, object]], code: str) -> dict[str, object]:
    matching = [f for f in found if f["code"] == code]
    assert len(matching) == 1, (code, found)
    return matching[0]


def test_a_misspelt_body_predicate_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    extra = """
        %@ rule: extra_strike
        %@ source: test
        %@ says: {A} is a strike
        strike(A) :- act_typ(A, air_strikes).
        %@ rule: extra_strike_remark
        %@ source: test
        %@ says: {C} concerns a strike
        remark(C, strike) :- claim_act(C, A); strike(A).
        """
    found, text = findings(ruleset(tmp_path, NATIONALS, extra))
    f = one(found, "undefined")
    assert f["severity"] == "error" and f["line"] == 4 and str(f["file"]).endswith("extra.lp")
    assert "act_typ/2" in str(f["message"]) and "did you mean act_type/2?" in str(f["message"])
    assert "extra.lp:4: error: act_typ/2 is used" in text


def test_a_misspelt_head_is_derived_but_never_used(tmp_path: Path) -> None:
    extra = """
        %@ rule: extra_fails
        %@ source: test
        %@ says: {C} fails
        element_fail(C, necessity) :- claim_type(C, self_defence).
        """
    found, _ = findings(ruleset(tmp_path, NATIONALS, extra))
    f = one(found, "unused")
    assert f["line"] == 4 and "element_fail/2" in str(f["message"]) and "element_fails/2" in str(f["message"])


def test_unsafe_variables_come_from_clingo_with_their_line(tmp_path: Path) -> None:
    extra = """
        %@ rule: extra_unsafe
        %@ source: test
        %@ says: {C} is odd
        remark(C, odd(X)) :- claim(C); not act(X).
        """
    found, _ = findings(ruleset(tmp_path, NATIONALS, extra))
    f = one(found, "unsafe")
    assert f["severity"] == "error" and f["line"] == 4
    assert "unsafe" in str(f["message"]) and "'X'" in str(f["message"])


def test_a_syntax_error_names_the_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extra = """
        %@ source: test
        remark(C, odd) :- claim(C.
        """
    root = ruleset(tmp_path, NATIONALS, extra)
    status, out, err = run(capsys, "check", str(root))
    assert status == 1 and err == ""
    line = next(x for x in out.splitlines() if "[syntax]" in x)
    assert line.startswith(f"{root / 'extra.lp'}:2: error: syntax error")


def test_annotations_sources_and_wording(tmp_path: Path) -> None:
    extra = """
        %@ rule: extra_one
        %@ source: test
        %@ says: {C} is odd and {Nobody} knows
        remark(C, odd) :- claim(C).

        %@ sorce: test
        remark(C, odder) :- claim(C).

        %@ rule: extra_one
        %@ source: test
        %@ says: {C} is odd again
        remark(C, oddest) :- claim(C).

        %@ source: test
        %@ says: a sentence without an id
        remark(C, lonely) :- claim(C).

        %@ rule: extra_shown
        %@ source: test
        shown_thing(C) :- claim(C).
        #show shown_thing/1.

        %@ source: test

        remark(C, far) :- claim(C).
        """
    found, _ = findings(ruleset(tmp_path, NATIONALS, extra))
    by_code = {str(f["code"]): f for f in found}
    assert by_code["says-placeholder"]["line"] == 4
    assert "{Nobody}" in str(by_code["says-placeholder"]["message"])
    assert by_code["unknown-annotation"]["line"] == 6 and "did you mean %@ source:?" in str(
        by_code["unknown-annotation"]["message"]
    )
    no_source = sorted(int(str(f["line"])) for f in found if f["code"] == "no-source")
    assert 7 in no_source and 25 in no_source
    assert by_code["duplicate-id"]["line"] == 12
    assert by_code["says-without-id"]["line"] == 16
    assert by_code["no-wording"]["line"] == 20 and "shown_thing/1" in str(by_code["no-wording"]["message"])
    assert by_code["misplaced-annotation"]["line"] == 23


def test_a_position_on_a_point_that_is_not_contested(tmp_path: Path) -> None:
    perspective = NATIONALS.replace(
        "position(protection_of_nationals, accept).", "position(protection_of_nationls, accept)."
    )
    found, text = findings(ruleset(tmp_path, perspective))
    f = one(found, "position-unknown-point")
    assert f["line"] == 4 and str(f["file"]).endswith("mine.lp")
    assert "did you mean protection_of_nationals?" in str(f["message"])
    assert "(under mine)" in text


def test_a_perspective_that_changes_the_shared_law(tmp_path: Path) -> None:
    perspective = (
        NATIONALS
        + """
    %@ rule: mine_no_necessity
    %@ source: test
    %@ says: {C} fails
    element_fails(C, necessity) :- claim_type(C, self_defence).
    %@ rule: mine_chapter_vii
    %@ source: test
    %@ says: always
    prefers(chapter_vii, A, C, Pa, for) :- conflict_between(A, C, human_rights, Pa).
    %@ source: test
    position(anticipatory_self_defence, accept).
    %@ source: test
    position(anticipatory_self_defence, reject).
    """
    )
    found, _ = findings(ruleset(tmp_path, perspective.replace("perspective(mine,", "perspective(orthodox,")))
    scope = [f for f in found if f["code"] == "perspective-scope"]
    assert {f["line"] for f in scope} == {19, 23}
    assert one(found, "position-both")["line"] == 27
    assert one(found, "perspective-name")["line"] == 2


def test_json_output_and_exit_statuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extra = "%@ source: test\nremark(C, odd) :- claim(C); nothing_here(C).\n"
    root = ruleset(tmp_path / "rs", NATIONALS, extra)
    status, out, _ = run(capsys, "check", str(root), "--format", "json")
    data = json.loads(out)
    assert status == 1 and data["clean"] is False and data["errors"] == 1
    assert data["findings"][0]["code"] == "undefined" and data["findings"][0]["line"] == 2
    status, _, err = run(capsys, "check", str(tmp_path / "nowhere"))
    assert status == 2 and "no such rule set" in err
    (tmp_path / "plain").mkdir()
    status, _, err = run(capsys, "check", str(tmp_path / "plain"))
    assert status == 2 and "not a rule set" in err


def test_a_single_file_rule_set(tmp_path: Path) -> None:
    path = write(tmp_path, {"alone.lp": "%@ source: test\np(X) :- not q(X).\n"}) / "alone.lp"
    result = check_ruleset(path)
    codes = {f.code for f in result.findings}
    assert "unsafe" in codes and "no-arguments" in codes
    assert result.perspectives == ("alone",)
    assert load_ruleset(path).name == "alone"


def test_a_rule_set_without_an_answer_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    perspective = NATIONALS + "\n    %@ source: test\n    :- perspective(mine, _).\n"
    root = ruleset(tmp_path, perspective)
    found, _ = findings(root)
    f = one(found, "unsatisfiable")
    assert f["severity"] == "error" and "no answer set" in str(f["message"])
    status, out, _ = run(capsys, "check", str(root), "--case", str(CASES / "kosovo-1999.yaml"))
    assert status == 1 and "[case]" in out and "no answer set for this case" in out


def test_a_problem_is_located_from_any_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # check reads the parsed program from the caches evaluate fills; a program whose annotations have problems
    # is never kept there, since the loader words their files relative to the directory it ran in
    extra = """
        %@ rule: extra_twice
        %@ source: test
        %@ says: {C} is odd
        remark(C, odd) :- claim(C).
        %@ rule: extra_twice
        %@ source: test
        %@ says: {C} is odd again
        remark(C, odder) :- claim(C).
        """
    root = ruleset(tmp_path / "set", NATIONALS, extra)
    elsewhere = tmp_path / "elsewhere" / "deeper"
    elsewhere.mkdir(parents=True)
    for directory in (tmp_path, elsewhere, tmp_path):
        monkeypatch.chdir(directory)
        found, _ = findings(root)
        f = one(found, "duplicate-id")
        assert f["line"] == 8
        assert Path(str(f["file"])).resolve() == (root / "extra.lp").resolve(), (directory, f)
