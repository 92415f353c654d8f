"""Benchmark: the cost of reasoning over contested facts as their number grows from 0 to 20.

Each generated case has 20 self-defence claims, N of whose armed attacks are contested (N independent
contested facts, so 2**N readings) (who carried out an armed attack), so it
has 2**N readings of the facts. The engine never enumerates them: it asks the solver for brave and
cautious consequences and, per contested fact, for the consequences under each of its readings.

    python bench/contested.py [--max 20] [--repeat 5] [--out bench/results/contested.json]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from normengine.engine import evaluate_full


def generated_case(n: int, size: int = 20) -> dict[str, Any]:
    """A case with ``size`` self-defence claims, ``n`` of whose armed attacks are contested."""
    parties = [{"id": "defender", "kind": "state"}, {"id": "third", "kind": "state"}]
    attacks, acts, claims = [], [], []
    for i in range(size):
        parties.append({"id": f"s{i}", "kind": "state"})
        attack: dict[str, Any] = {"id": f"attack{i}", "by": f"s{i}", "against": "defender", "date": "2000-01-01"}
        if i < n:
            attack["contested"] = {"source": "disputed", "alternatives": [{"by": "third", "source": "other"}]}
        attacks.append(attack)
        acts.append(
            {
                "id": f"strike{i}",
                "type": "air_strikes",
                "actors": ["defender"],
                "target": f"s{i}",
                "start": "2000-01-10",
            }
        )
        claims.append(
            {
                "id": f"sd{i}",
                "act": f"strike{i}",
                "type": "self_defence",
                "claimed_by": ["defender"],
                "responds_to": [f"attack{i}"],
                "assessments": [{"element": "necessity", "holds": True}, {"element": "proportionality", "holds": True}],
            }
        )
    return {
        "id": f"contested-{n}",
        "title": f"{n} contested facts",
        "date": "2000-01-10",
        "parties": parties,
        "armed_attacks": attacks,
        "acts": acts,
        "justifications": claims,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max", type=int, default=20, help="largest number of contested facts (default 20)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per size; the median is reported (default 5)")
    parser.add_argument("--out", type=Path, default=Path("bench/results/contested.json"))
    args = parser.parse_args(argv)
    evaluate_full(generated_case(0))  # warm the rule cache
    rows = []
    for n in range(args.max + 1):
        times, solver_times, solves = [], [], 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            ev = evaluate_full(generated_case(n), explanations=False)
            times.append(time.perf_counter() - start)
            solver_times.append(ev.solution.seconds)
            solves = ev.solution.models if n else 1
        report = ev.report
        assert len(report.contested_facts) == n
        burden = sum(1 for a in report.acts for j in a.justifications if j.fails_on == "burden_of_proof")
        assert burden == n, (n, burden)
        total, solver = statistics.median(times), statistics.median(solver_times)
        rows.append({"contested": n, "readings": 2**n, "median_s": total, "solver_s": solver, "solves": solves})
        print(
            f"{n:3d} contested  {2**n:8d} readings  {total * 1000:8.1f} ms total  "
            f"{solver * 1000:8.1f} ms in the solver  {solves:3d} solves"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    meta = {"python": sys.version.split()[0], "machine": platform.machine(), "processor": platform.processor()}
    args.out.write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
