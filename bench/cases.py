"""Benchmark 1: per-case evaluation against clingo alone on the same ground program.

For every bundled case: the median of many in-process evaluations (the full report with
explanations, and without them), against clingo alone: a fresh Control given the program text
the engine grounds, the argumentation encodings, the conclusions (``encodings/conclusions.lp``,
with the ``__act``/``__claim`` facts it reads) and the case's facts as text, grounded and
solved with the same brave enumeration, and the atoms read back. The engine grounds the rule
program's light form (``Program.light_text``: no ``__fired`` records for the exact rules, whose
derivations it recomputes from the atoms when asked) for a case without contested facts, and
the fully instrumented form (``Program.text``) for one with contested facts; the ratios are
against that. The column "instrumented" is clingo alone on the fully instrumented text for every
case, the floor the earlier measurements used.

The four are interleaved (one of each per round), so that a change of load on a shared
machine hits all three alike; ``--clock cpu`` (the default) measures the process's CPU time,
which other processes on the machine disturb far less than wall time.

    python bench/cases.py [--repeat 15] [--clock cpu|wall] [--case NAME] [--out bench/results/cases.json]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

import clingo

from normengine.engine import evaluate_full
from normengine.facts import to_facts
from normengine.loader import load_case
from normengine.predicates import ACT, CLAIM
from normengine.rulesets import load_ruleset
from normengine.solve import _ENGINE_SHOW, af_program, build_program, conclusions_program, readings_program

ROOT = Path(__file__).resolve().parent.parent


def clingo_alone(program_text: str, facts_text: str, extra: str) -> int:
    ctl = clingo.Control(["--enum-mode=brave", "--models=0"], logger=lambda c, m: None)
    ctl.add("base", [], program_text)
    ctl.add("base", [], extra)
    ctl.add("base", [], facts_text)
    ctl.ground([("base", [])])
    count = 0

    def on_model(model: clingo.Model) -> None:
        nonlocal count
        count = len(model.symbols(atoms=True))

    ctl.solve(on_model=on_model)
    return count


def interleaved(fns: list[object], repeat: int, clock: str) -> list[float]:
    """The median time of each function, run round-robin ``repeat`` times."""
    now = time.process_time if clock == "cpu" else time.perf_counter
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            start = now()
            fn()  # type: ignore[operator]
            times[i].append(now() - start)
    return [statistics.median(t) for t in times]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--clock", choices=["cpu", "wall"], default="cpu")
    parser.add_argument("--case", action="append", help="only this case (repeatable)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "cases.json")
    args = parser.parse_args(argv)
    ruleset = load_ruleset()
    _, program = build_program(ruleset, None)
    # Everything the engine grounds besides the rules and the facts (normengine/solve.py:_control): the
    # argumentation core, the conclusions (verdicts and statuses, encodings/conclusions.lp) and what it shows.
    extra = af_program().text + "\n" + conclusions_program().text + "\n" + _ENGINE_SHOW
    rows = []
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        if args.case and path.stem not in args.case:
            continue
        case = load_case(path)
        facts = to_facts(case)
        contested = bool(facts.contested)
        program_extra = extra + ("\n" + readings_program().text if contested else "")
        facts_text = (
            "".join(f"{a}.\n" for a in facts.facts)
            + "".join(f"{a} :- {g}.\n" for a, g in facts.guarded)
            + "".join(
                f"contested({f.term}).\n" + "".join(f"variant({f.term},{i}).\n" for i in range(len(f.readings)))
                for f in facts.contested
            )
            # the acts and claims whose conclusions conclusions.lp gives (normengine/solve.py:_add_ids)
            + "".join(f"{ACT[0]}({clingo.String(a)}).\n" for a in facts.acts)
            + "".join(f"{CLAIM[0]}({clingo.String(c)}).\n" for c in facts.claims)
        )
        floor_text = program.text if contested else program.light_text
        evaluate_full(case)  # warm caches
        full, bare, alone, instrumented = interleaved(
            [
                lambda case=case: evaluate_full(case),
                lambda case=case: evaluate_full(case, explanations=False),
                lambda f=facts_text, x=program_extra, t=floor_text: clingo_alone(t, f, x),
                lambda f=facts_text, x=program_extra: clingo_alone(program.text, f, x),
            ],
            args.repeat,
            args.clock,
        )
        rows.append(
            {
                "case": path.stem,
                "contested_facts": len(facts.contested),
                "engine_s": full,
                "engine_no_explanations_s": bare,
                "clingo_alone_s": alone,
                "clingo_alone_instrumented_s": instrumented,
                "ratio_to_instrumented": full / instrumented,
                "ratio": full / alone,
                "ratio_no_explanations": bare / alone,
            }
        )
        print(
            f"{path.stem:22s} engine {full * 1000:7.1f} ms  without explanations {bare * 1000:7.1f} ms  "
            f"clingo alone {alone * 1000:7.1f} ms  ratio {full / alone:4.2f} / {bare / alone:4.2f}  "
            f"(instrumented {instrumented * 1000:7.1f} ms: {full / instrumented:4.2f} / {bare / instrumented:4.2f})"
        )
    meta = {
        "python": sys.version.split()[0],
        "clingo": clingo.__version__,
        "machine": platform.machine(),
        "clock": args.clock,
    }
    full_ratios = [r["ratio"] for r in rows]
    bare_ratios = [r["ratio_no_explanations"] for r in rows]
    if rows:
        print(
            f"median ratio {statistics.median(full_ratios):4.2f} with explanations "
            f"(max {max(full_ratios):4.2f}), {statistics.median(bare_ratios):4.2f} without "
            f"(max {max(bare_ratios):4.2f})"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
