"""Outputs: written whole or not at all, never over an input; the engine writes nothing else."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from normengine.atomic import write_atomic

from .conftest import CASES, ROOT
from .fuzz import run_cli


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")

    def broken_fsync(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomic(target, "new " * 100_000)
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_a_process_killed_while_writing_leaves_no_partial_file(tmp_path: Path) -> None:
    """A real process dies (SIGKILL) after writing half of a report, before the rename: no partial report."""
    target = tmp_path / "report.json"
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from normengine import atomic
        real_fsync = os.fsync
        def die(fd):
            real_fsync(fd)
            os.kill(os.getpid(), signal.SIGKILL)
        atomic.os.fsync = die
        atomic.write_atomic(atomic.Path({str(target)!r}), "x" * 5_000_000)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], check=False)
    assert proc.returncode == -9
    assert not target.exists()
    # The half-written temporary is hidden and never mistaken for the report.
    assert all(p.name.startswith(".report.json.") for p in tmp_path.iterdir())


def test_an_output_that_cannot_be_written_is_exit_2(tmp_path: Path) -> None:
    case = str(CASES / "kosovo-1999.yaml")
    for output in (tmp_path / "no" / "such" / "dir.json", tmp_path):
        status, out, err = run_cli("evaluate", case, "--format", "json", "--output", str(output))
        assert (status, out) == (2, "")
        assert err.startswith(f"error: {output}: cannot write it: ") and "Traceback" not in err


def _snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    cases = tmp_path / "cases"
    shutil.copytree(CASES, cases)
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    return cases, rules


@pytest.mark.slow
def test_the_engine_never_writes_to_a_case_file_or_a_rule_set(tmp_path: Path, inputs: tuple[Path, Path]) -> None:
    cases, rules = inputs
    before = _snapshot(cases), _snapshot(rules)
    case = str(cases / "kosovo-1999.yaml")
    out = tmp_path / "out"
    out.mkdir()
    commands = [
        ["evaluate", case, "--rules", str(rules)],
        ["evaluate", case, "--rules", str(rules), "--format", "json", "--output", str(out / "r.json")],
        ["evaluate", case, "--rules", str(rules), "--output", str(out / "r.txt"), "--timeout", "0"],
        ["compare", case, "--rules", str(rules), "--format", "json", "--output", str(out / "c.json")],
        ["batch", str(cases), "--rules", str(rules), "--out", str(out / "b.jsonl"), "--workers", "2"],
    ]
    for argv in commands:
        status, _out, err = run_cli(*argv)
        assert status == 0, (argv, err)
    assert (_snapshot(cases), _snapshot(rules)) == before
    assert sorted(p.name for p in out.iterdir()) == ["b.jsonl", "c.json", "r.json", "r.txt"]


@pytest.mark.parametrize("which", ["case", "manifest", "rule file", "included rule file"])
@pytest.mark.parametrize("command", ["evaluate", "compare"])
def test_an_output_over_an_input_is_refused(inputs: tuple[Path, Path], command: str, which: str) -> None:
    cases, rules = inputs
    case = cases / "kosovo-1999.yaml"
    target = {
        "case": case,
        "manifest": rules / "ruleset.toml",
        "rule file": rules / "perspectives" / "orthodox.lp",
        "included rule file": rules / "core" / "inputs.lp",
    }[which]
    before = target.read_bytes()
    status, out, err = run_cli(command, str(case), "--rules", str(rules), "--format", "json", "--output", str(target))
    assert (status, out) == (2, "")
    assert "refusing to write over an input" in err
    assert target.read_bytes() == before


def test_batch_refuses_to_write_its_results_over_a_case(inputs: tuple[Path, Path]) -> None:
    cases, _rules = inputs
    target = cases / "libya-2011.yaml"
    before = target.read_bytes()
    status, _out, err = run_cli("batch", str(cases), "--out", str(target))
    assert status == 2 and "refusing to write over an input" in err
    assert target.read_bytes() == before


def test_a_written_file_has_the_permissions_of_a_file_the_user_creates(tmp_path: Path) -> None:
    from normengine.atomic import write_atomic

    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "report.html", "<p>x</p>")
        assert (tmp_path / "report.html").stat().st_mode & 0o777 == 0o644
        (tmp_path / "kept.txt").write_text("old")
        (tmp_path / "kept.txt").chmod(0o600)
        write_atomic(tmp_path / "kept.txt", "new")
        assert (tmp_path / "kept.txt").stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(umask)
