"""The public Python API beyond :func:`~normengine.engine.evaluate`: compare, explain, graph.

Every function takes the case the same way (a path, YAML or JSON text, a dict, or a
:class:`~normengine.case.Case`), the rule set the same way (a path, a loaded rule set, or
None for the bundled one), and raises the same errors as ``evaluate``. Each call evaluates
the case afresh: a call costs one evaluation (about half a second for a bundled case);
``compare_perspectives`` costs one per perspective. See ``docs/api.md``.
"""

from __future__ import annotations

from clingo import Function, String

from .compare import Comparison, compare
from .engine import CaseInput, RulesInput, evaluate_full
from .errors import NormengineError
from .findings import to_model, verdict_explanation
from .graph import ArgumentGraph
from .graph import argument_graph as _graph_of
from .loader import DEFAULT_LIMITS, Limits
from .report import Explanation

__all__ = ["argument_graph", "compare_perspectives", "explain_act", "explain_justification"]


def compare_perspectives(
    case: CaseInput,
    rules: RulesInput = None,
    perspectives: list[str] | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
    allow_scripts: bool = False,
) -> Comparison:
    """Evaluate a case under several perspectives and compare them.

    Args:
        case: a path to a YAML case file, a bundled case's id (``"kosovo-1999"``), YAML text, a dict,
            or a ``Case``.
        rules: a rule-set directory or ``.lp`` file, a loaded rule set, or None for the bundled one.
        perspectives: the perspectives to compare (default: every perspective of the rule set,
            the default one first).
        limits: size and time limits (the time limit applies to each evaluation).
        allow_scripts: accept ``#script`` blocks in the rule set.

    Returns:
        For each act, its verdict under each perspective and whether they agree; the same for
        each justification's status and each conflict's settlement.

    Raises:
        CaseError, RuleSetError, LimitExceeded, SolveTimeout: as for ``evaluate``; a perspective
        the rule set does not have is a ``RuleSetError``.
    """
    comparison, _reports, _words = compare(
        case, rules, perspectives, limits=limits, allow_scripts=allow_scripts, explanations=False
    )
    return comparison


def explain_act(
    case: CaseInput,
    act: str,
    rules: RulesInput = None,
    perspective: str | None = None,
    *,
    full: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    allow_scripts: bool = False,
) -> Explanation:
    """The tree of reasons behind an act's verdict, down to the facts of the case.

    Args:
        case: as for ``evaluate``.
        act: the act's id.
        rules: as for ``evaluate``.
        perspective: as for ``evaluate``.
        full: keep every node, even those that add nothing (as ``normengine explain --full``).
        limits: size and time limits.
        allow_scripts: accept ``#script`` blocks in the rule set.

    Returns:
        The root node (kind ``verdict``); each node has ``text``, ``kind``, ``source``, ``rule``,
        ``status``, ``id``, ``see`` and ``children``. A reason that recurs in the tree is given once: a later
        occurrence has ``see``, the ``id`` of the first, and no children (``expanded()`` writes it out).

    Raises:
        NormengineError: the case has no act with that id; or any error of ``evaluate``.
    """
    ev = evaluate_full(case, rules, perspective, limits=limits, allow_scripts=allow_scripts, explanations=False)
    acts = {a.id: a for a in ev.report.acts}
    if act not in acts:
        raise NormengineError(f"no act {act!r} in the case (acts: {', '.join(sorted(acts)) or 'none'})")
    return to_model(verdict_explanation(ev.analysis, act, acts[act].verdict, full=full))


def explain_justification(
    case: CaseInput,
    justification: str,
    rules: RulesInput = None,
    perspective: str | None = None,
    *,
    full: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    allow_scripts: bool = False,
) -> Explanation:
    """The tree of reasons behind a justification's status: the argument, what attacks it, and why.

    Args:
        case: as for ``evaluate``.
        justification: the justification's id (``justifications[].id`` in the case file).
        rules: as for ``evaluate``.
        perspective: as for ``evaluate``.
        full: keep every node, even those that add nothing.
        limits: size and time limits.
        allow_scripts: accept ``#script`` blocks in the rule set.

    Returns:
        The root node (kind ``argument``, with the argument's status under grounded semantics); a reason
        that recurs in the tree is given once, as for ``explain_act``.

    Raises:
        NormengineError: the case has no justification with that id; or any error of ``evaluate``.
    """
    ev = evaluate_full(case, rules, perspective, limits=limits, allow_scripts=allow_scripts, explanations=False)
    claims = {j.id for a in ev.report.acts for j in a.justifications}
    if justification not in claims:
        known = ", ".join(sorted(claims)) or "none"
        raise NormengineError(f"no justification {justification!r} in the case (justifications: {known})")
    node = ev.analysis.explainer.argument(Function("justified", [String(justification)]), full=full)
    return to_model(node)


def argument_graph(
    case: CaseInput,
    rules: RulesInput = None,
    perspective: str | None = None,
    *,
    act: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    allow_scripts: bool = False,
) -> ArgumentGraph:
    """The argument graph of a case: its arguments in words, the attacks, and their acceptance.

    Args:
        case: as for ``evaluate``.
        rules: as for ``evaluate``.
        perspective: as for ``evaluate``.
        act: keep only the arguments about this act and, transitively, whatever attacks them
            (every kept argument keeps its status).
        limits: size and time limits.
        allow_scripts: accept ``#script`` blocks in the rule set.

    Returns:
        An :class:`~normengine.graph.ArgumentGraph`; its ``to_dot()``, ``to_mermaid()``,
        ``to_aif()``, ``to_apx()`` and ``to_iccma()`` write it out.

    Raises:
        NormengineError: the case has no act with that id; or any error of ``evaluate``.
    """
    ev = evaluate_full(case, rules, perspective, limits=limits, allow_scripts=allow_scripts, explanations=False)
    return _graph_of(ev, act)
