"""Benchmark 3: scale. Generated cases with 10, 100, 1,000 and 10,000 acts among many states.

Each generated case has one state per ten acts; every act is an air strike by one state on
another; a third of them are claimed as self-defence against an armed attack (half of those
with the elements shown), a third are authorised by a Council resolution, and a third are
unanswered. The time of one evaluation (median of --repeat runs, without explanations and with)
is reported, with the time per act, so that growth shows at a glance.

    python bench/scale.py [--sizes 10,100,1000,10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from normengine.engine import evaluate_full

ROOT = Path(__file__).resolve().parent.parent


def generated_case(acts: int) -> dict[str, Any]:
    states = max(3, acts // 10)
    parties: list[dict[str, Any]] = [{"id": f"s{i}", "kind": "state"} for i in range(states)]
    parties.append({"id": "p5", "kind": "state", "permanent_member": True})
    resolutions = [
        {
            "id": "res",
            "organ": "security_council",
            "number": "1 (2000)",
            "date": "2000-01-01",
            "chapter_vii": True,
            "votes": {"for": 15},
            "determinations": ["threat_to_the_peace"],
            "authorisations": [{"all_member_states": True, "force": True, "purposes": ["restore-peace"]}],
        }
    ]
    attacks, items, claims = [], [], []
    for i in range(acts):
        actor, target = f"s{i % states}", f"s{(i + 1) % states}"
        act: dict[str, Any] = {
            "id": f"a{i}",
            "type": "air_strikes",
            "actors": [actor],
            "target": target,
            "start": "2000-02-01",
        }
        kind = i % 3
        if kind == 0:
            attacks.append({"id": f"x{i}", "by": target, "against": actor, "date": "2000-01-15"})
            holds = i % 2 == 0
            claims.append(
                {
                    "id": f"c{i}",
                    "act": f"a{i}",
                    "type": "self_defence",
                    "claimed_by": [actor],
                    "responds_to": [f"x{i}"],
                    "assessments": [
                        {"element": "necessity", "holds": holds},
                        {"element": "proportionality", "holds": True},
                    ],
                }
            )
        elif kind == 1:
            act["purposes"] = ["restore-peace"]
            claims.append(
                {
                    "id": f"c{i}",
                    "act": f"a{i}",
                    "type": "council_authorisation",
                    "claimed_by": [actor],
                    "resolutions": ["res"],
                }
            )
        items.append(act)
    return {
        "id": f"scale-{acts}",
        "title": f"{acts} acts",
        "date": "2000-02-01",
        "parties": parties,
        "resolutions": resolutions,
        "armed_attacks": attacks,
        "acts": items,
        "justifications": claims,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,100,1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--explanations", action="store_true", help="also time the full report with explanations")
    parser.add_argument("--profile", type=int, metavar="SIZE", help="print a profile of one evaluation of SIZE acts")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "scale.json")
    args = parser.parse_args(argv)
    if args.profile:
        case = generated_case(args.profile)
        evaluate_full(case, explanations=False)
        cProfile.runctx(
            "evaluate_full(case, explanations=False)", globals(), {"case": case}, "/tmp/normengine-scale.prof"
        )
        pstats.Stats("/tmp/normengine-scale.prof").sort_stats("cumtime").print_stats(25)
        return 0
    rows = []
    evaluate_full(generated_case(10))
    for size in (int(s) for s in args.sizes.split(",")):
        case = generated_case(size)
        times, solver = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            ev = evaluate_full(case, explanations=False)
            times.append(time.perf_counter() - start)
            solver.append(ev.solution.seconds)
        verdicts = {v: sum(1 for a in ev.report.acts if a.verdict == v) for v in ("lawful", "unlawful")}
        row: dict[str, Any] = {
            "acts": size,
            "median_s": statistics.median(times),
            "solver_s": statistics.median(solver),
            "verdicts": verdicts,
        }
        if args.explanations:
            start = time.perf_counter()
            evaluate_full(case)
            row["with_explanations_s"] = time.perf_counter() - start
        rows.append(row)
        print(
            f"{size:6d} acts  {row['median_s']:8.3f} s  ({row['median_s'] / size * 1000:6.2f} ms per act; "
            f"solver {row['solver_s']:.3f} s)"
            + (f"  with explanations {row['with_explanations_s']:.3f} s" if args.explanations else "")
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"rows": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
