"""The vocabulary of a rule set: the values a case file may use where the rules give the words.

A rule set declares its vocabulary once, as facts (``rules/core/vocabulary.lp`` and
``rules/justifications/*.lp`` for the bundled one):

- ``act_kind(T)``: the kinds of act (an act's ``type``, a consent's ``act_types``, an authorisation's ``excludes``);
- ``justification(J)``: the justifications a claim may invoke (a claim's ``type``);
- ``assessed_element(J, E)``: the elements of a justification a claim's ``assessments`` may assess
  (and ``assessable(J, E)``: a finding a rule reads that is not an element failing when unassessed);
- ``principle(P)``: the principles an outcome may name (``violations``, ``not_violated``).

The case model (:mod:`normengine.case`) checks only the shape of these fields (a non-empty
string); their values are checked against the rule set the case is evaluated with, so that a rule
set written by a user can add its own: as the case is read when the rule set is known
(:func:`using_vocabulary`, which :func:`normengine.engine.evaluate_full` sets), and in any case
before it is solved (:func:`check_vocabulary`). A rule set that declares no value of a kind (a
one-file toy rule set, say) leaves that kind open. The vocabulary is read from the
parsed program's facts (``Program.facts``, which the program cache keeps), so it costs nothing
once the program is parsed.
"""

from __future__ import annotations

import contextlib
import contextvars
import difflib
import threading
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from pydantic_core import PydanticCustomError

from .errors import CaseError, InputIssue

if TYPE_CHECKING:
    from .case import Case
    from .rulesets import Program
    from .yamlpos import Located

__all__ = [
    "KINDS",
    "Vocabulary",
    "VocabularyField",
    "bundled_vocabulary",
    "case_schema",
    "check_vocabulary",
    "remember_origin",
    "using_vocabulary",
    "vocabulary_of",
]


@dataclass(frozen=True)
class VocabularyField:
    """Marks a case field whose values come from the rule set's vocabulary: ``Annotated[str, VocabularyField(k)]``."""

    kind: str

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema: dict[str, Any] = dict(handler(core_schema))
        for key in ("minLength", "maxLength"):
            schema.pop(key, None)
        vocabulary = _SCHEMA_VOCABULARY.value if hasattr(_SCHEMA_VOCABULARY, "value") else None
        values = (vocabulary or bundled_vocabulary()).values(self.kind)
        return {"enum": list(values), **schema} if values else schema

    def __call__(self, value: str) -> str:
        """Validate a value against the vocabulary in use (:func:`using_vocabulary`), if one is."""
        vocabulary = _CASE_VOCABULARY.get()
        if vocabulary is not None:
            known = vocabulary.values(self.kind)
            if known and value not in known:
                raise _unknown(known)
        return value


def _unknown(known: tuple[str, ...]) -> PydanticCustomError:
    """The error pydantic gives a value outside a ``Literal``, which the loader words (did you mean, known values)."""
    quoted = [repr(v) for v in known]
    expected = " or ".join([", ".join(quoted[:-1]), quoted[-1]]) if len(quoted) > 1 else "".join(quoted)
    return PydanticCustomError("literal_error", "Input should be {expected}", {"expected": expected})


_CASE_VOCABULARY: contextvars.ContextVar[Vocabulary | None] = contextvars.ContextVar("case_vocabulary", default=None)


@contextlib.contextmanager
def using_vocabulary(vocabulary: Vocabulary | None) -> Iterator[None]:
    """Within this context, case files are validated against ``vocabulary`` as they are read.

    Outside it the values are checked only when the case is evaluated (:func:`check_vocabulary`).
    """
    token = _CASE_VOCABULARY.set(vocabulary)
    try:
        yield
    finally:
        _CASE_VOCABULARY.reset(token)


