"""normengine: a reasoning engine for conflicts between the norms of international law.

The public API (everything else is internal and may change)::

    from normengine import evaluate, compare_perspectives, explain_act, explain_justification, argument_graph, what_if
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
    "argument_graph": "api",
    "compare_perspectives": "api",
    "explain_act": "api",
    "explain_justification": "api",
    "Case": "case",
    "Comparison": "compare",
    "evaluate": "engine",
    "CaseError": "errors",
    "InputIssue": "errors",
    "LimitExceeded": "errors",
    "NormengineError": "errors",
    "RuleSetError": "errors",
    "SolveTimeout": "errors",
    "ArgumentGraph": "graph",
    "Limits": "loader",
    "SCHEMA_VERSION": "report",
    "Explanation": "report",
    "Report": "report",
    "what_if": "whatif",
    "WhatIf": "whatif",
}

__all__ = [
    "SCHEMA_VERSION",
    "ArgumentGraph",
    "Case",
    "CaseError",
    "Comparison",
    "Explanation",
    "InputIssue",
    "LimitExceeded",
    "Limits",
    "NormengineError",
    "Report",
    "RuleSetError",
    "SolveTimeout",
    "WhatIf",
    "__version__",
    "argument_graph",
    "compare_perspectives",
    "evaluate",
    "explain_act",
    "explain_justification",
    "what_if",
]

if TYPE_CHECKING:
    from .api import argument_graph, compare_perspectives, explain_act, explain_justification
    from .case import Case
    from .compare import Comparison
    from .engine import evaluate
    from .errors import CaseError, InputIssue, LimitExceeded, NormengineError, RuleSetError, SolveTimeout
    from .graph import ArgumentGraph
    from .loader import Limits
    from .report import SCHEMA_VERSION, Explanation, Report
    from .whatif import WhatIf, what_if


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'normengine' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
