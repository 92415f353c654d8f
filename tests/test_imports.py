"""No module of the package imports another module's private names (issue 14, part 1).

A name that starts with one underscore is its module's own business: another module that needs it
gets a public name. A private module (``formats/_common.py``) is shared by its package only.
"""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "normengine"


def _module(path: Path) -> list[str]:
    """The dotted name of the module at ``path``, as parts (a package's ``__init__`` is the package)."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_imports(path: Path, text: str | None = None) -> list[str]:
    """Every import in the module at ``path`` (its source ``text``, else the file) of another module's private name.

    For each imported dotted name, a private part belongs to the module that holds it: only that
    module, and the modules inside it (for a package), may import it.
    """
    importer = _module(path)
    package = list(path.relative_to(ROOT).parent.parts)
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8") if text is None else text)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            source = [*base, *(node.module.split(".") if node.module else [])]
            targets = [[*source, alias.name] for alias in node.names]
        elif isinstance(node, ast.Import):
            targets = [alias.name.split(".") for alias in node.names]
        else:
            continue
        for parts in targets:
            if parts[0] != PACKAGE.name:
                continue
            for i, part in enumerate(parts):
                owner = parts[:i]
                if _private(part) and importer[: len(owner)] != owner:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {'.'.join(parts)}")
                    break
    return found


def test_no_module_imports_another_modules_private_names() -> None:
    offenders = [hit for path in sorted(PACKAGE.rglob("*.py")) for hit in private_imports(path)]
    assert offenders == []


def test_the_scan_finds_a_private_import() -> None:
    """The scan is not vacuous: it flags each way of reaching a private name, and lets a package share its own."""
    where = PACKAGE / "formats" / "probe.py"  # read as if it lay in normengine/formats/
    expected = {
        "from ..loader import _validate\n": ["normengine.loader._validate"],
        "from normengine.graph import _FILL, STATUSES\n": ["normengine.graph._FILL"],
        "import normengine.server._private\n": ["normengine.server._private"],
        "from ..formats import _common\n": [],
        "def f():\n    from ..rulesets import parse_program, _signature\n": ["normengine.rulesets._signature"],
        "from ._common import clean\nfrom . import _common\nfrom .. import __version__\nfrom os import _exit\n": [],
    }
    for text, names in expected.items():
        assert [hit.rsplit(" ", 1)[1] for hit in private_imports(where, text)] == names, text
