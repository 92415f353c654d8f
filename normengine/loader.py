"""Reading case files: from a path, a YAML or JSON string, a dict or a model.

Every failure becomes a :class:`~normengine.errors.CaseError` whose issues name
the file, the line and the field, so that a user sees one clear message and
never a traceback.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .case import (
    Case,
    check_record,
    check_references,
)
from .errors import CaseError, InputIssue, LimitExceeded, display_path
from .limits import DEFAULT_LIMITS, Limits
from .vocabulary import remember_origin
from .yamlpos import Located, YamlIssue, load_located

__all__ = ["DEFAULT_LIMITS", "Limits", "load_case", "parse_case_bytes", "parse_case_text", "read_case_file"]


def load_case(source: str | Path | dict[str, Any] | Case, limits: Limits = DEFAULT_LIMITS) -> Case:
    """Load and validate a case.

    Args:
        source: a path to a YAML (or JSON) case file, a dict, or a :class:`Case`.
            A ``str`` is taken as a path; use :func:`parse_case_text` for YAML text.
        limits: size limits.

    Raises:
        CaseError: the file is missing, unreadable or invalid.
        LimitExceeded: the case is larger than ``limits`` allow.
    """
    if isinstance(source, Case):
        _check_counts(source, limits, "<model>")
        impossible = check_record(source)
        if impossible:
            raise CaseError([InputIssue("<model>", None, None, _dotted(loc), msg) for loc, msg in impossible])
        return source
    if isinstance(source, dict):
        return validate_located(source, Located(source), "<dict>", limits)
    from .cases import case_location

    path = case_location(source)  # a bundled case's id names its file
    name = display_path(path)
    return parse_case_bytes(read_case_file(path, limits, name), name, limits)


def read_case_file(path: str | Path, limits: Limits = DEFAULT_LIMITS, name: str | None = None) -> bytes:
    """Read a case file's bytes, refusing a file larger than ``limits.max_bytes`` before reading it.

    Args:
        path: the file.
        limits: size limits.
        name: how to name the file in messages (default: its path as the user would recognise it).

    Raises:
        CaseError: the file is missing, a directory, or unreadable.
        LimitExceeded: the file is larger than ``limits.max_bytes``.
    """
    path = Path(path)
    name = display_path(path) if name is None else name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise CaseError([InputIssue(name, None, None, "", "no such file")]) from None
    except OSError as exc:
        raise CaseError([InputIssue(name, None, None, "", f"cannot read it: {exc.strerror}")]) from None
    if path.is_dir():
        raise CaseError([InputIssue(name, None, None, "", "is a directory, not a case file")])
    if size > limits.max_bytes:
        raise LimitExceeded(
            f"{name}: the case file is {size:,} bytes, over the limit of {limits.max_bytes:,} "
            "(raise it with --max-bytes)"
        )
    try:
        # Read at most one byte past the limit: a file that grows, or a device such as /dev/zero
        # whose size says 0, cannot make us read without end.
        with path.open("rb") as handle:
            raw = handle.read(limits.max_bytes + 1)
    except OSError as exc:
        raise CaseError([InputIssue(name, None, None, "", f"cannot read it: {exc.strerror}")]) from None
    if len(raw) > limits.max_bytes:
        raise LimitExceeded(
            f"{name}: the case file is over the limit of {limits.max_bytes:,} bytes (raise it with --max-bytes)"
        )
    return raw


def parse_case_bytes(raw: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> Case:
    """Decode (UTF-8) and parse the bytes of a case file, as :func:`load_case` does after reading it."""
    if len(raw) > limits.max_bytes:
        raise LimitExceeded(
            f"{name}: the case file is {len(raw):,} bytes, over the limit of {limits.max_bytes:,} "
            "(raise it with --max-bytes)"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CaseError([InputIssue(name, line, None, "", "is not UTF-8 text")]) from None
    return parse_case_text(text, name, limits)


def parse_case_text(text: str, name: str = "<string>", limits: Limits = DEFAULT_LIMITS) -> Case:
    """Parse and validate a case from YAML (or JSON, which is YAML) text.

    Args:
        text: the document.
        name: how to name the document in messages.
        limits: size limits.
    """
    if len(text.encode("utf-8")) > limits.max_bytes:
        raise LimitExceeded(f"{name}: the case is over the limit of {limits.max_bytes:,} bytes")
    try:
        located = load_located(text)
    except YamlIssue as exc:
        raise CaseError([InputIssue(name, exc.line, exc.column, _dotted(exc.path), exc.message)]) from None
    if located.value is None:
        raise CaseError([InputIssue(name, 1, None, "", "the file is empty")])
    if not isinstance(located.value, dict):
        raise CaseError(
            [InputIssue(name, 1, 1, "", "a case file must be a mapping of fields (id, title, parties, acts, ...)")]
        )
    return validate_located(located.value, located, name, limits)


def validate_located(data: dict[str, Any], located: Located, name: str, limits: Limits) -> Case:
    """Check the bounds of loaded case data and validate it, naming ``name`` and the positions in ``located``."""
    _check_raw_counts(data, limits, name, located)
    _check_sizes(data, limits, name, located)
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        issues = [_issue(err, located, name) for err in exc.errors()]
        raise CaseError(_dedupe(issues)) from None
    _check_claims(case, limits, name, located)
    problems = check_references(case)
    if problems:
        raise CaseError([_located_issue(loc, msg, located, name) for loc, msg in problems])
    impossible = check_record(case)
    if impossible:
        raise CaseError([_located_issue(loc, msg, located, name) for loc, msg in impossible])
    # The values of the rule set's vocabulary are checked when the rule set is known (the engine
    # calls normengine.vocabulary.check_vocabulary); keep where they were written for its messages.
    remember_origin(case, name, located)
    return case


def _where(name: str, located: Located | None, path: tuple[str | int, ...]) -> str:
    pos = located.position(path) if located is not None else None
    field = f" {_dotted(path)}:" if path else ""
    return f"{name}:{pos[0]}:{pos[1]}:{field}" if pos else f"{name}:{field}"


def _check_raw_counts(data: dict[str, Any], limits: Limits, name: str, located: Located | None = None) -> None:
    for key, limit in (("parties", limits.max_parties), ("acts", limits.max_acts)):
        value = data.get(key)
        if isinstance(value, list) and len(value) > limit:
            raise LimitExceeded(
                f"{_where(name, located, (key,))} {len(value):,} {key}, over the limit of {limit:,} "
                f"(raise it with --max-{key})"
            )


def _check_claims(case: Case, limits: Limits, name: str, located: Located | None) -> None:
    """A claim written for several acts counts once per act against the bound of the justifications."""
    if len(case.justifications) > limits.max_items:
        raise LimitExceeded(
            f"{_where(name, located, ('justifications',))} {len(case.justifications):,} justifications (a claim "
            f"counts once for each of its acts), over the limit of {limits.max_items:,} (a bound of every list of a "
            "case: Limits(max_items=...) in the Python API)"
        )


def _check_counts(case: Case, limits: Limits, name: str) -> None:
    _check_raw_counts({"parties": list(case.parties), "acts": list(case.acts)}, limits, name)
    _check_claims(case, limits, name, None)
    data = case.model_dump(by_alias=True, exclude_defaults=True)
    _check_sizes(data, limits, name, None)


def _check_sizes(data: dict[str, Any], limits: Limits, name: str, located: Located | None) -> None:
    """Every list of the document within its bound, and at most ``max_contested`` contested facts.

    The bounds keep the work of one evaluation in proportion to a real episode: each
    justification costs the explanations a few milliseconds, each contested fact multiplies
    the solves (see docs/robustness.md for the figures).
    """
    contested = 0
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            # A fact marked contested, or a qualification with other authors' readings (which become the readings
            # of a contested fact where they disagree: normengine.facts).
            marked = "contested" if value.get("contested") is not None else None
            if marked is None and "value" in value and value.get("readings"):
                marked = "readings"
            if marked is not None and path:
                contested += 1
                if contested > limits.max_contested:
                    raise LimitExceeded(
                        f"{_where(name, located, (*path, marked))} more than {limits.max_contested:,} "
                        f"contested facts, over the limit of {limits.max_contested:,} (each contested fact "
                        "multiplies the work of the solve; Limits(max_contested=...) in the Python API)"
                    )
            stack.extend(reversed([((*path, k), v) for k, v in value.items()]))  # in the document's order
        elif isinstance(value, list):
            limit, what, how = _list_limit(path, limits)
            if len(value) > limit:
                raise LimitExceeded(
                    f"{_where(name, located, path)} {len(value):,} {what}, over the limit of {limit:,} ({how})"
                )
            stack.extend(reversed([((*path, i), v) for i, v in enumerate(value)]))


def _list_limit(path: tuple[str | int, ...], limits: Limits) -> tuple[int, str, str]:
    """The bound of the list at ``path``: (limit, what it counts, how to raise it)."""
    key = path[-1] if path else ""
    if path == ("parties",):
        return limits.max_parties, "parties", "raise it with --max-parties"
    if path in (("acts",), ("outcome", "acts")):
        return limits.max_acts, "acts", "raise it with --max-acts"
    if len(path) == 1:
        return limits.max_items, f"{key}", "a bound of every list of a case: Limits(max_items=...) in the Python API"
    if key in ("alternatives", "readings"):
        return (
            limits.max_readings,
            "readings",
            "a bound of the readings of one fact: Limits(max_readings=...) in the Python API",
        )
    return limits.max_list, "items", "a bound of every list inside an object: Limits(max_list=...) in the Python API"


def dotted(path: Sequence[str | int]) -> str:
    """A field path as users write it: ``acts[2].actors[0]``."""
    return _dotted(tuple(path))


def _dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _PLAIN_KEY.match(part):
            out += f".{part}" if out else part
        else:
            out += "[" + json.dumps(part, ensure_ascii=False) + "]"
    return out


# A key written as it is in a field path; any other key (with a dot, a bracket, a space...) is quoted: ["a[0]"].
_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def clean_location(loc: tuple[str | int, ...], data: Any) -> tuple[str | int, ...]:
    """A pydantic error location without the tags pydantic adds for unions (``function-after[...]``).

    The location is followed through the document itself, so that a key of the document is kept
    whatever it contains (a key ``colo[r]`` is a key, not a tag) and only parts that are not in the
    document and look like tags are dropped.
    """
    out: list[str | int] = []
    current: Any = data
    for i, part in enumerate(loc):
        key_here = isinstance(current, dict) and isinstance(part, str) and part in current
        item_here = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if key_here or item_here:
            out.append(part)
            current = current[part]
        elif isinstance(part, str) and ("[" in part or (i < len(loc) - 1 and not isinstance(current, dict))):
            continue  # a union tag
        elif part == "value" and i == len(loc) - 1 and current is not None and not isinstance(current, dict | list):
            continue  # a bare value of a qualification (the older form), which the model reads as its `value`
        else:
            out.append(part)
            current = None
    return tuple(out)


def _located_issue(loc: tuple[str | int, ...], message: str, located: Located, name: str) -> InputIssue:
    if loc and loc[-1] == "value" and loc not in located.positions:
        # A qualification written as a bare value: the issue is at the field itself.
        loc = loc[:-1]
    if loc and loc[-1] == 0 and loc not in located.positions and loc[:-1] in located.positions:
        # One id written where a list of ids is allowed (`by: x` for `by: [x]`): the issue is at the field.
        loc = loc[:-1]
    pos = located.position(loc)
    line, col = pos if pos else (None, None)
    return InputIssue(name, line, col, _dotted(loc), message)


def _issue(err: Any, located: Located, name: str) -> InputIssue:
    return validation_issue(err, located, name)


def validation_issue(
    err: Any,
    located: Located,
    name: str,
    root: type[BaseModel] = Case,
    loc: tuple[str | int, ...] | None = None,
) -> InputIssue:
    """One pydantic error as an issue naming the file, line and field, with a suggestion where one helps.

    Args:
        err: one item of ``ValidationError.errors()``.
        located: the document and the positions of its values.
        name: the file's name in messages.
        root: the model that was validated (to list the fields allowed where an unknown one is found).
        loc: the error's location, if the caller has cleaned it; by default pydantic's, without union tags.
    """
    if loc is None:
        loc = clean_location(tuple(err["loc"]), located.value)
    kind = err["type"]
    message = err["msg"]
    if kind == "extra_forbidden":
        field = str(loc[-1])
        allowed = _allowed_fields(loc[:-1], root)
        hint = difflib.get_close_matches(field, allowed, n=1)
        message = f"unknown field {field!r}"
        if hint:
            message += f"; did you mean {hint[0]!r}?"
        elif allowed:
            message += f"; allowed here: {', '.join(sorted(allowed))}"
    elif kind == "missing":
        message = f"missing required field {str(loc[-1])!r}"
        pos = located.position(loc[:-1])
        line, col = pos if pos else (None, None)
        return InputIssue(name, line, col, _dotted(loc), message)
    elif kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",")]
        given = err.get("input")
        hint = difflib.get_close_matches(str(given), options, n=1) if isinstance(given, str) else []
        message = f"unknown value {given!r}"
        message += f"; did you mean {hint[0]!r}?" if hint else f"; expected one of: {', '.join(options)}"
    elif kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        message = (
            f"expected a date as YYYY-MM-DD, or YYYY-MM-DDTHH:MMZ with a time of day in UTC, got {err.get('input')!r}"
        )
    elif kind == "date_from_datetime_inexact":
        message = f"expected a date as YYYY-MM-DD without a time of day, got {str(err.get('input'))!r}"
    return _located_issue(loc, message, located, name)


def _allowed_fields(loc: tuple[str | int, ...], root: type[BaseModel] = Case) -> list[str]:
    model: type[BaseModel] | None = root
    for part in loc:
        if model is None:
            return []
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) or next((f for f in model.model_fields.values() if f.alias == part), None)
        if field is None:
            return []
        model = _inner_model(field.annotation)
    if model is None:
        return []
    return [f.alias or n for n, f in model.model_fields.items()]


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def dedupe(issues: list[InputIssue]) -> list[InputIssue]:
    """The issues without repeats, in their order."""
    return _dedupe(issues)


def _dedupe(issues: list[InputIssue]) -> list[InputIssue]:
    seen: set[str] = set()
    out = []
    for issue in issues:
        key = str(issue)
        if key not in seen:
            seen.add(key)
            out.append(issue)
    return out


def case_to_json(case: Case) -> str:
    """Serialise a case to JSON (by alias, so that it reads back)."""
    return json.dumps(case.model_dump(mode="json", by_alias=True, exclude_defaults=True), indent=2)
