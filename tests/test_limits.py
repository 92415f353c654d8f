"""Limits a user can set, with safe defaults: size, parties, acts, time (grounding included), memory."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from normengine import LimitExceeded, Limits, SolveTimeout, evaluate
from normengine.loader import DEFAULT_LIMITS
from normengine.worker import DEFAULT_MAX_MEMORY_MB

from .fuzz import run_cli
from .test_bad_input import GOOD

DATA = Path(__file__).parent / "data"
BOOM = GOOD.replace("  - {id: b, kind: state}", "  - {id: b, kind: state}\n  - {id: boom, kind: state}")


def _write(tmp_path: Path, text: str, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_defaults_are_safe() -> None:
    assert Limits(max_bytes=20_000_000, max_parties=20_000, max_acts=50_000, timeout=60.0) == DEFAULT_LIMITS
    assert DEFAULT_MAX_MEMORY_MB == 4096


@pytest.fixture(autouse=True)
def _wide_help(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")


def _help_text(command: str, capsys: pytest.CaptureFixture[str]) -> str:
    from normengine.cli import main

    with pytest.raises(SystemExit):
        main([command, "--help"])
    return " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("command", ["evaluate", "compare", "batch"])
def test_help_shows_every_limit_and_its_default(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    flat = _help_text(command, capsys)
    assert "--timeout S" in flat and "(default 60)" in flat
    assert "--max-memory MB" in flat and "(default 4,096)" in flat
    assert "--max-bytes N" in flat and "(default 20,000,000)" in flat
    assert "--max-parties N" in flat and "--max-acts N" in flat


def test_max_bytes(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)
    size = path.stat().st_size
    assert run_cli("evaluate", str(path), "--max-bytes", str(size), "--format", "json")[0] == 0
    status, out, err = run_cli("evaluate", str(path), "--max-bytes", str(size - 1))
    assert status == 3 and out == ""
    expected = f"the case file is {size:,} bytes, over the limit of {size - 1:,} (raise it with --max-bytes)"
    assert err == f"error: {path}: {expected}\n"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_file_without_end_is_read_only_to_the_limit() -> None:
    status, _out, err = run_cli("evaluate", "/dev/zero", "--max-bytes", "1000")
    assert status == 3 and "over the limit of 1,000 bytes" in err


@pytest.mark.parametrize(("flag", "what"), [("--max-parties", "parties"), ("--max-acts", "acts")])
def test_max_parties_and_acts(tmp_path: Path, flag: str, what: str) -> None:
    path = _write(tmp_path, GOOD)
    count = 2 if what == "parties" else 1
    assert run_cli("evaluate", str(path), flag, str(count), "--format", "json")[0] == 0
    status, out, err = run_cli("evaluate", str(path), flag, str(count - 1))
    assert status == 3 and out == ""
    assert f"{count:,} {what}, over the limit of {count - 1:,} (raise it with {flag})" in err


def test_limits_in_the_python_api() -> None:
    with pytest.raises(LimitExceeded):
        evaluate(GOOD, limits=Limits(max_parties=1))
    with pytest.raises(LimitExceeded):
        evaluate(GOOD, limits=Limits(max_acts=0))
    with pytest.raises(LimitExceeded):
        evaluate(GOOD, limits=Limits(max_bytes=10))


def test_the_api_time_limit_stops_a_solve() -> None:
    """In process, a time limit can stop a solve (not grounding: the command line uses a worker for that)."""
    with pytest.raises(SolveTimeout, match=r"past the time limit of 0\.5 s"):
        evaluate(GOOD, rules=DATA / "pigeons.lp", limits=Limits(timeout=0.5))


@pytest.mark.parametrize("command", ["evaluate", "compare"])
def test_the_time_limit_holds_while_grounding(tmp_path: Path, command: str) -> None:
    """A rule set whose grounding explodes (3000^3 instances) is stopped at --timeout: exit 3, no hang."""
    path = _write(tmp_path, BOOM)
    start = time.monotonic()
    status, out, err = run_cli(command, str(path), "--rules", str(DATA / "boom.lp"), "--timeout", "0.5")
    assert time.monotonic() - start < 60, "the time limit did not hold"
    assert (status, out) == (3, "")
    assert err == (
        f"error: {path}: the evaluation ran past the time limit of 0.5 s and was stopped (raise it with --timeout)\n"
    )
    # The same rule set is harmless for a case without the party "boom": the limit stopped the case, not the rules.
    assert run_cli(command, str(_write(tmp_path, GOOD, "good.yaml")), "--rules", str(DATA / "boom.lp"))[0] == 0


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the memory cap is RLIMIT_AS, enforced on Linux")
def test_the_memory_cap_holds(tmp_path: Path) -> None:
    path = _write(tmp_path, BOOM)
    status, out, err = run_cli(
        "evaluate", str(path), "--rules", str(DATA / "boom.lp"), "--timeout", "300", "--max-memory", "300"
    )
    assert (status, out) == (3, "")
    assert f"error: {path}: the evaluation ran out of memory" in err and "300 MB" in err and "--max-memory" in err


@pytest.mark.slow
def test_an_enormous_case_is_stopped_at_the_time_limit(tmp_path: Path) -> None:
    """30,000 parties and as many acts: within the size limits, but far more than two seconds of work."""
    n = 30_000
    lines = [GOOD.split("parties:")[0].rstrip("\n"), "parties:"]
    lines += [f"  - {{id: p{i}, kind: state}}" for i in range(n)]
    lines.append("acts:")
    lines += [
        f"  - {{id: a{i}, type: invasion, actors: [p{i}], target: p{(i + 1) % n}, start: 2000-01-01}}" for i in range(n)
    ]
    path = _write(tmp_path, "\n".join(lines) + "\n")
    start = time.monotonic()
    status, out, err = run_cli("evaluate", str(path), "--max-parties", str(n), "--timeout", "2")
    assert time.monotonic() - start < 60, "the time limit did not hold"
    assert (status, out) == (3, "") and "ran past the time limit of 2 s" in err
