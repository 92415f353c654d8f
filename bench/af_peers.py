"""The argumentation core against the ASPARTIX floor and the Python peers.

Usage::

    python bench/af_peers.py [--data DIR] [--timeout S] [--only NAME_PART] [--solvers a,b]

Solvers, each run once per question in a fresh process killed at the limit:

* ``normengine`` — ``python -m normengine.af.cli solve FILE.i23 ...``;
* ``aspartix-floor`` — ``python -m clingo`` on the plain encodings in
  ``bench/aspartix`` and the ``.apx`` file (no preprocessing, no engine);
* ``pygarg`` — ``python -m pygarg`` (SAT-based, with python-sat), on ``.apx``;
* ``formal-arg`` — formal-argumentation's ``iccma-cli`` (z3 available), on ``.i23``;
* ``py_arg`` — python-argumentation, through ``bench/peers/pyarg_solve.py``.

Every reference question is asked of every solver, the solvers taking turns
on each question (so that load on the machine hits all alike).  A solver that
fails (timeout or error) on a task for an instance is not run on the other
questions of that task on that instance, nor on the larger instances of the
same family; those questions count as unsolved ("skipped").  Unsolved
questions count as the limit in median and total times.

Results: ``bench/results/af_peers.json``, ``af_peers.csv`` and ``af_peers.md``;
rows are also appended to ``bench/results/af_peers.partial.jsonl`` as they come,
and a rerun with ``--resume`` continues from there.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _af_harness as h
from af_reference import floor_answer, floor_cmd, ours_cmd

Builder = Callable[[Path, h.Question, float], list[str]]
Reader = Callable[[h.Question, str], Any]


def _i23(data: Path, q: h.Question) -> Path:
    return data / "instances" / f"{q.instance}.i23"


def _apx(data: Path, q: h.Question) -> Path:
    return data / "instances" / f"{q.instance}.apx"


def _iccma(q: h.Question, out: str) -> Any:
    return h.iccma_answer(q.task, out)


def _qnum(q: h.Question) -> list[str]:
    return [q.query[1:]] if q.query else []


def _iccma_cli() -> str:
    found = shutil.which("iccma-cli") or str(Path(h.PYTHON).parent / "iccma-cli")
    return found


SOLVERS: dict[str, tuple[Builder, Reader]] = {
    "normengine": (
        lambda d, q, t: ours_cmd(_i23(d, q), q.task, q.query, t),
        _iccma,
    ),
    "aspartix-floor": (
        lambda d, q, t: floor_cmd(_apx(d, q), q.task, q.query),
        lambda q, out: floor_answer(q.task, q.query, out),
    ),
    "pygarg": (
        lambda d, q, t: [
            h.PYTHON,
            "-m",
            "pygarg",
            "-p",
            q.task,
            "-fo",
            "apx",
            "-f",
            str(_apx(d, q)),
            *(["-a", q.query] if q.query else []),
        ],
        _iccma,
    ),
    "formal-arg": (
        lambda d, q, t: [
            h.PYTHON,
            _iccma_cli(),
            "-p",
            q.task,
            "-f",
            str(_i23(d, q)),
            *(["-a", *_qnum(q)] if q.query else []),
        ],
        _iccma,
    ),
    "py_arg": (
        lambda d, q, t: [
            h.PYTHON,
            str(h.REPO / "bench" / "peers" / "pyarg_solve.py"),
            str(_i23(d, q)),
            q.task,
            *([q.query] if q.query else []),
        ],
        _iccma,
    ),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=h.DEFAULT_DATA)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per question")
    parser.add_argument("--only", default="", help="only instances whose name contains this")
    parser.add_argument("--solvers", default=",".join(SOLVERS))
    parser.add_argument("--resume", action="store_true")
    args = parser.parse_args(argv)
    data: Path = args.data
    limit: float = args.timeout
    solvers = [s for s in args.solvers.split(",") if s]
    _, questions = h.load(data)
    questions = h.order([q for q in questions if args.only in q.instance])
    h.RESULTS.mkdir(parents=True, exist_ok=True)
    partial = h.RESULTS / "af_peers.partial.jsonl"
    rows: list[dict[str, Any]] = []
    done: set[tuple[str, str, str, str]] = set()
    if args.resume and partial.exists():
        for line in partial.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            rows.append(r)
            done.add((r["solver"], r["instance"], r["task"], r["query"] or ""))
    elif partial.exists():
        partial.unlink()
    failed: dict[tuple[str, str, str], int] = {}  # (solver, family, task) -> size
    for r in rows:
        if r["status"] != "ok":
            key = (r["solver"], r["family"], r["task"])
            failed[key] = min(failed.get(key, 10**9), r["n_args"])
    start = time.time()
    with open(partial, "a", encoding="utf-8") as log:
        for k, q in enumerate(questions, 1):
            for solver in solvers:
                if (solver, q.instance, q.task, q.query or "") in done:
                    continue
                build, read = SOLVERS[solver]
                key = (solver, q.family, q.task)
                row: dict[str, Any] = {
                    "solver": solver,
                    "instance": q.instance,
                    "family": q.family,
                    "n_args": q.n_args,
                    "task": q.task,
                    "query": q.query,
                    "reference": q.answer,
                    "consensus": q.consensus,
                }
                if key in failed and q.n_args >= failed[key]:
                    row.update(status="skipped", seconds=limit, answer=None, correct=None)
                else:
                    r = h.run(build(data, q, limit), limit)
                    got = read(q, r.stdout) if r.status == "ok" else None
                    status = r.status if (r.status != "ok" or got is not None) else "error"
                    row.update(
                        status=status,
                        seconds=round(r.seconds, 4),
                        cpu_s=r.extra.get("cpu_s"),
                        answer=got,
                        correct=None if got is None else got == q.answer,
                    )
                    if status != "ok":
                        row["stderr"] = r.stderr[-300:]
                        failed[key] = min(failed.get(key, 10**9), q.n_args)
                    if row["correct"] is False:
                        print(
                            f"WRONG {solver} {q.instance} {q.task} {q.query}: {got} ref={q.answer}",
                            flush=True,
                        )
                log.write(json.dumps(row, sort_keys=True) + "\n")
                log.flush()
                rows.append(row)
            if k % 25 == 0:
                print(f"[{k}/{len(questions)}] {time.time() - start:.0f} s", flush=True)
    write_results(rows, solvers, limit, argv)
    return 0


def write_results(rows: list[dict[str, Any]], solvers: list[str], limit: float, argv: list[str] | None) -> None:
    summary = h.summarise(rows, limit)
    payload = {
        "machine": h.machine(),
        "command": "python bench/af_peers.py " + " ".join(argv or sys.argv[1:]),
        "timeout_s": limit,
        "summary": summary,
        "rows": rows,
    }
    h.write_json(h.RESULTS / "af_peers.json", payload)
    with open(h.RESULTS / "af_peers.csv", "w", newline="", encoding="utf-8") as out:
        fields = [
            "solver",
            "instance",
            "family",
            "n_args",
            "task",
            "query",
            "status",
            "seconds",
            "answer",
            "reference",
            "correct",
        ]
        writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow({**r, "answer": json.dumps(r["answer"]), "reference": json.dumps(r["reference"])})
    (h.RESULTS / "af_peers.md").write_text(render(summary, rows, solvers, limit), encoding="utf-8")


def render(summary: list[dict[str, Any]], rows: list[dict[str, Any]], solvers: list[str], limit: float) -> str:
    """Markdown: one table per task, the ratio to the floor, and where we beat it."""
    by = {(s["solver"], s["task"]): s for s in summary}
    lines = [
        f"Per-question limit {limit:g} s (whole process, fresh per question); unsolved "
        "questions count as the limit in median and total.",
        "",
        "| task | solver | questions | solved | wrong | median s | total s | median CPU s | total CPU s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for task in h.TASK_ORDER:
        for solver in solvers:
            s = by.get((solver, task))
            if s:
                lines.append(
                    f"| {task} | {solver} | {s['questions']} | {s['solved']} | {s['wrong']} | "
                    f"{s['median_s']:.3f} | {s['total_s']:.1f} | {s['median_cpu_s']:.3f} | "
                    f"{s['total_cpu_s']:.1f} |"
                )
    if "normengine" in solvers and "aspartix-floor" in solvers:
        lines += [
            "",
            "normengine against the ASPARTIX floor, per task (questions both solved):",
            "",
            "| task | both solved | ratio of medians | ratio of totals | "
            "normengine faster on | 2x faster on | only normengine solved |",
            "|---|---|---|---|---|---|---|",
        ]
        index = {(r["solver"], r["instance"], r["task"], r["query"]): r for r in rows}
        beat: list[tuple[float, dict[str, Any], dict[str, Any]]] = []
        for task in h.TASK_ORDER:
            ours_t, floor_t, faster, twice, only = [], [], 0, 0, 0
            for r in rows:
                if r["solver"] != "normengine" or r["task"] != task:
                    continue
                f = index.get(("aspartix-floor", r["instance"], task, r["query"]))
                if f is None:
                    continue
                if r["status"] == "ok" and f["status"] != "ok":
                    only += 1
                if r["status"] == "ok" and f["status"] == "ok":
                    ours_t.append(r["seconds"])
                    floor_t.append(f["seconds"])
                    faster += r["seconds"] < f["seconds"]
                    twice += 2 * r["seconds"] < f["seconds"]
                    beat.append((f["seconds"] - r["seconds"], r, f))
            if ours_t:
                lines.append(
                    f"| {task} | {len(ours_t)} | "
                    f"{statistics.median(ours_t) / statistics.median(floor_t):.2f} | "
                    f"{sum(ours_t) / sum(floor_t):.2f} | {faster} | {twice} | {only} |"
                )
        beat.sort(key=lambda x: -x[0])
        lines += [
            "",
            "Largest gains over the floor:",
            "",
            "| instance | task | query | normengine s | floor s |",
            "|---|---|---|---|---|",
        ]
        for _, r, f in beat[:12]:
            lines.append(
                f"| {r['instance']} | {r['task']} | {r['query'] or ''} | {r['seconds']:.2f} | {f['seconds']:.2f} |"
            )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
