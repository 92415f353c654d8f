"""The argumentation core: abstract argumentation frameworks and their semantics.

The encodings in ``normengine/af/encodings`` are shared by the legal engine
(which derives ``arg/1`` and ``att/2`` from a case) and by the standalone
solver behind ``normengine af solve``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["encoding_path"]


def encoding_path(name: str) -> Path:
    """Return the real path of a bundled AF encoding, e.g. ``grounded.lp``.

    Args:
        name: file name inside ``normengine/af/encodings``.
    """
    return Path(__file__).resolve().parent / "encodings" / name
