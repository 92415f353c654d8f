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
``--ground-profile SIZE`` says where the grounding of SIZE acts goes: the ground program's size
(clasp's statistics) and, for each rule file, the grounding time its rules add when a copy of each
of them (the same body, the head renamed, so that nothing reads it) is ground with the program: the
cost of its joins alone.

    python bench/scale.py [--sizes 10,100,1000,10000] [--repeat 3] [--clock cpu|wall] [--timeout 600]
    python bench/scale.py --ground-profile 3000
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
from normengine.solve import CaseSolver, af_program, build_program, conclusions_program

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
    analysis = analyse(model, program, solution.atoms, explain=False, light=light)
    out["analyse"] = clock() - t
    t = clock()
    build_report(analysis, ruleset, name, engine_version(), ruleset.hash(name))
    out["report"] = clock() - t
    out["total"] = sum(v for k, v in out.items() if k not in ("ground", "solve"))
    out["atoms"] = len(solution.atoms)
    return out


def ground_profile(size: int, clock: Any) -> None:
    """Print the ground program's size for ``size`` acts and what each rule file's joins cost to ground.

    Each rule file's cost is measured by grounding the program (light form) with a copy of every rule of
    the file whose head is an atom, the head renamed (``__copy_K``) so that no rule reads it: the time
    that adds is the time its bodies take to ground, without what follows from its heads. The figures
    are differences of two groundings, so noise of a few per cent of the whole remains.
    """
    import clingo
    import clingo.ast as ast

    from normengine.solve import _ENGINE_SHOW, _add_ids

    limits = Limits(timeout=None, max_parties=10**6, max_acts=10**6, max_items=10**6, max_list=10**6)
    model = resolve_case(generated_case(size), limits)
    _name, program = build_program(resolve_ruleset(None), None)
    program = program.relocated()  # statements with their files and lines
    facts = to_facts(model)
    assert program.light_statements is not None
    statements = list(program.light_statements)
    extra = [*(af_program().relocated().statements or []), *(conclusions_program().relocated().statements or [])]

    def ground(more: list[Any]) -> tuple[float, dict[str, float]]:
        ctl = clingo.Control(["--enum-mode=brave", "--models=0", "--stats"], logger=lambda _c, _m: None)
        with ast.ProgramBuilder(ctl) as builder:
            for statement in [*statements, *extra, *more]:
                builder.add(statement)
        ctl.add("base", [], _ENGINE_SHOW)
        with ctl.backend() as backend:
            for atom in facts.facts:
                backend.add_rule([backend.add_atom(atom)])
            _add_ids(backend, facts.acts, facts.claims)
        start = clock()
        ctl.ground([("base", [])])
        spent = clock() - start
        start = clock()
        ctl.solve()
        lp = ctl.statistics["problem"]["lp"]
        return spent, {"solve": clock() - start, **{k: lp[k] for k in ("atoms", "rules", "rules_choice")}}

    copies: dict[str, list[Any]] = {}
    for k, statement in enumerate(statements):
        head = getattr(statement, "head", None)
        if statement.ast_type != ast.ASTType.Rule or not statement.body or head is None:
            continue
        if head.ast_type != ast.ASTType.Literal or head.atom.ast_type != ast.ASTType.SymbolicAtom:
            continue
        symbol = head.atom.symbol
        if symbol.ast_type != ast.ASTType.Function:
            continue
        loc = statement.location
        renamed = ast.Function(loc, f"__copy_{k}", symbol.arguments, 0)
        copy = ast.Rule(loc, ast.Literal(loc, ast.Sign.NoSign, ast.SymbolicAtom(renamed)), statement.body)
        where = Path(loc.begin.filename)
        name = str(where.relative_to(ROOT)) if where.is_relative_to(ROOT) else str(where)
        copies.setdefault(name, []).append(copy)
    runs = [ground([]) for _ in range(2)]
    base = min(r[0] for r in runs)
    stats = runs[0][1]
    print(
        f"{size} acts: grounding {base:.3f} s, first solve {stats['solve']:.3f} s; ground program "
        f"{stats['atoms']:.0f} atoms, {stats['rules']:.0f} rules ({stats['rules_choice']:.0f} choice rules)"
    )
    costs = sorted(((ground(more)[0] - base, name, len(more)) for name, more in copies.items()), reverse=True)
    print("grounding time added by a copy of each file's rules (its joins alone):")
    for cost, name, count in costs:
        print(f"  {cost:7.3f} s  {cost / base * 100:5.1f} %  {name} ({count} rules)")


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
    parser.add_argument(
        "--ground-profile",
        type=int,
        metavar="SIZE",
        help="print the ground program's size for SIZE acts and the grounding time of each rule file's joins",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "scale.json")
    args = parser.parse_args(argv)
    timeout = args.timeout or None
    limits = Limits(timeout=timeout, max_parties=10**6, max_acts=10**6, max_items=10**6, max_list=10**6)
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    if args.ground_profile:
        ground_profile(args.ground_profile, clock)
        return 0
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
