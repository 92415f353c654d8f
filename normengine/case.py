"""Case files: the pydantic models that a YAML case file must satisfy.

A case file describes one episode: the parties, what they did (acts), the
justifications each claimed, and the legal facts the rules need (consents,
Security Council resolutions, armed attacks, requests for help, disputes,
Article 51 reports, treaty commitments), plus the authoritative outcome the
engine is checked against. Every object can cite its ``source``.

Models are frozen and forbid unknown fields, so a misspelt key fails at its
location. Cross-references (an actor that is not a party, a claim for an act
that does not exist) are checked by :func:`check_references`, which the loader
runs after validation. :mod:`normengine.loader` turns all of these errors into
messages that name the file, the line and the field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PlainSerializer,
    PlainValidator,
    PrivateAttr,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from .limits import MAX_ACTS, MAX_ITEMS, MAX_LIST, MAX_PARTIES, MAX_READINGS
from .vocabulary import VocabularyField

__all__ = [
    "QUALIFICATION_FIELDS",
    "ActType",
    "ArmedAttack",
    "Assertion",
    "AuthorKind",
    "AuthoredReading",
    "Case",
    "Contest",
    "Day",
    "JustificationType",
    "Principle",
    "Qualification",
    "Reading",
    "Statement",
    "contestable",
    "reading_variants",
]


def _no_nul(value: str) -> str:
    """Refuse NUL: clingo ends a string at NUL, so two ids that differ only after a NUL would become one."""
    if "\x00" in value:
        raise PydanticCustomError("nul_character", "text may not contain the NUL character (\\0)")
    return value


Id = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200),
    AfterValidator(_no_nul),
    Field(description="An identifier, unique within the case file."),
]
Ref = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200),
    AfterValidator(_no_nul),
    Field(description="The id of another object in this case file."),
]
Text = Annotated[str, StringConstraints(max_length=20_000), AfterValidator(_no_nul)]


def _one_or_more(value: object) -> object:
    """A single id (the older form) is read as a list of one; an empty list or a repeated id is refused."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        if not value:
            raise PydanticCustomError("no_item", "an empty list: give an id, or a list of ids")
        seen: set[object] = set()
        for item in value:
            if isinstance(item, str) and item in seen:
                raise PydanticCustomError("repeated_item", "names {item} twice", {"item": repr(item)})
            seen.add(item)
        return list(value)
    return value


_ONE_OR_MORE_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "minLength": 1, "maxLength": 200},
        {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 200}, "minItems": 1},
    ]
}

Refs = Annotated[
    list[Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_no_nul)]],
    BeforeValidator(_one_or_more),
    WithJsonSchema(_ONE_OR_MORE_SCHEMA),
]
"""One id or a list of ids (at least one, none twice): a field that may name several parties or acts, where
the older form named one. Read as a list."""

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::00)?(?:Z|\+00:00))?$")
_DATE_FORM = "expected a date as YYYY-MM-DD, or with a time of day in UTC as YYYY-MM-DDTHH:MMZ"


class Day(dt.date):
    """A date of the record, with the time of day (UTC, in minutes after midnight) where the record gives it.

    Two days compare as dates; on the same day, two times of day compare as times, and a day without a time is
    neither before nor after a time on that day (the record does not order them). ``str()`` gives the case
    file's form: ``2003-03-20`` or ``2003-03-20T02:30Z``.
    """

    minute: int | None

    def __new__(cls, year: int, month: int = 1, day: int = 1, minute: int | None = None) -> Day:
        self = super().__new__(cls, year, month, day)
        self.minute = minute
        return self

    def __reduce__(self) -> tuple[type[Day], tuple[int, int, int, int | None]]:
        return (Day, (self.year, self.month, self.day, self.minute))

    def _cmp(self, other: object) -> int | None:
        if not isinstance(other, dt.date):
            return None
        mine = dt.date(self.year, self.month, self.day)
        theirs = dt.date(other.year, other.month, other.day)
        if mine != theirs:
            return -1 if mine < theirs else 1
        other_minute = other.minute if isinstance(other, Day) else None
        if self.minute is None or other_minute is None or self.minute == other_minute:
            return 0
        return -1 if self.minute < other_minute else 1

    def __lt__(self, other: object) -> bool:
        c = self._cmp(other)
        return NotImplemented if c is None else c < 0

    def __le__(self, other: object) -> bool:
        c = self._cmp(other)
        return NotImplemented if c is None else c <= 0

    def __gt__(self, other: object) -> bool:
        c = self._cmp(other)
        return NotImplemented if c is None else c > 0

    def __ge__(self, other: object) -> bool:
        c = self._cmp(other)
        return NotImplemented if c is None else c >= 0

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Day):
            return dt.date.__eq__(self, other) and self.minute == other.minute
        if isinstance(other, dt.date):
            return self.minute is None and dt.date.__eq__(self, other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.year, self.month, self.day, self.minute))

    def __str__(self) -> str:
        text = self.isoformat()
        if self.minute is not None:
            text += f"T{self.minute // 60:02d}:{self.minute % 60:02d}Z"
        return text

    def __repr__(self) -> str:
        return f"Day({str(self)!r})"


def _day(value: object) -> Day:
    """Read a date of the record; refuse what pydantic would read as a Unix timestamp (``0``, ``"0"``): a guess."""
    if isinstance(value, Day):
        return value
    if isinstance(value, dt.datetime):
        if value.utcoffset() not in (None, dt.timedelta(0)) or value.second or value.microsecond:
            raise PydanticCustomError("date_parsing", _DATE_FORM)
        return Day(value.year, value.month, value.day, value.hour * 60 + value.minute)
    if isinstance(value, dt.date):
        return Day(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise PydanticCustomError("date_type", _DATE_FORM)
    m = _ISO_DATE.match(value.strip())
    if m is None:
        raise PydanticCustomError("date_parsing", _DATE_FORM)
    year, month, day, hour, minute = m.groups()
    try:
        dt.date(int(year), int(month), int(day))
    except ValueError as exc:
        raise PydanticCustomError("date_from_datetime_parsing", "invalid date: {error}", {"error": str(exc)}) from None
    at: int | None = None
    if hour is not None:
        if int(hour) > 23 or int(minute) > 59:
            raise PydanticCustomError("date_parsing", "invalid time of day: hours 00-23, minutes 00-59")
        at = int(hour) * 60 + int(minute)
    return Day(int(year), int(month), int(day), at)


Date = Annotated[
    Day,
    PlainValidator(_day),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:00)?(Z|\+00:00))?$",
            "description": "A date, YYYY-MM-DD, or with the time of day in UTC where the order of events on one "
            "day matters, YYYY-MM-DDTHH:MMZ (e.g. 2003-03-20T02:30Z).",
        }
    ),
]
Source = Annotated[
    Text | None,
    Field(
        description="Citation for this fact: authorities of the rule set's table of authorities as "
        "'[id pinpoint]' (quote the value in YAML), e.g. '[unsc-res-1973 para 4]; [nicaragua-1986 para 195]', or "
        "a document a reader can obtain, cited by its symbol, date or URL, e.g. 'S/PV.3988 (24 March 1999)'."
    ),
]

# The vocabulary of a case: values the rule set declares (normengine.vocabulary), checked against the rule set
# the case is evaluated with (normengine.vocabulary.check_vocabulary), not here, so that a rule set can add its own.
_VOCAB = StringConstraints(min_length=1, max_length=200)
Principle = Annotated[
    str, _VOCAB, AfterValidator(_no_nul), AfterValidator(VocabularyField("principle")), VocabularyField("principle")
]

JustificationType = Annotated[
    str,
    _VOCAB,
    AfterValidator(_no_nul),
    AfterValidator(VocabularyField("justification")),
    VocabularyField("justification"),
]

ActType = Annotated[
    str, _VOCAB, AfterValidator(_no_nul), AfterValidator(VocabularyField("act_type")), VocabularyField("act_type")
]

Crime = Literal["genocide", "crimes_against_humanity", "ethnic_cleansing", "war_crimes"]
Determination = Literal["threat_to_the_peace", "breach_of_the_peace", "act_of_aggression"]
PeacefulMeans = Literal[
    "negotiation",
    "enquiry",
    "mediation",
    "conciliation",
    "arbitration",
    "judicial_settlement",
    "regional_arrangements",
    "good_offices",
]
AssessedElement = Annotated[
    str, _VOCAB, AfterValidator(_no_nul), AfterValidator(VocabularyField("element")), VocabularyField("element")
]
Verdict = Literal["lawful", "unlawful", "contested"]
Status = Literal["survives", "contested", "defeated"]


# The bounds of the lists of a case (normengine.loader.Limits holds them; these are its defaults).


