"""The report: a documented, stable JSON contract for tools that embed normengine.

The JSON Schema of this model is printed by ``normengine schema report`` and
documented in ``docs/report.md``. Every list is sorted, so the same case and
rules give byte-identical JSON. ``schema_version`` changes when the shape of
the report changes in a way that breaks readers.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "SCHEMA_VERSION",
    "ActReport",
    "AuthorityReport",
    "ConflictReport",
    "Dependency",
    "ElementReport",
    "Engagement",
    "Explanation",
    "JustificationReport",
    "ReadingOutcome",
    "Reason",
    "Report",
    "ScopeStatement",
    "TowardsReport",
]

SCHEMA_VERSION = "2.2"


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Explanation(_Out):
    """A node of an explanation tree: a conclusion or fact in words, with its source and its reasons."""

    text: str = Field(description="The conclusion, rule or fact, in words.")
    kind: Literal["rule", "fact", "law", "absent", "argument", "attack", "verdict"] = Field(
        description="rule: a rule applied; fact: a fact of the case file; law: a fact of the rule set; absent: "
        "something not shown; argument: an argument and its fate; attack: an attack on it; verdict: a conclusion."
    )
    source: str | None = Field(None, description="Legal source of the rule, or the case file's citation.")
    rule: str | None = Field(None, description="The id of the rule applied.")
    status: Literal["accepted", "rejected", "undecided"] | None = Field(
        None, description="For arguments and attacks: the fate under grounded semantics."
    )
    children: list[Explanation] = Field(default_factory=list, description="The reasons for it.")


class Reason(_Out):
    """One reason, in words, with the legal source behind it."""

    text: str = Field(description="The reason in words, as the rule's author wrote it.")
    source: str | None = Field(
        None, description="The legal source of the rule, or the case file's citation for a fact."
    )
    rule: str | None = Field(None, description="The id of the rule that produced it.")
    kind: Literal["element", "doctrine", "priority", "remark", "answer", "engagement", "dilemma"] = Field(
        description="What kind of reason: an element that failed, a contested doctrine, a priority between "
        "principles, a remark that weighs without defeating, a justification that answers a violation, "
        "what engaged a principle, or an unsettled dilemma."
    )
    status: Literal["accepted", "rejected", "undecided"] | None = Field(
        None, description="For reasons that are arguments: their fate under grounded semantics."
    )


class Engagement(_Out):
    """A principle that an act engages, for or against its actors."""

    principle: str = Field(description="Principle id (see `normengine vocab`).")
    stance: Literal["against", "for"]
    parties: list[str] = Field(description="The parties it is engaged for or against (sorted ids).")
    norms: list[str] = Field(description="The norms through which it is engaged.")
    reasons: list[Reason]
    towards: list[str] = Field(
        default_factory=list,
        description="For the stance 'against': the parties to which the obligation is owed (the injured states, "
        "a people, or 'erga_omnes' for an obligation owed to all), sorted.",
    )


class TowardsReport(_Out):
    """The act's verdict relative to one injured party (ARSIWA Art 20, 42)."""

    party: str = Field(description="The injured state or people, or 'erga_omnes' for an obligation owed to all.")
    verdict: Literal["lawful", "unlawful", "contested"] = Field(
        description="The act's verdict in relation to this party alone, defined as the act's verdict."
    )
    violations: list[str] = Field(description="Principles whose violation towards this party stands.")
    contested_violations: list[str] = Field(
        description="Principles whose violation towards this party is neither accepted nor rejected."
    )
    lawful_before: str | None = Field(
        None,
        description="A date (YYYY-MM-DD) before which the act was covered towards this party by a consent that was "
        "withdrawn while the act continued; the verdict is then the verdict from that date on.",
    )
    lawful_from: str | None = Field(
        None,
        description="A date (YYYY-MM-DD) from which the act was covered towards this party by a consent given while "
        "it was under way; the verdict is then the verdict before that date.",
    )


class ElementReport(_Out):
    """One element of a justification and whether it holds."""

    element: str
    holds: bool
    reasons: list[Reason] = Field(default_factory=list)
    on_burden: bool = Field(
        False,
        description="It fails only on the burden of proof: it holds on some readings of the contested facts "
        "but not on all, and the claimant bears the burden of proving it.",
    )
    depends_on: list[str] = Field(default_factory=list, description="Contested facts (ids) it depends on.")


class ReadingOutcome(_Out):
    """What a conclusion is on one reading of a contested fact, that reading taken as established."""

    reading: int = Field(description="0 is the fact as written in the case file.")
    description: str = Field(description="The reading, in words.")
    source: str | None = Field(None, description="Who reads the fact this way, and where.")
    values: list[str] = Field(
        description="The verdicts (or statuses) the conclusion has on this reading (several when other "
        "contested facts still matter)."
    )


