"""Start-up of the command line as fresh processes: ``--version``, ``--help``, ``evaluate``, ``af solve``.

Each command runs ``--repeat`` times, interleaved with the others, after one warm-up run
each (which also fills the on-disk program cache, as any first run on a machine does).
Reports the median wall time and the median CPU time (user + system, of the process and
its workers: less sensitive than wall time to other load on the machine).

    python bench/startup.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# Python's compiled modules as an installed package has them: with PYTHONDONTWRITEBYTECODE set (some CI and
# sandboxes set it), every fresh process would compile normengine's modules from source again (about 70 ms).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``cmd`` (CPU: of the process and every child it waited for).

    The CPU time is ``wait4``'s resource usage (microseconds), not ``os.times()``'s 10 ms clock ticks.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, cwd=ROOT, env=ENV)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    return wall, usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "startup.json")
    args = parser.parse_args(argv)
    chain = ROOT / "bench" / "results" / "chain.i23"
    chain.parent.mkdir(parents=True, exist_ok=True)
    chain.write_text("p af 3\n1 2\n2 3\n", encoding="utf-8")
    py = sys.executable
    commands = {
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import clingo'": [py, "-c", "import clingo"],
        "normengine --version": [py, "-m", "normengine", "--version"],
        "normengine --help": [py, "-m", "normengine", "--help"],
        "normengine evaluate kosovo (text)": [py, "-m", "normengine", "evaluate", "cases/kosovo-1999.yaml"],
        "normengine evaluate kosovo --format json": [
            py, "-m", "normengine", "evaluate", "cases/kosovo-1999.yaml", "--format", "json",
        ],
        "normengine evaluate kosovo --timeout 0 --max-memory 0": [
            py, "-m", "normengine", "evaluate", "cases/kosovo-1999.yaml", "--timeout", "0", "--max-memory", "0",
        ],
        "python -m normengine.af.cli solve": [py, "-m", "normengine.af.cli", "solve", str(chain), "--task", "SE-PR"],
        "normengine af solve": [py, "-m", "normengine", "af", "solve", str(chain), "--task", "SE-PR"],
    }  # fmt: skip
    for cmd in commands.values():
        timed(cmd)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.repeat):
        for name, cmd in commands.items():
            runs[name].append(timed(cmd))
    result = {
        name: {"wall_s": statistics.median(w for w, _c in rows), "cpu_s": statistics.median(c for _w, c in rows)}
        for name, rows in runs.items()
    }
    for name, row in result.items():
        print(f"{name:55s} wall {row['wall_s'] * 1000:7.1f} ms   cpu {row['cpu_s'] * 1000:7.1f} ms")
    args.out.write_text(json.dumps({"median": result, "load": os.getloadavg()}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
