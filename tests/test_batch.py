"""normengine batch: one line per case, in order whatever the workers, errors that do not stop it, resume."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import CASES, ROOT
from .fuzz import run_cli
from .test_bad_input import GOOD

DATA = Path(__file__).parent / "data"


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory of cases (the bundled ones, broken ones, one in a subdirectory, one hidden), as cwd."""
    monkeypatch.chdir(tmp_path)
    lib = tmp_path / "lib"
    shutil.copytree(CASES, lib)
    (lib / "broken-ref.yaml").write_text(GOOD.replace("target: b", "target: nowhere"), encoding="utf-8")
    (lib / "broken-yaml.yaml").write_text(GOOD.replace("title: A tiny case", "title: [unclosed"), encoding="utf-8")
    (lib / "latin1.yaml").write_bytes(GOOD.replace("A tiny case", "Caf\xe9").encode("latin-1"))
    (lib / "sub").mkdir()
    (lib / "sub" / "tiny.yml").write_text(GOOD, encoding="utf-8")
    (lib / ".hidden").mkdir()
    (lib / ".hidden" / "skipped.yaml").write_text("not: a case", encoding="utf-8")
    (lib / "notes.txt").write_text("not a case file", encoding="utf-8")
    return lib


BUNDLED = sorted(f"lib/{p.name}" for p in CASES.glob("*.yaml"))
NAMES = sorted([*BUNDLED, "lib/broken-ref.yaml", "lib/broken-yaml.yaml", "lib/latin1.yaml", "lib/sub/tiny.yml"])


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.slow
def test_one_line_per_case_in_path_order_whatever_the_workers(library: Path) -> None:
    status, out, err = run_cli("batch", "lib", "lib/kosovo-1999.yaml", "--out", "one.jsonl", "--workers", "1")
    assert (status, out) == (1, "")
    n = len(NAMES)
    assert err == f"batch: {n} of {n} cases in one.jsonl: {n - 3} ok, 3 failed (3 with exit status 2)\n"
    status, _out, _err = run_cli("batch", "lib", "--out", "two.jsonl", "--workers", "2", "--max-cases-per-worker", "1")
    assert status == 1
    assert Path("one.jsonl").read_bytes() == Path("two.jsonl").read_bytes()
    assert [line["case"] for line in _lines(Path("one.jsonl"))] == NAMES


@pytest.mark.slow
def test_each_line_says_what_evaluate_says(library: Path) -> None:
    assert run_cli("batch", "lib", "--out", "r.jsonl")[0] == 1
    for line in _lines(Path("r.jsonl")):
        status, out, err = run_cli("evaluate", str(line["case"]), "--format", "json")
        assert line["exit_status"] == status
        if line["status"] == "ok":
            assert set(line) == {"case", "status", "exit_status", "report"}
            assert line["report"] == json.loads(out)
        else:
            assert set(line) == {"case", "status", "exit_status", "error"}
            assert f"error: {line['error']}\n" == err
            assert status == 2


def test_a_case_past_the_time_limit_gets_its_line_and_the_batch_goes_on(library: Path) -> None:
    boom = GOOD.replace("  - {id: b, kind: state}", "  - {id: b, kind: state}\n  - {id: boom, kind: state}")
    small = library.parent / "small"
    small.mkdir()
    for name in ("a", "c", "e"):
        (small / f"{name}.yaml").write_text(GOOD, encoding="utf-8")
    (small / "b-boom.yaml").write_text(boom, encoding="utf-8")
    start = time.monotonic()
    status, _out, err = run_cli(
        "batch", "small", "--out", "r.jsonl", "--rules", str(DATA / "boom.lp"), "--timeout", "1", "--workers", "2"
    )
    assert time.monotonic() - start < 60
    assert status == 1 and "4 of 4 cases" in err and "1 with exit status 3" in err
    lines = _lines(Path("r.jsonl"))
    assert [(line["case"], line["status"], line["exit_status"]) for line in lines] == [
        ("small/a.yaml", "ok", 0),
        ("small/b-boom.yaml", "error", 3),
        ("small/c.yaml", "ok", 0),
        ("small/e.yaml", "ok", 0),
    ]
    assert lines[1]["error"] == (
        "small/b-boom.yaml: the evaluation ran past the time limit of 1 s and was stopped (raise it with --timeout)"
    )