# kind -> (predicate, arity, the argument that names the value, the words for the kind)
KINDS: dict[str, tuple[str, int, int, str]] = {
    "act_type": ("act_kind", 1, 0, "kind of act"),
    "justification": ("justification", 1, 0, "justification"),
    "element": ("assessed_element", 2, 1, "assessable element"),
    "principle": ("principle", 1, 0, "principle"),
}
_BY_PREDICATE = {(pred, arity): (kind, arg) for kind, (pred, arity, arg, _w) in KINDS.items()}
# A finding a claim may record that is read by a rule without being an element that fails unless assessed.
_BY_PREDICATE[("assessable", 2)] = ("element", 1)


@dataclass(frozen=True)
class Vocabulary:
    """The values a rule set declares, kind by kind, in the order of their declaration."""

    act_type: tuple[str, ...]
    justification: tuple[str, ...]
    element: tuple[str, ...]
    principle: tuple[str, ...]

    def values(self, kind: str) -> tuple[str, ...]:
        """The declared values of one kind (``act_type``, ``justification``, ``element``, ``principle``)."""
        values: tuple[str, ...] = getattr(self, kind)
        return values


_MEMO: dict[str, Vocabulary] = {}
_SCHEMA_VOCABULARY = threading.local()


def vocabulary_of(program: Program) -> Vocabulary:
    """The vocabulary a parsed program declares (its facts ``act_kind/1``, ``justification/1``, ...).

    Only facts count (a rule with a body declares nothing). Cached by the program's signature.
    """
    cached = _MEMO.get(program.signature) if program.signature else None
    if cached is not None:
        return cached
    import clingo

    found: dict[str, dict[str, None]] = {kind: {} for kind in KINDS}
    names = {pred for pred, _a in _BY_PREDICATE}
    for head in program.facts:
        if head.split("(", 1)[0] not in names:
            continue
        try:
            symbol = clingo.parse_term(head)
        except RuntimeError:
            continue
        if symbol.type != clingo.SymbolType.Function:
            continue
        where = _BY_PREDICATE.get((symbol.name, len(symbol.arguments)))
        if where is None:
            continue
        kind, arg = where
        value = symbol.arguments[arg]
        if value.type == clingo.SymbolType.Function and not value.arguments and value.name:
            found[kind][value.name] = None
    vocabulary = Vocabulary(**{kind: tuple(values) for kind, values in found.items()})
    if program.signature:
        _MEMO[program.signature] = vocabulary
    return vocabulary


def bundled_vocabulary() -> Vocabulary:
    """The vocabulary of the bundled rule set (under its default perspective)."""
    from .rulesets import load_ruleset
    from .solve import build_program

    return vocabulary_of(build_program(load_ruleset(), None)[1])


def case_schema(rules: str | Path | None = None) -> dict[str, Any]:
    """The JSON Schema of case files evaluated with ``rules`` (default: the bundled rule set).

    Its enums list the act kinds, justifications, assessable elements and principles the rule set declares.
    """
    from .case import Case
    from .rulesets import load_ruleset
    from .solve import build_program

    vocabulary = vocabulary_of(build_program(load_ruleset(rules), None)[1])
    with schema_vocabulary(vocabulary):
        schema: dict[str, Any] = Case.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "normengine case file"
    return schema


