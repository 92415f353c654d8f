"""Benchmark: the cost of reasoning over contested facts as their number grows from 0 to 20.

Each generated case has 20 self-defence claims, N of whose armed attacks are contested (who carried out
the attack: N independent contested facts, so 2**N readings of the facts). The engine never enumerates
them (normengine/modal.py). Sizes and methods are run interleaved, round after round, and each row gives
the median and its ratio to the case with no contested fact (the target of issue 16: at most 3x for 20).

    python bench/contested.py [--max 20] [--sizes 0,20] [--repeat 5] [--reference] [--out FILE]
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


def _use(method: str) -> None:
    """Evaluate with the current method or with the reference (the method before, kept in tests/)."""
    import normengine.engine as engine
    from normengine import modal

    if method == "reference":
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from tests.contested_reference import solve_modal_reference

        engine.solve_modal = solve_modal_reference  # type: ignore[assignment]
    else:
        engine.solve_modal = modal.solve_modal


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max", type=int, default=20, help="largest number of contested facts (default 20)")
    parser.add_argument("--sizes", help="comma-separated numbers of contested facts (default 0,1,2,5,10,15,MAX)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per size; the median is reported (default 5)")
    parser.add_argument(
        "--reference",
        action="store_true",
        help="also time the reference method (tests/contested_reference.py), interleaved with the current one",
    )
    parser.add_argument("--out", type=Path, default=Path("bench/results/contested.json"))
    args = parser.parse_args(argv)
    sizes = (
        [int(x) for x in args.sizes.split(",")]
        if args.sizes
        else sorted({n for n in (0, 1, 2, 5, 10, 15, args.max) if n <= args.max})
    )
    methods = ["current", "reference"] if args.reference else ["current"]
    evaluate_full(generated_case(0))  # warm the rule cache
    times: dict[tuple[str, int], list[float]] = {(m, n): [] for m in methods for n in sizes}
    solver_times: dict[tuple[str, int], list[float]] = {(m, n): [] for m in methods for n in sizes}
    solves: dict[tuple[str, int], int] = {}
    # Interleaved: every size and method once per round, so that a change in the machine's load hits all alike.
    for _ in range(args.repeat):
        for method in methods:
            _use(method)
            for n in sizes:
                start = time.perf_counter()
                ev = evaluate_full(generated_case(n), explanations=False)
                times[(method, n)].append(time.perf_counter() - start)
                solver_times[(method, n)].append(ev.solution.seconds)
                solves[(method, n)] = ev.solution.models if n else 1
                report = ev.report
                assert len(report.contested_facts) == n
                burden = sum(1 for a in report.acts for j in a.justifications if j.fails_on == "burden_of_proof")
                assert burden == n, (n, burden)
    _use("current")
    rows = []
    for method in methods:
        none = statistics.median(times[(method, 0)]) if 0 in sizes else None
        for n in sizes:
            total, solver = statistics.median(times[(method, n)]), statistics.median(solver_times[(method, n)])
            ratio = total / none if none else None
            rows.append(
                {
                    "method": method,
                    "contested": n,
                    "readings": 2**n,
                    "median_s": total,
                    "solver_s": solver,
                    "solves": solves[(method, n)],
                    "ratio_to_none": ratio,
                }
            )
            print(
                f"{method:9s} {n:3d} contested  {2**n:8d} readings  {total * 1000:8.1f} ms total  "
                f"{solver * 1000:8.1f} ms in the solver  {solves[(method, n)]:3d} solves"
                + (f"  {ratio:5.2f}x none" if ratio else "")
            )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "python": sys.version.split()[0],
        "machine": platform.machine(),
        "processor": platform.processor(),
        "command": "python bench/contested.py " + " ".join(argv if argv is not None else sys.argv[1:]),
    }
    args.out.write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
