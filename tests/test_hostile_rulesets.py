"""Hostile rule sets: ``check`` and ``evaluate`` refuse each with one clear message and exit status 2.

A rule set is data. It may not run code (``#script``) unless the user passes
``--allow-scripts``, and it may not read files outside its own directory (and
those of the rule sets it builds on): not through ``#include``, not through a
symbolic link, not through its manifest (``files``, ``perspectives``, ``builds_on``), and not
through clingo's habit of resolving an include against the current directory first. Nor may it
forge what a report says the law held: the engine's own predicates (``__fired_K``, ``__verdict``,
the argumentation core's ``af_gr_in``, ...) and the bundled law's rule ids are reserved, and
``check`` reports a rule set that defines them (exit status 1, code ``reserved``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .authoring_helpers import NATIONALS, ruleset, run, write
from .conftest import CASES
from .fuzz import examples

pytestmark = pytest.mark.slow  # hostile rule sets: deselected by -m 'not slow', run by .ci/run

KOSOVO = str(CASES / "kosovo-1999.yaml")


def both(capsys: pytest.CaptureFixture[str], rules: Path) -> list[tuple[int, str, str]]:
    """Run ``check`` and ``evaluate`` on the rule set; return (status, stdout, stderr) of each."""
    return [
        run(capsys, "check", str(rules)),
        run(capsys, "evaluate", KOSOVO, "--rules", str(rules)),
    ]


def assert_refused(results: list[tuple[int, str, str]], *words: str) -> None:
    for status, out, err in results:
        assert status == 2, (status, out, err)
        assert out == "", out
        assert err.startswith("error: ") and "Traceback" not in err, err
        for word in words:
            assert word in err, (word, err)


def test_a_script_is_refused_and_does_not_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "pwned"
    script = f"""
        #script (python)
        open({str(marker)!r}, "w").write("the script ran")
        #end.
        """
    root = ruleset(tmp_path / "rs", NATIONALS + script.replace("\n        ", "\n    "))
    assert_refused(both(capsys, root), "#script", "--allow-scripts", "mine.lp:")
    assert not marker.exists()
    # The payload is live: clingo with Python enabled (in another process) runs it on loading the file.
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, clingo, clingo.script; clingo.script.enable_python(); clingo.Control().load(sys.argv[1])",
            str(root / "mine.lp"),
        ],
        check=True,
        capture_output=True,
    )
    assert marker.read_text() == "the script ran"


def test_an_allowed_script_that_clingo_cannot_run_is_a_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """normengine never enables Python in clingo, so even an allowed script cannot run: say so, no crash."""
    marker = tmp_path / "pwned"
    script = f'\n    #script (python)\n    open({str(marker)!r}, "w").write("ran")\n    #end.\n'
    root = ruleset(tmp_path / "rs", NATIONALS + script)
    status, out, err = run(capsys, "check", str(root), "--allow-scripts")
    assert status == 1 and "mine.lp:16: error: #script (python)" in out and "no python support" in out, out + err
    assert "[script]" in out, out
    status, out, err = run(capsys, "evaluate", KOSOVO, "--rules", str(root), "--allow-scripts")
    assert (status, out) == (2, ""), err
    assert "mine.lp:16:1: error: #script (python): this clingo has no python support" in err, err
    assert "Traceback" not in err and "internal error" not in err
    assert not marker.exists()


def test_an_include_reaching_outside_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = ruleset(tmp_path / "rs", NATIONALS, '#include "../../etc/passwd".\n')
    assert_refused(both(capsys, root), "extra.lp:1:", "reaches outside")


def test_an_include_of_clingos_system_files_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = ruleset(tmp_path / "rs", NATIONALS, "#include <incmode>.\n")
    assert_refused(both(capsys, root), "extra.lp:1:", "#include <incmode>")


def test_an_include_through_a_symbolic_link_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = write(tmp_path / "outside", {"secret.lp": "%@ source: secret\nsecret.\n"}) / "secret.lp"
    root = ruleset(tmp_path / "rs", NATIONALS, '#include "link.lp".\n')
    os.symlink(outside, root / "link.lp")
    assert_refused(both(capsys, root), "extra.lp:1:", "reaches outside")


def test_a_perspective_that_is_a_link_to_outside_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = write(tmp_path / "outside", {"secret.lp": "%@ source: secret\nsecret.\n"}) / "secret.lp"
    root = ruleset(tmp_path / "rs", NATIONALS)
    (root / "mine.lp").unlink()
    os.symlink(outside, root / "mine.lp")
    assert_refused(both(capsys, root), "ruleset.toml", "perspectives.mine", "points outside")


@pytest.mark.parametrize(
    ("manifest", "words"),
    [
        ('name = "x"\nfiles = ["../outside.lp"]\n[perspectives]\nx = "x.lp"\n', ("files", "points outside")),
        ('name = "x"\n[perspectives]\nx = "../../etc/passwd"\n', ("perspectives.x", "points outside")),
        ('name = "x"\n[perspectives]\nx = "/etc/passwd"\n', ("perspectives.x", "points outside")),
    ],
    ids=["files", "perspective-relative", "perspective-absolute"],
)
def test_a_manifest_pointing_outside_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], manifest: str, words: tuple[str, ...]
) -> None:
    write(tmp_path, {"outside.lp": "%@ source: s\nsecret.\n"})
    root = write(tmp_path / "rs", {"ruleset.toml": manifest, "x.lp": "%@ source: s\nx.\n"})
    assert_refused(both(capsys, root), "ruleset.toml", *words)


def test_an_include_that_clingo_would_take_from_the_current_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """clingo resolves ``#include "x.lp"`` against the current directory before the including file's."""
    monkeypatch.setenv("NORMENGINE_CACHE", "off")
    root = ruleset(tmp_path / "rs", NATIONALS, '#include "shared.lp".\n')
    write(root, {"shared.lp": '%@ source: [un-charter art 2(4)]\nlabel(harmless, "harmless").\n'})
    elsewhere = write(tmp_path / "cwd", {"shared.lp": '%@ source: s\nlabel(hijacked, "hijacked").\n'})
    monkeypatch.chdir(elsewhere)
    # The engine parses from an empty directory, so clingo takes the rule set's own shared.lp.
    for status, out, err in both(capsys, root):
        assert status == 0, (out, err)
    from normengine.rulesets import load_ruleset, parse_program

    rs = load_ruleset(root)
    program = parse_program([*rs.files, rs.perspective_file("mine")[1]], rs.roots, use_cache=False)
    assert 'label(harmless,"harmless")' in program.facts
    assert not any("hijacked" in fact for fact in program.facts)
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "check", str(root))
    assert status == 0, err


