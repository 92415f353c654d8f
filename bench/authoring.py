"""A rule author's loop: evaluate a case with a rule set built on the bundled one, edit a file, evaluate again.

Times, in one process (CPU time, median of ``--repeat`` runs, each on a rule set written afresh):

- ``bundled``: the bundled rule set's program parsed from its files (no cache): what a first run pays;
- ``own, whole``: the rule set's program (bundled files, its shared file, its perspective) parsed as one;
- ``own, on the bundled part``: the same program when the bundled files' program is held (a first
  evaluation under any bundled perspective leaves it): only the rule set's own files are parsed;
- ``after an edit``: its perspective file changed, the program before it held;
- ``evaluate after an edit``: the whole evaluation of Kosovo 1999 after that edit.

The program cache on disk is off (``NORMENGINE_CACHE=off``), so that each figure is the parse itself.

    python bench/authoring.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ["NORMENGINE_CACHE"] = "off"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from normengine import evaluate  # noqa: E402
from normengine.rulesets import load_ruleset, parse_program  # noqa: E402
from normengine.rulesets.program import _MEMORY  # noqa: E402

MANIFEST = """name = "mine"
builds_on = ["builtin"]
files = ["extra.lp"]
default_perspective = "mine"

[perspectives]
mine = "mine.lp"
"""

EXTRA = """%@ rule: mine_strike
%@ source: [un-charter art 2(4)]
%@ says: {A} is a strike
strike(A) :- act_type(A, air_strikes).
"""

PERSPECTIVE = """%@ source: [unsc-pv-1939-1943] (a perspective that admits the protection of nationals abroad)
perspective(mine, "mine (the orthodox view, but protection of nationals admitted)").
%@ source: [unsc-pv-1939-1943 S/PV.1939]
position(protection_of_nationals, accept).
%@ source: [nicaragua-1986 para 268]
position(humanitarian_intervention, reject).
"""


def _rule_set(directory: Path, edit: int = 0) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "ruleset.toml").write_text(MANIFEST, encoding="utf-8")
    (directory / "extra.lp").write_text(EXTRA, encoding="utf-8")
    (directory / "mine.lp").write_text(PERSPECTIVE + f"% edit {edit}\n", encoding="utf-8")
    return directory


def _cpu(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def _one_run(directory: Path, case: Path) -> dict[str, float]:
    """The figures of one rule set written afresh in ``directory``."""
    bundled = load_ruleset()
    rules = load_ruleset(_rule_set(directory))
    files = [*rules.files, rules.perspective_file(None)[1]]
    _MEMORY.clear()
    figures = {
        "bundled": _cpu(lambda: parse_program(list(bundled.files), bundled.roots)),
        "own, whole": _cpu(lambda: parse_program(files, rules.roots, use_cache=False)),
        "own, on the bundled part": _cpu(lambda: parse_program(files, rules.roots)),
    }
    edited = load_ruleset(_rule_set(directory, edit=1))
    figures["after an edit"] = _cpu(
        lambda: parse_program([*edited.files, edited.perspective_file(None)[1]], edited.roots)
    )
    _rule_set(directory, edit=2)
    figures["evaluate after an edit"] = _cpu(lambda: evaluate(case, rules=directory))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    case = ROOT / "cases" / "kosovo-1999.yaml"
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.repeat + 1):  # the first run warms up (imports, clingo's own set-up)
            figures = _one_run(Path(tmp) / f"rs{run}", case)
            if run:
                for name, seconds in figures.items():
                    times.setdefault(name, []).append(seconds)
    for name, values in times.items():
        print(f"{name:28s} {statistics.median(values) * 1000:7.1f} ms CPU")


if __name__ == "__main__":
    main()
