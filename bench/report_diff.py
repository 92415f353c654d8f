"""Compare the JSON reports of two checkouts of normengine, case by case and perspective by perspective.

    python bench/report_diff.py /work/main [--perspectives orthodox,humanitarian,sovereigntist]
        [--no-explanations] [--structure]

Runs ``python -m normengine evaluate CASE --format json`` with each checkout on PYTHONPATH and
reports, for every bundled case, whether the two outputs are byte-identical. With
``--structure`` it compares everything but the prose (the ``text`` and ``source`` of reasons and
explanation nodes, and explanation trees), so that a deliberate change of wording can be checked
to leave the verdicts, statuses and fields unchanged.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def run(checkout: Path, case: Path, perspective: str, explanations: bool) -> str:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    cmd = [sys.executable, "-m", "normengine", "evaluate", str(case), "--perspective", perspective, "--format", "json"]
    if not explanations:
        cmd.append("--no-explanations")
    return subprocess.run(cmd, env=env, capture_output=True, text=True, check=True, cwd=checkout).stdout


def structure(data: Any) -> Any:
    """The report without its prose."""
    if isinstance(data, dict):
        return {
            k: structure(v)
            for k, v in data.items()
            if k not in ("text", "source", "explanation", "engine_version", "ruleset_hash", "reasons", "title")
        }
    if isinstance(data, list):
        return [structure(v) for v in data]
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("reference", type=Path, help="the other checkout (e.g. /work/main)")
    parser.add_argument("--perspectives", default="orthodox,humanitarian,sovereigntist")
    parser.add_argument("--no-explanations", action="store_true")
    parser.add_argument("--structure", action="store_true", help="compare everything but the prose")
    args = parser.parse_args(argv)
    differ = 0
    for case in sorted((ROOT / "cases").glob("*.yaml")):
        for perspective in args.perspectives.split(","):
            ref = run(args.reference, case, perspective, not args.no_explanations)
            new = run(ROOT, case, perspective, not args.no_explanations)
            same = structure(json.loads(ref)) == structure(json.loads(new)) if args.structure else ref == new
            differ += not same
            print(f"{case.stem:22s} {perspective:14s} {'same' if same else 'DIFFERENT'}")
    print(f"{differ} different")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