# --------------------------------------------------------------------------
# Forged explanations: the engine's predicates and the bundled law's rule ids are reserved


@pytest.mark.parametrize(
    ("statement", "name"),
    [
        ('__fired_0("strike").', "__fired_0/1"),
        ("__fired_3(X) :- act(X).", "__fired_3/1"),
        ("{ __fired_1(X) } :- act(X).", "__fired_1/1"),
        ("__fired_2(X) ; q(X) :- act(X).", "__fired_2/1"),
        ("-__fired_0(x).", "__fired_0/1"),
        ("#external __fired_4(x).", "__fired_4/1"),
        ('#show __verdict("strike", lawful).', "__verdict/2"),
        ("__act(x).", "__act/1"),
        (
            'af_gr_in(violation("strike", non_use_of_force, x)) :- arg(violation("strike", non_use_of_force, x)).',
            "af_gr_in/1",
        ),
        ("{ af_in(X) } :- arg(X).", "af_in/1"),
        ("af_gr_out(X) :- arg(X).", "af_gr_out/1"),
    ],
    ids=[
        "fired-fact",
        "fired-rule",
        "fired-choice",
        "fired-disjunction",
        "fired-classical-negation",
        "fired-external",
        "show-term-verdict",
        "engine-act",
        "af-grounded-in",
        "af-in-choice",
        "af-grounded-out",
    ],
)
def test_a_rule_set_may_not_define_the_engines_predicates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], statement: str, name: str
) -> None:
    root = ruleset(tmp_path / "rs", NATIONALS, f"%@ source: a forgery\n{statement}\n")
    status, out, err = run(capsys, "evaluate", KOSOVO, "--rules", str(root))
    assert (status, out) == (2, ""), err
    assert "Traceback" not in err and "internal error" not in err
    assert "extra.lp:2:1: error: the rule set " in err and f"{name}, which the engine reserves" in err, err
    status, out, err = run(capsys, "check", str(root))
    assert status == 1, (out, err)
    assert "extra.lp:2: error: " in out and f"{name}, which the engine reserves" in out and "[reserved]" in out, out


