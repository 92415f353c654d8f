"""Shared pieces of bench/af_reference.py and bench/af_peers.py.

Each question runs in a fresh subprocess, in its own process group, killed
(with its children) when the time limit is reached.  Wall-clock time of the
whole process is measured, so interpreter start-up and imports count, as they
do in ICCMA.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # this checkout's normengine, not an installed one
DEFAULT_DATA = (REPO / ".." / "shared" / "bench" / "af").resolve()
RESULTS = REPO / "bench" / "results"
PYTHON = sys.executable
MEMORY_LIMIT = 6 * 1024**3  # bytes of address space per solver process

TASK_ORDER = ["SE-GR", "SE-ST", "DC-ST", "DS-ST", "DC-PR", "DS-PR"]


@dataclass
class Question:
    """One (instance, task, query) with its reference answer, if any."""

    instance: str
    task: str
    query: str | None
    answer: Any = None
    consensus: str | None = None
    family: str = ""
    n_args: int = 0


@dataclass
class Run:
    """The outcome of one solver process."""

    status: str  # "ok", "timeout", "error"
    seconds: float
    stdout: str = ""
    stderr: str = ""
    answer: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


def load(data: Path) -> tuple[list[dict[str, Any]], list[Question]]:
    """Read instances.jsonl and reference.jsonl."""
    instances = [json.loads(line) for line in (data / "instances.jsonl").read_text(encoding="utf-8").splitlines()]
    meta = {d["name"]: d for d in instances}
    questions = []
    for line in (data / "reference.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        d = meta[r["instance"]]
        questions.append(
            Question(
                r["instance"],
                r["task"],
                r["query"],
                r["answer"],
                r["consensus"],
                d["family"],
                d["n_args"],
            )
        )
    return instances, questions


def order(questions: Sequence[Question]) -> list[Question]:
    """Sort by family, size, task, query: small instances of a family first."""

    def key(q: Question) -> tuple[Any, ...]:
        qn = int(q.query[1:]) if q.query else 0
        return (q.family, q.n_args, q.instance, TASK_ORDER.index(q.task), qn)

    return sorted(questions, key=key)


def _limit() -> None:
    os.setsid()
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run(cmd: Sequence[str], timeout: float, cwd: Path = REPO) -> Run:
    """Run a command with a wall-clock limit; kill its process group at the limit."""
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONHASHSEED="0")
    # Byte-code caching as for an installed package (this machine sets
    # PYTHONDONTWRITEBYTECODE, which would recompile our modules on every run).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    proc = subprocess.Popen(
        list(cmd),
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_limit,
        env=env,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        return Run("timeout", time.perf_counter() - start, out, err, extra=_cpu(before))
    elapsed = time.perf_counter() - start
    cpu = _cpu(before)
    if proc.returncode == 3 and "timeout" in err:
        return Run("timeout", elapsed, out, err, extra=cpu)
    if proc.returncode != 0:
        return Run("error", elapsed, out, err[-2000:], extra=cpu)
    return Run("ok", elapsed, out, err[-2000:], extra=cpu)


def _cpu(before: resource.struct_rusage) -> dict[str, float]:
    """CPU seconds (user + system) of the child just waited for, and its children.

    The machine is shared and noisy: CPU time is steadier than wall time, so
    both are recorded; limits apply to wall time.
    """
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"cpu_s": round(used, 4)}


def iccma_answer(task: str, stdout: str) -> Any:
    """Turn ICCMA output into the reference's terms.

    SE-GR: sorted list of 1-based argument numbers; SE-ST: "YES"/"NO" (an
    extension exists); DC/DS: "YES"/"NO".  ``None`` when the output is not
    understood.
    """
    lines = [line.strip() for line in stdout.splitlines() if line.strip()]
    if not lines:
        return None
    first = lines[0]
    if task.startswith("SE"):
        if first == "NO":
            return "NO" if task != "SE-GR" else None
        if first == "w" or first.startswith("w "):
            members = sorted(int(tok.lstrip("aA")) for tok in first.split()[1:])
            return members if task == "SE-GR" else "YES"
        return None
    if first in ("YES", "NO"):
        return first
    return None


def machine() -> dict[str, str]:
    """uname -a, nproc and the CPU model."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    uname = subprocess.run(["uname", "-a"], capture_output=True, text=True, check=False)
    return {
        "uname": uname.stdout.strip(),
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def summarise(rows: list[dict[str, Any]], limit: float) -> list[dict[str, Any]]:
    """Per (solver, task): questions, solved, correct, wrong, median and total time.

    Unsolved questions (timeout, error, skipped) count as the limit in the
    median and total, so that a solver cannot look fast by failing.
    """
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault((r["solver"], r["task"]), []).append(r)
    out = []
    for (solver, task), rs in sorted(groups.items(), key=lambda kv: (kv[0][0], TASK_ORDER.index(kv[0][1]))):
        solved = [r for r in rs if r["status"] == "ok" and r["answer"] is not None]
        times = [r["seconds"] if r in solved else limit for r in rs]
        cpus = [r.get("cpu_s", limit) if r in solved else limit for r in rs]
        out.append(
            {
                "solver": solver,
                "task": task,
                "questions": len(rs),
                "solved": len(solved),
                "correct": sum(1 for r in solved if r.get("correct") is True),
                "wrong": sum(1 for r in solved if r.get("correct") is False),
                "unchecked": sum(1 for r in solved if r.get("correct") is None),
                "median_s": round(statistics.median(times), 3) if times else None,
                "total_s": round(sum(times), 2),
                "solved_total_s": round(sum(r["seconds"] for r in solved), 2),
                "median_cpu_s": round(statistics.median(cpus), 3) if cpus else None,
                "total_cpu_s": round(sum(cpus), 2),
            }
        )
    return out


def markdown_table(summary: list[dict[str, Any]], columns: Sequence[str]) -> str:
    """Render summary rows as a Markdown table."""
    head = "| " + " | ".join(columns) + " |"
    sep = "|" + "|".join("---" for _ in columns) + "|"
    body = ["| " + " | ".join(str(r.get(c, "")) for c in columns) + " |" for r in summary]
    return "\n".join([head, sep, *body])


def write_json(path: Path, payload: Any) -> None:
    """Write JSON with sorted keys (deterministic output)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")
