"""Where grounding time goes at scale: clingo alone on the engine's program, and each rule grounded alone.

For each size of ``bench/scale.py``'s generated case: the engine's Control (the light form of the rules, the
argumentation encodings, the conclusions, the facts), with ``ground`` and ``solve`` timed apart, and the ground
program's size from clingo's statistics. With ``--per-rule``: each rule of that program grounded alone, in
its own program part, against the solve's atoms given as facts; the slowest rules are printed, so that a rule
whose join grows faster than the case shows between two sizes. CPU time throughout.

    python bench/scale_ground.py [--sizes 1000,5000] [--per-rule]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import clingo
from clingo import ast

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import generated_case

from normengine.engine import resolve_case, resolve_ruleset
from normengine.facts import CaseFacts, to_facts
from normengine.loader import Limits
from normengine.solve import CaseSolver, af_program, build_program, conclusions_program


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--per-rule", action="store_true", help="also ground each rule alone against the atoms")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args(argv)
    limits = Limits(timeout=None, max_parties=10**6, max_acts=10**6, max_items=10**6, max_list=10**6)
    ruleset = resolve_ruleset(None)
    _, program = build_program(ruleset, None)
    clock = time.process_time
    for size in (int(s) for s in args.sizes.split(",")):
        facts = to_facts(resolve_case(generated_case(size), limits))
        start = clock()
        solver = CaseSolver(
            program,
            CaseFacts(facts=facts.facts, acts=facts.acts, claims=facts.claims),
            options=["--enum-mode=brave", "--models=0"],
            readings=False,
            light=True,
        )
        grounded = clock()
        solution = solver.brave_atoms(time.perf_counter())
        solved = clock()
        lp = solver.ctl.statistics["problem"]["lp"]
        print(
            f"{size:6d} acts  ground {grounded - start:7.3f} s  solve {solved - grounded:7.3f} s  "
            f"ground atoms {int(lp['atoms']):,}  rules {int(lp['rules']):,}  true atoms {len(solution.atoms):,}",
            flush=True,
        )
        del solver
        if not args.per_rule:
            continue
        statements: list[ast.AST] = []
        for text in (program.light_text, af_program().text, conclusions_program().text):
            ast.parse_string(text, statements.append)
        ctl = clingo.Control(["--warn=none"])
        with ctl.backend() as backend:
            for atom in solution.atoms:
                backend.add_rule([backend.add_atom(atom)])
        ctl.ground([("base", [])])
        rules: list[tuple[str, str]] = []
        with ast.ProgramBuilder(ctl) as builder:
            for statement in statements:
                if statement.ast_type != ast.ASTType.Rule:
                    continue
                part = f"rule{len(rules)}"
                builder.add(ast.Program(statement.location, part, []))
                builder.add(statement)
                rules.append((part, str(statement)))
        times = []
        for part, text in rules:
            begin = clock()
            ctl.ground([(part, [])])
            times.append((clock() - begin, text))
        times.sort(reverse=True)
        print(f"        each of {len(rules)} rules grounded alone against the atoms: {sum(t for t, _ in times):.3f} s")
        for seconds, text in times[: args.top]:
            print(f"        {seconds * 1000:8.1f} ms  {text[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