def _list_bounds(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Write each list's bound into the JSON Schema (``maxItems`` and a sentence of its description)."""
    top = model.__name__ == "Case"
    for key, prop in schema.get("properties", {}).items():
        if not _is_array(prop):
            continue
        if top:
            bound = {"parties": MAX_PARTIES, "acts": MAX_ACTS}.get(key, MAX_ITEMS)
        elif key in ("alternatives", "readings"):
            bound = MAX_READINGS
        elif model.__name__ == "Outcome" and key == "acts":
            bound = MAX_ACTS
        else:
            bound = MAX_LIST
        prop["maxItems"] = bound
        prop["description"] = f"{prop.get('description', '')} At most {bound:,}.".strip()


def _schema_extra(schema: dict[str, Any], model: type[BaseModel]) -> None:
    _field_kinds(schema, model)
    _list_bounds(schema, model)


# Whether each field of the case format records what happened or qualifies it in law (issue 12).
_RECORD_FIELDS: dict[str, frozenset[str]] = {
    "Case": frozenset(
        {
            "id",
            "title",
            "date",
            "summary",
            "parties",
            "acts",
            "justifications",
            "consents",
            "resolutions",
            "armed_attacks",
            "requests",
            "disputes",
            "reports",
            "commitments",
            "outcome",
        }
    ),
    "Act": frozenset(
        {
            "id",
            "type",
            "title",
            "actors",
            "target",
            "territory",
            "directed_at",
            "start",
            "end",
            "description",
            "purposes",
            "scale",
            "resolution",
            "limited_aims",
            "concerns",
            "influence",
            "informed",
            "demands",
            "source",
            "contested",
        }
    ),
    "ArmedAttack": frozenset(
        {"id", "by", "against", "date", "declared_on", "declared_by_victim", "source", "contested"}
    ),
    "Authorisation": frozenset(
        {"addressees", "all_member_states", "force", "words", "purposes", "area", "from", "excludes", "source"}
    ),
    "Ceasefire": frozenset({"source"}),
    "Claim": frozenset(
        {
            "id",
            "act",
            "type",
            "claimed_by",
            "responds_to",
            "resolutions",
            "consents",
            "commitments",
            "on_behalf_of",
            "statement",
            "source",
        }
    ),
    "Commitment": frozenset(
        {"id", "instrument", "date", "bound", "beneficiaries", "covers", "subject", "source", "contested"}
    ),
    "CommitmentTerm": frozenset({"source"}),
    "Consent": frozenset(
        {"id", "by", "to", "acts", "act_types", "given", "withdrawn", "in_advance_by_treaty", "source", "contested"}
    ),
    "Contest": frozenset({"source", "note", "alternatives", "asserted_by"}),
    "Assertion": frozenset({"author", "author_kind", "source", "note"}),
    "Demand": frozenset({"matter", "words", "source"}),
    "Dispute": frozenset({"id", "parties", "subject", "opened", "settled", "means_tried", "source"}),
    "ExpectedAct": frozenset({"act", "verdict", "violations", "not_violated", "justifications", "note"}),
    "ExpectedJustification": frozenset({"id", "status"}),
    "Harbouring": frozenset({"id", "source", "contested"}),
    "Obligation": frozenset({"addressee", "content", "source"}),
    "Outcome": frozenset({"standing", "authority", "vote", "summary", "acts", "source"}),
    "Party": frozenset(
        {
            "id",
            "name",
            "organisation_type",
            "members",
            "permanent_member",
            "territory_of",
            "organ_of",
            "source",
            "contested",
        }
    ),
    "Reading": frozenset({"source", "absent", "note", "author", "author_kind", "asserted_by"}),
    "Report": frozenset({"id", "by", "acts", "date", "source", "contested"}),
    "Request": frozenset({"id", "by", "to", "attack", "date", "source", "contested"}),
    "Resolution": frozenset(
        {
            "id",
            "organ",
            "number",
            "date",
            "chapter_vii",
            "votes",
            "negative_votes_by",
            "abstentions_by",
            "adopted_without_vote",
            "determinations",
            "recalls",
            "binding",
            "obligations",
            "authorisations",
            "uniting_for_peace",
            "operative",
            "organisation",
            "organ_name",
            "adopted",
            "ceasefire",
            "source",
            "contested",
        }
    ),
    "Operative": frozenset({"source"}),
    "Conduct": frozenset({"source"}),
    "Control": frozenset({"source"}),
    "GoverningAuthority": frozenset({"id", "source", "contested"}),
    "Recognition": frozenset({"source"}),
    "Settlement": frozenset({"source"}),
    "Stationing": frozenset({"source"}),
    "Statement": frozenset({"id", "source", "contested"}),
    "Votes": frozenset({"for", "against", "abstentions"}),
}


_QUALIFICATION_FIELDS_NOT_YET_AUTHORED: dict[str, frozenset[str]] = {
    "Act": frozenset({"crimes", "impedes_self_determination_of"}),
    "ArmedAttack": frozenset({"form"}),
    "Claim": frozenset({"assessments"}),
    "Commitment": frozenset({"kind"}),
    "Consent": frozenset({"authority"}),
    "Party": frozenset({"kind"}),
    "Resolution": frozenset({"measures_necessary"}),
    "Finding": frozenset({"author", "note", "source"}),
    "AuthorityQualification": frozenset({"author", "source"}),
}
"""Fields that state a point of law but do not yet take the authored form (their own `source` must name who
found it): the schema marks them QUALIFICATION."""


def _field_kinds(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Say in each field's description whether it is RECORD or QUALIFICATION (issue 12).

    A field already described with either word keeps its description; the others take the word from the
    tables above, and a field in neither table is left without it (tests/test_schema_kinds.py fails on it).
    """
    name = model.__name__
    authored = issubclass(model, AuthoredReading)
    if authored and not schema.get("description"):
        schema["description"] = "QUALIFICATION: one author's reading of a point of law on the facts, with its source."
    for key, prop in schema.get("properties", {}).items():
        text = prop.get("description", "")
        if "RECORD" in text or "QUALIFICATION" in text:
            continue
        if authored or key in _QUALIFICATION_FIELDS_NOT_YET_AUTHORED.get(name, frozenset()):
            prop["description"] = f"QUALIFICATION: {text}".strip()
        elif key in _RECORD_FIELDS.get(name, frozenset()):
            prop["description"] = f"RECORD: {text}".strip()


def _lst() -> list[Any]:
    """A new empty list: the default of the models' list fields (``default_factory=_lst``).

    A Python function rather than ``list``: pydantic reads the signature of every field's default factory when
    it builds a model, and reading a builtin's (from its text signature) costs about 20 times more: 60 fields,
    about a tenth of the case models' build at import (issue 16).
    """
    return []


def _is_array(prop: dict[str, Any]) -> bool:
    return prop.get("type") == "array" or any(p.get("type") == "array" for p in prop.get("anyOf", []))


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        json_schema_extra=_schema_extra,
    )


AuthorKind = Literal[
    "court",
    "security_council",
    "general_assembly",
    "un_organ",
    "commission",
    "party",
    "other_state",
    "other_organisation",
    "writer",
]
"""Who made a qualification: a court or tribunal; the Security Council; the General Assembly; another organ of
the United Nations (the Secretary-General, a human rights body, a subsidiary organ); a commission of inquiry
or fact-finding body; a party to the episode (a state or organisation that acted, was acted against, or
invoked a justification); another state; another organisation (a regional body, an alliance that is not a
party); a writer."""


class Assertion(BaseModel):
    """RECORD: who asserts one reading of a disputed fact (a statement: who said what, where), with its source."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, json_schema_extra=_schema_extra)

    author: Text = Field(
        description="RECORD: who asserts the reading: a court, an organ, a commission or fact-finding body, a "
        "state, a writer (e.g. 'OPCW Fact-Finding Mission'; 'Syrian Arab Republic'), never the case writer."
    )
    author_kind: AuthorKind | None = Field(
        None,
        description="RECORD: what kind of author it is, from the list of qualifications' authors: 'court', "
        "'security_council', 'general_assembly', 'un_organ', 'commission' (inquiry or fact-finding), 'party' "
        "(to the episode), 'other_state', 'other_organisation', 'writer'. The perspectives weigh the readings of "
        "a disputed fact by it, as they weigh qualifications (rules/justifications/record.lp).",
    )
    source: Source = None
    note: Text | None = Field(None, description="RECORD: what the author said, in words.")


class Reading(BaseModel):
    """Another reading of a contested fact: the fields whose values differ, with its source and who asserts it.

    Any field of the contested object may be given; ``absent: true`` means that on
    this reading the fact does not hold at all. ``author`` and ``author_kind`` name who
    asserts the reading (with its ``source``); ``asserted_by`` names further authors of
    the same reading.
    """

    model_config = ConfigDict(extra="allow", frozen=True, populate_by_name=True, json_schema_extra=_schema_extra)

    source: Source = None
    absent: bool = Field(False, description="On this reading the fact does not hold at all.")
    note: Text | None = Field(None, description="What this reading says, in words.")
    author: Text | None = Field(
        None,
        description="RECORD: who asserts this reading (a court, an organ, a commission, a state, a writer), with "
        "its `source`; never the case writer. The perspectives weigh a disputed fact's readings by who asserts "
        "each (rules/justifications/record.lp).",
    )
    author_kind: AuthorKind | None = Field(
        None,
        description="RECORD: what kind of author asserts this reading ('court', 'security_council', "
        "'general_assembly', 'un_organ', 'commission', 'party', 'other_state', 'other_organisation', 'writer').",
    )
    asserted_by: list[Assertion] = Field(
        default_factory=_lst,
        description="RECORD: further authors of this same reading, each with its kind and source.",
    )

    def assertions(self) -> list[Assertion]:
        """Who asserts this reading: ``author`` (with the reading's source), then ``asserted_by``."""
        own = [Assertion(author=self.author, author_kind=self.author_kind, source=self.source)] if self.author else []
        return [*own, *self.asserted_by]


class Contest(_Model):
    """A fact whose truth is disputed, and its other readings.

    The fact as written is the first reading; ``asserted_by`` names who asserts it. With
    no ``alternatives``, the other reading is that the fact does not hold at all.
    """

    source: Source = Field(None, description="Who disputes the fact, and where.")
    note: Text | None = Field(None, description="What is disputed, in words.")
    alternatives: list[Reading] = Field(
        default_factory=_lst,
        description="Other readings; empty means the other reading is that the fact does not hold.",
    )
    asserted_by: list[Assertion] = Field(
        default_factory=_lst,
        description="RECORD: who asserts the fact as written (the first reading), each with its author, kind and "
        "source (e.g. a fact-finding mission's report). Optional: without it the written reading carries no "
        "author's weight.",
    )


Contested = Annotated[
    Contest | None,
    Field(
        description="Mark the fact as contested: the engine then reasons over every reading and reports "
        "which conclusions are established and which depend on the facts."
    ),
]


# --------------------------------------------------------------------------
# Qualifications: what someone with standing said the facts amount to in law
#
# One form for every qualification field of the case format: the reading as written (its value, author, the
# author's kind, source) and other authors' readings. Authors who disagree give the fact several readings;
# normengine.facts hands each reading to the solver through the machinery of contested facts, with every
# authored reading as a symbol, and the rules (rules/justifications/common.lp, the perspectives' weighing)
# decide which readings count. A bare value (the form of case files written before) is read as a
# qualification without author or source, on which `normengine check --case` warns (`case-qualification`).

V = TypeVar("V")


class AuthoredReading(BaseModel, Generic[V]):
    """QUALIFICATION: one author's reading of a point of law on the facts, with its source."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, json_schema_extra=_schema_extra)

    value: V = Field(description="QUALIFICATION: what the author found (the value of the field on this reading).")
    author: Text | None = Field(
        None,
        description="QUALIFICATION: who made it: a court, an organ, a commission, a state, a writer (e.g. "
        "'Independent International Commission on Kosovo'; 'Russian Federation'), never the case writer.",
    )
    author_kind: AuthorKind | None = Field(
        None,
        description="QUALIFICATION: what kind of author it is: 'court', 'security_council', 'general_assembly', "
        "'un_organ', 'commission' (inquiry or fact-finding), 'party' (to the episode), 'other_state', "
        "'other_organisation', 'writer'. The perspectives weigh readings by it (rules/perspectives/*.lp).",
    )
    source: Source = None
    note: Text | None = Field(None, description="QUALIFICATION: what the author said, in words.")


class Qualification(AuthoredReading[V], Generic[V]):
    """QUALIFICATION: a point of law on the facts, as an author with standing read it, and other authors' readings.

    Where authors disagree (a value in `readings` differs from `value`), the point has several readings: the
    rules weigh them by their authors' kinds, as the perspective declares, and what no weighing settles stays
    disputed and counts by the perspective's standard of proof.
    """

    readings: list[AuthoredReading[V]] = Field(
        default_factory=_lst,
        description="QUALIFICATION: other authors' readings of the same point, each with its author and source "
        "(agreeing or not).",
    )

    def values(self) -> list[Any]:
        """The distinct values of the readings, the written one first, then the others in a fixed order
        (not the order of the list, so that the readings' numbers do not depend on it)."""
        others = sorted({repr(r.value): r.value for r in self.readings if r.value != self.value}.items())
        return [self.value, *(v for _k, v in others)]

    def authored(self) -> list[AuthoredReading[V]]:
        """Every authored reading, the written one first, then the others by author and source (a fixed order,
        whatever the order of the list)."""
        rest = sorted(self.readings, key=lambda r: (r.author or "", r.source or "", repr(r.value)))
        return [self, *rest]


def _qualified(value: object) -> object:
    """A bare value (the older form) is a qualification without author or source."""
    if isinstance(value, Qualification) or (isinstance(value, dict) and "value" in value):
        return value
    if value is None:
        return None
    return {"value": value}


def _qualification(description: str) -> Any:
    return Field(description=f"QUALIFICATION: {description}")


Gravity = Literal["grave", "minor"]
AttackStatus = Literal["occurred", "imminent", "threatened"]
Situation = Literal["colonial", "alien_occupation", "racist_regime"]


class GravityQualification(Qualification[Gravity]):
    """QUALIFICATION: whether an attack's scale and effects reach the gravity of an armed attack."""


class StatusQualification(Qualification[AttackStatus]):
    """QUALIFICATION: whether an attack occurred, was imminent or only threatened."""


class FlagQualification(Qualification[bool]):
    """QUALIFICATION: whether a point of law holds on the facts (true or false)."""


class OptionalFlagQualification(Qualification[bool | None]):
    """QUALIFICATION: whether a point of law holds on the facts (true, false, or not said)."""


class PartyQualification(Qualification[Annotated[str, StringConstraints(min_length=1, max_length=200)] | None]):
    """QUALIFICATION: the party a conduct is attributable to (null: to none)."""


class PartiesQualification(Qualification[list[Annotated[str, StringConstraints(min_length=1, max_length=200)]]]):
    """QUALIFICATION: a list of parties or objects of the case the point concerns."""


class SituationQualification(Qualification[Situation | None]):
    """QUALIFICATION: the situation that denies a people self-determination (null: none of them)."""


QUALIFICATION_FIELDS: dict[str, tuple[str, ...]] = {
    "Party": ("situation",),
    "Act": ("evidence_generally_accepted",),
    "Assessment": ("holds",),
    "ArmedAttack": ("gravity", "status", "attributed_to", "authorship_proven"),
    "Commitment": ("more_specific_than",),
    "Consent": ("freely_given",),
}
"""The qualification fields of each model of the case format (normengine.facts and the check read them)."""


class Party(_Model):
    """A party to the episode: a state, an organisation, an armed group, a people or an entity."""

    id: Id
    name: Text | None = Field(None, description="Display name, e.g. 'Federal Republic of Yugoslavia'.")
    kind: Literal["state", "organisation", "armed_group", "people", "entity"] = Field(
        description="'state'; 'organisation' (alliance, regional body, coalition, peace operation, "
        "the UN); 'armed_group' (a non-state armed actor); 'people' (a people entitled to "
        "self-determination); 'entity' (an authority whose statehood is not generally recognised)."
    )
    organisation_type: Literal["universal", "alliance", "regional", "coalition", "peace_operation"] | None = Field(
        None, description="For organisations: what kind of organisation it is."
    )
    members: list[Ref] = Field(
        default_factory=_lst, description="For organisations: the member (or contributing) parties."
    )
    permanent_member: bool = Field(False, description="A permanent member of the Security Council (UN Charter Art 23).")
    situation: Annotated[SituationQualification | None, BeforeValidator(_qualified)] = Field(
        None,
        description="QUALIFICATION: for peoples, the situation that denies them self-determination, as named "
        "in Additional Protocol I Art 1(4) and GA Res 2625 principle 5, as an author with standing found it "
        "(e.g. a court, the General Assembly).",
    )
    territory_of: Ref | None = Field(
        None, description="For peoples, armed groups and entities: the state on whose territory they are."
    )
    organ_of: Ref | None = Field(
        None,
        description="RECORD: for a peace operation, mission or other body an organisation established and directs "
        "(e.g. the African Union Mission in Sudan, established by the African Union's Peace and Security "
        "Council): that organisation, as the record of its establishment shows. Its conduct is the "
        "organisation's (ARIO Art 6). Not for a force an organisation only authorised or in which it takes "
        "part: who answers for such a force is a point of law the rules or a qualification decide.",
    )
    organs: list[Text] = Field(
        default_factory=_lst,
        description="RECORD: the organs and officials through which the party spoke, as the case file names them as "
        "authors of readings (e.g. 'President Johnson', 'the Department of State', 'the Government of Georgia'), "
        "and other names the record gives the party itself (e.g. 'United States' for 'United States of "
        "America'): who held which office, as the record shows. The rules read a reading by any of them as the "
        "party's own word (ARSIWA Art 4: the conduct of any organ of the state, whatever its position).",
    )
    source: Source = None
    contested: Contested = None


DemandMatter = Literal[
    "political_system",
    "economic_system",
    "social_system",
    "cultural_system",
    "foreign_policy",
    "government",
    "advantage",
    "other",
]


class Demand(_Model):
    """What the acting party demanded of the target as the condition of its measures (a fact of record)."""

    matter: DemandMatter = Field(
        description="What the demand is about, as the acting party stated it: the target's political, economic, "
        "social or cultural system; its foreign policy; the composition of its government; an advantage for the "
        "acting party (trade, territory, concessions); or 'other' (anything else, e.g. the release of detained "
        "nationals)."
    )
    words: Text | None = Field(None, description="The demand in the acting party's words, quoted.")
    source: Source = None


class Conduct(_Model):
    """RECORD: one thing the forces of an act did, where and when (the rules derive from it whether forces
    stationed by agreement acted against its conditions, GA Res 3314 Art 3(e), whether they placed territory
    under their authority, Hague Regulations 1907 Art 42, and whether they pillaged, Art 47), or a part of the
    operation of another kind than the act's `type` (`kind`: the ground offensive of an air campaign, the training
    in a programme of arming), which the rules engage as that kind while the act stays one."""

    what: (
        Literal[
            "movement_outside_sites",
            "reinforcement",
            "seizure_of_public_buildings",
            "seizure_of_infrastructure",
            "blockade_of_host_forces",
            "control_of_territory",
            "looting",
            "exploitation_of_natural_resources",
        ]
        | None
    ) = Field(
        None,
        description="RECORD: movement outside the places of deployment; forces brought in (with `personnel`); "
        "seizure of the host's public buildings (parliament, government); seizure of airports, ports or "
        "communications; blockade or disarming of the host's forces; control of an area: the forces exercised "
        "authority there in place of the host's government, which could no longer exercise its own; looting, "
        "plundering or pillage of property by the forces; exploitation of the territory's natural resources by "
        "the forces or for the acting state (Armed Activities §§237-250). Give `what` or `kind`.",
    )
    kind: ActType | None = Field(
        None,
        description="RECORD: a part of the operation of another kind of act than the act's `type`, as the record "
        "describes the operation (e.g. 'ground_operations' in an air campaign that ended with a ground war; "
        "'training_armed_groups' in 'the arming, training and equipping' of a group). The rules engage it as that "
        "kind (force, sovereignty, intervention, an authorisation's or a consent's limits), and `normengine agree` "
        "pairs this act with an act of the other encoding of that kind. Give `what` or `kind`.",
    )
    date: Date | None = Field(
        None,
        description="RECORD: when (YYYY-MM-DD); for control of territory, from when. Required with `what`; with "
        "`kind`, omit it where the record does not date the part (it lies within the act's period).",
    )
    until: Date | None = Field(None, description="RECORD: until when; omit if it continued.")
    where: Text | None = Field(None, description="RECORD: the place or area.")
    coordinated_with_host: bool = Field(
        False, description="RECORD: the host state's authorities agreed to it (e.g. a movement notified and agreed)."
    )
    personnel: int | None = Field(None, ge=0, description="RECORD: for reinforcement, the total personnel present.")
    source: Source = None


class Act(_Model):
    """Something a party did (or a situation it created): who did what to whom, where, when."""

    id: Id
    type: ActType = Field(description="What was done; the rules map each type to the principles it engages.")
    title: Text | None = Field(None, description="A short display name, e.g. 'Operation Allied Force'.")
    actors: list[Ref] = Field(min_length=1, description="The parties that acted (states or organisations).")
    target: Ref | None = Field(None, description="The state (or people) the act was directed against.")
    territory: Ref | None = Field(
        None, description="The state on whose territory (or waters) the act took place; defaults to the target."
    )
    directed_at: Ref | None = Field(
        None,
        description="RECORD: the non-state armed group or entity the force was aimed at, if any. A state named here "
        "or in `also_directed_at` means the force was aimed at that state's forces (e.g. peacekeepers stationed on "
        "the acting state's own territory); the rules decide what follows (GA Res 3314 Art 3(d)).",
    )
    administered_by: Ref | None = Field(
        None,
        description="RECORD: the party (a state, or an entity such as a de facto regime) that in fact administered "
        "the place of the act on its first day, where that is not the state named by `territory`: the far side of "
        "a line of de facto administration, an armistice or demarcation line, a territory whose title is disputed. "
        "As the record shows, whatever the title; the rules decide what follows (GA Res 2625, first principle, "
        "paras 4-5: force may not be used to change such lines, even by a state claiming the territory).",
    )
    also_directed_at: list[Ref] = Field(
        default_factory=_lst,
        description="RECORD: further groups or forces (a state's id for its forces) the same conduct was aimed at, "
        "as the record reports them "
        "(e.g. 'Al-Qaeda terrorist training camps and military installations of the Taliban regime', "
        "S/2001/946); the rules derive, target by target, whether a justification answers the force.",
    )
    start: Date = Field(description="First day of the act (YYYY-MM-DD).")
    end: Date | None = Field(None, description="Last day of the act; omit if ongoing or a single day.")
    description: Text | None = Field(None, description="What happened, in a few sentences.")
    purposes: list[Id] = Field(
        default_factory=_lst,
        description="What the act aimed at, as ids an authorisation's purposes can name "
        "(e.g. protect_civilians, enforce_no_fly_zone).",
    )
    crimes: list[Crime] = Field(default_factory=_lst, description="For mass atrocities: the crimes committed.")
    scale: Literal["large", "limited"] | None = Field(None, description="For mass atrocities: their scale.")
    evidence_generally_accepted: Annotated[OptionalFlagQualification | None, BeforeValidator(_qualified)] = Field(
        None,
        description="QUALIFICATION: for mass atrocities, whether convincing evidence of them is generally accepted "
        "by the international community as a whole, as an author with standing found it (e.g. a commission of "
        "inquiry, the Security Council).",
    )
    resolution: Ref | None = Field(
        None, description="For non_compliance: the resolution whose decision was not complied with."
    )
    impedes_self_determination_of: Ref | None = Field(
        None, description="A people whose self-determination the act impedes (Wall AO §122)."
    )
    limited_aims: bool = Field(
        False,
        description="The actor stated that the force was aimed neither at the territorial "
        "integrity nor at the political independence of the state (relevant to the contested "
        "narrow reading of Art 2(4)).",
    )
    concerns: Ref | None = Field(
        None,
        description="For recognition, aid_or_assistance, placing_territory_at_disposal and "
        "failure_to_prevent_genocide: the act it relates to (the annexation or declaration recognised, the act "
        "assisted, the attack launched from the territory, the genocide not prevented). Without it, such an act "
        "engages nothing.",
    )
    influence: list[
        Literal["forces_on_territory", "political_links", "military_links", "financial_support", "neighbouring_state"]
    ] = Field(
        default_factory=_lst,
        description="For failure_to_prevent_genocide: the actor's links with the perpetrators or the territory, as "
        "recorded (Bosnia v. Serbia, ICJ Rep 2007, §430: geographical distance, political and other links).",
    )
    informed: Date | None = Field(
        None,
        description="For failure_to_prevent_genocide: when the actor was first informed of a serious risk of "
        "genocide (a cable, a report, a public statement; Bosnia v. Serbia §431-432). For aid_or_assistance: when "
        "the actor was first informed of the act it assisted (ARSIWA Art 16(a): knowledge of the circumstances). "
        "As recorded, with the source.",
    )
    conduct: list[Conduct] = Field(
        default_factory=_lst,
        description="RECORD: what the act's forces did, where and when (movements, seizures, blockades, control "
        "of territory); the rules derive from it a breach of a stationing agreement's conditions and occupation.",
    )
    demands: list[Demand] = Field(
        default_factory=_lst,
        description="For economic or political measures: what the acting party demanded of the target as the "
        "condition for ending them, as stated (GA Res 2625, third principle; Nicaragua §205, §245). For "
        "`military_manoeuvres` (a show of force): the demand on which force was held back, the ultimatum; "
        "manoeuvres with a demand are a threat of force (Nuclear Weapons AO §47), without one they threaten "
        "nothing by themselves (Nicaragua §227).",
    )
    source: Source = None
    contested: Contested = None


class Assessment(_Model):
    """QUALIFICATION: what someone with standing (a court, an organ, a commission, a state, a writer) said of an
    element of a justification that the facts alone do not settle (necessity, proportionality, last resort).

    Never the case writer's own view: `author` names who made the assessment and `source` where; where others
    disagreed, their readings go under `contested`, each with its author and source. `normengine check --case`
    warns on an assessment without an author or a source.
    """

    element: AssessedElement = Field(description="QUALIFICATION: the element assessed.")
    holds: FlagQualification = Field(
        description="QUALIFICATION: whether the author found the element established (`value`), with its `author`, "
        "`author_kind` and `source`, and the `readings` of other authors for and against."
    )

    @model_validator(mode="before")
    @classmethod
    def _older_form(cls, data: Any) -> Any:
        """The older form: `holds` a bare boolean beside `author`, `source` and `contested` (other readings)."""
        if not isinstance(data, dict) or isinstance(data.get("holds"), dict | Qualification):
            return data
        data = dict(data)
        if "holds" not in data:  # the error to report is the missing `holds`, not the older form's keys
            for key in ("author", "source", "contested"):
                data.pop(key, None)
            return data
        holds: dict[str, Any] = {"value": data.get("holds")}
        for key in ("author", "source"):
            if key in data:
                holds[key] = data.pop(key)
        contest = data.pop("contested", None)
        if isinstance(contest, dict):
            readings = []
            for alt in contest.get("alternatives") or [{"absent": True}]:
                if not isinstance(alt, dict):
                    continue
                reading = {k: alt[k] for k in ("author", "author_kind", "note") if k in alt}
                reading["value"] = False if alt.get("absent") else alt.get("holds", holds["value"])
                reading["source"] = alt.get("source", contest.get("source"))
                readings.append(reading)
            holds["readings"] = readings
        data["holds"] = holds
        return data


class Claim(_Model):
    """A justification that a party claimed for an act."""

    id: Id
    act: Annotated[Ref, WithJsonSchema(_ONE_OR_MORE_SCHEMA)] = Field(
        description="RECORD: the act this justification is claimed for, or a list of acts where the claimant made "
        "one claim for a course of conduct the case records as several acts (e.g. a barrier and the regime that "
        "goes with it). Each act then gets the claim: the case is read as if it held one claim per act, with the "
        "id '<id>@<act>', which the outcome and the report use (the outcome may name the claim by its own id "
        "under each of its acts)."
    )
    type: JustificationType = Field(description="The justification invoked (see `normengine vocab`).")
    claimed_by: list[Ref] = Field(min_length=1, description="The parties that invoked it.")
    responds_to: list[Ref] = Field(
        default_factory=_lst,
        description="What the act responded to: armed attacks (self-defence) or acts such as "
        "mass atrocities (humanitarian intervention, responsibility to protect).",
    )
    resolutions: list[Ref] = Field(
        default_factory=_lst, description="Resolutions the claim relies on (authorisation claims)."
    )
    consents: list[Ref] = Field(default_factory=_lst, description="Consents the claim relies on.")
    commitments: list[Ref] = Field(
        default_factory=_lst, description="Treaty commitments the claim relies on (treaty_obligation)."
    )
    on_behalf_of: Ref | None = Field(
        None,
        description="For collective self-defence: the victim state; for support for "
        "self-determination: the people supported.",
    )
    assessments: list[Assessment] = Field(
        default_factory=_lst, description="Findings on elements such as necessity and proportionality."
    )
    statement: Text | None = Field(None, description="The claim in the claimant's words.")
    source: Source = None

    # The further acts of a claim written for several acts (`act: [a, b, ...]`), and whether `act` was written
    # as a list: the Case gives each further act a copy of the claim (Case._claims_per_act).
    _more_acts: tuple[str, ...] = PrivateAttr(default=())
    _act_list: bool = PrivateAttr(default=False)

    @model_validator(mode="wrap")
    @classmethod
    def _several_acts(cls, data: Any, handler: ModelWrapValidatorHandler[Claim]) -> Claim:
        """`act` may be a list of acts: the claim is validated for the first, and remembers the others."""
        acts = data.get("act") if isinstance(data, dict) else None
        if not isinstance(acts, list | tuple):
            return handler(data)
        try:
            names = _ACTS.validate_python(acts)
        except ValidationError as exc:
            details = [
                InitErrorDetails(
                    type=PydanticCustomError(str(e["type"]), str(e["msg"]).replace("{", "(").replace("}", ")")),
                    loc=("act", *e["loc"]),
                    input=e["input"],
                )
                for e in exc.errors()
            ]
            raise ValidationError.from_exception_data(cls.__name__, details) from None
        claim = handler({**data, "act": names[0]})
        claim._more_acts = tuple(names[1:])
        claim._act_list = True
        return claim


_ACTS: TypeAdapter[list[str]] = TypeAdapter(Refs)


ConsentAuthority = Literal["lawful_government", "government_without_control", "rival_authority", "former_government"]


class AuthorityQualification(_Model):
    """QUALIFICATION: what someone with standing said of who gave a consent (used only when the case records no
    `given_by`; with a `given_by`, the rules derive the standing from the record)."""

    value: ConsentAuthority = Field(
        description="QUALIFICATION: the author's view of who gave the consent: the lawful government in effective "
        "control; a government that had lost effective control but kept general recognition; a rival authority; "
        "or a former government that had lost both."
    )
    author: Text | None = Field(
        None, description="Who qualified it: a court, an organ, a state or a writer, never the case writer."
    )
    source: Source = None


def _authority_qualification(value: object) -> object:
    """A bare value (the earlier format) is read as a qualification without author or source."""
    return {"value": value} if isinstance(value, str) else value


class Stationing(_Model):
    """RECORD: a stationing agreement's terms (what forces, where, how many) and the conditions it sets."""

    forces: Text | None = Field(None, description="RECORD: the forces whose stationing it permits, as it names them.")
    sites: list[Text] = Field(default_factory=_lst, description="RECORD: the places of deployment it agrees.")
    max_personnel: int | None = Field(None, ge=0, description="RECORD: the ceiling on personnel it sets, if any.")
    conditions: list[
        Literal[
            "movements_coordinated_with_host",
            "no_interference_in_internal_affairs",
            "respect_host_sovereignty_and_law",
        ]
    ] = Field(
        default_factory=_lst,
        description="RECORD: the conditions of the stationing as the agreement states them: movements outside the "
        "places of deployment co-ordinated with the host's authorities; no interference in the host's internal "
        "affairs; respect for the host's sovereignty and legislation.",
    )
    ends: Date | None = Field(None, description="RECORD: the date the agreement (or its extension) expires.")
    source: Source = None


class Control(_Model):
    """RECORD: an authority held the capital or the territory (or a region) during a period, with the source."""

    area: Literal["capital", "territory", "region"] = Field(
        description="RECORD: the capital; most of the state's territory; or a region only."
    )
    where: Text | None = Field(None, description="RECORD: the place, e.g. 'Kyiv'.")
    from_date: Date = Field(alias="from", description="RECORD: from when.")
    until: Date | None = Field(None, description="RECORD: until when; omit if it continued.")
    source: Source = None


class Recognition(_Model):
    """RECORD: an organ or states treated the authority as the government of the state (credentials accepted by
    the General Assembly, a Council resolution naming it the government, its representative seated, a state's
    statement), on a date."""

    organ: Literal["security_council", "general_assembly"] | None = Field(
        None, description="RECORD: the organ of the United Nations that did so."
    )
    states: list[Ref] = Field(default_factory=_lst, description="RECORD: the states that did so.")
    date: Date = Field(description="RECORD: when.")
    until: Date | None = Field(None, description="RECORD: when it ended, if it did.")
    how: Text | None = Field(
        None, description="RECORD: what the organ or states did, e.g. 'seated its representative'."
    )
    source: Source = None


class Settlement(_Model):
    """RECORD: the agreement under which an authority came to power, and who signed it (e.g. the parties to an
    internal conflict accepting a provisional government under a mediated settlement)."""

    instrument: Text = Field(description="RECORD: the agreement's name, e.g. 'Act of Dominican Reconciliation'.")
    date: Date = Field(description="RECORD: when it was signed.")
    signed_by: list[Ref] = Field(
        min_length=1,
        description="RECORD: who signed it as parties, by id: governing authorities of the state, or parties "
        "(armed groups, states, organisations). Mediators and witnesses go under `witnessed_by`.",
    )
    witnessed_by: list[Ref] = Field(
        default_factory=_lst,
        description="RECORD: the parties that signed it as mediators or witnesses, not as parties to it.",
    )
    source: Source = None


class GoverningAuthority(_Model):
    """RECORD: a person or body claiming to speak for a state (the head of state, a government, a government in
    exile, a regional authority), with the facts that decide its standing: the office, when it came to power,
    who controlled the capital or territory, and who recognised it. Which of these may consent for the state is
    derived by the rules (rules/justifications/consent_authority.lp), not stated by the case writer."""

    id: Id
    of: Ref = Field(description="RECORD: the state it claims to speak for.")
    person: Text | None = Field(None, description="RECORD: the person, e.g. 'Viktor Yanukovych'.")
    office: Literal[
        "head_of_state",
        "head_of_government",
        "foreign_minister",
        "government",
        "governor_general",
        "regional_authority",
        "other",
    ] = Field(
        description="RECORD: the office held or claimed: head of state, head of government, minister for foreign "
        "affairs, the government as a body, a governor-general, the authority of a region, or another office."
    )
    took_office: Date | None = Field(None, description="RECORD: when it came to power (appointed, proclaimed).")
    set_up_by: Ref | None = Field(
        None,
        description="RECORD: the party (a foreign state, or an organisation) that set it up: proclaimed, appointed "
        "or installed it, as the record shows (e.g. the 'Provisional Free Government of Kuwait' proclaimed under "
        "Iraq's invasion, 'any regime set up by the occupying Power', S/RES/661 (1990) para 9(b)). The rules hold "
        "that its consent to that party's forces is not the state's (ARSIWA Art 20 commentary paras 4-6).",
    )
    chosen_under: Settlement | None = Field(
        None,
        description="RECORD: the agreement under which it came to power, with its signatories. The rules derive "
        "whether the contending parties of the state chose it (rules/justifications/consent_authority.lp).",
    )
    succeeded: Ref | None = Field(
        None,
        description="RECORD: the governing authority of the same state whose place it took when it came to power "
        "(its predecessor: the government it replaced, or the president it followed in office), as the record "
        "shows. With `removed_by` on the predecessor it tells an authority installed by a force (the force "
        "overthrew its predecessor) from one that succeeded during a war (its predecessor died, resigned or was "
        "removed otherwise): an authority that came to power while a party's force was under way on the territory "
        "is installed under that force unless the record names a predecessor that force did not remove (ARSIWA "
        "Art 20 commentary paras 4-6; rules/justifications/consent_authority.lp, `installed_under_forces`).",
    )
    removed_by: list[Ref] = Field(
        default_factory=_lst,
        description="RECORD: the acts whose forces removed it from power: overthrew, deposed or drove it from the "
        "capital, as the record shows (e.g. the attack that overthrew a government and on whose arrival another was "
        "installed). Leave it empty where it left power otherwise (death, resignation, an election, a coup of its "
        "own forces).",
    )
    control: list[Control] = Field(
        default_factory=_lst, description="RECORD: the periods in which it held the capital, the territory or a region."
    )
    recognition: list[Recognition] = Field(
        default_factory=_lst, description="RECORD: who treated it as the government of the state, and when."
    )
    source: Source = None
    contested: Contested = None


class Consent(_Model):
    """Consent of a state to another party's act on its territory (intervention by invitation, a stationing
    agreement). RECORD: who gave it (`given_by`), when, to whom, for what, on which conditions, its withdrawal."""

    id: Id
    by: Ref = Field(description="The consenting state.")
    to: list[Ref] = Field(min_length=1, description="The parties consented to.")
    acts: list[Ref] = Field(
        default_factory=_lst, description="The acts covered; empty means every act of the consented parties."
    )
    act_types: list[ActType] = Field(
        default_factory=_lst, description="If given, only acts of these types are covered."
    )
    given: Date = Field(description="When the consent was given.")
    withdrawn: Date | None = Field(None, description="When the consent was withdrawn, if it was.")
    given_by: Ref | None = Field(
        None,
        description="RECORD: the governing authority (of `governing_authorities`) that gave it; the rules derive "
        "from its record whether it could speak for the state.",
    )
    authority: Annotated[AuthorityQualification | None, BeforeValidator(_authority_qualification)] = Field(
        None,
        description="QUALIFICATION (earlier format): who gave it, as someone with standing qualified it; read only "
        "when no `given_by` is recorded. `normengine check --case` warns when it names no author or source. "
        "Without `given_by` or `authority`, the rules presume the government in control gave it.",
    )
    stationing: Stationing | None = Field(
        None, description="RECORD: for a stationing agreement, its terms and conditions."
    )
    freely_given: Annotated[OptionalFlagQualification | None, BeforeValidator(_qualified)] = Field(
        None,
        description="QUALIFICATION: whether the consent was freely given, as someone with standing found it (false: "
        "coerced). Omit it when no one said: the rules then derive from the record whether the consent was given "
        "while the party it was given to was using force against the consenting state (VCLT Art 52), and such a "
        "consent counts as free only where an author the perspective ranks found it so. A bare true or false (the "
        "older form) still loads, as a qualification without author.",
    )
    in_advance_by_treaty: bool = Field(
        False,
        description="Consent given in advance by treaty to intervention decided by an organisation "
        "(e.g. African Union Constitutive Act Art 4(h)); its relation to Art 53(1) is contested.",
    )
    source: Source = None
    contested: Contested = None


class Votes(_Model):
    """A recorded vote."""

    in_favour: int = Field(alias="for", ge=0, description="Votes in favour.")
    against: int = Field(0, ge=0, description="Votes against.")
    abstentions: int = Field(0, ge=0, description="Abstentions.")


class Authorisation(_Model):
    """An authorisation in a resolution, with its addressees and scope."""

    addressees: list[Ref] = Field(
        default_factory=_lst, description="The parties authorised (states, coalitions, organisations, operations)."
    )
    all_member_states: bool = Field(
        False,
        description="Addressed to member states generally "
        "('Member States acting nationally or through regional organizations').",
    )
    force: bool = Field(
        description="Whether it authorises the use of force ('all necessary means', 'necessary action', ...)."
    )
    words: Text | None = Field(None, description="The operative words, quoted.")
    purposes: list[Id] = Field(
        default_factory=_lst, description="The purposes authorised (ids matched against acts' purposes)."
    )
    area: list[Ref] = Field(
        default_factory=_lst, description="The states on whose territory it applies; empty for no limit."
    )
    from_date: Date | None = Field(
        None, alias="from", description="Start of the authorisation (default: the resolution's date)."
    )
    until: Date | None = Field(
        None,
        description="RECORD: the end date the resolution's own text sets (e.g. 'for a period of two months', "
        "S/RES/929 (1994) §4); empty when the text sets none. Never the writer's conclusion that a later event "
        "ended the authorisation: record that event (a later resolution's `ceasefire`) and the rules raise the "
        "question (revival of an authorisation).",
    )
    excludes: list[ActType] = Field(default_factory=_lst, description="Act types expressly excluded, e.g. occupation.")
    source: Source = None


class Ceasefire(_Model):
    """RECORD: a formal ceasefire that a resolution declares, as its text states it (e.g. S/RES/687 (1991) §33).

    Whether the ceasefire ended an earlier authorisation of force or only suspended it is not recorded here:
    it is a point of law the rules raise (revival of an authorisation) and the perspectives decide.
    """

    words: Text | None = Field(None, description="RECORD: the operative words, quoted.")
    effective: Date | None = Field(
        None,
        description="RECORD: when it took effect, where the text makes it conditional (e.g. on a party's "
        "notification of acceptance); default: the resolution's date.",
    )
    names_resolutions: list[Ref] = Field(
        min_length=1,
        description="RECORD: the earlier resolutions whose operations its text names (687 §33: 'the Member States "
        "cooperating with Kuwait in accordance with resolution 678 (1990)').",
    )
    source: Source = None


class Obligation(_Model):
    """A binding demand or decision of a resolution, addressed to a party."""

    addressee: Ref = Field(description="The party the demand or decision is addressed to.")
    content: Text | None = Field(None, description="What it demands or decides, quoted or summarised.")
    source: Source = None


OperativeVerb = Literal[
    "condemns",
    "deplores",
    "demands",
    "calls_upon",
    "recommends",
    "decides",
    "recognises_self_defence",
    "authorises",
    "endorses",
    "commends",
    "welcomes",
    "terminates",
    "suspends",
]
DemandMatterOfResolution = Literal[
    "withdrawal", "ceasefire", "cessation_of_hostilities", "negotiation", "compliance", "restraint", "other"
]


class Operative(_Model):
    """RECORD: what a paragraph of a resolution or decision does, by its operative verb, as its text says.

    What the law makes of it (whether it binds, authorises, endorses or ends an authorisation) depends on the
    organ and is derived by the rules: only the Security Council decides with binding force (Art 25) and
    authorises enforcement action (Art 53(1)).
    """

    verb: OperativeVerb = Field(
        description="RECORD: the operative verb: 'condemns', 'deplores', 'demands', 'calls_upon', 'recommends', "
        "'decides', 'recognises_self_defence' (recognises or affirms the inherent right of self-defence), "
        "'authorises' (its scope goes under the resolution's `authorisations`), 'endorses', 'commends' or "
        "'welcomes' (acts already done), 'terminates' or 'suspends' (an earlier authorisation)."
    )
    paragraph: Text | None = Field(None, description="RECORD: the paragraph, e.g. '2' or 'preamble'.")
    acts: list[Ref] = Field(
        default_factory=_lst,
        description="RECORD: the acts of this case file it is about (the invasion it condemns, the operation it "
        "commends).",
    )
    addressees: list[Ref] = Field(
        default_factory=_lst, description="RECORD: the parties it addresses (those it calls upon or makes demands of)."
    )
    demand: DemandMatterOfResolution | None = Field(
        None,
        description="RECORD: for 'demands', 'calls_upon', 'decides' and 'recommends': what is asked "
        "(withdrawal, a ceasefire, the cessation of hostilities, negotiation, compliance, restraint, other).",
    )
    resolutions: list[Ref] = Field(
        default_factory=_lst,
        description="RECORD: for 'terminates', 'suspends' and 'endorses': the earlier resolutions (or decisions) "
        "whose authorisations or measures it names.",
    )
    effective: Date | None = Field(
        None,
        description="RECORD: for 'terminates' and 'suspends': when it takes effect as the text says (default: "
        "the resolution's date).",
    )
    until: Date | None = Field(None, description="RECORD: for 'suspends': the last day of the suspension, if set.")
    words: Text | None = Field(None, description="RECORD: the operative words, quoted.")
    source: Source = None


class Finding(_Model):
    """QUALIFICATION: what someone with standing (a court, an organ, a state, a writer) said a fact amounts to in
    law, never the case writer's own conclusion; `normengine check --case` warns on one without author or source.
    Where others disagreed, record their reading under the enclosing object's `contested`."""

    holds: bool = Field(description="QUALIFICATION: whether the author found it so.")
    author: Text | None = Field(
        None, description="Who said so: a court, an organ, a commission, a state or a writer, never the case writer."
    )
    note: Text | None = Field(None, description="What the author said, in words.")
    source: Source = None


Organ = Literal["security_council", "general_assembly", "other_organ"]


class Resolution(_Model):
    """RECORD: a resolution or decision of an organ (the Security Council, the General Assembly, or an organ of
    another organisation: OAS, OECS, ECOWAS, AU Peace and Security Council, Arab League Council, NATO's North
    Atlantic Council, GCC, EU Council...), or a draft put to the vote, with what each paragraph does."""

    id: Id
    organ: Organ = Field(
        description="RECORD: 'security_council', 'general_assembly', or 'other_organ' (an organ of the "
        "organisation named in `organisation`)."
    )
    organisation: Ref | None = Field(
        None,
        description="RECORD: for 'other_organ': the organisation (a party of kind 'organisation') whose organ "
        "adopted it, e.g. the OAS.",
    )
    organ_name: Text | None = Field(
        None, description="RECORD: the organ's name, e.g. 'Meeting of Consultation of Ministers of Foreign Affairs'."
    )
    adopted: bool | None = Field(
        None,
        description="RECORD, for 'other_organ' only: whether the organ's record shows it adopted (each "
        "organisation's voting rules are its own). For the Council and the Assembly adoption is derived from the "
        "votes.",
    )
    number: Text | None = Field(None, description="Its number, e.g. '1973 (2011)'; none for a draft.")
    date: Date = Field(description="The date of the vote (YYYY-MM-DD, or YYYY-MM-DDTHH:MMZ).")
    chapter_vii: bool = Field(False, description="Adopted acting under Chapter VII.")
    votes: Votes | None = Field(None, description="The recorded vote.")
    negative_votes_by: list[Ref] = Field(
        default_factory=_lst, description="Parties that voted against (a permanent member's vote against is a veto)."
    )
    abstentions_by: list[Ref] = Field(default_factory=_lst, description="Parties that abstained.")
    adopted_without_vote: bool = Field(False, description="Adopted by consensus, without a vote.")
    determinations: list[Determination] = Field(
        default_factory=_lst,
        description="Article 39 determinations its own text makes ('Determining that there exists a breach of "
        "international peace and security'); a determination made by an earlier resolution it recalls is reached "
        "through `recalls`, not copied here.",
    )
    recalls: list[Ref] = Field(
        default_factory=_lst,
        description="RECORD: the earlier resolutions (of `resolutions`) its text recalls, reaffirms or acts to "
        "uphold or implement, e.g. resolution 678 (1990) 'to uphold and implement resolution 660 (1990)'. The rules "
        "let an authorisation rest on a determination made by a Council resolution it recalls (Art 39, 42).",
    )
    binding: bool = Field(
        False,
        description="Its operative wording decides or demands (binding under Art 25), as opposed "
        "to 'calls upon' or 'invites' (Namibia AO §113-114). The rules also derive it from a Council "
        "resolution's `operative` verb 'decides'.",
    )
    obligations: list[Obligation] = Field(default_factory=_lst, description="Binding demands addressed to parties.")
    authorisations: list[Authorisation] = Field(
        default_factory=_lst,
        description="RECORD: what it authorises (of force or other measures), with the scope its text gives. Only "
        "an authorisation of the Security Council under Chapter VII authorises force (Art 42, 53(1)); the rules "
        "read another organ's as at most a recommendation.",
    )
    operative: list[Operative] = Field(
        default_factory=_lst,
        description="RECORD: what its paragraphs do, by operative verb (condemns, deplores, demands, calls upon, "
        "recognises the right of self-defence, authorises, endorses, commends, welcomes, decides, terminates or "
        "suspends an earlier authorisation).",
    )
    measures_necessary: Finding | None = Field(
        None,
        description="QUALIFICATION: someone's finding (with author and source) that by this resolution the Council "
        "had taken 'measures necessary to maintain international peace and security' in the sense of Art 51, "
        "which ends the right of self-defence.",
    )
    uniting_for_peace: bool = Field(
        False,
        description="For the General Assembly: adopted under the Uniting for Peace procedure (GA Res 377 (V)), "
        "e.g. in an emergency special session, as the resolution or the convening decision records.",
    )
    ceasefire: Ceasefire | None = Field(
        None, description="RECORD: a formal ceasefire it declares, and the earlier resolutions its text names."
    )
    source: Source = None
    contested: Contested = None


class ArmedAttack(_Model):
    """An armed attack, imminent attack or threat, relied on for self-defence."""

    id: Id
    by: Refs = Field(
        description="RECORD: the party that attacked (a state, an armed group), or a list of the parties that "
        "attacked together (a joint attack: a coalition, a state with an armed group)."
    )
    against: Ref = Field(description="The state attacked.")
    date: Date = Field(description="When the attack occurred (or, if imminent or threatened, was expected).")
    form: Literal["direct", "armed_bands", "assistance", "non_state"] = Field(
        "direct",
        description="'direct' (regular forces); 'armed_bands' (sent by or on behalf of a state, "
        "GA 3314 Art 3(g)); 'assistance' (weapons or logistical support to rebels, not an armed "
        "attack: Nicaragua §195); 'non_state' (by a non-state group acting on its own).",
    )
    gravity: Annotated[GravityQualification, BeforeValidator(_qualified)] = Field(
        GravityQualification(value="grave"),
        description="QUALIFICATION: whether its scale and effects reach the gravity of an armed attack "
        "(Nicaragua §191), as an author with standing found it: 'grave' or 'minor' (default: grave, unauthored).",
    )
    status: Annotated[StatusQualification, BeforeValidator(_qualified)] = Field(
        StatusQualification(value="occurred"),
        description="QUALIFICATION: 'occurred' (or under way); 'imminent' (anticipatory self-defence, contested); "
        "'threatened' (not imminent: pre-emption, no basis), as an author with standing found it.",
    )
    attributed_to: Annotated[PartyQualification | None, BeforeValidator(_qualified)] = Field(
        None,
        description="QUALIFICATION: for an attack by a non-state group, the state it is attributable to (a party "
        "id; null: to none), as an author with standing found it.",
    )
    authorship_proven: Annotated[FlagQualification, BeforeValidator(_qualified)] = Field(
        FlagQualification(value=True),
        description="QUALIFICATION: whether the evidence establishes that `by` carried out the attack, as an "
        "author with standing found it; false where it did not (Oil Platforms §57-61: the burden lies on the "
        "state invoking self-defence).",
    )
    declared_on: Date | None = Field(
        None,
        description="When the victim declared itself attacked (collective self-defence: the declaration must "
        "precede the act relied on it, Nicaragua §195, §199).",
    )
    declared_by_victim: bool = Field(
        False, description="The victim declared itself the victim of an armed attack (Nicaragua §195, §232)."
    )
    source: Source = None
    contested: Contested = None


class Request(_Model):
    """A request for assistance by the victim of an armed attack (collective self-defence)."""

    id: Id
    by: Ref = Field(description="The state that asked for help (the victim of the armed attack).")
    to: list[Ref] = Field(min_length=1, description="The parties asked (states or organisations).")
    attack: Ref | None = Field(None, description="The armed attack the request refers to.")
    date: Date = Field(description="When the request was made; it must precede the act it is relied on for.")
    source: Source = None
    contested: Contested = None


class Dispute(_Model):
    """A dispute between parties, and the peaceful means tried (Art 2(3), Art 33)."""

    id: Id
    parties: list[Ref] = Field(min_length=2, description="The parties to the dispute (at least two).")
    subject: Text | None = Field(None, description="What the dispute is about.")
    opened: Date = Field(description="When the dispute arose.")
    settled: Date | None = Field(None, description="When it was settled, if it was.")
    means_tried: list[PeacefulMeans] = Field(
        default_factory=_lst, description="The peaceful means of Art 33 that were tried (negotiation, mediation, ...)."
    )
    source: Source = None


class Report(_Model):
    """A report to the Security Council under Article 51."""

    id: Id
    by: Refs = Field(
        description="RECORD: the state that reported, or a list of the states that reported together (a joint "
        "letter or report)."
    )
    acts: list[Ref] = Field(min_length=1, description="The acts it reported as measures of self-defence.")
    date: Date = Field(description="When it reported.")
    source: Source = None
    contested: Contested = None


class CommitmentTerm(_Model):
    """RECORD: what one article of a commitment forbids its parties to do to one another, as its text says
    (e.g. the freedom of commerce between the parties' territories: no prohibition of imports or exports)."""

    article: Text = Field(description="RECORD: the article (or paragraph) of the instrument, e.g. 'Art XIX(1)'.")
    acts: list[ActType] = Field(
        min_length=1,
        description="RECORD: the kinds of act (act types, as in `acts[].type`) that the article forbids one party "
        "to take against another (e.g. 'economic_measures' for a treaty that forbids restrictions on trade between "
        "the parties). An act of one of these kinds by a party bound against another engages good faith through "
        "the commitment (pacta sunt servanda: VCLT Art 26); the rules decide whether it breaches it.",
    )
    words: Text | None = Field(None, description="RECORD: the article's words, quoted.")
    source: Source = None


class Commitment(_Model):
    """A treaty or other commitment: what it protects (borders, political independence, the use of force) and
    what conduct it forbids between its parties."""

    id: Id
    instrument: Text = Field(description="Its name, e.g. 'Budapest Memorandum'.")
    kind: Literal["treaty", "political_commitment"] = Field(
        "treaty", description="A treaty, or a commitment whose treaty status is disputed or denied."
    )
    date: Date = Field(description="When it was concluded or made.")
    bound: list[Ref] = Field(min_length=1, description="The parties bound by it.")
    beneficiaries: list[Ref] = Field(default_factory=_lst, description="The parties it protects.")
    covers: list[Literal["territorial_integrity", "political_independence", "non_use_of_force"]] = Field(
        default_factory=_lst, description="What it protects."
    )
    forbids: list[CommitmentTerm] = Field(
        default_factory=_lst,
        description="RECORD: the conduct its articles forbid the parties to take against one another, article by "
        "article (the kinds of act each forbids), as its text says.",
    )
    subject: Id | None = Field(None, description="The matter it regulates (for lex posterior: VCLT Art 30).")
    more_specific_than: Annotated[PartiesQualification | None, BeforeValidator(_qualified)] = Field(
        None,
        description="QUALIFICATION: the commitments that this one regulates more specifically (for lex "
        "specialis), as an author with standing read them (a court, a writer).",
    )
    source: Source = None
    contested: Contested = None


class ExpectedJustification(_Model):
    """The authoritative status of one justification."""

    id: Ref = Field(description="The justification (a claim's id in this case file).")
    status: Status = Field(
        description="Its status: 'survives', 'contested' or 'defeated'. 'contested' is met as for an act's verdict: "
        "'contested' under some perspective, different statuses under different perspectives, or a status that "
        "rests on one reading of a disputed fact while another reading gives another."
    )


class ExpectedAct(_Model):
    """The authoritative outcome for one act."""

    act: Ref = Field(description="The act (its id in this case file).")
    verdict: Verdict = Field(
        description="The verdict on the act: 'lawful', 'unlawful' or 'contested'. 'contested' records that the "
        "authorities left it disputed; the engine agrees when it finds the act disputed: 'contested' under some "
        "perspective, different verdicts under different perspectives, or a verdict that rests on one reading of "
        "a disputed fact while another reading gives another (docs/authoring.md)."
    )
    violations: list[Principle] = Field(
        default_factory=_lst,
        description="Principles the authority found violated; the engine must find each (it may find more).",
    )
    not_violated: list[Principle] = Field(
        default_factory=_lst,
        description="Principles the authority found not violated; the engine must not find them violated.",
    )
    justifications: list[ExpectedJustification] = Field(
        default_factory=_lst, description="The status the authority gives each justification claimed for the act."
    )
    note: Text | None = Field(None, description="A remark on the holding, e.g. what it left undecided.")


class Outcome(_Model):
    """The authoritative outcome the engine is checked against, and its standing."""

    standing: Literal[
        "court_holding",
        "council_statement",
        "assembly_statement",
        "official_commission",
        "dominant_view",
        "contested",
    ] = Field(description="What kind of authority the outcome has.")
    authority: Text = Field(description="Who said it, e.g. 'ICJ, Judgment of 27 June 1986'.")
    vote: Text | None = Field(None, description="For Council or Assembly statements: the vote, e.g. '141-5-35'.")
    summary: Text | None = Field(None, description="What the authority held, in a few sentences.")
    acts: list[ExpectedAct] = Field(default_factory=_lst, description="The holding, act by act.")
    source: Source = None


class Harbouring(_Model):
    """RECORD: a party's harbouring or toleration of an armed group on territory it controls, as the record shows.

    Whether harbouring makes the group's armed attack attributable to the harbouring party (or to the state on
    whose territory it happened) is not recorded here: it is a contested point of law the rules raise and the
    perspectives decide (Nicaragua §195; Armed Activities §146-147; S/RES/1368 and 1373 (2001), preambles).
    """

    id: Id
    by: Ref = Field(
        description="RECORD: the party that harboured or tolerated the group (a state, a de facto authority)."
    )
    group: Ref = Field(description="RECORD: the armed group harboured.")
    territory: Ref | None = Field(None, description="RECORD: the state on whose territory the group was harboured.")
    conduct: Literal["harbouring", "toleration"] = Field(
        "harbouring",
        description="RECORD: 'harbouring' (sanctuary, bases or training given knowingly, e.g. found by the Council) "
        "or 'toleration' (the group's presence known and not prevented).",
    )
    start: Date = Field(description="RECORD: from when (YYYY-MM-DD).")
    end: Date | None = Field(None, description="RECORD: until when; omit if it continued.")
    words: Text | None = Field(None, description="RECORD: the words of the source, quoted.")
    source: Source = None
    contested: Contested = None


class Statement(_Model):
    """RECORD: what a party said (who, before which organ, when, about which acts), as the record shows it.

    A denial of authorship ("an internal uprising", "local self-defence forces") is a statement, not a fact
    about who acted: the acts record who acted, and the rules read the statement for what it is.
    """

    id: Id
    by: Refs = Field(
        description="RECORD: the party that made the statement, or a list of the parties that made it together (a "
        "joint statement, a joint letter to the Council, the report of a joint commission)."
    )
    date: Date = Field(description="RECORD: when (YYYY-MM-DD, or YYYY-MM-DDTHH:MMZ).")
    before: Organ | None = Field(
        None, description="RECORD: the organ it was made before, if any (a letter to the Council counts as before it)."
    )
    organisation: Ref | None = Field(None, description="RECORD: for 'other_organ': the organisation.")
    document: Text | None = Field(None, description="RECORD: the document or meeting record, e.g. 'S/PV.7124'.")
    says: Literal["denial_of_authorship", "admission_of_authorship", "breach_of_resolution", "other"] = Field(
        description="RECORD: what it says of the acts: that the party did not carry them out (e.g. 'an internal "
        "uprising'); that it did; that they breach the resolution named under `resolution` (an allegation: the "
        "rules then test the acts against that resolution's demands, e.g. whether it binds their actors); or "
        "something else (quote it under `words`)."
    )
    acts: list[Ref] = Field(default_factory=_lst, description="RECORD: the acts of this case file it is about.")
    resolution: Ref | None = Field(
        None,
        description="RECORD: for `breach_of_resolution`, the resolution the acts are said to breach (an id under "
        "`resolutions`).",
    )
    words: Text | None = Field(None, description="RECORD: the words, quoted.")
    source: Source = None
    contested: Contested = None


class Case(_Model):
    """A case file: one episode, its facts, and its authoritative outcome."""

    id: Id
    title: Text = Field(description="The episode's title, e.g. 'Kosovo 1999 - NATO's Operation Allied Force'.")
    date: Date = Field(description="The date of the events; the law of that date applies.")
    summary: Text | None = Field(None, description="The episode in a few sentences.")
    parties: list[Party] = Field(min_length=1, description="Who took part: states, organisations, groups, peoples.")
    acts: list[Act] = Field(min_length=1, description="What the parties did (or the situations they created).")
    justifications: list[Claim] = Field(
        default_factory=_lst, description="The justifications the parties claimed for their acts."
    )
    consents: list[Consent] = Field(
        default_factory=_lst, description="Consents of territorial states to other parties' acts."
    )
    governing_authorities: list[GoverningAuthority] = Field(
        default_factory=_lst,
        description="RECORD: who claimed to speak for a state (the givers of consents and their rivals), with the "
        "facts that decide their standing.",
    )
    resolutions: list[Resolution] = Field(
        default_factory=_lst, description="Resolutions of the Security Council or the General Assembly (and drafts)."
    )
    armed_attacks: list[ArmedAttack] = Field(
        default_factory=_lst, description="Armed attacks (and imminent or threatened ones) relied on for self-defence."
    )
    requests: list[Request] = Field(
        default_factory=_lst, description="Requests for help by victims of armed attacks (collective self-defence)."
    )
    disputes: list[Dispute] = Field(
        default_factory=_lst, description="Disputes between parties and the peaceful means tried (Art 2(3), 33)."
    )
    reports: list[Report] = Field(default_factory=_lst, description="Reports to the Security Council under Article 51.")
    commitments: list[Commitment] = Field(
        default_factory=_lst, description="Treaties and other commitments on borders, independence or force."
    )
    harbouring: list[Harbouring] = Field(
        default_factory=_lst,
        description="RECORD: parties' harbouring or toleration of armed groups (for the contested point of "
        "harbouring as a basis of self-defence against the harbouring party).",
    )
    statements: list[Statement] = Field(
        default_factory=_lst,
        description="RECORD: statements parties made (who said what, before which organ, when), e.g. a denial of "
        "authorship.",
    )
    outcome: Outcome | None = Field(
        None, description="The authoritative outcome the engine is checked against (`normengine test`)."
    )

    # For a claim written for several acts: the index of each of its copies in `justifications` -> (the index
    # where it was written, the position of its act in the written list), so that messages name the written line.
    _claim_origin: dict[int, tuple[int, int]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _claims_per_act(self) -> Case:
        """A claim written for several acts becomes one claim per act, `<id>@<act>`: the claim stays where it was
        written (for its first act) and its copies for the other acts follow the written claims, so that every
        written claim keeps its index. The outcome may name such a claim by its written id under each act."""
        if not any(c._act_list for c in self.justifications):
            return self
        claims = list(self.justifications)
        origin: dict[int, tuple[int, int]] = {}
        copies: list[Claim] = []
        acts_of: dict[str, set[str]] = {}
        for i, c in enumerate(self.justifications):
            if not c._act_list:
                continue
            origin[i] = (i, 0)
            if not c._more_acts:
                continue
            acts_of[c.id] = {c.act, *c._more_acts}
            claims[i] = c.model_copy(update={"id": f"{c.id}@{c.act}"})
            for j, act in enumerate(c._more_acts, start=1):
                origin[len(self.justifications) + len(copies)] = (i, j)
                copies.append(c.model_copy(update={"id": f"{c.id}@{act}", "act": act}))
        for c in (*claims, *copies):
            c._more_acts, c._act_list = (), False
        object.__setattr__(self, "justifications", [*claims, *copies])
        self._claim_origin = origin
        if self.outcome is not None and acts_of:
            expected = []
            for e in self.outcome.acts:
                named = [
                    j.model_copy(update={"id": f"{j.id}@{e.act}"}) if e.act in acts_of.get(j.id, ()) else j
                    for j in e.justifications
                ]
                expected.append(e.model_copy(update={"justifications": named}))
            object.__setattr__(self, "outcome", self.outcome.model_copy(update={"acts": expected}))
        return self

    def objects(self) -> dict[str, object]:
        """Every object of the case that has an id, by id."""
        result: dict[str, object] = {}
        for group in (
            self.parties,
            self.acts,
            self.justifications,
            self.consents,
            self.governing_authorities,
            self.resolutions,
            self.armed_attacks,
            self.requests,
            self.disputes,
            self.reports,
            self.commitments,
            self.harbouring,
            self.statements,
        ):
            for obj in group:
                result.setdefault(obj.id, obj)
        return result


Loc = tuple[str | int, ...]

_GROUPS = (
    "parties",
    "acts",
    "justifications",
    "consents",
    "governing_authorities",
    "resolutions",
    "armed_attacks",
    "requests",
    "disputes",
    "reports",
    "commitments",
    "statements",
)


def contestable(case: Case) -> list[tuple[Loc, BaseModel]]:
    """Every object of the case that can be marked contested, with its location."""
    out: list[tuple[Loc, BaseModel]] = []
    for group in _GROUPS:
        for i, obj in enumerate(getattr(case, group)):
            if "contested" in type(obj).model_fields:
                out.append(((group, i), obj))
            if isinstance(obj, Claim):
                for k, a in enumerate(obj.assessments):
                    out.append(((group, i, "assessments", k), a))
    return out


def reading_variants(obj: BaseModel) -> list[tuple[BaseModel | None, Reading | None]]:
    """The readings of an object: itself first, then each alternative (None when the fact is absent).

    Args:
        obj: a validated object whose alternatives have been checked by :func:`check_references`.
    """
    contest = getattr(obj, "contested", None)
    if contest is None:
        return [(obj, None)]
    out: list[tuple[BaseModel | None, Reading | None]] = [(obj, None)]
    if not contest.alternatives:
        return [*out, (None, Reading(source=contest.source, absent=True, note=contest.note))]
    for alt in contest.alternatives:
        if alt.absent:
            out.append((None, alt))
        else:
            merged = {**obj.model_dump(by_alias=True, exclude={"contested"}), **(alt.model_extra or {})}
            out.append((type(obj).model_validate(merged), alt))
    return out


def _contest_issues(case: Case) -> list[tuple[Loc, str]]:
    from pydantic import ValidationError

    issues: list[tuple[Loc, str]] = []
    for loc, obj in contestable(case):
        contest = getattr(obj, "contested", None)
        if contest is None:
            continue
        model = type(obj)
        names = {f.alias or n for n, f in model.model_fields.items()} | set(model.model_fields)
        for j, alt in enumerate(contest.alternatives):
            base: Loc = (*loc, "contested", "alternatives", j)
            extra = dict(alt.model_extra or {})
            for key in extra:
                if key not in names or key == "contested":
                    issues.append(((*base, key), f"unknown field {key!r} for a reading of this fact"))
                elif key in ("id", "element"):
                    issues.append(((*base, key), f"a reading cannot change the {key} of the fact"))
            if alt.absent and extra:
                issues.append(((*base, "absent"), "a reading where the fact is absent cannot also change its fields"))
            if issues or alt.absent:
                continue
            merged = {**obj.model_dump(by_alias=True, exclude={"contested"}), **extra}
            try:
                variant = model.model_validate(merged)
            except ValidationError as exc:
                for err in exc.errors():
                    eloc = tuple(err["loc"])
                    where = (*base, *eloc) if eloc and eloc[0] in extra else (*loc, *eloc)
                    issues.append((where, err["msg"]))
                continue
            if loc[-2] == "assessments":
                continue
            group, index = str(loc[0]), int(loc[1])
            items = list(getattr(case, group))
            items[index] = variant
            swapped = case.model_copy(update={group: items})
            for eloc, msg in check_references(swapped, contests=False):
                if eloc[:2] == loc:
                    field = eloc[2] if len(eloc) > 2 else None
                    issues.append(((*base, *eloc[2:]) if field in extra else eloc, msg))
    return issues


CHARTER_IN_FORCE = dt.date(1945, 10, 24)
"""The UN Charter entered into force on 24 October 1945; the bundled rules state the law under it."""


def _law_of_the_date_issues(case: Case) -> list[tuple[Loc, str]]:
    """Dates before the Charter (issue 11, point 7); votes beyond an organ's membership are refused by check_record."""
    issues: list[tuple[Loc, str]] = []
    before = (
        "is before 24 October 1945, when the UN Charter entered into force; the rules state the law of the "
        "Charter, and a case under the League Covenant or the Kellogg-Briand Pact (1928) is refused"
    )
    if case.date < CHARTER_IN_FORCE:
        issues.append((("date",), f"{case.date} {before}"))
    for i, a in enumerate(case.acts):
        if a.start < CHARTER_IN_FORCE:
            issues.append((("acts", i, "start"), f"{a.start} {before}"))
    return issues


def _organ_issues(i: int, r: Resolution, parties: dict[str, _Model]) -> list[tuple[Loc, str]]:
    """An organ of another organisation needs the organisation; the Charter's organs need none of its fields."""
    issues: list[tuple[Loc, str]] = []
    if r.organ == "other_organ":
        if r.organisation is None:
            issues.append((("resolutions", i, "organisation"), "an 'other_organ' resolution names its organisation"))
        elif r.organisation in parties and getattr(parties[r.organisation], "kind", None) != "organisation":
            issues.append((("resolutions", i, "organisation"), f"{r.organisation!r} is not an organisation"))
        if r.chapter_vii:
            issues.append((("resolutions", i, "chapter_vii"), "only the Security Council acts under Chapter VII"))
        if r.uniting_for_peace:
            issues.append(
                (("resolutions", i, "uniting_for_peace"), "only the General Assembly acts under Uniting for Peace")
            )
    elif r.adopted is not None:
        issues.append(
            (
                ("resolutions", i, "adopted"),
                "adoption by the Security Council or the General Assembly is derived from the votes; "
                "`adopted` is for other organs",
            )
        )
    return issues


def check_references(case: Case, *, contests: bool = True) -> list[tuple[Loc, str]]:
    """Check ids and cross-references; return (field path, message) pairs.

    Args:
        case: a case that passed model validation.
    """
    issues: list[tuple[Loc, str]] = []
    groups: dict[str, list[_Model]] = {
        "parties": list(case.parties),
        "acts": list(case.acts),
        "justifications": list(case.justifications),
        "consents": list(case.consents),
        "governing_authorities": list(case.governing_authorities),
        "resolutions": list(case.resolutions),
        "armed_attacks": list(case.armed_attacks),
        "requests": list(case.requests),
        "disputes": list(case.disputes),
        "reports": list(case.reports),
        "commitments": list(case.commitments),
        "statements": list(case.statements),
    }
    seen: dict[str, Loc] = {}
    for name, items in groups.items():
        for i, obj in enumerate(items):
            oid = obj.id  # type: ignore[attr-defined]
            if oid in seen:
                first = ".".join(str(p) for p in written_location(case, seen[oid]))
                issues.append(((name, i, "id"), f"id {oid!r} is already used by {first}"))
            else:
                seen[oid] = (name, i)

    def kinds(*names: str) -> dict[str, _Model]:
        return {o.id: o for n in names for o in groups[n]}  # type: ignore[attr-defined]

    parties = kinds("parties")
    acts = kinds("acts")
    claims = kinds("justifications")
    consents = kinds("consents")
    governing = kinds("governing_authorities")
    resolutions = kinds("resolutions")
    attacks = kinds("armed_attacks")
    commitments = kinds("commitments")

    def ref(loc: Loc, value: str | None, table: dict[str, _Model], what: str) -> None:
        if value is not None and value not in table:
            known = ", ".join(sorted(table)[:12]) or "none"
            issues.append((loc, f"unknown {what} {value!r} (known: {known})"))

    def refs(loc: Loc, values: list[str], table: dict[str, _Model], what: str) -> None:
        for j, value in enumerate(values):
            ref((*loc, j), value, table, what)

    for i, p in enumerate(case.parties):
        refs(("parties", i, "members"), p.members, parties, "party")
        ref(("parties", i, "territory_of"), p.territory_of, parties, "party")
        ref(("parties", i, "organ_of"), p.organ_of, parties, "party")
        if p.organ_of is not None:
            parent = parties.get(p.organ_of)
            if p.kind != "organisation":
                issues.append((("parties", i, "organ_of"), "only a body of kind organisation can be an organ"))
            elif p.organ_of == p.id:
                issues.append((("parties", i, "organ_of"), f"{p.id!r} cannot be an organ of itself"))
            elif parent is not None and getattr(parent, "kind", None) != "organisation":
                issues.append((("parties", i, "organ_of"), f"{p.organ_of!r} is not an organisation"))
        if p.members and p.kind != "organisation":
            issues.append((("parties", i, "members"), "only organisations have members"))
        if p.organisation_type and p.kind != "organisation":
            issues.append((("parties", i, "organisation_type"), "only organisations have an organisation_type"))
        if p.situation is not None and any(p.situation.values()) and p.kind != "people":
            issues.append((("parties", i, "situation"), "only peoples have a situation"))
    for i, a in enumerate(case.acts):
        refs(("acts", i, "actors"), a.actors, parties, "party")
        ref(("acts", i, "target"), a.target, parties, "party")
        ref(("acts", i, "territory"), a.territory, parties, "party")
        ref(("acts", i, "directed_at"), a.directed_at, parties, "party")
        ref(("acts", i, "administered_by"), a.administered_by, parties, "party")
        refs(("acts", i, "also_directed_at"), a.also_directed_at, parties, "party")
        ref(("acts", i, "resolution"), a.resolution, resolutions, "resolution")
        ref(("acts", i, "impedes_self_determination_of"), a.impedes_self_determination_of, parties, "party")
        if a.end is not None and a.end < a.start:
            issues.append((("acts", i, "end"), f"ends ({a.end}) before it starts ({a.start})"))
        if a.type == "non_compliance" and a.resolution is None:
            issues.append((("acts", i, "resolution"), "a non_compliance act must name the resolution"))
        ref(("acts", i, "concerns"), a.concerns, acts, "act")
        if a.concerns is not None and a.concerns == a.id:
            issues.append((("acts", i, "concerns"), "an act cannot concern itself"))
        for j, cd in enumerate(a.conduct):
            if (cd.what is None) == (cd.kind is None):
                issues.append((("acts", i, "conduct", j), "a conduct gives either `what` the forces did or its `kind`"))
            elif cd.what is not None and cd.date is None:
                issues.append((("acts", i, "conduct", j, "date"), f"'{cd.what}' needs the date it began"))
            if cd.kind is not None and cd.kind == a.type:
                issues.append((("acts", i, "conduct", j, "kind"), "the act's own `type`: leave it out"))
            if cd.date is not None and cd.until is not None and cd.until < cd.date:
                issues.append((("acts", i, "conduct", j, "until"), f"ends ({cd.until}) before it starts ({cd.date})"))
    attacks_or_acts = {**attacks, **acts}
    for i, c in enumerate(case.justifications):
        ref(("justifications", i, "act"), c.act, acts, "act")
        refs(("justifications", i, "claimed_by"), c.claimed_by, parties, "party")
        refs(("justifications", i, "responds_to"), c.responds_to, attacks_or_acts, "armed attack or act")
        refs(("justifications", i, "resolutions"), c.resolutions, resolutions, "resolution")
        refs(("justifications", i, "consents"), c.consents, consents, "consent")
        refs(("justifications", i, "commitments"), c.commitments, commitments, "commitment")
        ref(("justifications", i, "on_behalf_of"), c.on_behalf_of, parties, "party")
        elements = [x.element for x in c.assessments]
        for j, e in enumerate(elements):
            if e in elements[:j]:
                issues.append((("justifications", i, "assessments", j, "element"), f"{e!r} is assessed twice"))
    for i, st in enumerate(case.statements):
        refs(("statements", i, "by"), st.by, parties, "party")
        ref(("statements", i, "organisation"), st.organisation, parties, "party")
        refs(("statements", i, "acts"), st.acts, acts, "act")
        if st.says in ("denial_of_authorship", "admission_of_authorship", "breach_of_resolution") and not st.acts:
            issues.append((("statements", i, "acts"), f"a statement of {st.says.replace('_', ' ')} names the acts"))
        ref(("statements", i, "resolution"), st.resolution, resolutions, "resolution")
        if st.says == "breach_of_resolution" and st.resolution is None:
            issues.append((("statements", i, "resolution"), "a statement of breach of resolution names the resolution"))
        if st.says != "breach_of_resolution" and st.resolution is not None:
            issues.append((("statements", i, "resolution"), "only a statement of breach of resolution names one"))
    for i, h in enumerate(case.harbouring):
        ref(("harbouring", i, "by"), h.by, parties, "party")
        ref(("harbouring", i, "group"), h.group, parties, "party")
        ref(("harbouring", i, "territory"), h.territory, parties, "party")
        if h.end is not None and h.end < h.start:
            issues.append((("harbouring", i, "end"), f"ends ({h.end}) before it starts ({h.start})"))
    for i, k in enumerate(case.consents):
        ref(("consents", i, "by"), k.by, parties, "party")
        refs(("consents", i, "to"), k.to, parties, "party")
        refs(("consents", i, "acts"), k.acts, acts, "act")
        if k.withdrawn is not None and k.withdrawn < k.given:
            issues.append((("consents", i, "withdrawn"), "withdrawn before it was given"))
        ref(("consents", i, "given_by"), k.given_by, governing, "governing authority")
        if k.given_by in governing and governing[k.given_by].of != k.by:  # type: ignore[attr-defined]
            issues.append((("consents", i, "given_by"), f"{k.given_by!r} does not speak for {k.by!r}"))
    for i, g in enumerate(case.governing_authorities):
        ref(("governing_authorities", i, "of"), g.of, parties, "party")
        ref(("governing_authorities", i, "set_up_by"), g.set_up_by, parties, "party")
        if g.set_up_by is not None and g.set_up_by == g.of:
            issues.append(
                (("governing_authorities", i, "set_up_by"), "set up by the state it speaks for: leave it out")
            )
        if g.chosen_under is not None:
            signers = {**parties, **governing}
            refs(("governing_authorities", i, "chosen_under", "signed_by"), g.chosen_under.signed_by, signers, "party")
            refs(
                ("governing_authorities", i, "chosen_under", "witnessed_by"),
                g.chosen_under.witnessed_by,
                parties,
                "party",
            )
        ref(("governing_authorities", i, "succeeded"), g.succeeded, governing, "governing authority")
        if g.succeeded is not None and g.succeeded == g.id:
            issues.append((("governing_authorities", i, "succeeded"), "an authority cannot succeed itself"))
        elif g.succeeded in governing and governing[g.succeeded].of != g.of:  # type: ignore[attr-defined]
            issues.append((("governing_authorities", i, "succeeded"), f"{g.succeeded!r} does not speak for {g.of!r}"))
        refs(("governing_authorities", i, "removed_by"), g.removed_by, acts, "act")
        for j, rec in enumerate(g.recognition):
            refs(("governing_authorities", i, "recognition", j, "states"), rec.states, parties, "party")
            if rec.organ is None and not rec.states:
                where: Loc = ("governing_authorities", i, "recognition", j)
                issues.append((where, "a recognition needs an organ or states"))
    issues.extend(_law_of_the_date_issues(case))
    for i, r in enumerate(case.resolutions):
        refs(("resolutions", i, "negative_votes_by"), r.negative_votes_by, parties, "party")
        refs(("resolutions", i, "abstentions_by"), r.abstentions_by, parties, "party")
        ref(("resolutions", i, "organisation"), r.organisation, parties, "party")
        issues.extend(_organ_issues(i, r, parties))
        for j, op in enumerate(r.operative):
            at: Loc = ("resolutions", i, "operative", j)
            refs((*at, "acts"), op.acts, acts, "act")
            refs((*at, "addressees"), op.addressees, parties, "party")
            refs((*at, "resolutions"), op.resolutions, resolutions, "resolution")
            if op.verb in ("terminates", "suspends") and not op.resolutions:
                issues.append(((*at, "resolutions"), f"'{op.verb}' must name the earlier resolutions it applies to"))
            if r.id in op.resolutions:
                issues.append(((*at, "resolutions"), "a resolution cannot name itself"))
            if op.verb == "authorises" and not r.authorisations:
                issues.append(
                    ((*at, "verb"), "'authorises': record what it authorises, and its scope, under `authorisations`")
                )
        refs(("resolutions", i, "recalls"), r.recalls, resolutions, "resolution")
        if r.id in r.recalls:
            issues.append((("resolutions", i, "recalls"), "a resolution cannot recall itself"))
        if r.ceasefire is not None:
            refs(
                ("resolutions", i, "ceasefire", "names_resolutions"),
                r.ceasefire.names_resolutions,
                resolutions,
                "resolution",
            )
        for j, o in enumerate(r.obligations):
            ref(("resolutions", i, "obligations", j, "addressee"), o.addressee, parties, "party")
        for j, z in enumerate(r.authorisations):
            refs(("resolutions", i, "authorisations", j, "addressees"), z.addressees, parties, "party")
            refs(("resolutions", i, "authorisations", j, "area"), z.area, parties, "party")
            if not z.addressees and not z.all_member_states:
                issues.append(
                    (
                        ("resolutions", i, "authorisations", j, "addressees"),
                        "an authorisation needs addressees or all_member_states: true",
                    )
                )
    for i, x in enumerate(case.armed_attacks):
        refs(("armed_attacks", i, "by"), x.by, parties, "party")
        ref(("armed_attacks", i, "against"), x.against, parties, "party")
        if x.attributed_to is not None:
            ref(("armed_attacks", i, "attributed_to", "value"), x.attributed_to.value, parties, "party")
            for j, rd in enumerate(x.attributed_to.readings):
                ref(("armed_attacks", i, "attributed_to", "readings", j, "value"), rd.value, parties, "party")
    for i, q in enumerate(case.requests):
        ref(("requests", i, "by"), q.by, parties, "party")
        refs(("requests", i, "to"), q.to, parties, "party")
        ref(("requests", i, "attack"), q.attack, attacks, "armed attack")
    for i, d in enumerate(case.disputes):
        refs(("disputes", i, "parties"), d.parties, parties, "party")
    for i, rp in enumerate(case.reports):
        refs(("reports", i, "by"), rp.by, parties, "party")
        refs(("reports", i, "acts"), rp.acts, acts, "act")
    for i, k2 in enumerate(case.commitments):
        if k2.more_specific_than is not None:
            where_q: Loc = ("commitments", i, "more_specific_than")
            refs((*where_q, "value"), k2.more_specific_than.value, commitments, "commitment")
            for j, r2 in enumerate(k2.more_specific_than.readings):
                refs((*where_q, "readings", j, "value"), r2.value, commitments, "commitment")
        refs(("commitments", i, "bound"), k2.bound, parties, "party")
        refs(("commitments", i, "beneficiaries"), k2.beneficiaries, parties, "party")
    if case.outcome is not None:
        for i, expected in enumerate(case.outcome.acts):
            ref(("outcome", "acts", i, "act"), expected.act, acts, "act")
            for j, ej in enumerate(expected.justifications):
                copies = sorted(c.act for c in case.justifications if c.id == f"{ej.id}@{c.act}")
                if ej.id not in claims and copies:
                    where_j: Loc = ("outcome", "acts", i, "justifications", j, "id")
                    issues.append(
                        (where_j, f"justification {ej.id!r} is claimed for {', '.join(copies)}, not this act")
                    )
                    continue
                ref(("outcome", "acts", i, "justifications", j, "id"), ej.id, claims, "justification")
                if ej.id in claims and claims[ej.id].act != expected.act:  # type: ignore[attr-defined]
                    issues.append(
                        (
                            ("outcome", "acts", i, "justifications", j, "id"),
                            f"justification {ej.id!r} is claimed for another act",
                        )
                    )
    if contests:
        issues.extend(_contest_issues(case))
    if case._claim_origin:
        # A claim written for several acts: its copies' issues are the written claim's, named where it was written.
        issues = list(dict.fromkeys((written_location(case, loc), msg) for loc, msg in issues))
    return issues


def written_location(case: Case, loc: Loc) -> Loc:
    """Where a location in the validated case was written: a copy of a claim written for several acts
    (``Case._claims_per_act``) is named by the written claim, and its `act` by the act's place in the list."""
    if len(loc) < 2 or loc[0] != "justifications" or not isinstance(loc[1], int):
        return loc
    origin = case._claim_origin.get(loc[1])
    if origin is None:
        return loc
    written, position = origin
    rest = loc[2:]
    if rest == ("act",):
        rest = ("act", position)
    return ("justifications", written, *rest)


# --------------------------------------------------------------------------
# What the record makes impossible
#
# Checks on a case that passed validation and check_references, kept apart from the models
# above: numbers the solver cannot hold, votes the organ could not cast, memberships that go
# round in a circle, and facts of record that contradict each other. The loader runs them
# after check_references and reports each as an error naming the file, line and field.

INT_MIN = -(2**31)
INT_MAX = 2**31 - 1
"""clingo's integers are 32-bit: every number of a case must lie between these."""

# Article 23(1): eleven members; fifteen since the amendment adopted by GA Res 1991 A (XVIII)
# entered into force on 31 August 1965 (the four new members took their seats on 1 January 1966).
COUNCIL_ENLARGED = dt.date(1965, 8, 31)
# The General Assembly: every member of the United Nations (Art 9(1)); 193 since 14 July 2011,
# never more. Its size at an earlier date is not recorded here, so only the largest is checked.
ASSEMBLY_MAX = 193
PERMANENT_MEMBERS = 5  # Article 23(1)
_ORGAN_NAMES = {"security_council": "Security Council", "general_assembly": "General Assembly"}


def organ_membership(organ: str, date: dt.date) -> int | None:
    """How many members an organ had on a date, as far as it is known (None: unknown organ).

    The Security Council: 11, and 15 from 31 August 1965 (Charter Art 23(1) as amended);
    the General Assembly: at most 193 (its size at a given date is not recorded).
    """
    if organ == "security_council":
        return 11 if date < COUNCIL_ENLARGED else 15
    if organ == "general_assembly":
        return ASSEMBLY_MAX
    return None


def check_record(case: Case) -> list[tuple[Loc, str]]:
    """What the record makes impossible or contradicts; return (field path, message) pairs.

    Args:
        case: a case that passed model validation and :func:`check_references`.
    """
    issues = _number_issues(case)
    if issues:
        return issues
    issues += _vote_issues(case)
    issues += _membership_cycles(case)
    issues += _consent_contradictions(case)
    return issues


_FIELDS: dict[type[BaseModel], tuple[tuple[str, str], ...]] = {}


def _fields(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """A model class's fields as (attribute, key in the case file) pairs, read from pydantic once per class."""
    found = _FIELDS.get(model)
    if found is None:
        found = tuple((name, field.alias or name) for name, field in model.model_fields.items())
        _FIELDS[model] = found
    return found


def _walk(
    obj: BaseModel, loc: Loc, context: tuple[BaseModel, ...] = ()
) -> list[tuple[Loc, BaseModel, tuple[BaseModel, ...]]]:
    """Every model inside ``obj`` (itself first, then depth first), with its location and the models that
    enclose it."""
    out: list[tuple[Loc, BaseModel, tuple[BaseModel, ...]]] = []
    _walk_into(obj, loc, context, out)
    return out


def _walk_into(
    obj: BaseModel, loc: Loc, context: tuple[BaseModel, ...], out: list[tuple[Loc, BaseModel, tuple[BaseModel, ...]]]
) -> None:
    out.append((loc, obj, context))
    inner = (*context, obj)
    values = obj.__dict__
    for name, key in _fields(type(obj)):
        value = values[name] if name in values else getattr(obj, name)
        if isinstance(value, BaseModel):
            _walk_into(value, (*loc, key), inner, out)
        elif isinstance(value, list | tuple):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    _walk_into(item, (*loc, key, i), inner, out)


def _numbers(obj: BaseModel, loc: Loc) -> list[tuple[Loc, str]]:
    issues: list[tuple[Loc, str]] = []
    for where, model, _ in _walk(obj, loc):
        values = model.__dict__
        for name, key in _fields(type(model)):
            value = values[name] if name in values else getattr(model, name)
            if isinstance(value, bool | str | dt.date) or value is None:
                continue
            pairs = list(enumerate(value)) if isinstance(value, list | tuple) else [(None, value)]
            for i, v in pairs:
                if isinstance(v, int) and not isinstance(v, bool) and not INT_MIN <= v <= INT_MAX:
                    at = (*where, key) + ((i,) if i is not None else ())
                    issues.append(
                        (at, f"the number {v:,} is beyond what the solver can hold (from {INT_MIN:,} to {INT_MAX:,})")
                    )
    return issues


def _number_issues(case: Case) -> list[tuple[Loc, str]]:
    issues = _numbers(case, ())
    for loc, obj in contestable(case):
        contest = getattr(obj, "contested", None)
        if contest is None:
            continue
        for j, (variant, reading) in enumerate(reading_variants(obj)[1:]):
            if variant is None or reading is None:
                continue
            extra = set(reading.model_extra or {})
            base: Loc = (*loc, "contested", "alternatives", j)
            for at, message in _numbers(variant, ()):
                if at and at[0] in extra:
                    issues.append(((*base, *at), message))
    return issues


def _is_vote(model: BaseModel) -> bool:
    return isinstance(model, Votes) or "in_favour" in type(model).model_fields


def _vote_issues(case: Case) -> list[tuple[Loc, str]]:
    """Votes that the organ could not cast on that date, and vote records that contradict each other."""
    issues: list[tuple[Loc, str]] = []
    records: list[tuple[Loc, str]] = []
    for loc, model, context in _walk(case, ()):
        if _is_vote(model):
            holder = next((m for m in reversed(context) if "organ" in m.__dict__ and "date" in m.__dict__), None)
            if holder is None:
                continue
            organ, date = holder.__dict__["organ"], holder.__dict__["date"]
            size = organ_membership(str(organ), date) if isinstance(date, dt.date) else None
            counts = {
                k: getattr(model, n)
                for n, k in _fields(type(model))
                if isinstance(getattr(model, n), int) and not isinstance(getattr(model, n), bool)
            }
            total = sum(counts.values())
            if size is not None and total > size:
                shown = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
                issues.append(
                    (
                        loc,
                        f"{total} votes ({shown}), but the {_ORGAN_NAMES.get(str(organ), str(organ))} had "
                        f"{'at most ' if organ == 'general_assembly' else ''}{size} members on {date}",
                    )
                )
        if isinstance(model, Resolution):
            records += _resolution_record(loc, model)
    issues += records
    permanent = [i for i, p in enumerate(case.parties) if p.permanent_member]
    if len(permanent) > PERMANENT_MEMBERS:
        issues.append(
            (
                ("parties", permanent[PERMANENT_MEMBERS], "permanent_member"),
                f"{len(permanent)} parties are permanent members of the Security Council, "
                f"but the Council has {PERMANENT_MEMBERS} (Charter Art 23(1))",
            )
        )
    return issues


def _resolution_record(loc: Loc, r: Resolution) -> list[tuple[Loc, str]]:
    issues: list[tuple[Loc, str]] = []
    both = sorted(set(r.negative_votes_by) & set(r.abstentions_by))
    for party in both:
        j = r.abstentions_by.index(party)
        issues.append(((*loc, "abstentions_by", j), f"{party!r} both voted against and abstained"))
    if r.votes is not None:
        if r.adopted_without_vote:
            issues.append(
                ((*loc, "votes"), "a recorded vote, but the resolution is also said to be adopted without a vote")
            )
        given = r.votes.model_fields_set  # a count left out is unknown, not zero
        for field, names, count, counted in (
            ("negative_votes_by", r.negative_votes_by, r.votes.against, "against" in given),
            ("abstentions_by", r.abstentions_by, r.votes.abstentions, "abstentions" in given),
        ):
            if counted and len(set(names)) > count:
                what = "against" if field == "negative_votes_by" else "abstentions"
                issues.append(((*loc, field), f"{len(set(names))} parties named, but the vote records {count} {what}"))
    return issues


def _membership_cycles(case: Case) -> list[tuple[Loc, str]]:
    """Organisations that are members of themselves, directly or through other organisations."""
    index = {p.id: i for i, p in enumerate(case.parties)}
    members = {p.id: list(p.members) for p in case.parties}
    issues: list[tuple[Loc, str]] = []
    reported: set[frozenset[str]] = set()
    for i, p in enumerate(case.parties):
        for j, m in enumerate(p.members):
            if m == p.id:
                issues.append((("parties", i, "members", j), f"{p.id!r} is a member of itself"))
                reported.add(frozenset([p.id]))
                continue
            path = _path_to(members, m, p.id)
            if path is None:
                continue
            cycle = frozenset([p.id, *path])
            if cycle in reported:
                continue
            reported.add(cycle)
            chain = " -> ".join(repr(x) for x in (p.id, *path))
            issues.append(
                (
                    ("parties", i, "members", j),
                    f"membership goes round in a circle: {chain} (each a member of the next)",
                )
            )
    issues.sort(key=lambda item: index.get(str(item[0][1]), 0))
    return issues


def _path_to(members: dict[str, list[str]], start: str, goal: str) -> list[str] | None:
    """A chain of memberships from ``start`` to ``goal`` (both included), or None."""
    parent: dict[str, str | None] = {start: None}
    queue = [start]
    while queue:
        current = queue.pop(0)
        if current == goal:
            chain = [current]
            while parent[chain[-1]] is not None:
                chain.append(parent[chain[-1]])  # type: ignore[arg-type]
            return list(reversed(chain))
        for nxt in members.get(current, ()):
            if nxt not in parent:
                parent[nxt] = current
                queue.append(nxt)
    return None


def _consent_contradictions(case: Case) -> list[tuple[Loc, str]]:
    """The same consent recorded as given freely and as coerced on the same day, neither marked contested."""
    issues: list[tuple[Loc, str]] = []
    consents = list(case.consents)
    for j, later in enumerate(consents):
        for i in range(j):
            earlier = consents[i]
            if (
                earlier.contested is None
                and later.contested is None
                and earlier.by == later.by
                and earlier.given == later.given
                and _coerced(earlier) != _coerced(later)
                and set(earlier.to) & set(later.to)
                and _overlap(earlier.acts, later.acts)
                and _overlap(earlier.act_types, later.act_types)
            ):
                to = ", ".join(repr(x) for x in sorted(set(earlier.to) & set(later.to)))
                free, coerced = (j, i) if _coerced(earlier) else (i, j)
                issues.append(
                    (
                        ("consents", j, "freely_given"),
                        f"the record contradicts itself: the consent of {later.by!r} to {to} on {later.given} is given "
                        f"freely (consents[{free}]) and coerced (consents[{coerced}]); if sources disagree, record "
                        "one consent with `contested:` and the other reading as an alternative, each with its source",
                    )
                )
                break
    return issues


def _coerced(consent: Consent) -> bool:
    """Whether a consent is recorded as coerced (its `freely_given` read as false)."""
    return consent.freely_given is not None and consent.freely_given.value is False


def _overlap(first: Sequence[str], second: Sequence[str]) -> bool:
    """Whether two scopes overlap (an empty list covers everything)."""
    return not first or not second or bool(set(first) & set(second))
