"""What each bound of a case costs: a case at (and below) each bound, evaluated for real.

Usage: python bench/limits.py [--quick]

For every list bound of normengine.loader.Limits, writes a case whose list has N items (the
bound, and smaller sizes), runs ``normengine evaluate CASE --format json --timeout 300`` in a
fresh process and prints its wall-clock time and peak memory (the largest resident set of the
command and its worker), and the time ``load_case`` takes to read and check the same case.
docs/robustness.md quotes its output.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

HEAD = [
    "id: big",
    "title: big",
    "date: 2000-01-01",
    "parties:",
    "  - {id: a, kind: state}",
    "  - {id: b, kind: state}",
]
STRIKE = "  - {id: s0, type: air_strikes, actors: [a], target: b, start: 2000-01-01}"


def justifications(n: int) -> str:
    claims = [f"  - {{id: j{i}, act: s0, type: self_defence, claimed_by: [a], responds_to: [x0]}}" for i in range(n)]
    attack = ["armed_attacks:", "  - {id: x0, by: b, against: a, date: 1999-12-31}"]
    return "\n".join([*HEAD, "acts:", STRIKE, "justifications:", *claims, *attack])


def resolutions(n: int) -> str:
    items = [
        f"  - {{id: r{i}, organ: security_council, date: 1999-01-01, chapter_vii: true, votes: {{for: 15}}, "
        "authorisations: [{all_member_states: true, force: true}]}"
        for i in range(n)
    ]
    return "\n".join([*HEAD, "acts:", STRIKE, "resolutions:", *items])


def members(n: int) -> str:
    states = [f"  - {{id: m{i}, kind: state}}" for i in range(n)]
    org = "  - {{id: o, kind: organisation, members: [{}]}}".format(", ".join(f"m{i}" for i in range(n)))
    act = "  - {id: s0, type: air_strikes, actors: [o], target: b, start: 2000-01-01}"
    return "\n".join([*HEAD, *states, org, "acts:", act])


def contested(n: int) -> str:
    attacks = [f"  - {{id: x{i}, by: b, against: a, date: 1999-12-31, contested: {{source: s}}}}" for i in range(n)]
    claim = "  - {{id: j0, act: s0, type: self_defence, claimed_by: [a], responds_to: [{}]}}".format(
        ", ".join(f"x{i}" for i in range(n))
    )
    return "\n".join([*HEAD, "acts:", STRIKE, "armed_attacks:", *attacks, "justifications:", claim])


def readings(n: int) -> str:
    alternatives = [f"        - {{date: {1900 + i}-01-01, source: s{i}}}" for i in range(n)]
    attack = [
        "  - id: x0",
        "    by: b",
        "    against: a",
        "    date: 1999-12-31",
        "    contested:",
        "      alternatives:",
    ]
    claim = "  - {id: j0, act: s0, type: self_defence, claimed_by: [a], responds_to: [x0]}"
    return "\n".join([*HEAD, "acts:", STRIKE, "armed_attacks:", *attack, *alternatives, "justifications:", claim])


def acts(n: int) -> str:
    items = [f"  - {{id: s{i}, type: air_strikes, actors: [a], target: b, start: 2000-01-01}}" for i in range(n)]
    return "\n".join([*HEAD, "acts:", *items])


CLASSES: list[tuple[str, str, Callable[[int], str], list[int]]] = [
    ("justifications (max_items)", "1,000", justifications, [100, 500, 1_000]),
    ("resolutions (max_items)", "1,000", resolutions, [100, 1_000]),
    ("members of one organisation (max_list)", "1,000", members, [100, 1_000]),
    ("contested facts (max_contested)", "50", contested, [10, 30, 50]),
    ("readings of one fact (max_readings)", "20", readings, [5, 20]),
    ("acts (max_acts)", "50,000", acts, [100, 1_000]),
]


def run(path: Path) -> tuple[float, int, int]:
    """Wall-clock seconds, peak resident MB (the command and the workers it reaped) and exit status."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "normengine", "evaluate", str(path), "--format", "json", "--timeout", "300"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=REPO,
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss // 1024, proc.returncode


def main() -> None:
    from normengine.loader import load_case

    quick = "--quick" in sys.argv
    print("| list | bound | items | evaluate (s) | peak memory (MB) | exit | reading and checking (s) |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, bound, make, sizes in CLASSES:
            for n in sizes[-1:] if quick else sizes:
                path = Path(tmp) / f"case-{n}.yaml"
                path.write_text(make(n) + "\n", encoding="utf-8")
                start = time.perf_counter()
                load_case(path)
                load = time.perf_counter() - start
                elapsed, peak, status = run(path)
                print(f"| {name} | {bound} | {n:,} | {elapsed:.1f} | {peak:,} | {status} | {load:.2f} |", flush=True)


if __name__ == "__main__":
    main()