class Dependency(_Out):
    """A contested fact (or contested assessment) a conclusion turns on, and the conclusion on each reading."""

    fact: str = Field(description="The contested fact's id (as in contested_facts).")
    kind: Literal["fact", "assessment"] = Field(
        description="fact: a fact of record (an attack, a consent, an act); assessment: an evaluative "
        "assessment the case records (necessity, proportionality, ...)."
    )
    settled_by: Literal["burden_of_proof", "benefit_to_claimant"] | None = Field(
        None,
        description="When a standard of proof, not the readings, decides the conclusion: which one. The readings "
        "then say what the conclusion would be if that reading were accepted.",
    )
    readings: list[ReadingOutcome]


class JustificationReport(_Out):
    """A justification claimed for an act, and what became of it."""

    id: str
    type: str = Field(description="Justification id (see `normengine vocab`).")
    claimed_by: list[str]
    status: Literal["survives", "contested", "defeated"] = Field(
        description="survives: accepted under grounded semantics; contested: accepted in some preferred "
        "extension but not the grounded one; defeated: otherwise."
    )
    reasons: list[Reason] = Field(description="Why: the arguments for and against it, and remarks.")
    elements: list[ElementReport] = Field(description="Each element of the justification and whether it holds.")
    contested_points: list[str] = Field(description="Contested points of law the claim depends on.")
    established: bool = Field(
        True,
        description="Whether the status is the same on every reading of the contested facts without a standard "
        "of proof deciding it.",
    )
    possible_statuses: list[str] = Field(
        default_factory=list, description="The statuses it has on some reading of the contested facts."
    )
    depends_on: list[str] = Field(default_factory=list, description="Contested facts (ids) its status depends on.")
    settled_by: Literal["burden_of_proof", "benefit_to_claimant"] | None = Field(
        None,
        description="When a standard of proof, not the facts, decides it: the burden of proof (a disputed element "
        "counts against the claimant) or the benefit of the doubt to the claimant. Such a conclusion is never "
        "established; rests_on says what it would be on the other readings.",
    )
    rests_on: list[Dependency] = Field(
        default_factory=list,
        description="The contested facts and assessments it depends on (each a smallest change that alters it), "
        "with their readings, sources and the conclusion on each reading.",
    )
    summary: str | None = Field(
        None,
        description="In words, when it is not established: e.g. 'unlawful on the burden of proof; lawful on "
        "reading 0 of attack (as stated in the case file)'.",
    )
    fails_on: Literal["burden_of_proof", "law"] | None = Field(
        None,
        description="For a justification that does not survive: whether it fails only on the burden of proof "
        "(an element that depends on contested facts) or on the law (an element that fails on every reading, "
        "a rejected doctrine, a priority).",
    )
    explanation: Explanation | None = Field(
        None, description="Why it has this status, down to the facts of the case (null when not asked for)."
    )


class ActReport(_Out):
    """One act and the engine's conclusions on it."""

    id: str
    title: str
    type: str
    actors: list[str]
    target: str | None
    verdict: Literal["lawful", "unlawful", "contested"] = Field(
        description="unlawful: some violation is accepted under grounded semantics; lawful: every violation "
        "it engages is rejected under grounded semantics; contested: otherwise."
    )
    engaged: list[Engagement]
    violations: list[str] = Field(description="Principles whose violation stands (accepted under grounded semantics).")
    contested_violations: list[str] = Field(
        description="Principles whose violation is neither accepted nor rejected under grounded semantics."
    )
    justifications: list[JustificationReport]
    towards: list[TowardsReport] = Field(
        default_factory=list,
        description="The verdict relative to each injured party, sorted: one act can be lawful towards one state and "
        "unlawful towards another (ARSIWA Art 20).",
    )
    established: bool = Field(
        True,
        description="Whether the verdict is the same on every reading of the contested facts without a standard "
        "of proof deciding it.",
    )
    possible_verdicts: list[str] = Field(
        default_factory=list, description="The verdicts it has on some reading of the contested facts."
    )
    depends_on: list[str] = Field(default_factory=list, description="Contested facts (ids) its verdict depends on.")
    settled_by: Literal["burden_of_proof", "benefit_to_claimant"] | None = Field(
        None,
        description="When a standard of proof, not the facts, decides it: the burden of proof (a disputed element "
        "counts against the claimant) or the benefit of the doubt to the claimant. Such a conclusion is never "
        "established; rests_on says what it would be on the other readings.",
    )
    rests_on: list[Dependency] = Field(
        default_factory=list,
        description="The contested facts and assessments it depends on (each a smallest change that alters it), "
        "with their readings, sources and the conclusion on each reading.",
    )
    summary: str | None = Field(
        None,
        description="In words, when it is not established: e.g. 'unlawful on the burden of proof; lawful on "
        "reading 0 of attack (as stated in the case file)'.",
    )
    weighed: list[str] = Field(
        default_factory=list,
        description="Disputed facts of record about the act or its justifications that this perspective's weighing "
        "of who asserts each settled (ids, as in contested_facts, where the authors followed and set aside are named).",
    )
    explanation: Explanation | None = Field(
        None, description="Why the act has this verdict, down to the facts of the case (null when not asked for)."
    )


