"""Grounded extension at scale: Python propagation against clingo's grounder.

Usage: python bench/af_grounded.py [--data DIR] [--repeat N]

For each of the largest instances, in one process: parse once, then time
(a) normengine.af's linear-time propagation (adjacency lists included) and
(b) clingo grounding ``normengine/af/encodings/grounded.lp`` on the same
facts (passed through the backend; the program is positive, so grounding
alone computes the least model) and reading ``af_gr_in/1``.  Both results
are compared.  Best of N runs.  Results: bench/results/af_grounded.json.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _af_harness as h

INSTANCES = [
    "gen__admbuster__admbuster_100000",
    "real__admbuster__admbuster_50000",
    "gen__WS__WS_20000_16_90_30_24",
    "gen__BA__BA_20000_30_7",
    "gen__ER__ER_5000_dense_16",
]


def main() -> int:
    import clingo

    from normengine.af import encoding_path
    from normengine.af.parse import read_file
    from normengine.af.reduce import IN, Graph, grounded_labelling

    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=h.DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for name in INSTANCES:
        af = read_file(args.data / "instances" / f"{name}.i23")
        best_py = best_cl = wall_py = wall_cl = float("inf")
        py_set: set[int] = set()
        cl_set: set[int] = set()
        for _ in range(args.repeat):
            t, c = time.perf_counter(), time.process_time()
            labels = grounded_labelling(Graph(af.n, af.attacks))
            py_set = {i for i in range(af.n) if labels[i] == IN}
            best_py = min(best_py, time.process_time() - c)
            wall_py = min(wall_py, time.perf_counter() - t)

            t, c = time.perf_counter(), time.process_time()
            ctl = clingo.Control(["--warn=none"])
            ctl.load(str(encoding_path("grounded.lp")))
            with ctl.backend() as backend:
                num = clingo.Number
                fn = clingo.Function
                for i in range(af.n):
                    backend.add_rule([backend.add_atom(fn("arg", [num(i)]))])
                for a, b in af.attacks:
                    backend.add_rule([backend.add_atom(fn("att", [num(a), num(b)]))])
            ctl.ground([("base", [])])
            cl_set = {s.symbol.arguments[0].number for s in ctl.symbolic_atoms.by_signature("af_gr_in", 1) if s.is_fact}
            best_cl = min(best_cl, time.process_time() - c)
            wall_cl = min(wall_cl, time.perf_counter() - t)
        assert py_set == cl_set, name
        rows.append(
            {
                "instance": name,
                "n_args": af.n,
                "n_atts": len(af.attacks),
                "grounded_size": len(py_set),
                "python_cpu_s": round(best_py, 4),
                "clingo_cpu_s": round(best_cl, 4),
                "python_wall_s": round(wall_py, 4),
                "clingo_wall_s": round(wall_cl, 4),
            }
        )
        print(rows[-1], flush=True)
    h.write_json(h.RESULTS / "af_grounded.json", {"machine": h.machine(), "rows": rows})
    return 0


if __name__ == "__main__":
    sys.exit(main())
