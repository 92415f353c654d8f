"""A fresh ``normengine evaluate`` of one case, this checkout against another, run alternately.

Each round runs, one after the other, the text and the JSON report of the case with this checkout's code
and with the code of ``--before`` (a checkout or an exported tree of an earlier commit), as fresh processes
with their bytecode written (as an installed package has it). Reports the median CPU time (user + system
of the process and its worker) of each: on a shared machine the load changes between rounds, and
alternating the two lets a ratio measured in one run say what the change did.

    python bench/startup_compare.py --before /tmp/before [--case cases/kosovo-1999.yaml] [--repeat 10]
    python bench/startup_compare.py --before /tmp/before --command whatif --case cases/suez-1956.yaml --formats json

``--command whatif`` times ``normengine whatif`` the same way.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cpu_of(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    """CPU seconds of one run of ``cmd`` (of the process and every child it waited for)."""
    before = os.times()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=cwd, env=env)
    after = os.times()
    return (after.children_user - before.children_user) + (after.children_system - before.children_system)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="the other checkout (its root directory)")
    parser.add_argument("--case", default="cases/kosovo-1999.yaml", help="a case file, relative to each checkout")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--command", default="evaluate", choices=("evaluate", "whatif"), help="the command to run")
    parser.add_argument("--formats", default="text,json", help="the report formats to time (comma-separated)")
    args = parser.parse_args(argv)
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    trees = {"before": args.before.resolve(), "now": ROOT}
    formats = {f: [] if f == "text" else ["--format", f] for f in args.formats.split(",")}
    times: dict[str, list[float]] = {f"{t} {f}": [] for f in formats for t in trees}
    for _ in range(args.repeat):
        for fmt, extra in formats.items():
            for tree, root in trees.items():
                env = dict(base, PYTHONPATH=str(root))
                cmd = [sys.executable, "-m", "normengine", args.command, args.case, *extra]
                times[f"{tree} {fmt}"].append(cpu_of(cmd, root, env))
    for fmt in formats:
        before, now = (statistics.median(times[f"{t} {fmt}"]) for t in trees)
        print(f"{fmt:5s} before {before * 1000:6.0f} ms CPU   now {now * 1000:6.0f} ms CPU   ratio {now / before:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
