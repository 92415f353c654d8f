"""The authoring guide (docs/authoring.md) runs as written, so that it cannot go stale.

The guide's fenced blocks are read in order, in an empty directory:

- a block whose info string names a file (```` ```lp file=nationals/perspectives/nationals.lp ````)
  is written to that file;
- each line of a ```` ```sh ```` block is a command, run with bash; it must exit with status 0, or
  with the status its trailing comment gives (``# exits 1``);
- a ```` ```text ```` block right after a ``sh`` block lists lines that the output of that block
  (stdout and stderr) must contain, whitespace aside.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .conftest import ROOT

GUIDE = ROOT / "docs" / "authoring.md"
_FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```\s*$", re.M | re.S)
_EXITS = re.compile(r"#\s*exits\s+(\d+)\s*$")


@dataclass
class Step:
    kind: str
    line: int
    text: str
    path: str = ""
    expected: list[str] = field(default_factory=list)


def steps() -> list[Step]:
    text = GUIDE.read_text(encoding="utf-8")
    out: list[Step] = []
    for match in _FENCE.finditer(text):
        info = match.group(1).strip()
        body = match.group(2)
        line = text.count("\n", 0, match.start()) + 1
        file = re.search(r"\bfile=(\S+)", info)
        if file:
            out.append(Step("file", line, body, path=file.group(1)))
        elif info == "sh":
            out.append(Step("sh", line, body))
        elif info == "text" and out and out[-1].kind == "sh":
            out[-1].expected.extend(x.strip() for x in body.splitlines() if x.strip())
    return out


def squash(text: str) -> str:
    return " ".join(text.split())


def test_the_guide_covers_the_whole_workflow() -> None:
    commands = " ".join(s.text for s in steps() if s.kind == "sh")
    for command in (
        "normengine new ruleset",
        "normengine check",
        "normengine test",
        "normengine compare",
        "normengine evaluate",
    ):
        assert command in commands, command
    files = [s.path for s in steps() if s.kind == "file"]
    assert "nationals/perspectives/nationals.lp" in files


def test_every_command_the_prose_names_is_run() -> None:
    """A command quoted in the prose (`normengine ...`) is one the guide runs, or the start of one."""
    text = GUIDE.read_text(encoding="utf-8")
    prose = _FENCE.sub("", text)
    commands = [
        c.strip().split("#")[0].split()
        for s in steps()
        if s.kind == "sh"
        for c in s.text.splitlines()
        if c.strip().startswith("normengine")
    ]
    for quoted in re.findall(r"`(normengine [^`]*)`", prose):
        words = quoted.split()
        assert any(c[: len(words)] == words for c in commands), f"docs/authoring.md quotes `{quoted}` but never runs it"


@pytest.mark.slow
def test_the_guide_runs_as_written(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["COLUMNS"] = "160"
    ran = 0
    for step in steps():
        if step.kind == "file":
            target = tmp_path / step.path
            assert target.resolve().is_relative_to(tmp_path.resolve())
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(step.text, encoding="utf-8")
            continue
        output = ""
        for raw in step.text.splitlines():
            command = raw.strip()
            if not command or command.startswith("#"):
                continue
            want = _EXITS.search(command)
            expected_status = int(want.group(1)) if want else 0
            proc = subprocess.run(
                ["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
            )
            ran += 1
            output += proc.stdout + proc.stderr
            assert proc.returncode == expected_status, (
                f"docs/authoring.md:{step.line}: `{command}` exited {proc.returncode}, expected {expected_status}\n"
                f"{proc.stdout}{proc.stderr}"
            )
            assert "Traceback" not in proc.stderr
        for line in step.expected:
            assert squash(line) in squash(output), (
                f"docs/authoring.md:{step.line}: the output lacks {line!r}\n--- output ---\n{output}"
            )
    assert ran >= 10


def test_the_guide_lists_every_contested_point() -> None:
    from normengine.rulesets import bundled_rules_dir

    declared = re.findall(
        r"^contested_point\((\w+)\)\.",
        (bundled_rules_dir() / "core" / "arguments.lp").read_text(encoding="utf-8"),
        re.M,
    )
    text = GUIDE.read_text(encoding="utf-8")
    assert declared and all(f"`{point}`" in text for point in declared), declared
