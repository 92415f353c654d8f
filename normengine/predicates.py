"""The interface between the engine's Python and its ASP: every predicate the engine reads from a solve.

One place for the names and arities, checked by ``tests/test_conclusions.py`` against the ``#show``
statements of ``rules/core/show.lp`` and of the engine's encodings (``normengine/encodings/``,
``normengine/af/encodings/``). A module that reads a solve names a predicate through a constant
here, never as a string of its own.
"""

from __future__ import annotations

__all__ = [
    "CONCLUSIONS",
    "ENGINE_SHOWN",
    "READINGS_SHOWN",
    "RULES_SHOWN",
    "Signature",
    "show_text",
]

Signature = tuple[str, int]

# What the rules show (rules/core/show.lp).
ENGAGED_NORM: Signature = ("engaged_norm", 5)
ARG: Signature = ("arg", 1)
ATT: Signature = ("att", 2)
ELEMENT_FAILS: Signature = ("element_fails", 2)
ELEMENT_HOLDS: Signature = ("element_holds", 2)
RAISES: Signature = ("raises", 2)
REMARK: Signature = ("remark", 2)
CONFLICT_BETWEEN: Signature = ("conflict_between", 4)
PREVAILS: Signature = ("prevails", 5)
UNSETTLED: Signature = ("unsettled", 3)
RELATED: Signature = ("related", 3)
LABEL: Signature = ("label", 2)
PERSPECTIVE: Signature = ("perspective", 2)
POSITION: Signature = ("position", 2)
OPEN_POINT: Signature = ("open_point", 1)
BURDEN_UNMET: Signature = ("burden_unmet", 2)
PROOF_APPLIED: Signature = ("proof_applied", 3)
PROOF_STANDARD: Signature = ("proof_standard", 2)
INJURED: Signature = ("injured", 4)
COVERED_UNTIL: Signature = ("covered_until", 4)
COVERED_FROM: Signature = ("covered_from", 4)
ADOPTED: Signature = ("adopted", 1)
SCOPE: Signature = ("scope", 2)
RECORD_WEIGHED_BY: Signature = ("record_weighed_by", 4)
RECORD_SET_ASIDE: Signature = ("record_set_aside", 4)

RULES_SHOWN: tuple[Signature, ...] = (
    ENGAGED_NORM,
    ARG,
    ATT,
    ELEMENT_FAILS,
    ELEMENT_HOLDS,
    RAISES,
    REMARK,
    CONFLICT_BETWEEN,
    PREVAILS,
    UNSETTLED,
    RELATED,
    LABEL,
    PERSPECTIVE,
    POSITION,
    OPEN_POINT,
    BURDEN_UNMET,
    PROOF_APPLIED,
    PROOF_STANDARD,
    INJURED,
    COVERED_UNTIL,
    COVERED_FROM,
    ADOPTED,
    SCOPE,
    RECORD_WEIGHED_BY,
    RECORD_SET_ASIDE,
)

# The argumentation core (normengine/af/encodings/): acceptance of each argument.
AF_GR_IN: Signature = ("af_gr_in", 1)
AF_GR_OUT: Signature = ("af_gr_out", 1)
AF_IN: Signature = ("af_in", 1)

# What the engine shows of every solve, whatever the rule set shows.
ENGINE_SHOWN: tuple[Signature, ...] = (AF_GR_IN, AF_GR_OUT, AF_IN, LABEL)

# The conclusions (normengine/encodings/conclusions.lp): the one definition of verdicts and statuses.
VERDICT: Signature = ("__verdict", 2)
STATUS: Signature = ("__status", 2)
VIOLATION: Signature = ("__violation", 2)
NO_VIOLATION: Signature = ("__no_violation", 2)
UNDECIDED_VIOLATION: Signature = ("__undecided_violation", 2)
VERDICT_TOWARDS: Signature = ("__verdict_towards", 3)
VIOLATION_TOWARDS: Signature = ("__violation_towards", 3)
UNDECIDED_TOWARDS: Signature = ("__undecided_towards", 3)

CONCLUSIONS: tuple[Signature, ...] = (
    VERDICT,
    STATUS,
    VIOLATION,
    NO_VIOLATION,
    UNDECIDED_VIOLATION,
    VERDICT_TOWARDS,
    VIOLATION_TOWARDS,
    UNDECIDED_TOWARDS,
)

# Readings of contested facts (normengine/encodings/readings.lp).
READING: Signature = ("reading", 2)
READINGS_SHOWN: tuple[Signature, ...] = (READING,)

# What the engine adds to a solve as facts (normengine/solve.py), beside the case's own facts.
ACT: Signature = ("__act", 1)
CLAIM: Signature = ("__claim", 1)
CONTESTED: Signature = ("contested", 1)
VARIANT: Signature = ("variant", 2)
DISPUTED_ELEMENT: Signature = ("disputed_element", 2)


def show_text(signatures: tuple[Signature, ...]) -> str:
    """``#show`` statements for signatures (engine-owned text, no user input)."""
    return " ".join(f"#show {name}/{arity}." for name, arity in signatures)
