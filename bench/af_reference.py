"""Run the argumentation core on every benchmark question and check the reference answers.

Usage::

    python bench/af_reference.py [--data DIR] [--timeout S] [--only NAME_PART]

* Every reference question of ``DIR/reference.jsonl`` is answered by
  ``python -m normengine.af.cli solve FILE.i23 --task T [--query Q]`` in a
  fresh process, killed at the limit; the answer is compared with the
  reference.
* Questions asked of most instances but missing for some (the hard and large
  ones, where no reference solver finished within 60 s) are generated (three
  queries per instance, drawn with a seeded random generator from the
  instance name) and answered by the core with a certificate; each answer is
  checked: a certificate (a stable extension, or an admissible set) by the
  independent checker below, and answers without a certificate by the plain
  ASPARTIX encodings (bench/aspartix) within the same limit.  The answers go
  to ``bench/results/af_new_answers.jsonl``.

Results: ``bench/results/af_reference.json`` and ``af_reference.md``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _af_harness as h

QUERIES_PER_INSTANCE = 3


def ours_cmd(path: Path, task: str, query: str | None, limit: float) -> list[str]:
    cmd = [h.PYTHON, "-m", "normengine.af.cli", "solve", str(path), "--task", task]
    if query:
        cmd += ["--query", query]
    return [*cmd, "--timeout", f"{limit:g}"]


def floor_cmd(apx: Path, task: str, query: str | None) -> list[str]:
    """The plain ASPARTIX encodings on the apx file (see bench/aspartix/README.md)."""
    enc = h.REPO / "bench" / "aspartix"
    base = [h.PYTHON, "-m", "clingo", "--warn=none", "--outf=0", "-V0"]
    q = ["-c", f"query={query}"] if query else []
    files = {
        "SE-GR": ["grounded.lp"],
        "SE-ST": ["stable.lp"],
        "DC-ST": ["stable.lp", "credulous.lp"],
        "DS-ST": ["stable.lp", "sceptical.lp"],
        "DC-PR": ["adm.lp", "credulous.lp"],
        "DS-PR": ["comp.lp", "pref_heuristic.lp"],
    }[task]
    extra = ["--heuristic=Domain", "--enum-mode=domRec", "-n", "0"] if task == "DS-PR" else []
    return [*base, *(str(enc / f) for f in files), str(apx), *q, *extra]


def floor_answer(task: str, query: str | None, stdout: str) -> Any:
    """Interpret clingo's output for the floor commands (``-V0``: models, then the result)."""
    lines = [line.strip() for line in stdout.splitlines()]
    result = next((x for x in reversed(lines) if x in ("SATISFIABLE", "UNSATISFIABLE")), None)
    if result is None:
        return None
    sat = result == "SATISFIABLE"
    if task == "SE-GR":
        model = lines[0] if lines else ""
        return sorted(int(tok[len("in(a") : -1]) for tok in model.split() if tok.startswith("in("))
    if task == "SE-ST":
        return "YES" if sat else "NO"
    if task in ("DC-ST", "DC-PR"):
        return "YES" if sat else "NO"
    if task == "DS-ST":
        return "NO" if sat else "YES"
    # DS-PR: every model line must show in(query)
    models = [x for x in lines if x not in ("SATISFIABLE", "UNSATISFIABLE")]
    return "YES" if all(f"in({query})" in x.split() for x in models) else "NO"


# -- the independent checker ----------------------------------------------


def read_i23(path: Path) -> tuple[int, list[tuple[int, int]]]:
    """A minimal reader, independent of normengine's parser."""
    n = 0
    attacks = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        if parts[0] == "p":
            n = int(parts[2])
        else:
            attacks.append((int(parts[0]), int(parts[1])))
    return n, attacks


def check_certificate(n: int, attacks: list[tuple[int, int]], members: set[int], kind: str) -> tuple[bool, str]:
    """Check that ``members`` is conflict-free and admissible or stable."""
    if any(not 1 <= x <= n for x in members):
        return False, "argument out of range"
    conflict = [(a, b) for a, b in attacks if a in members and b in members]
    if conflict:
        return False, f"conflict {conflict[0]}"
    attacked = {b for a, b in attacks if a in members}
    if kind == "stable":
        missing = [x for x in range(1, n + 1) if x not in members and x not in attacked]
        if missing:
            return False, f"argument {missing[0]} neither in nor attacked"
        return True, "stable extension (conflict-free, attacks every other argument)"
    undefended = [(a, b) for a, b in attacks if b in members and a not in attacked]
    if undefended:
        return False, f"attack {undefended[0]} not countered"
    return True, "admissible set (conflict-free, counters every attack on it)"