@pytest.mark.slow
def test_a_torn_last_line_is_dropped_and_the_resumed_file_is_whole(library: Path) -> None:
    assert run_cli("batch", "lib", "--out", "whole.jsonl")[0] == 1
    whole = Path("whole.jsonl").read_bytes()
    lines = whole.splitlines(keepends=True)
    torn = b"".join(lines[:4]) + lines[4][: len(lines[4]) // 2]
    Path("resumed.jsonl").write_bytes(torn)
    status, _out, err = run_cli("batch", "lib", "--out", "resumed.jsonl")
    assert status == 1 and "4 were done before and skipped" in err
    assert Path("resumed.jsonl").read_bytes() == whole
    # Nothing left to do: a third run changes nothing.
    status, _out, err = run_cli("batch", "lib", "--out", "resumed.jsonl")
    assert status == 1 and f"{len(NAMES)} were done before and skipped" in err
    assert Path("resumed.jsonl").read_bytes() == whole


def _start_batch(out: str, *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "normengine", "batch", "many", "--out", out, "--workers", "1", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        # A shell runs a background job with SIGINT ignored, and Python keeps an ignored SIGINT ignored: the batch
        # then never sees ^C. Give it the disposition of a command typed at a terminal.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _wait_for_lines(path: Path, proc: subprocess.Popen[bytes], count: int) -> None:
    deadline = time.monotonic() + 120
    while not path.exists() or path.read_bytes().count(b"\n") < count:
        assert proc.poll() is None, "the batch ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.01)


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_an_interrupted_batch_resumes_and_loses_nothing(library: Path, how: signal.Signals) -> None:
    many = library.parent / "many"
    many.mkdir()
    for i in range(16):
        shutil.copy(CASES / "kosovo-1999.yaml", many / f"case-{i:02d}.yaml")
    assert run_cli("batch", "many", "--out", "reference.jsonl", "--workers", "2")[0] == 0
    proc = _start_batch("r.jsonl")
    _wait_for_lines(Path("r.jsonl"), proc, 2)
    proc.send_signal(how)
    _out, err = proc.communicate(timeout=60)
    done = Path("r.jsonl").read_bytes().count(b"\n")
    assert done < 16, "the batch finished before the interruption"
    if how == signal.SIGINT:
        assert proc.returncode == 130
        assert b"interrupted: run the same command again to resume" in err and b"Traceback" not in err
    status, _out2, err2 = run_cli("batch", "many", "--out", "r.jsonl", "--workers", "2")
    assert status == 0 and "were done before and skipped" in err2
    assert Path("r.jsonl").read_bytes() == Path("reference.jsonl").read_bytes()


def test_a_results_file_that_is_not_ours_or_of_another_perspective_is_refused(library: Path) -> None:
    Path("notes.jsonl").write_text("hello\n", encoding="utf-8")
    status, _out, err = run_cli("batch", "lib", "--out", "notes.jsonl")
    assert status == 2 and "notes.jsonl:1: not a line of batch results" in err
    assert Path("notes.jsonl").read_text(encoding="utf-8") == "hello\n"
    assert run_cli("batch", "lib/kosovo-1999.yaml", "--out", "r.jsonl")[0] == 0
    status, _out, err = run_cli("batch", "lib", "--out", "r.jsonl", "--perspective", "humanitarian")
    assert status == 2 and "another rule set or perspective" in err


def test_two_batches_cannot_write_one_file(library: Path) -> None:
    import fcntl

    with open("r.jsonl", "ab") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        status, _out, err = run_cli("batch", "lib", "--out", "r.jsonl")
    assert status == 2 and "another batch is writing it" in err
    assert Path("r.jsonl").read_bytes() == b""


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["nowhere"], "nowhere: no such file or directory"),
        (["empty"], "no case files (*.yaml, *.yml) in empty"),
        (["lib", "--workers", "0"], "--workers must be at least 1"),
        (["lib", "--max-cases-per-worker", "0"], "--max-cases-per-worker must be at least 1"),
        (["lib", "--address", "ray://x:1"], "--address is for --executor ray"),
        (["lib", "--perspective", "lenient"], "has no perspective 'lenient'"),
    ],
)
def test_a_batch_that_cannot_start_is_exit_2_and_writes_nothing(library: Path, argv: list[str], words: str) -> None:
    Path("empty").mkdir()
    status, _out, err = run_cli("batch", *argv, "--out", "r.jsonl")
    assert status == 2 and words in err and "Traceback" not in err
    assert not Path("r.jsonl").exists()


