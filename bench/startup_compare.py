"""A fresh ``normengine evaluate`` of one case, this checkout against another, run alternately.

Each round runs, one after the other, the text and the JSON report of the case with this checkout's code
and with the code of ``--before`` (a checkout or an exported tree of an earlier commit), as fresh processes
with their bytecode written (as an installed package has it). Reports the median CPU time (user + system
of the process and its worker) of each: on a shared machine the load changes between rounds, and
alternating the two lets a ratio measured in one run say what the change did.

    python bench/startup_compare.py --before /tmp/before [--case cases/kosovo-1999.yaml] [--repeat 10]
    python bench/startup_compare.py --before /tmp/before --command whatif --case cases/suez-1956.yaml --formats json

``--command whatif`` times ``normengine whatif`` the same way. A first round warms up (not counted). Besides
the ratio of the medians, the median of each round's ratio is printed (the two runs of a round ran one
after the other, under the same load).
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
    """CPU seconds of one run of ``cmd`` (of the process and every child it waited for, its worker included).

    Read from ``wait4``'s resource usage, in microseconds, rather than ``os.times()``, whose clock ticks
    (10 ms) are too coarse for a difference of a few percent between two versions.
    """
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, cwd=cwd, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    return usage.ru_utime + usage.ru_stime


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
    for round_ in range(args.repeat + 1):  # round 0 warms up (bytecode, the program cache), not counted
        for fmt, extra in formats.items():
            for tree, root in trees.items():
                env = dict(base, PYTHONPATH=str(root))
                cmd = [sys.executable, "-m", "normengine", args.command, args.case, *extra]
                spent = cpu_of(cmd, root, env)
                if round_:
                    times[f"{tree} {fmt}"].append(spent)
    for fmt in formats:
        before, now = (statistics.median(times[f"{t} {fmt}"]) for t in trees)
        # The ratio of the two runs of each round (run one after the other, under the same load), by median.
        paired = statistics.median(n / b for b, n in zip(times[f"before {fmt}"], times[f"now {fmt}"], strict=True))
        print(
            f"{fmt:5s} before {before * 1000:6.0f} ms CPU   now {now * 1000:6.0f} ms CPU   "
            f"ratio {now / before:.2f} (by round {paired:.2f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
