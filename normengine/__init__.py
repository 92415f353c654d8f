"""normengine: a reasoning engine for conflicts between the norms of international law.

The public API (everything else is internal and may change)::

    from normengine import evaluate, compare_perspectives, explain_act, explain_justification, argument_graph
    report = evaluate("cases/kosovo-1999.yaml", perspective="orthodox")
    print(report.act("allied-force").verdict)        # unlawful
    print(report.to_json())

See ``docs/api.md``.
"""

from __future__ import annotations

from .api import argument_graph, compare_perspectives, explain_act, explain_justification
from .case import Case
from .compare import Comparison
from .engine import evaluate
from .errors import CaseError, InputIssue, LimitExceeded, NormengineError, RuleSetError, SolveTimeout
from .graph import ArgumentGraph
from .loader import Limits
from .report import SCHEMA_VERSION, Explanation, Report

__version__ = "0.1.0"

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
    "__version__",
    "argument_graph",
    "compare_perspectives",
    "evaluate",
    "explain_act",
    "explain_justification",
]