def answer_with_certificate(path: Path, task: str, query: str | None, limit: float) -> None:
    """Internal mode (run in a subprocess): print our answer and certificate as JSON."""
    from normengine.af.parse import read_file
    from normengine.af.solver import AFTimeout, Semantics, Solver, Task

    af = read_file(path)
    solver = Solver(af)
    t = Task.parse(task)
    try:
        if t.problem.value == "SE":
            ext = solver.some_extension(t.semantics)
            result: dict[str, Any] = {
                "answer": "NO" if ext is None else "YES",
                "certificate": None if ext is None else sorted(int(af.names[i]) for i in ext),
            }
        else:
            index = af.resolve(query or "")
            ans = solver.solve(t, index, limit, witness=True)
            cert = ans.extension
            result = {
                "answer": "YES" if ans.accepted else "NO",
                "certificate": None if cert is None else sorted(int(af.names[i]) for i in cert),
            }
            del Semantics
    except AFTimeout:
        result = {"answer": None, "certificate": None}
    print(json.dumps(result))


def missing_questions(instances: list[dict[str, Any]], questions: list[h.Question]) -> list[h.Question]:
    """Tasks asked of other instances but absent for an instance, with seeded queries."""
    tasks_of: dict[str, set[str]] = defaultdict(set)
    for q in questions:
        tasks_of[q.instance].add(q.task)
    all_tasks = set().union(*tasks_of.values())
    out = []
    for d in instances:
        missing = sorted(all_tasks - tasks_of[d["name"]], key=h.TASK_ORDER.index)
        if not missing:
            continue
        rng = random.Random(f"normengine-af:{d['name']}")
        picks = sorted(rng.sample(range(1, d["n_args"] + 1), QUERIES_PER_INSTANCE))
        for task in missing:
            if task.startswith("SE"):
                out.append(h.Question(d["name"], task, None, None, None, d["family"], d["n_args"]))
            else:
                for p in picks:
                    out.append(h.Question(d["name"], task, f"a{p}", None, None, d["family"], d["n_args"]))
    return out


def certificate_kind(task: str, answer: str) -> str | None:
    """Which certificate our solver returns for an answer, if any."""
    if task == "SE-ST" and answer == "YES":
        return "stable"
    if task == "DC-ST" and answer == "YES":
        return "stable"
    if task == "DS-ST" and answer == "NO":
        return "stable"
    if task == "DC-PR" and answer == "YES":
        return "admissible"
    if task == "DS-PR" and answer == "NO":
        return "admissible"
    return None


