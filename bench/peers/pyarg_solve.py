"""Answer one ICCMA task with py_arg (python-argumentation), for bench/af_peers.py.

Usage: python bench/peers/pyarg_solve.py FILE.i23 TASK [QUERY]

py_arg has no acceptance functions: DC and DS enumerate the extensions with
its own algorithms (Nofal et al. labelling search) and look for the query.
"""

from __future__ import annotations

import sys
from pathlib import Path

from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions
from py_arg.algorithms.semantics.get_stable_extensions import get_stable_extensions
from py_arg.import_export.argumentation_framework_from_iccma23_format_reader import (
    ArgumentationFrameworkFromICCMA23FormatReader,
)


def main() -> int:
    path, task = sys.argv[1], sys.argv[2].upper()
    query = sys.argv[3] if len(sys.argv) > 3 else None
    af = ArgumentationFrameworkFromICCMA23FormatReader.from_iccma23(Path(path).read_text())
    problem, sem = task.split("-")
    if sem == "GR":
        exts = [frozenset(get_grounded_extension(af))]
    elif sem == "ST":
        exts = list(get_stable_extensions(af))
    elif sem == "PR":
        exts = list(get_preferred_extensions(af))
    else:
        print(f"unsupported task {task}", file=sys.stderr)
        return 2
    names = [{a.name for a in e} for e in exts]
    if problem == "SE":
        if not names:
            print("NO")
        else:
            print("w " + " ".join(sorted((n[1:] for n in names[0]), key=int)))
        return 0
    q = "A" + str(query).lstrip("aA")
    if problem == "DC":
        print("YES" if any(q in e for e in names) else "NO")
    else:
        print("YES" if all(q in e for e in names) else "NO")
    return 0


if __name__ == "__main__":
    sys.exit(main())
