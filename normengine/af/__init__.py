"""The argumentation core: abstract argumentation frameworks and their semantics.

The encodings in ``normengine/af/encodings`` are shared by the legal engine
(which derives ``arg/1`` and ``att/2`` from a case) and by the standalone
solver behind ``normengine af solve``.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

__all__ = ["encoding_path"]


def encoding_path(name: str) -> Path:
    """Return the real path of a bundled AF encoding, e.g. ``grounded.lp``.

    Args:
        name: file name inside ``normengine/af/encodings``.
    """
    with as_file(files("normengine.af") / "encodings" / name) as path:
        return Path(path)