def test_a_rule_may_not_reuse_a_bundled_rule_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    forged = (
        "%@ rule: sd_no_armed_attack\n%@ source: my own reading\n%@ says: nothing\n"
        "element_fails(C, armed_attack) :- claim(C, self_defence).\n"
    )
    root = ruleset(tmp_path / "rs", NATIONALS, forged)
    status, out, err = run(capsys, "evaluate", KOSOVO, "--rules", str(root))
    assert (status, out) == (2, ""), err
    assert "extra.lp:4:1: error: rule id 'sd_no_armed_attack' is also the id of a rule of the bundled law" in err, err
    assert "rules/justifications/self_defence.lp:" in err
    status, out, _ = run(capsys, "check", str(root))
    assert status == 1 and "extra.lp:4: error: rule id 'sd_no_armed_attack'" in out and "[reserved]" in out, out


def test_a_perspective_may_copy_a_bundled_rule_verbatim_but_not_change_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    orthodox = (Path(__file__).parent.parent / "rules" / "perspectives" / "orthodox.lp").read_text(encoding="utf-8")
    copy = orthodox.replace("perspective(orthodox,", "perspective(mine,")
    root = ruleset(tmp_path / "copy", copy)
    status, out, err = run(capsys, "evaluate", KOSOVO, "--rules", str(root), "--perspective", "mine")
    assert status == 0, err
    changed = copy.replace("force_principle(Pa).", "force_principle(Pa); not perspective(none, _).", 1)
    assert changed != copy
    root = ruleset(tmp_path / "changed", changed)
    status, out, err = run(capsys, "evaluate", KOSOVO, "--rules", str(root), "--perspective", "mine")
    assert (status, out) == (2, ""), err
    assert "rule id 'orthodox_force_over_human_rights' is the id of a rule of the bundled law" in err, err
    assert "but this is another rule" in err
    resourced = copy.replace(
        "%@ rule: orthodox_force_over_human_rights\n%@ source: ",
        "%@ rule: orthodox_force_over_human_rights\n%@ source: my own reading; ",
    )
    root = ruleset(tmp_path / "resourced", resourced)
    status, out, err = run(capsys, "evaluate", KOSOVO, "--rules", str(root), "--perspective", "mine")
    assert resourced != copy
    assert status == 2 and "orthodox_force_over_human_rights" in err, err


# --------------------------------------------------------------------------
# Manifests that reach outside: builds_on


@pytest.mark.parametrize(
    "builds_on",
    ["../base", "../../x", "/etc", ".", "link"],
    ids=["parent", "grandparent", "absolute", "itself", "symbolic-link-to-outside"],
)
def test_builds_on_may_not_reach_outside(tmp_path: Path, capsys: pytest.CaptureFixture[str], builds_on: str) -> None:
    write(
        tmp_path / "base",
        {"ruleset.toml": 'name = "base"\n[perspectives]\nbase = "base.lp"\n', "base.lp": "%@ source: s\nb.\n"},
    )
    root = write(
        tmp_path / "rs",
        {
            "ruleset.toml": f'name = "x"\nbuilds_on = ["{builds_on}"]\n[perspectives]\nx = "x.lp"\n',
            "x.lp": "%@ source: s\nx.\n",
        },
    )
    os.symlink(tmp_path / "base", root / "link")
    assert_refused(both(capsys, root), "ruleset.toml", f"builds_on = {builds_on!r}", "outside the rule set's directory")


