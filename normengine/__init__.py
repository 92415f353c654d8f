"""normengine: a reasoning engine for conflicts between the norms of international law.

The public API::

    from normengine import evaluate
    report = evaluate("cases/kosovo-1999.yaml", perspective="orthodox")
    print(report.act("allied-force").verdict)        # unlawful
    print(report.to_json())

See ``docs/api.md``. Names are imported on first use, so that commands that do
not need the legal engine (``normengine af solve``, ``--help``) start fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "evaluate": "engine",
    "CaseError": "errors",
    "LimitExceeded": "errors",
    "NormengineError": "errors",
    "RuleSetError": "errors",
    "SolveTimeout": "errors",
    "Limits": "loader",
    "Report": "report",
}

__all__ = [*sorted(_EXPORTS), "__version__"]

if TYPE_CHECKING:
    from .engine import evaluate
    from .errors import CaseError, LimitExceeded, NormengineError, RuleSetError, SolveTimeout
    from .loader import Limits
    from .report import Report


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'normengine' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
