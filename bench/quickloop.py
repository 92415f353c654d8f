"""The test suite's quick loop, timed with the machine's speed beside it.

This machine's speed varies by more than the quick loop's margin (clingo's grounding of the bundled program,
timed alone, was 13-17 % slower within an hour on 2026-12-06), so a single wall time says little. Each run of
``python -m pytest -q -p no:cacheprovider -m "not slow" -n 2`` is reported with:

- its wall time and the CPU time of every process on the machine (``/proc/stat``: user, nice, system, irq,
  softirq; Linux only), so that the commands the tests run in forked workers count;
- a reference taken just before it: the CPU time of grounding the bundled rule set's light form without a
  fact, the median of 20 Controls (about 12 ms at the machine's usual speed).

With ``--against DIR`` (another checkout, e.g. ``git worktree add /tmp/old REV``) the two checkouts run
alternately, so that both see the same phases of the machine.

    python bench/quickloop.py [--repeat 2] [--against DIR]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

REFERENCE = """
import statistics, time, clingo
from normengine.rulesets import load_ruleset
from normengine.solve import build_program
_, program = build_program(load_ruleset(), None)
times = []
for _ in range(20):
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], program.light_text)
    start = time.process_time()
    ctl.ground([("base", [])])
    times.append(time.process_time() - start)
print(statistics.median(times) * 1000)
"""


def _machine_cpu() -> float:
    """Seconds of CPU every process on the machine has used (``/proc/stat``)."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = stat.readline().split()
    user, nice, system, _idle, _iowait, irq, softirq = (int(x) for x in fields[1:8])
    return (user + nice + system + irq + softirq) / 100


def _reference(checkout: Path) -> float:
    """Milliseconds of CPU to ground the bundled light form without a fact (median of 20)."""
    out = subprocess.run(
        [sys.executable, "-c", REFERENCE], cwd=checkout, capture_output=True, text=True, check=True
    ).stdout
    return float(out.strip())


def _quick_loop(checkout: Path) -> tuple[float, float, bool]:
    """Wall and machine CPU seconds of one quick loop in ``checkout``, and whether it passed."""
    cpu, start = _machine_cpu(), time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow", "-n", "2"],
        cwd=checkout,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start, _machine_cpu() - cpu, proc.returncode == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--against", type=Path, help="another checkout, run alternately with this one")
    args = parser.parse_args()
    checkouts = [ROOT, *([args.against.resolve()] if args.against else [])]
    walls: dict[Path, list[float]] = {c: [] for c in checkouts}
    for run in range(args.repeat):
        for checkout in checkouts:
            reference = _reference(checkout)
            wall, cpu, passed = _quick_loop(checkout)
            walls[checkout].append(wall)
            print(
                f"{time.strftime('%H:%M:%S')} {checkout} run {run + 1}: {wall:.1f} s wall, {cpu:.0f} s CPU, "
                f"reference {reference:.1f} ms{'' if passed else ', FAILED'}",
                flush=True,
            )
    for checkout, values in walls.items():
        print(f"{checkout}: median {statistics.median(values):.1f} s wall over {len(values)} runs")


if __name__ == "__main__":
    main()
