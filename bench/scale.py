"""Benchmark 3: scale. Generated cases with 10, 100, 1,000 and 10,000 acts among many states.

Each generated case has one state per ten acts; every act is an air strike by one state on
another; a third of them are claimed as self-defence against an armed attack (half of those
with the elements shown), a third are authorised by a Council resolution, and a third are
unanswered. One evaluation without explanations is timed stage by stage (validating the case,
building the facts, grounding, solving, indexing the atoms, building the report; ``ground_solve`` is
the sum of grounding and solving, which :func:`normengine.solve.solve_facts` does in one call and
which is timed here through the same :class:`normengine.solve.CaseSolver`); the median
of --repeat runs is reported with the time per act and the growth exponent between consecutive
sizes (log of the time ratio over log of the size ratio: 1 is linear), so that growth shows at a
glance. ``--clock cpu`` (the default) measures the process's CPU time, which the load of other
processes on a shared machine disturbs far less than wall time; ``--explanations`` also times one
full evaluation with explanation trees. The benchmark sets its own time limit for the solve
(``--timeout``, 600 s), since the default 60 s of ``Limits`` is not meant for 10,000 acts.

    python bench/scale.py [--sizes 10,100,1000,10000] [--repeat 3] [--clock cpu|wall] [--timeout 600]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import math
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from normengine.engine import engine_version, evaluate_full, resolve_case, resolve_ruleset
from normengine.facts import CaseFacts, to_facts
from normengine.findings import analyse, build_report
from normengine.gcpause import collector_paused
from normengine.loader import Limits
from normengine.solve import CaseSolver, build_program

ROOT = Path(__file__).resolve().parent.parent


STAGES = ("validate", "facts", "ground", "solve", "ground_solve", "analyse", "report")


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


def stages(case: dict[str, Any], clock: Any, timeout: float | None, light: bool = True) -> dict[str, float]:
    """See :func:`_stages`; with the cyclic garbage collector paused, as :func:`evaluate_full` runs."""
    with collector_paused():
        return _stages(case, clock, timeout, light)


def _stages(case: dict[str, Any], clock: Any, timeout: float | None, light: bool = True) -> dict[str, float]:
    """One evaluation without explanations, each stage of :func:`evaluate_full` timed separately.

    ``light``: ground the rule program's light form, as the engine does for a case without contested
    facts (False: the fully instrumented form, with a ``__fired`` record for every rule firing).
    """
    limits = Limits(timeout=timeout, max_parties=10**6, max_acts=10**6, max_items=10**6, max_list=10**6)
    out: dict[str, float] = {}
    t = clock()
    model = resolve_case(case, limits)
    out["validate"] = clock() - t
    t = clock()
    ruleset = resolve_ruleset(None)
    name, program = build_program(ruleset, None)
    facts = to_facts(model)
    out["facts"] = clock() - t
    t = clock()
    light = light and not facts.contested
    start = time.perf_counter()
    # What solve_facts does, in two steps: grounding (the CaseSolver) and the one brave solve.
    solver = CaseSolver(
        program,
        CaseFacts(facts=facts.facts, acts=facts.acts, claims=facts.claims),
        timeout=timeout,
        options=["--enum-mode=brave", "--models=0"],
        readings=False,
        light=light,
    )
    out["ground"] = clock() - t
    t = clock()
    solution = solver.brave_atoms(start)
    out["solve"] = clock() - t
    out["ground_solve"] = out["ground"] + out["solve"]
    t = clock()
    analysis = analyse(model, program, solution.atoms, explain=False, unrecorded=solution.unrecorded)
    out["analyse"] = clock() - t
    t = clock()
    build_report(analysis, ruleset, name, engine_version(), ruleset.hash(name))
    out["report"] = clock() - t
    out["total"] = sum(v for k, v in out.items() if k not in ("ground", "solve"))
    out["atoms"] = len(solution.atoms)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,100,1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--clock", choices=["cpu", "wall"], default="cpu", help="process CPU time (default) or wall time"
    )
    parser.add_argument(
        "--timeout", type=float, default=600.0, help="time limit of each solve in seconds (default 600; 0 for none)"
    )
    parser.add_argument("--explanations", action="store_true", help="also time the full report with explanations")
    parser.add_argument(
        "--instrumented",
        action="store_true",
        help="ground the fully instrumented program (a __fired record per rule firing), as before the light form",
    )
    parser.add_argument("--profile", type=int, metavar="SIZE", help="print a profile of one evaluation of SIZE acts")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "scale.json")
    args = parser.parse_args(argv)
    timeout = args.timeout or None
    limits = Limits(timeout=timeout, max_parties=10**6, max_acts=10**6, max_items=10**6, max_list=10**6)
    if args.profile:
        case = generated_case(args.profile)
        evaluate_full(case, explanations=False, limits=limits)
        cProfile.runctx(
            "evaluate_full(case, explanations=False, limits=limits)",
            globals(),
            {"case": case, "limits": limits},
            "/tmp/normengine-scale.prof",
        )
        pstats.Stats("/tmp/normengine-scale.prof").sort_stats("cumtime").print_stats(25)
        return 0
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    rows: list[dict[str, Any]] = []
    light = not args.instrumented
    stages(generated_case(10), clock, timeout, light)
    previous: dict[str, Any] | None = None
    for size in (int(s) for s in args.sizes.split(",")):
        case = generated_case(size)
        runs = [stages(case, clock, timeout, light) for _ in range(args.repeat)]
        row: dict[str, Any] = {"acts": size, "clock": args.clock, "form": "light" if light else "instrumented"}
        for k in runs[0]:
            row[k] = statistics.median(r[k] for r in runs)
        if args.explanations:
            start = clock()
            ev = evaluate_full(case, limits=limits)
            row["with_explanations"] = clock() - start
            row["verdicts"] = {v: sum(1 for a in ev.report.acts if a.verdict == v) for v in ("lawful", "unlawful")}
        if previous is not None:
            ratio = math.log(size / previous["acts"])
            row["exponent"] = math.log(row["total"] / previous["total"]) / ratio
            row["exponent_ground_solve"] = math.log(row["ground_solve"] / previous["ground_solve"]) / ratio
        rows.append(row)
        previous = row
        print(
            f"{size:6d} acts  {row['total']:8.3f} s  ({row['total'] / size * 1000:6.2f} ms per act"
            + (f", exponent {row['exponent']:.2f}" if "exponent" in row else "")
            + ")  "
            + "  ".join(f"{k} {row[k]:.3f}" for k in STAGES)
            + f"  atoms {row['atoms']:.0f}"
            + (f"  with explanations {row['with_explanations']:.3f} s" if args.explanations else ""),
            flush=True,
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"rows": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
