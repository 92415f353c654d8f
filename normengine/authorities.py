"""The table of authorities, and citations of it in sources.

A rule set declares its table of authorities in its manifest
(``authorities = "authorities.toml"``). Every entry has an id, the full
citation (OSCOLA style), a short form for reports, and a public URL where one
exists::

    [corfu-channel-1949]
    citation = "Corfu Channel (United Kingdom v Albania) (Merits) [1949] ICJ Rep 4"
    short = "Corfu Channel"
    url = "https://www.icj-cij.org/case/1"

A source (a rule's ``%@ source:`` line, or a case file's ``source`` field)
cites an authority by id with a pinpoint in square brackets; several
citations are separated by ``;``, and text outside the brackets (a quotation,
an explanation) is kept as written::

    %@ source: [un-charter art 51] ("if an armed attack occurs"); [nicaragua-1986 paras 195, 199]

In a report the citation reads ``UN Charter art 51 ("if an armed attack
occurs"); Nicaragua paras 195, 199``, and the report ends with the table of
the authorities it relied on (:func:`cited`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import RuleSetError, display_path

if TYPE_CHECKING:
    from .report import Report

__all__ = [
    "Authority",
    "AuthorityTable",
    "Citation",
    "CitedAuthority",
    "citations",
    "cite_report",
    "cited",
    "load_table",
    "obtainable",
    "project_reference",
    "render_node",
]

FILE = "authorities.toml"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*[a-z0-9]$")
CITATION = re.compile(r"\[(?P<id>[a-z0-9][a-z0-9-]*[a-z0-9])(?:\s+(?P<pin>[^\[\]]*?))?\s*\]")
_FIELDS = {"citation", "short", "url"}


@dataclass(frozen=True)
class Authority:
    """One authority of the table.

    Args:
        id: the id sources cite it by.
        citation: the full citation (OSCOLA style).
        short: the short form used in reports.
        url: a public URL of its text, or None.
    """

    id: str
    citation: str
    short: str
    url: str | None = None


@dataclass(frozen=True)
class Citation:
    """One ``[id pinpoint]`` of a source."""

    id: str
    pinpoint: str | None


@dataclass(frozen=True)
class CitedAuthority:
    """An authority a report relied on, with the pinpoints it used."""

    authority: Authority
    pinpoints: tuple[str, ...]


class AuthorityTable(Mapping[str, Authority]):
    """The authorities a rule set may cite, by id."""

    def __init__(self, entries: Iterable[Authority] = ()) -> None:
        self._entries: dict[str, Authority] = {a.id: a for a in entries}

    def __getitem__(self, key: str) -> Authority:
        return self._entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def render(self, source: str) -> str:
        """The source as a reader sees it: each known ``[id pin]`` becomes ``short pin``."""

        def one(match: re.Match[str]) -> str:
            found = self._entries.get(match.group("id"))
            if found is None:
                return match.group(0)
            pin = match.group("pin")
            return f"{found.short} {pin}" if pin else found.short

        return CITATION.sub(one, source)

    def unknown(self, source: str) -> list[str]:
        """The ids the source cites that are not in the table."""
        return [c.id for c in citations(source) if c.id not in self._entries]

    def names_authority(self, source: str) -> bool:
        """Whether the source cites at least one authority of the table."""
        return any(c.id in self._entries for c in citations(source))


def citations(source: str) -> list[Citation]:
    """The ``[id pinpoint]`` citations of a source, in order."""
    return [Citation(m.group("id"), (m.group("pin") or "").strip() or None) for m in CITATION.finditer(source)]


_TABLES: dict[tuple[tuple[str, float, int], ...], AuthorityTable] = {}


def load_table(files: Iterable[Path]) -> AuthorityTable:
    """Read and merge tables of authorities (later files add entries; none may redefine an id).

    Raises:
        RuleSetError: a file cannot be read, is not valid TOML, or has an invalid or redefined entry.
    """
    paths: list[Path] = []
    for f in files:
        p = Path(f).resolve()
        if p not in paths:
            paths.append(p)
    try:
        key = tuple((str(p), p.stat().st_mtime, p.stat().st_size) for p in paths)
    except OSError as exc:
        raise RuleSetError(f"{display_path(exc.filename or '')}: cannot read the table of authorities") from None
    found = _TABLES.get(key)
    if found is not None:
        return found
    entries: dict[str, Authority] = {}
    origin: dict[str, Path] = {}
    for path in paths:
        where = display_path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise RuleSetError(f"{where}: not valid TOML: {exc}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleSetError(f"{where}: cannot read it: {exc}") from None
        for ident, entry in data.items():
            if not _ID.match(ident):
                raise RuleSetError(f"{where}: authority id {ident!r} must be lower case letters, digits and -")
            if not isinstance(entry, dict):
                raise RuleSetError(f"{where}: [{ident}] must be a table with citation, short and url")
            unknown = sorted(set(entry) - _FIELDS)
            if unknown:
                raise RuleSetError(
                    f"{where}: [{ident}] has unknown field(s) {', '.join(unknown)}; allowed: citation, short, url"
                )
            values: dict[str, str] = {}
            for name in ("citation", "short", "url"):
                value = entry.get(name)
                if value is None and name != "url":
                    raise RuleSetError(f"{where}: [{ident}] is missing {name!r}")
                if value is not None and (not isinstance(value, str) or not value.strip()):
                    raise RuleSetError(f"{where}: [{ident}] {name} must be a non-empty string")
                if value is not None:
                    values[name] = value.strip()
            url = values.get("url")
            if url is not None and not url.startswith("https://"):
                raise RuleSetError(f"{where}: [{ident}] url must start with https://")
            entry_value = Authority(ident, values["citation"], values["short"], url)
            if ident in entries and entries[ident] == entry_value:
                continue  # a copy of the same entry (a rule set copied from the bundled one) changes nothing
            if ident in entries:
                raise RuleSetError(
                    f"{where}: authority {ident!r} is already defined in {display_path(origin[ident])}; "
                    "give your own authority another id"
                )
            entries[ident] = entry_value
            origin[ident] = path
    table = AuthorityTable(entries.values())
    _TABLES[key] = table
    return table


def cited(sources: Iterable[str | None], table: Mapping[str, Authority]) -> list[CitedAuthority]:
    """The authorities of the table that the sources cite, with their pinpoints (sorted by id)."""
    pins: dict[str, set[str]] = {}
    for source in sources:
        if not source:
            continue
        for c in citations(source):
            if c.id in table:
                bucket = pins.setdefault(c.id, set())
                if c.pinpoint:
                    bucket.add(c.pinpoint)
    return [CitedAuthority(table[i], _merge_pinpoints(pins[i])) for i in sorted(pins)]


_KIND = re.compile(r"^(paras?|arts?|pp?|conclusions?)\s+(.+)$")
_BASE = {"para": "para", "paras": "para", "art": "art", "arts": "art", "p": "p", "pp": "p"}
_BASE.update({"conclusion": "conclusion", "conclusions": "conclusion"})
_PLURAL = {"para": "paras", "art": "arts", "p": "pp", "conclusion": "conclusions"}


def _merge_pinpoints(pins: set[str]) -> tuple[str, ...]:
    """Merge "paras 51, 57" and "para 61" into "paras 51, 57, 61"; other pinpoints stay as written."""
    groups: dict[str, set[str]] = {}
    others: set[str] = set()
    for pin in pins:
        match = _KIND.match(pin)
        items = [x.strip() for x in match.group(2).split(",")] if match else []
        if match is None or not all(re.match(r"[0-9IVX]", x) for x in items):
            others.add(pin)
            continue
        groups.setdefault(_BASE[match.group(1)], set()).update(items)
    out: list[str] = []
    for kind, members in groups.items():
        ordered = sorted(members, key=_natural)
        plural = len(ordered) > 1 or re.search(r"\d-", ordered[0]) is not None
        out.append(f"{_PLURAL[kind] if plural else kind} {', '.join(ordered)}")
    out.extend(others)
    return tuple(sorted(out, key=_natural))


def _natural(text: str) -> list[tuple[int, int | str]]:
    return [(0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text) if part]


# Names of the project's own files and documents: never a source a user can obtain.
_PROJECT = re.compile(
    r"\bDOMAIN\b|\bSTYLE\b\s*§|\b[\w./*-]+\.(?:lp|py|md|toml)\b|\bseeds?/|\bseed talk\b|\bcase schema\b",
)
# What makes a free-text citation obtainable: a document symbol, a URL, a reporter, a date.
_OBTAINABLE = re.compile(
    r"https?://|\b[SA]/(?:RES/|PV\.|[0-9]{2,4}/|ES-)|\bUN Doc\b|\bICJ Rep|\bUNTS\b|\bRIAA\b|\bCR ?\d{2,4}/"
    r"|\b(?:1[6-9]|20)\d{2}\b"
)


def project_reference(source: str) -> str | None:
    """The name of a project file or document the source cites, which a user cannot obtain, or None."""
    match = _PROJECT.search(source)
    return match.group(0) if match else None


def obtainable(source: str, table: Mapping[str, Authority]) -> bool:
    """Whether a (case file's) source names something a reader can obtain.

    It does when it cites an authority of the table (by id, or by its short
    form: "UN Charter Art 23"), or a document by a UN symbol, a URL, a law
    report, or a dated document (a letter, a statement); it does not when it
    names a file of the project.
    """
    if project_reference(source):
        return False
    if any(c.id in table for c in citations(source)):
        return True
    text = CITATION.sub("", source)
    if _OBTAINABLE.search(text) is not None:
        return True
    return any(re.search(rf"(?<!\w){re.escape(a.short)}(?!\w)", text) for a in table.values())


def cite_report(report: Report, table: AuthorityTable) -> Report:
    """The report with every source as a reader sees it, ending with the table of the authorities it relied on.

    Every ``source`` of the report (reasons, explanations, readings of
    contested facts) cites authorities as ``[id pinpoint]``; each becomes the
    authority's short form with the pinpoint, and ``authorities`` lists each
    authority cited with its full citation, URL and the pinpoints used.
    """
    from pydantic import BaseModel

    from .report import AuthorityReport

    sources: list[str] = []
    rendered: Report = _render_model(report, table, sources, BaseModel, {})
    authorities = [
        AuthorityReport(
            id=c.authority.id,
            citation=c.authority.citation,
            short=c.authority.short,
            pinpoints=list(c.pinpoints),
            url=c.authority.url,
        )
        for c in cited(dict.fromkeys(sources), table)  # what they cite depends on the distinct sources only
    ]
    # The models were validated when the report was built: copies with the rendered sources need no second pass.
    return rendered.model_copy(update={"authorities": authorities})


def _render_model(obj: Any, table: AuthorityTable, sources: list[str], model: type[Any], done: dict[str, str]) -> Any:
    """``obj`` (a report model, or a list of them and other values) with every ``source`` field rendered; the
    sources read are appended to ``sources``; ``done`` holds the sources rendered so far (a report repeats
    its rules' sources). What holds no source is returned as it is; the fields whose type can hold no
    source (:func:`_source_fields`) are not visited."""
    if isinstance(obj, model):
        changes: dict[str, Any] = {}
        values = obj.__dict__
        for name in _source_fields(type(obj), model):
            value = values[name]
            if name == "source":
                if isinstance(value, str):
                    sources.append(value)
                    new = done.get(value)
                    if new is None:
                        new = done[value] = table.render(value)
                    if new != value:
                        changes[name] = new
            elif isinstance(value, model | list):
                new = _render_model(value, table, sources, model, done)
                if new is not value:
                    changes[name] = new
        return obj.model_copy(update=changes) if changes else obj
    if isinstance(obj, list):
        items = [
            _render_model(item, table, sources, model, done) if isinstance(item, model | list) else item for item in obj
        ]
        return items if any(a is not b for a, b in zip(items, obj, strict=True)) else obj
    return obj


_SOURCE_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def _source_fields(cls: type[Any], model: type[Any]) -> tuple[str, ...]:
    """The fields of a report model, in their order, that are a ``source`` or whose type names a model that
    may hold one (read from the annotations once per class; a type that names ``Any`` or ``object`` counts)."""
    found = _SOURCE_FIELDS.get(cls)
    if found is None:
        found = tuple(
            name
            for name, field in cls.model_fields.items()
            if name == "source" or _may_hold(field.annotation, model, set())
        )
        _SOURCE_FIELDS[cls] = found
    return found


def _may_hold(annotation: Any, model: type[Any], seen: set[int]) -> bool:
    """Whether a value of this type may hold a report model with a source."""
    import typing

    if annotation is Any or annotation is object:
        return True
    if typing.get_origin(annotation) is typing.Literal:
        return False
    if id(annotation) in seen:
        return False
    seen.add(id(annotation))
    if isinstance(annotation, type) and issubclass(annotation, model):
        fields: dict[str, Any] = annotation.model_fields  # type: ignore[attr-defined]
        return "source" in fields or any(_may_hold(f.annotation, model, seen) for f in fields.values())
    if isinstance(annotation, typing.ForwardRef | str):
        return True
    return any(_may_hold(a, model, seen) for a in typing.get_args(annotation))


def render_node(node: Any, table: AuthorityTable) -> None:
    """Render the sources of an explanation tree (objects with ``source`` and ``children``) in place, each node
    once (a node below several parents, as the trees share a repeated reason, is rendered once)."""
    stack = [node]
    done: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in done:
            continue
        done.add(id(current))
        source = getattr(current, "source", None)
        if isinstance(source, str):
            current.source = table.render(source)
        stack.extend(getattr(current, "children", None) or [])
