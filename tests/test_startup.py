"""A command line that loads only what a command needs (issue 16 part 1, issue 13 part 7).

Asserted on the modules a fresh process imports, not on how long it takes: ``--version``,
``--help`` and ``af solve`` import neither pydantic, rich, YAML, nor the legal engine; ``evaluate``
imports nothing that only another command needs (the server's, the batch's or the graph's libraries),
and with its limits (the default) leaves the engine to its worker.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

# Modules of the legal engine and the heavy libraries it needs; none may load for these commands.
HEAVY: tuple[str, ...] = ("pydantic", "rich", "yaml", "normengine.case", "normengine.loader", "normengine.engine")
HEAVY += ("normengine.solve", "normengine.findings", "normengine.report", "normengine.rulesets", "normengine.api")


def _imported(argv: list[str], tmp: Path) -> set[str]:
    """The modules a fresh ``normengine ARGV`` has imported when it ends (read from sys.modules at exit)."""
    probe = (
        "import atexit, json, sys\n"
        f"atexit.register(lambda: open({str(tmp / 'modules.json')!r}, 'w').write(json.dumps(sorted(sys.modules))))\n"
        "from normengine.cli import main\n"
        f"sys.exit(main({argv!r}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, env=env, cwd=tmp)
    assert done.returncode == 0, done.stderr
    return set(json.loads((tmp / "modules.json").read_text()))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY)


def test_version_imports_nothing_but_the_version(tmp_path: Path) -> None:
    modules = _imported(["--version"], tmp_path)
    assert {m for m in modules if m.startswith("normengine")} == {"normengine", "normengine.cli"}
    assert not _heavy(modules)


@pytest.mark.parametrize("argv", [["--help"], ["evaluate", "--help"], ["batch", "--help"]])
def test_help_imports_no_engine(tmp_path: Path, argv: list[str]) -> None:
    assert not _heavy(_imported(argv, tmp_path))


def test_af_solve_imports_no_engine_and_no_other_command(tmp_path: Path) -> None:
    (tmp_path / "chain.i23").write_text("p af 3\n1 2\n2 3\n", encoding="utf-8")
    modules = _imported(["af", "solve", "chain.i23", "--task", "SE-PR"], tmp_path)
    assert not _heavy(modules)
    commands = {m for m in modules if m.startswith("normengine.commands.")}
    assert not commands, commands


# What ``normengine evaluate`` never needs: the server's and the batch's libraries, the graph drawing, the other
# commands' modules. The command line imports each in the handler of the command that needs it.
NOT_FOR_EVALUATE: tuple[str, ...] = ("fastapi", "starlette", "uvicorn", "httpx", "ray", "pydot", "hypothesis")
NOT_FOR_EVALUATE += ("schemathesis", "normengine.server", "normengine.batch", "normengine.jobs", "normengine.api")
NOT_FOR_EVALUATE += ("normengine.whatif", "normengine.graph", "normengine.compare", "normengine.agreement")
NOT_FOR_EVALUATE += ("normengine.authoring", "normengine.ruletests", "normengine.formats.html")
NOT_FOR_EVALUATE += ("normengine.formats.markdown", "normengine.formats.svg")


def _other(modules: set[str], unwanted: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == u or m.startswith(u + ".") for u in unwanted))


def test_evaluate_imports_the_engine_and_nothing_of_the_other_commands(tmp_path: Path) -> None:
    # In process (no limits, so no worker): every module the evaluation needs is in this process.
    argv = ["evaluate", "kosovo-1999", "--format", "json", "--timeout", "0", "--max-memory", "0"]
    modules = _imported(argv, tmp_path)
    assert {"normengine.engine", "normengine.case", "clingo", "pydantic"} <= modules  # it did evaluate
    # The JSON report needs neither rich (the text report's) nor multiprocessing (the worker's).
    assert not _other(modules, (*NOT_FOR_EVALUATE, "rich", "normengine.render", "multiprocessing"))


def test_evaluate_with_limits_leaves_the_engine_to_its_worker(tmp_path: Path) -> None:
    # With the default limits the evaluation runs in a forked worker: the parent only parses, forks and writes.
    modules = _imported(["evaluate", "kosovo-1999"], tmp_path)
    assert "normengine.worker" in modules
    assert not _heavy(modules)
    assert not _other(modules, NOT_FOR_EVALUATE)


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_shell_completion_knows_every_command_and_option(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("shtab", reason="completion needs shtab (normengine[completion], part of normengine[test])")
    from normengine.cli import main

    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    for word in ("evaluate", "whatif", "batch", "--max-memory", "--perspective", "json"):
        assert word in script, word
