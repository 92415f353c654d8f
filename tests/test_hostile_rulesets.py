"""Hostile rule sets: ``check`` and ``evaluate`` refuse each with one clear message and exit status 2.

A rule set is data. It may not run code (``#script``) unless the user passes
``--allow-scripts``, and it may not read files outside its own directory (and
those of the rule sets it builds on): not through ``#include``, not through a
symbolic link, not through its manifest, and not through clingo's habit of
resolving an include against the current directory first.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .authoring_helpers import NATIONALS, ruleset, run, write
from .conftest import CASES

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
    assert status == 1 and "python support not available" in out and "[clingo]" in out, out + err
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
