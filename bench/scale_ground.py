"""Where grounding time goes at scale: clingo alone on the engine's program, and each rule grounded alone.

For each size of ``bench/scale.py``'s generated case: the engine's Control (the light form of the rules, the
argumentation encodings, the conclusions, the facts), with ``ground`` and ``solve`` timed apart, and the ground
program's size from clingo's statistics. With ``--per-rule``: each rule of that program grounded alone, in
its own program part, against the solve's atoms given as facts; the slowest rules are printed, so that a rule
whose join grows faster than the case shows between two sizes. CPU time throughout. With ``--components``:
the recursive components of the program's predicate graph that have a negative edge inside (a negated atom,
an aggregate or a condition of the same component). The grounder cannot settle the negated atoms of such a
component while it grounds it, so every rule of it that reads one stays a rule for the solver, with all that
follows from its head, instead of becoming a fact: the component, not a join, is then what the ground program
and the solver's preprocessing pay for.

    python bench/scale_ground.py [--sizes 1000,5000] [--per-rule] [--components]
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
from normengine.rulesets.instrument import _atom_names, _components, head_names
from normengine.solve import CaseSolver, af_program, build_program, conclusions_program


def negative_components(texts: list[str]) -> list[tuple[list[tuple[str, int]], list[str]]]:
    """The components of the predicate graph of ``texts`` with a negative edge inside: (members, those edges)."""
    edges: dict[tuple[str, int], set[tuple[tuple[str, int], bool]]] = {}
    statements: list[ast.AST] = []
    for text in texts:
        ast.parse_string(text, statements.append)
    for node in statements:
        if node.ast_type != ast.ASTType.Rule:
            continue
        heads = set(head_names(node.head))
        choice = node.head.ast_type != ast.ASTType.Literal
        for lit in node.body:
            plain = lit.ast_type == ast.ASTType.Literal and lit.atom.ast_type == ast.ASTType.SymbolicAtom
            negative = not plain or lit.sign != ast.Sign.NoSign
            for name in _atom_names(lit):
                for head in heads:
                    edges.setdefault(head, set()).add((name, negative))
        for head in heads:
            edges.setdefault(head, set())
            if choice:
                edges[head].add((head, True))
    component = _components({h: {b for b, _neg in bs} for h, bs in edges.items()})
    members: dict[int, list[tuple[str, int]]] = {}
    for predicate, number in component.items():
        members.setdefault(number, []).append(predicate)
    found: dict[int, list[str]] = {}
    for head, body in sorted(edges.items()):
        for name, negative in sorted(body):
            if negative and component.get(name) is not None and component.get(name) == component.get(head):
                found.setdefault(component[head], []).append(f"{head[0]}/{head[1]} -> not {name[0]}/{name[1]}")
    return sorted(((sorted(members[n]), e) for n, e in found.items()), key=lambda c: -len(c[0]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--per-rule", action="store_true", help="also ground each rule alone against the atoms")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument(
        "--components", action="store_true", help="print the recursive components with a negative edge inside"
    )
    args = parser.parse_args(argv)
    limits = Limits(timeout=None, max_parties=10**6, max_acts=10**6, max_items=10**6, max_list=10**6)
    ruleset = resolve_ruleset(None)
    _, program = build_program(ruleset, None)
    clock = time.process_time
    if args.components:
        texts = [program.light_text, af_program().text, conclusions_program().text]
        for names, negative in negative_components(texts):
            shown = ", ".join(f"{n}/{a}" for n, a in names if not n.startswith("__fired_"))
            records = sum(1 for n, _a in names if n.startswith("__fired_"))
            print(f"component of {len(names)} predicates ({records} __fired records): {shown}")
            for edge in negative:
                print(f"    {edge}")
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