def new_answers(data: Path, extra: list[h.Question], limit: float) -> list[dict[str, Any]]:
    rows = []
    for q in extra:
        i23 = data / "instances" / f"{q.instance}.i23"
        cmd = [
            h.PYTHON,
            str(Path(__file__).resolve()),
            "--one",
            str(i23),
            q.task,
            q.query or "",
            "--timeout",
            f"{limit:g}",
        ]
        r = h.run(cmd, limit + 5)
        row: dict[str, Any] = {
            "instance": q.instance,
            "task": q.task,
            "query": q.query,
            "seconds": round(r.seconds, 3),
        }
        if r.status != "ok":
            row.update(answer=None, status=r.status)
            rows.append(row)
            print(f"  {q.instance} {q.task} {q.query}: {r.status}", flush=True)
            continue
        result = json.loads(r.stdout.strip().splitlines()[-1])
        answer = result["answer"]
        row.update(status="ok" if answer else "timeout", answer=answer)
        if answer is None:
            rows.append(row)
            print(f"  {q.instance} {q.task} {q.query}: timeout", flush=True)
            continue
        row["obtained_by"] = "normengine.af core (grounded/cone preprocessing, clingo on the undecided core)"
        kind = certificate_kind(q.task, answer)
        checks = []
        n, attacks = read_i23(i23)
        cert = result["certificate"]
        if kind and cert is not None:
            ok, why = check_certificate(n, attacks, set(cert), kind)
            qn = int(q.query[1:]) if q.query else None
            if qn is not None:
                inside = qn in cert
                expected_inside = q.task.startswith("DC")
                ok = ok and inside == expected_inside
                why += f"; query {'in' if inside else 'not in'} it"
                if q.task == "DS-PR" and not inside:
                    hits = any(a in cert and b == qn for a, b in attacks)
                    why += (
                        "; it attacks the query, so every preferred extension containing it excludes the query"
                        if hits
                        else "; it is a preferred extension of the query's cone (maximality not"
                        " re-checked independently)"
                    )
            checks.append({"method": "independent certificate check", "ok": ok, "detail": why})
            row["certificate"] = cert
        apx = data / "instances" / f"{q.instance}.apx"
        fr = h.run(floor_cmd(apx, q.task, q.query), limit)
        floor = floor_answer(q.task, q.query, fr.stdout) if fr.status == "ok" else None
        checks.append(
            {
                "method": "plain ASPARTIX encodings (bench/aspartix), clingo, no preprocessing",
                "ok": None if floor is None else floor == answer,
                "detail": fr.status if floor is None else f"answered {floor} in {fr.seconds:.2f} s",
            }
        )
        row["checks"] = checks
        verified = [c["ok"] for c in checks if c["ok"] is not None]
        row["verified"] = bool(verified) and all(verified)
        rows.append(row)
        print(
            f"  {q.instance} {q.task} {q.query}: {answer} ({r.seconds:.2f} s) verified={row['verified']}",
            flush=True,
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=h.DEFAULT_DATA)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per question")
    parser.add_argument("--only", default="", help="only instances whose name contains this")
    parser.add_argument("--skip-new", action="store_true", help="skip the missing questions")
    parser.add_argument("--one", nargs=3, metavar=("FILE", "TASK", "QUERY"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        answer_with_certificate(Path(args.one[0]), args.one[1], args.one[2] or None, args.timeout)
        return 0

    data: Path = args.data
    instances, questions = h.load(data)
    questions = h.order([q for q in questions if args.only in q.instance])
    rows = []
    start = time.time()
    for k, q in enumerate(questions, 1):
        path = data / "instances" / f"{q.instance}.i23"
        r = h.run(ours_cmd(path, q.task, q.query, args.timeout), args.timeout + 5)
        got = h.iccma_answer(q.task, r.stdout) if r.status == "ok" else None
        correct = None if got is None else got == q.answer
        rows.append(
            {
                "solver": "normengine",
                "instance": q.instance,
                "task": q.task,
                "query": q.query,
                "status": r.status,
                "seconds": round(r.seconds, 4),
                "cpu_s": r.extra.get("cpu_s"),
                "answer": got,
                "reference": q.answer,
                "consensus": q.consensus,
                "correct": correct,
            }
        )
        if correct is not True or r.seconds > 5:
            shown = (got, q.answer) if q.task != "SE-GR" else ("...", "...")
            print(
                f"[{k}/{len(questions)}] {q.instance} {q.task} {q.query}: {r.status} "
                f"{shown[0]} ref={shown[1]} {r.seconds:.2f} s",
                flush=True,
            )
    summary = h.summarise(rows, args.timeout)
    extra_rows: list[dict[str, Any]] = []
    if not args.skip_new:
        extra = [q for q in missing_questions(instances, h.load(data)[1]) if args.only in q.instance]
        print(f"{len(extra)} questions without a reference answer", flush=True)
        extra_rows = new_answers(data, extra, args.timeout)
        with open(h.RESULTS / "af_new_answers.jsonl", "w", encoding="utf-8") as out:
            for row in extra_rows:
                out.write(json.dumps(row, sort_keys=True) + "\n")
    payload = {
        "machine": h.machine(),
        "command": "python bench/af_reference.py " + " ".join(argv or sys.argv[1:]),
        "timeout_s": args.timeout,
        "wall_s": round(time.time() - start, 1),
        "summary": summary,
        "rows": rows,
    }
    h.write_json(h.RESULTS / "af_reference.json", payload)
    md = [
        f"Per-question limit {args.timeout:g} s, one fresh process per question "
        "(unsolved questions count as the limit in median and total).",
        "",
        h.markdown_table(summary, ["task", "questions", "solved", "correct", "wrong", "median_s", "total_s"]),
    ]
    if extra_rows:
        answered = [r for r in extra_rows if r.get("answer")]
        verified = [r for r in answered if r.get("verified")]
        md += [
            "",
            f"Questions without a reference answer: {len(extra_rows)}; answered "
            f"{len(answered)}; verified {len(verified)} (see af_new_answers.jsonl).",
            "",
        ]
        by_task: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for r in extra_rows:
            c = by_task[r["task"]]
            c[0] += 1
            c[1] += 1 if r.get("answer") else 0
            c[2] += 1 if r.get("verified") else 0
        md.append("| task | questions | answered | verified |")
        md.append("|---|---|---|---|")
        for t in h.TASK_ORDER:
            if t in by_task:
                c = by_task[t]
                md.append(f"| {t} | {c[0]} | {c[1]} | {c[2]} |")
    (h.RESULTS / "af_reference.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    print("\n".join(md))
    wrong = sum(1 for r in rows if r["correct"] is False)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
