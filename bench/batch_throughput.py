"""Batch throughput: ``normengine batch`` over generated cases with 1 and 2 workers.

    python bench/batch_throughput.py --count 2000 --workers 1 2 [--json bench/results/batch-throughput.json]

Generates the cases (bench/gen_cases.py, seed 1) in a temporary directory, runs the
batch once per worker count as a separate process, and reports wall time, the CPU
time of the batch and its workers, and cases per second. It checks that every run
wrote the same bytes (the order does not depend on the number of workers).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_cases import case_text


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = Path(tmp) / "cases"
        cases.mkdir()
        rng = random.Random(1)
        for n in range(args.count):
            (cases / f"case-{n:05d}.yaml").write_text(case_text(n, rng), encoding="utf-8")
        outputs = []
        for workers in args.workers:
            out = Path(tmp) / f"results-{workers}.jsonl"
            load_before = os.getloadavg()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "normengine", "batch", str(cases), "--out", str(out), "--workers", str(workers)],
                capture_output=True,
                text=True,
                check=False,
            )
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            if proc.returncode != 0:
                sys.exit(f"batch failed ({proc.returncode}): {proc.stderr}")
            outputs.append(out.read_bytes())
            row = {
                "workers": workers,
                "cases": args.count,
                "wall_s": round(wall, 1),
                "cpu_s": round(cpu, 1),
                "cases_per_s": round(args.count / wall, 1),
                "cpu_ms_per_case": round(1000 * cpu / args.count, 1),
                "load_before": [round(x, 2) for x in load_before],
                "load_after": [round(x, 2) for x in os.getloadavg()],
            }
            results.append(row)
            print(json.dumps(row), flush=True)
        if len(set(outputs)) != 1:
            sys.exit("the runs wrote different results")
    report = {
        "date": dt.date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores, {_cpu_model()}, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "command": f"python bench/batch_throughput.py --count {args.count} --workers "
        + " ".join(str(w) for w in args.workers),
        "results": results,
    }
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
