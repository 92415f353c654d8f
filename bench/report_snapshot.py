"""Render every bundled case under every perspective into a directory, to compare two versions of the engine.

    python bench/report_snapshot.py OUT [--cases DIR] [--perspectives orthodox,humanitarian,sovereigntist]
        [--no-explanations] [--text] [--whatif suez-1956,kosovo-1999]
    PYTHONPATH=/tmp/before python bench/report_snapshot.py /tmp/snap-before --cases cases
    python bench/report_snapshot.py /tmp/snap-now && diff -r /tmp/snap-before /tmp/snap-now

One process renders everything, in process, as ``normengine evaluate CASE --perspective P --format json``
does (the same ``report_json`` / ``report_text`` functions): much faster than a fresh process per report
(``bench/report_diff.py`` does that), so that a change to the engine can be checked against the code before
it on all the bundled cases at once. The engine is whichever ``normengine`` is imported (put the other
checkout first on PYTHONPATH), its own bundled rule set; the case files are read from ``--cases`` (default:
this checkout's ``cases/``), so that both versions read the same cases. Writes ``CASE.PERSPECTIVE.json``
(and ``.txt`` with ``--text``; ``CASE.PERSPECTIVE.whatif.json`` for each case of ``--whatif``) and prints
the CPU time each took. Compare two snapshots with ``diff -r`` (or ``--compare OTHER``).
"""

from __future__ import annotations

import argparse
import filecmp
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="the directory to write the reports into")
    parser.add_argument("--cases", type=Path, default=ROOT / "cases", help="the case files' directory")
    parser.add_argument("--perspectives", default="orthodox,humanitarian,sovereigntist")
    parser.add_argument("--no-explanations", action="store_true", help="leave the explanations out (JSON)")
    parser.add_argument("--text", action="store_true", help="also render the text report")
    parser.add_argument("--whatif", default="", help="cases (ids, comma-separated) whose whatif to render too")
    parser.add_argument("--only", default="", help="only these cases (ids, comma-separated)")
    parser.add_argument("--compare", type=Path, help="a snapshot to compare with, file by file")
    args = parser.parse_args(argv)

    from normengine.commands.base import Target
    from normengine.commands.evaluate import report_json, report_text
    from normengine.engine import evaluate_full

    args.out.mkdir(parents=True, exist_ok=True)
    only = {c for c in args.only.split(",") if c}
    cases = [p for p in sorted(args.cases.glob("*.yaml")) if not only or p.stem in only]
    total = 0.0
    for case in cases:
        for perspective in args.perspectives.split(","):
            start = time.process_time()
            ev = evaluate_full(str(case), None, perspective, explanations=not args.no_explanations)
            (args.out / f"{case.stem}.{perspective}.json").write_text(report_json(ev), encoding="utf-8")
            if args.text:
                (args.out / f"{case.stem}.{perspective}.txt").write_text(report_text(ev, Target()), encoding="utf-8")
            spent = time.process_time() - start
            total += spent
            print(f"{case.stem:24s} {perspective:14s} {spent * 1000:8.1f} ms CPU", flush=True)
    for ident in [c for c in args.whatif.split(",") if c]:
        from normengine.whatif import what_if

        for perspective in args.perspectives.split(","):
            start = time.process_time()
            result = what_if(str(args.cases / f"{ident}.yaml"), None, perspective)
            (args.out / f"{ident}.{perspective}.whatif.json").write_text(result.to_json(), encoding="utf-8")
            spent = time.process_time() - start
            total += spent
            line = f"{ident:24s} {perspective:14s} {spent * 1000:8.1f} ms CPU (whatif, {result.tried} tried)"
            print(line, flush=True)
    print(f"total {total:.2f} s CPU")
    if args.compare is None:
        return 0
    names = sorted(p.name for p in args.out.iterdir())
    match, mismatch, errors = filecmp.cmpfiles(args.compare, args.out, names, shallow=False)
    for name in mismatch + errors:
        print(f"DIFFERENT {name}")
    print(f"{len(match)} identical, {len(mismatch) + len(errors)} different")
    return 1 if mismatch or errors else 0


if __name__ == "__main__":
    sys.exit(main())