class schema_vocabulary:
    """Within this context, case JSON Schemas list the values of ``vocabulary`` (default: the bundled one)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary

    def __enter__(self) -> Vocabulary:
        self.previous = getattr(_SCHEMA_VOCABULARY, "value", None)
        _SCHEMA_VOCABULARY.value = self.vocabulary
        return self.vocabulary

    def __exit__(self, *_exc: object) -> None:
        _SCHEMA_VOCABULARY.value = self.previous


# Where each loaded case came from (its file's name and the positions of its values), so that the
# vocabulary check, which runs when the rule set is known, can name the file, line and field.
_ORIGINS: dict[int, tuple[weakref.ref[Any], str, Located, tuple[str | int, ...]]] = {}


def remember_origin(case: Case, name: str, located: Located, prefix: tuple[str | int, ...] = ()) -> None:
    """Record the file and the positions a case was read from (the loader calls it).

    ``prefix`` is where the case sits in ``located`` (a case written inside a test file).
    """
    key = id(case)

    def forget(_ref: weakref.ref[Any]) -> None:
        _ORIGINS.pop(key, None)

    _ORIGINS[key] = (weakref.ref(case, forget), name, located, prefix)


def _origin(case: Case) -> tuple[str, Located | None, tuple[str | int, ...]]:
    entry = _ORIGINS.get(id(case))
    if entry is not None and entry[0]() is case:
        return entry[1], entry[2], entry[3]
    return "<model>", None, ()


def check_vocabulary(case: Case, vocabulary: Vocabulary) -> None:
    """Refuse a case that names a value its rule set does not declare.

    Raises:
        CaseError: one issue per unknown value, naming the file, line and field, with the known values.
    """
    from .case import written_location
    from .loader import dotted

    name, located, prefix = _origin(case)
    issues: list[InputIssue] = []
    seen: set[tuple[str | int, ...]] = set()
    for site, kind, value in _sites(case, prefix):
        known = vocabulary.values(kind)
        if value in known or not known:  # a rule set that declares no value of a kind leaves it open
            continue
        # A copy of a claim written for several acts is named where the claim was written, once.
        path = (*prefix, *written_location(case, site[len(prefix) :]))
        if path in seen:
            continue
        seen.add(path)
        hint = difflib.get_close_matches(value, known, n=1)
        message = f"unknown value {value!r}"
        message += f"; did you mean {hint[0]!r}?" if hint else f"; expected one of: {', '.join(known)}"
        pos = located.position(path) if located is not None else None
        line, col = pos if pos else (None, None)
        issues.append(InputIssue(name, line, col, dotted(path), message))
    if issues:
        raise CaseError(issues)


def _field_kind(annotation: Any) -> str | None:
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, VocabularyField):
            return meta.kind
    for arg in getattr(annotation, "__args__", ()) or ():
        kind = _field_kind(arg)
        if kind is not None:
            return kind
    return None


def _vocab_fields(model: type[BaseModel]) -> dict[str, tuple[str, str]]:
    """Field name -> (its key in the document, its vocabulary kind), for the vocabulary fields of a model."""
    cached = _FIELDS.get(model)
    if cached is None:
        cached = {}
        for fname, info in model.model_fields.items():
            kind = None
            for meta in info.metadata:
                if isinstance(meta, VocabularyField):
                    kind = meta.kind
            kind = kind or _field_kind(info.annotation)
            if kind is not None:
                cached[fname] = (info.alias or fname, kind)
        _FIELDS[model] = cached
    return cached


_FIELDS: dict[type[BaseModel], dict[str, tuple[str, str]]] = {}


def _sites(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """Every vocabulary value of a case: (its path in the document, its kind, the value)."""
    if isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _sites(item, (*path, i))
        return
    if not isinstance(value, BaseModel):
        return
    fields = _vocab_fields(type(value))
    by_key = {key: kind for key, kind in fields.values()}
    for fname, info in type(value).model_fields.items():
        item = getattr(value, fname)
        key = info.alias or fname
        if fname in fields:
            yield from _values(item, (*path, key), fields[fname][1])
        elif isinstance(item, BaseModel | list | tuple):
            yield from _sites(item, (*path, key))
    contest = getattr(value, "contested", None)
    if by_key and contest is not None:
        # A reading of a contested fact may give another value to a vocabulary field.
        for i, reading in enumerate(getattr(contest, "alternatives", ())):
            for key, other in (reading.model_extra or {}).items():
                if key in by_key:
                    yield from _values(other, (*path, "contested", "alternatives", i, key), by_key[key])


def _values(item: Any, path: tuple[str | int, ...], kind: str) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    if isinstance(item, str):
        yield path, kind, item
    elif isinstance(item, list | tuple):
        for i, one in enumerate(item):
            if isinstance(one, str):
                yield (*path, i), kind, one