class ConflictReport(_Out):
    """A conflict between two principles in one act."""

    act: str
    principles: list[str] = Field(description="The two principles, sorted.")
    for_principle: str = Field(description="The principle weighing for the act (through a claim).")
    against_principle: str = Field(description="The principle engaged against the act.")
    claim: str = Field(description="The claim through which the first principle weighs for the act.")
    settled_by: str | None = Field(
        description="The basis of priority that decided it, or null for an unsettled dilemma."
    )
    rule: str | None = Field(description="The id of the rule that applied that basis.")
    prevails: str | None = Field(description="The principle that prevails, or null.")
    side: Literal["for", "against"] | None = Field(
        description="Which side prevails: the principle weighing for the act, or the one against it; null if unsettled."
    )
    general_relation: Literal["competes", "compatible"] | None = Field(
        description="Whether the conflict is an instance of a general relation between the two principles "
        "(relation/3 of the rule set)."
    )
    reasons: list[Reason]


class ReadingReport(_Out):
    """One reading of a contested fact."""

    reading: int = Field(description="0 is the fact as written in the case file.")
    description: str
    source: str | None = None


class AssertionReport(_Out):
    """Who asserts one reading of a disputed fact of record, as the case file records it."""

    reading: int = Field(description="The reading of the record it asserts (0: the fact as written in the case file).")
    description: str = Field(description="That reading, in words.")
    author: str
    author_kind: str = Field(description="The author's kind ('court', 'commission', 'party', ...; 'unknown').")
    source: str | None = None


class ContestedFactReport(_Out):
    """A contested fact and its readings."""

    id: str
    readings: list[ReadingReport]
    asserted_by: list[AssertionReport] = Field(
        default_factory=list,
        description="For a disputed fact of record, who asserts each of its readings (as the case file records it).",
    )
    settled_on: int | None = Field(
        None,
        description="The reading of the record on which this perspective's weighing of who asserts each settles the "
        "dispute (rules/justifications/record.lp); null when no weighing settles it (it then stays disputed).",
    )
    followed: list[AssertionReport] = Field(
        default_factory=list, description="The authors of the highest weight, whose reading the weighing follows."
    )
    set_aside: list[AssertionReport] = Field(
        default_factory=list, description="The authors whose readings the weighing sets aside."
    )


class ScopeStatement(_Out):
    """What the rule set covers, or leaves undecided, as the rule set states it."""

    part: Literal["covers", "excludes"] = Field(description="covers: the rule set decides it; excludes: it does not.")
    text: str = Field(description="The matter, in words.")
    source: str | None = Field(None, description="The legal source the rule set gives for the statement.")


class AuthorityReport(_Out):
    """An authority the report relies on, from the rule set's table of authorities."""

    id: str = Field(description="The id the rule set's sources cite it by.")
    citation: str = Field(description="The full citation (OSCOLA style).")
    short: str = Field(description="The short form the report's sources use.")
    pinpoints: list[str] = Field(description="The pinpoints the report cites (articles, paragraphs, pages), sorted.")
    url: str | None = Field(None, description="A public URL of its text, or null.")


class Report(_Out):
    """The engine's report on one case under one perspective."""

    schema_version: str = Field(SCHEMA_VERSION, description="Version of this report's shape.")
    case: str
    title: str
    date: str
    perspective: str
    ruleset: str
    ruleset_version: str
    engine_version: str
    ruleset_hash: str
    acts: list[ActReport]
    conflicts: list[ConflictReport]
    contested_facts: list[ContestedFactReport] = Field(
        default_factory=list, description="The facts the case marks as contested, with their readings."
    )
    scope: list[ScopeStatement] = Field(
        default_factory=list,
        description="What the rule set covers and what it leaves undecided (the bundled one: the right to resort to "
        "force and the Friendly Relations principles, not the conduct of hostilities), from its scope/2 facts.",
    )
    authorities: list[AuthorityReport] = Field(
        default_factory=list,
        description="The table of the authorities the report's sources cite, sorted by id, with the pinpoints used.",
    )

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON: stable key order, sorted lists, UTF-8 text."""
        if indent is not None:
            # pydantic's serializer writes what json.dumps(..., indent=indent, ensure_ascii=False) writes for a
            # report (no floats in it), several times faster; anything it cannot write goes the slow way.
            try:
                return self.model_dump_json(indent=indent) + "\n"
            except ValueError:
                pass
        return json.dumps(self.model_dump(mode="json"), indent=indent, ensure_ascii=False) + "\n"

    def act(self, act_id: str) -> ActReport:
        """The report on one act.

        Raises:
            KeyError: no act with that id.
        """
        for a in self.acts:
            if a.id == act_id:
                return a
        raise KeyError(act_id)


def report_schema() -> dict[str, Any]:
    """The JSON Schema of the report."""
    return Report.model_json_schema()