@pytest.mark.slow
def test_the_progress_bar_shows_on_a_terminal_only(library: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100", "TERM": "xterm"}
    argv = [sys.executable, "-m", "normengine", "batch", "lib/sub", "lib/kosovo-1999.yaml"]
    piped = subprocess.run([*argv, "--out", "piped.jsonl"], capture_output=True, env=env, check=False)
    assert piped.returncode == 0
    assert piped.stderr == b"batch: 2 of 2 cases in piped.jsonl: 2 ok, 0 failed\n"
    leader, follower = pty.openpty()
    proc = subprocess.Popen([*argv, "--out", "tty.jsonl"], stdout=subprocess.PIPE, stderr=follower, env=env)
    os.close(follower)
    seen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=60)
    os.close(leader)
    text = seen.decode("utf-8", "replace")
    assert "2/2" in text and "━" in text and "0 failed" in text
    assert Path("tty.jsonl").read_bytes() == Path("piped.jsonl").read_bytes()


def test_without_explanations_a_line_is_what_evaluate_no_explanations_prints(library: Path) -> None:
    assert run_cli("batch", "lib/kosovo-1999.yaml", "--out", "r.jsonl", "--no-explanations")[0] == 0
    status, out, _err = run_cli("evaluate", "lib/kosovo-1999.yaml", "--format", "json", "--no-explanations")
    assert status == 0
    assert _lines(Path("r.jsonl"))[0]["report"] == json.loads(out)
    assert run_cli("batch", "lib/kosovo-1999.yaml", "--out", "full.jsonl")[0] == 0
    assert Path("full.jsonl").read_bytes() != Path("r.jsonl").read_bytes()


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(t) for t in text]
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the worker through /proc")
def test_a_worker_killed_from_outside_is_retried_not_blamed_on_the_memory_cap(library: Path) -> None:
    many = library.parent / "many"
    many.mkdir()
    for i in range(8):
        shutil.copy(CASES / "kosovo-1999.yaml", many / f"case-{i:02d}.yaml")
    assert run_cli("batch", "many", "--out", "reference.jsonl", "--workers", "2")[0] == 0
    proc = _start_batch("r.jsonl", "--max-memory", "300")
    _wait_for_lines(Path("r.jsonl"), proc, 1)
    workers = _children(proc.pid)
    assert workers, "no worker process to kill"
    os.kill(workers[0], signal.SIGKILL)  # as an operator or a cluster manager would
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert Path("r.jsonl").read_bytes() == Path("reference.jsonl").read_bytes()


@pytest.mark.slow
def test_a_resumed_batch_redoes_a_case_whose_worker_was_killed_from_outside(library: Path) -> None:
    from normengine.batch import result_line
    from normengine.worker import failure

    assert run_cli("batch", "lib", "--out", "whole.jsonl")[0] == 1
    whole = Path("whole.jsonl").read_bytes()
    lines = whole.splitlines(keepends=True)
    name = json.loads(lines[3])["case"]
    # The line the pool writes for a case whose worker was killed from outside on every try.
    killed = result_line(
        name, failure(70, f"{name}: the worker evaluating it was stopped from outside", "worker_killed")
    )
    assert json.loads(killed)["retry"] is True
    Path("resumed.jsonl").write_bytes(b"".join(lines[:3]) + killed.encode() + b"\n" + b"".join(lines[4:]))
    status, _out, err = run_cli("batch", "lib", "--out", "resumed.jsonl")
    assert status == 1 and "3 were done before and skipped" in err
    assert Path("resumed.jsonl").read_bytes() == whole
