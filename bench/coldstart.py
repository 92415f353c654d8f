"""Benchmark 2: cold start of the command line against importing clingo.

Runs ``normengine evaluate cases/kosovo-1999.yaml --format json`` as a fresh process, and
``python -c "import clingo"`` for comparison, each many times, alternating, and reports medians.
The first run also fills the on-disk program cache (see normengine/rulesets.py), as any first run
on a machine does; it is not counted.

    python bench/coldstart.py [--repeat 20] [--case cases/kosovo-1999.yaml]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--case", default="cases/kosovo-1999.yaml")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "coldstart.json")
    args = parser.parse_args(argv)
    engine = [sys.executable, "-m", "normengine", "evaluate", args.case, "--format", "json"]
    bare = [sys.executable, "-c", "import clingo"]
    imports = [sys.executable, "-c", "import normengine.engine"]
    timed(engine)
    rows: dict[str, list[float]] = {"evaluate": [], "import_clingo": [], "import_engine": []}
    for _ in range(args.repeat):
        rows["evaluate"].append(timed(engine))
        rows["import_clingo"].append(timed(bare))
        rows["import_engine"].append(timed(imports))
    result = {k: statistics.median(v) for k, v in rows.items()}
    for key, value in result.items():
        print(f"{key:15s} median {value * 1000:7.1f} ms")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"median_s": result, "runs": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
