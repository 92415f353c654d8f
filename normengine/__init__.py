"""normengine: a reasoning engine for conflicts between the norms of international law.

The public API::

    from normengine import evaluate
    report = evaluate("cases/kosovo-1999.yaml", perspective="orthodox")
    print(report.act("allied-force").verdict)        # unlawful
    print(report.to_json())

See ``docs/api.md``.
"""

from __future__ import annotations

from .engine import evaluate
from .errors import CaseError, LimitExceeded, NormengineError, RuleSetError, SolveTimeout
from .loader import Limits
from .report import Report

__version__ = "0.1.0"

__all__ = [
    "CaseError",
    "LimitExceeded",
    "Limits",
    "NormengineError",
    "Report",
    "RuleSetError",
    "SolveTimeout",
    "__version__",
    "evaluate",
]