def test_builds_on_a_rule_set_inside_or_an_installed_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = ruleset(tmp_path / "rs", NATIONALS)
    write(
        root / "inner",
        {"ruleset.toml": 'name = "inner"\nbuilds_on = ["builtin"]\n[perspectives]\ninner = "inner.lp"\n'},
    )
    (root / "inner" / "inner.lp").write_text(
        NATIONALS.replace("perspective(mine,", "perspective(inner,"), encoding="utf-8"
    )
    outer = write(tmp_path / "outer", {"ruleset.toml": 'name = "outer"\nbuilds_on = ["sub"]\n'})
    os.rename(root, outer / "sub")
    status, _out, err = run(
        capsys, "evaluate", KOSOVO, "--rules", str(outer), "--perspective", "mine", "--format", "json"
    )
    assert status == 0, err


# --------------------------------------------------------------------------
# Symbolic-link loops


def test_symbolic_link_loops_in_a_rule_set_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    assert_refused(both(capsys, tmp_path / "a"), "symbolic-link loop")
    root = ruleset(tmp_path / "rs", NATIONALS, '#include "loop.lp".\n')
    (root / "loop.lp").symlink_to(root / "loop.lp")
    assert_refused(both(capsys, root), "extra.lp:1:", "symbolic-link loop")
    root = ruleset(tmp_path / "rs2", NATIONALS)
    (root / "mine.lp").unlink()
    (root / "mine.lp").symlink_to(root / "mine.lp")
    assert_refused(both(capsys, root), "ruleset.toml", "perspectives.mine", "symbolic-link loop")


# --------------------------------------------------------------------------
# Property: whatever form of statement defines a reserved predicate, the rule set is refused

_HEADS = [
    "{atom}.",
    "{atom} :- act(X).",
    "-{atom} :- act(X).",
    "{{ {atom} }} :- act(X).",
    "{{ {atom} : act(X) }}.",
    "{atom} ; other(X) :- act(X).",
    "#count {{ X: {atom} : act(X) }} :- act(X).",
    "#external {atom} : act(X).",
    "#show {atom} : act(X).",
]


@st.composite
def reserved_statements(draw: Any) -> tuple[str, str]:
    from normengine.rulesets import reserved_predicates

    name = draw(
        st.sampled_from(sorted(reserved_predicates()))
        | st.from_regex(r"\A__[a-z][a-z0-9_]{0,8}\Z", fullmatch=True)
        | st.sampled_from(["__fired_0", "__fired_12", "__verdict", "__status", "__violation", "__claim"])
    )
    arity = draw(st.integers(1, 3))
    atom = f"{name}({', '.join(['X'] * arity)})"
    return draw(st.sampled_from(_HEADS)).format(atom=atom), f"{name}/{arity}"


@settings(max_examples=examples(60), deadline=None)
@given(statement=reserved_statements())
def test_any_statement_defining_a_reserved_predicate_is_refused(statement: tuple[str, str]) -> None:
    import tempfile

    from normengine.rulesets import RuleSetRefused, parse_program

    text, name = statement
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "forge.lp"
        path.write_text(f"%@ source: s\nact(a).\n%@ source: s\n{text}\n", encoding="utf-8")
        with pytest.raises(RuleSetRefused) as caught:
            parse_program([path], (Path(tmp),), use_cache=False)
        assert caught.value.code == "reserved"
        assert any(
            m.endswith(f"{name}, which the engine reserves: " + m.split("reserves: ")[1]) for m in caught.value.messages
        )
        assert all(":4:" in m for m in caught.value.messages), caught.value.messages
        # The same statement over a name of the rule set's own is accepted.
        own = text.replace(name.split("/")[0], "mine")
        path.write_text(f"%@ source: s\nact(a).\n%@ source: s\n{own}\n", encoding="utf-8")
        parse_program([path], (Path(tmp),), use_cache=False)


def test_a_relative_path_is_read_relative_to_the_current_directory(tmp_path: Path, monkeypatch: Any) -> None:
    # clingo parses in an empty directory of its own (so that no file of the caller's directory is read for an
    # #include): a relative path given to the API is resolved before, against the caller's directory.
    from normengine.rulesets import parse_program

    (tmp_path / "mine.lp").write_text("%@ rule: mine\n%@ source: s\n%@ says: {X} holds\nq(X) :- p(X).\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    program = parse_program([Path("mine.lp")], (tmp_path,), use_cache=False)
    assert list(program.rules) == ["mine"]
    assert program.entries == ((tmp_path / "mine.lp").resolve(),)
