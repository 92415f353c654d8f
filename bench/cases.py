"""Benchmark 1: per-case evaluation against clingo alone on the same ground program.

For every bundled case: the median of many in-process evaluations (the full report with
explanations, and without them), against clingo alone: a fresh Control given the same
instrumented program text, the argumentation encodings and the case's facts as text,
grounded and solved with the same brave enumeration, and the atoms read back.

    python bench/cases.py [--repeat 15] [--out bench/results/cases.json]
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
from normengine.rulesets import load_ruleset
from normengine.solve import _ENGINE_SHOW, af_program, build_program, readings_program

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


def median_time(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "cases.json")
    args = parser.parse_args(argv)
    ruleset = load_ruleset()
    _, program = build_program(ruleset, None)
    extra = af_program().text + "\n" + _ENGINE_SHOW
    rows = []
    for path in sorted((ROOT / "cases").glob("*.yaml")):
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
        )
        evaluate_full(case)  # warm caches
        full = median_time(lambda case=case: evaluate_full(case), args.repeat)
        bare = median_time(lambda case=case: evaluate_full(case, explanations=False), args.repeat)
        alone = median_time(lambda f=facts_text, x=program_extra: clingo_alone(program.text, f, x), args.repeat)
        rows.append(
            {
                "case": path.stem,
                "contested_facts": len(facts.contested),
                "engine_s": full,
                "engine_no_explanations_s": bare,
                "clingo_alone_s": alone,
                "ratio": full / alone,
                "ratio_no_explanations": bare / alone,
            }
        )
        print(
            f"{path.stem:22s} engine {full * 1000:7.1f} ms  without explanations {bare * 1000:7.1f} ms  "
            f"clingo alone {alone * 1000:7.1f} ms  ratio {full / alone:4.2f} / {bare / alone:4.2f}"
        )
    meta = {"python": sys.version.split()[0], "clingo": clingo.__version__, "machine": platform.machine()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
