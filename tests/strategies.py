"""Hypothesis strategies for case files: valid ones, hostile text, and mutations that break them.

A generated case is a plain dict whose ids and texts are unique tokens (``p0`` a party,
``a1`` an act, ``t7`` a piece of text, ``u0`` a purpose, ...), so that a test can later
swap every token for hostile text and map the report back. :func:`emit` writes a case
as block YAML and records the line of every field and list item, independently of the
engine's own YAML reader, so that a test knows which line an error must name.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, get_args

from hypothesis import strategies as st
from pydantic import BaseModel

from normengine import case as models
from normengine.vocabulary import bundled_vocabulary

Path = tuple[str | int, ...]

PARTY_KINDS = ["state", "organisation", "armed_group", "people", "entity"]
# The vocabulary the bundled rule set declares (rules/core/vocabulary.lp, rules/justifications/*.lp).
VOCABULARY = bundled_vocabulary()
ACT_TYPES = list(VOCABULARY.act_type)
CLAIM_TYPES = list(VOCABULARY.justification)
PRINCIPLES = list(VOCABULARY.principle)
CRIMES = list(get_args(models.Crime))
DETERMINATIONS = list(get_args(models.Determination))
MEANS = list(get_args(models.PeacefulMeans))
ELEMENTS = list(VOCABULARY.element)
STATUSES = ["survives", "contested", "defeated"]
# `what` is optional (a conduct may give its `kind` instead): the values of the Literal inside the Optional.
CONDUCT = list(
    get_args(next(a for a in get_args(models.Conduct.model_fields["what"].annotation) if a is not type(None)))
)
OFFICES = list(get_args(models.GoverningAuthority.model_fields["office"].annotation))
STATIONING_CONDITIONS = list(get_args(get_args(models.Stationing.model_fields["conditions"].annotation)[0]))

# The engine refuses dates before the UN Charter entered into force (issue 11, point 7).
dates = st.dates(min_value=dt.date(1945, 10, 24), max_value=dt.date(2100, 12, 31))

# Pieces of text that have broken (or could break) a program, a YAML file, a terminal or a renderer.
HOSTILE_PIECES = [
    '"',
    "'",
    "\\",
    "\n",
    "\r\n",
    "\t",
    ").",
    "x). forbids(n9,everything",
    ":-",
    ":- not p.",
    '#include "law.lp".',
    "#script (python) import os #end.",
    "#show.",
    "%",
    "%* comment *%",
    "[bold]",
    "[/]",
    "[/bold]",
    "[link=http://x]",
    "{X}",
    "{C}",
    "X",
    "_",
    "not ",
    "a(b,c)",
    "1..3",
    "-1",
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\x1b[31m",  # an ANSI escape sequence
    "\x1b]0;title\x07",
    "\x07",
    "\x08",
    "\x0b",
    "\x7f",
    "\x85",
    "\u2028",
    "\ufeff",
    "é",
    "ß",
    "中文",
    "مرحبا",
    "𝔘",
    "🙂",
    " ",
    "- ",
    ": ",
    "? ",
    "&anchor",
    "*alias",
    "!!python/object",
    "${HOME}",
    "$(rm -rf /)",
    "<script>",
]

hostile_piece = st.sampled_from(HOSTILE_PIECES) | st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=4
)


def hostile_text(max_size: int = 8) -> st.SearchStrategy[str]:
    """Text made of hostile pieces (never NUL: case files refuse it, see test_nul_is_refused)."""
    return st.lists(hostile_piece, min_size=1, max_size=max_size).map("".join)


long_text = st.integers(1_000, 20_000).map(lambda n: ("[/]\n%:-)." * (n // 9 + 1))[:n])


# --------------------------------------------------------------------------
# Valid cases


@dataclass
class _Tokens:
    counter: Iterator[int]

    def text(self) -> str:
        return f"t{next(self.counter)}"


def _subset(draw: Any, items: list[str], max_size: int = 3, min_size: int = 0) -> list[str]:
    if not items:
        return []
    chosen: list[str] = draw(st.lists(st.sampled_from(items), min_size=min_size, max_size=max_size, unique=True))
    return chosen


def _maybe(draw: Any, value: Any) -> Any:
    return value if draw(st.booleans()) else None


def _put(d: dict[str, Any], key: str, value: Any) -> None:
    if value is not None and value != [] and value is not False:
        d[key] = value


@st.composite
def case_dicts(draw: Any, max_group: int = 3) -> dict[str, Any]:
    """A valid case file as a dict, with ids and texts as unique tokens."""
    tok = _Tokens(itertools.count())
    n_parties = draw(st.integers(1, 6))
    n_acts = draw(st.integers(1, 4))
    n_res = draw(st.integers(0, max_group))
    n_attacks = draw(st.integers(0, max_group))
    n_consents = draw(st.integers(0, max_group))
    n_commit = draw(st.integers(0, 2))
    parties = [f"p{i}" for i in range(n_parties)]
    acts = [f"a{i}" for i in range(n_acts)]
    resolutions = [f"r{i}" for i in range(n_res)]
    attacks = [f"x{i}" for i in range(n_attacks)]
    consents = [f"k{i}" for i in range(n_consents)]
    commitments = [f"m{i}" for i in range(n_commit)]
    purposes = ["u0", "u1", "u2"]

    def party() -> str:
        return str(draw(st.sampled_from(parties)))

    def text() -> str | None:
        return tok.text() if draw(st.booleans()) else None

    def date_after(start: dt.date) -> dt.date:
        return start + dt.timedelta(days=draw(st.integers(0, 800)))

    case: dict[str, Any] = {"id": "case0", "title": tok.text(), "date": draw(dates)}
    _put(case, "summary", text())
    out_parties = []
    for pid in parties:
        kind = draw(st.sampled_from(PARTY_KINDS))
        p: dict[str, Any] = {"id": pid, "kind": kind}
        _put(p, "name", text())
        if kind == "organisation":
            org_types = get_args(_field(models.Party, "organisation_type"))
            _put(p, "organisation_type", _maybe(draw, draw(st.sampled_from(org_types))))
            _put(p, "members", _subset(draw, [x for x in parties if x != pid]))
        if kind == "state":
            _put(p, "permanent_member", draw(st.booleans()))
        if kind == "people":
            _put(p, "situation", _maybe(draw, draw(st.sampled_from(["colonial", "alien_occupation", "racist_regime"]))))
        if kind in ("people", "armed_group", "entity"):
            _put(p, "territory_of", _maybe(draw, party()))
        _put(p, "source", text())
        out_parties.append(p)
    case["parties"] = out_parties

    out_acts = []
    for aid in acts:
        atype = draw(st.sampled_from(ACT_TYPES))
        if atype == "non_compliance" and not resolutions:
            atype = "air_strikes"
        start = draw(dates)
        a: dict[str, Any] = {"id": aid, "type": atype}
        _put(a, "title", text())
        a["actors"] = _subset(draw, parties, min_size=1)
        _put(a, "target", _maybe(draw, party()))
        _put(a, "territory", _maybe(draw, party()))
        _put(a, "directed_at", _maybe(draw, party()))
        a["start"] = start
        _put(a, "end", _maybe(draw, date_after(start)))
        _put(a, "description", text())
        _put(a, "purposes", _subset(draw, purposes))
        _put(a, "crimes", _subset(draw, CRIMES))
        _put(a, "scale", _maybe(draw, draw(st.sampled_from(["large", "limited"]))))
        _put(a, "evidence_generally_accepted", _maybe(draw, draw(st.booleans())))
        if atype == "non_compliance":
            a["resolution"] = draw(st.sampled_from(resolutions))
        _put(a, "impedes_self_determination_of", _maybe(draw, party()))
        _put(a, "limited_aims", draw(st.booleans()))
        conduct = []
        for what in _subset(draw, CONDUCT, max_size=2):
            cd: dict[str, Any] = {"what": what, "date": date_after(start)}
            _put(cd, "coordinated_with_host", draw(st.booleans()))
            if what == "reinforcement":
                cd["personnel"] = draw(st.integers(0, 40_000))
            conduct.append(cd)
        _put(a, "conduct", conduct)
        _put(a, "source", text())
        out_acts.append(a)
    case["acts"] = out_acts

    claims = []
    for i in range(draw(st.integers(0, max_group + 1))):
        c: dict[str, Any] = {
            "id": f"c{i}",
            "act": draw(st.sampled_from(acts)),
            "type": draw(st.sampled_from(CLAIM_TYPES)),
            "claimed_by": _subset(draw, parties, min_size=1),
        }
        _put(c, "responds_to", _subset(draw, attacks + acts, max_size=2))
        _put(c, "resolutions", _subset(draw, resolutions, max_size=2))
        _put(c, "consents", _subset(draw, consents, max_size=2))
        _put(c, "commitments", _subset(draw, commitments, max_size=2))
        _put(c, "on_behalf_of", _maybe(draw, party()))
        assessed = []
        for element in _subset(draw, ELEMENTS, max_size=3):
            e: dict[str, Any] = {"element": element, "holds": draw(st.booleans())}
            _put(e, "source", text())
            assessed.append(e)
        _put(c, "assessments", assessed)
        _put(c, "statement", text())
        _put(c, "source", text())
        claims.append(c)
    _put(case, "justifications", claims)

    out_consents = []
    out_authorities: list[dict[str, Any]] = []
    for kid in consents:
        given = draw(dates)
        k: dict[str, Any] = {"id": kid, "by": party(), "to": _subset(draw, parties, min_size=1)}
        _put(k, "acts", _subset(draw, acts, max_size=2))
        _put(k, "act_types", _subset(draw, ACT_TYPES, max_size=2))
        k["given"] = given
        _put(k, "withdrawn", _maybe(draw, date_after(given)))
        if draw(st.booleans()):
            k["authority"] = draw(
                st.sampled_from(["lawful_government", "government_without_control", "rival_authority"])
            )
        else:
            gid = f"g{kid}"
            k["given_by"] = gid
            g: dict[str, Any] = {"id": gid, "of": k["by"], "office": draw(st.sampled_from(OFFICES))}
            _put(g, "took_office", _maybe(draw, draw(dates)))
            control = []
            for area in _subset(draw, ["capital", "territory", "region"], max_size=2):
                start = draw(dates)
                control.append({"area": area, "from": start, "until": date_after(start)})
            _put(g, "control", control)
            if draw(st.booleans()):
                g["recognition"] = [{"organ": "general_assembly", "date": draw(dates)}]
            out_authorities.append(g)
        if draw(st.booleans()):
            stationing: dict[str, Any] = {"max_personnel": draw(st.integers(0, 40_000))}
            _put(stationing, "conditions", _subset(draw, STATIONING_CONDITIONS))
            k["stationing"] = stationing
        k["freely_given"] = draw(st.booleans())
        _put(k, "source", text())
        out_consents.append(k)
    _put(case, "consents", out_consents)
    _put(case, "governing_authorities", out_authorities)

    out_res = []
    for rid in resolutions:
        r: dict[str, Any] = {"id": rid, "organ": draw(st.sampled_from(["security_council", "general_assembly"]))}
        _put(r, "number", text())
        r["date"] = draw(dates)
        _put(r, "chapter_vii", draw(st.booleans()))
        against_by = _subset(draw, parties, max_size=2)
        abstaining = [x for x in _subset(draw, parties, max_size=2) if x not in against_by]
        if draw(st.booleans()):
            # A vote the organ could cast: no more votes than members, at least one against per party named.
            size = models.organ_membership(r["organ"], r["date"]) or 15
            against = draw(st.integers(len(against_by), size))
            r["votes"] = {"for": draw(st.integers(0, size - against)), "against": against}
        _put(r, "negative_votes_by", against_by)
        _put(r, "abstentions_by", abstaining)
        if "votes" not in r:
            _put(r, "adopted_without_vote", draw(st.booleans()))
        _put(r, "determinations", _subset(draw, DETERMINATIONS, max_size=2))
        _put(r, "binding", draw(st.booleans()))
        obligations = []
        for _ in range(draw(st.integers(0, 2))):
            o: dict[str, Any] = {"addressee": party()}
            _put(o, "content", text())
            obligations.append(o)
        _put(r, "obligations", obligations)
        auths = []
        for _ in range(draw(st.integers(0, 2))):
            z: dict[str, Any] = {}
            addressees = _subset(draw, parties, max_size=2)
            _put(z, "addressees", addressees)
            if not addressees or draw(st.booleans()):
                z["all_member_states"] = True
            z["force"] = draw(st.booleans())
            _put(z, "words", text())
            _put(z, "purposes", _subset(draw, purposes, max_size=2))
            _put(z, "area", _subset(draw, parties, max_size=2))
            _put(z, "from", _maybe(draw, draw(dates)))
            _put(z, "until", _maybe(draw, draw(dates)))
            _put(z, "excludes", _subset(draw, ACT_TYPES, max_size=2))
            _put(z, "source", text())
            auths.append(z)
        _put(r, "authorisations", auths)
        ops = []
        for _ in range(draw(st.integers(0, 2))):
            verb = draw(st.sampled_from(["recognises_self_defence", "endorses", "commends", "decides", "demands"]))
            op: dict[str, Any] = {"verb": verb}
            _put(op, "acts", _subset(draw, acts, max_size=2))
            _put(op, "addressees", _subset(draw, parties, max_size=2))
            ops.append(op)
        _put(r, "operative", ops)
        if draw(st.booleans()):
            r["measures_necessary"] = {"holds": draw(st.booleans()), "author": text() or "an author", "source": "s"}
        _put(r, "source", text())
        out_res.append(r)
    _put(case, "resolutions", out_res)

    out_attacks = []
    for xid in attacks:
        x: dict[str, Any] = {"id": xid, "by": party(), "against": party(), "date": draw(dates)}
        x["form"] = draw(st.sampled_from(["direct", "armed_bands", "assistance", "non_state"]))
        x["gravity"] = draw(st.sampled_from(["grave", "minor"]))
        x["status"] = draw(st.sampled_from(["occurred", "imminent", "threatened"]))
        _put(x, "attributed_to", _maybe(draw, party()))
        if not draw(st.booleans()):
            x["authorship_proven"] = False
        _put(x, "declared_by_victim", draw(st.booleans()))
        _put(x, "source", text())
        out_attacks.append(x)
    _put(case, "armed_attacks", out_attacks)

    requests = []
    for i in range(draw(st.integers(0, 2))):
        q: dict[str, Any] = {"id": f"q{i}", "by": party(), "to": _subset(draw, parties, min_size=1)}
        _put(q, "attack", _maybe(draw, draw(st.sampled_from(attacks))) if attacks else None)
        q["date"] = draw(dates)
        _put(q, "source", text())
        requests.append(q)
    _put(case, "requests", requests)

    disputes = []
    if n_parties >= 2:
        for i in range(draw(st.integers(0, 2))):
            opened = draw(dates)
            d: dict[str, Any] = {"id": f"d{i}", "parties": _subset(draw, parties, min_size=2, max_size=3)}
            _put(d, "subject", text())
            d["opened"] = opened
            _put(d, "settled", _maybe(draw, date_after(opened)))
            _put(d, "means_tried", _subset(draw, MEANS, max_size=3))
            _put(d, "source", text())
            disputes.append(d)
    _put(case, "disputes", disputes)

    reports = []
    for i in range(draw(st.integers(0, 2))):
        rp: dict[str, Any] = {"id": f"rp{i}", "by": party(), "acts": _subset(draw, acts, min_size=1)}
        rp["date"] = draw(dates)
        _put(rp, "source", text())
        reports.append(rp)
    _put(case, "reports", reports)

    out_commit = []
    for mid in commitments:
        m: dict[str, Any] = {"id": mid, "instrument": tok.text()}
        m["kind"] = draw(st.sampled_from(["treaty", "political_commitment"]))
        m["date"] = draw(dates)
        m["bound"] = _subset(draw, parties, min_size=1)
        _put(m, "beneficiaries", _subset(draw, parties, max_size=2))
        _put(m, "covers", _subset(draw, ["territorial_integrity", "political_independence", "non_use_of_force"]))
        _put(m, "subject", _maybe(draw, draw(st.sampled_from(["s0", "s1"]))))
        _put(m, "source", text())
        out_commit.append(m)
    _put(case, "commitments", out_commit)

    _possible(case)
    if draw(st.booleans()):
        outcome: dict[str, Any] = {
            "standing": draw(st.sampled_from(list(get_args(_field(models.Outcome, "standing"))))),
            "authority": tok.text(),
        }
        _put(outcome, "vote", text())
        _put(outcome, "summary", text())
        expected = []
        for aid in _subset(draw, acts, max_size=2):
            e2: dict[str, Any] = {"act": aid, "verdict": draw(st.sampled_from(["lawful", "unlawful", "contested"]))}
            _put(e2, "violations", _subset(draw, PRINCIPLES, max_size=2))
            _put(e2, "not_violated", _subset(draw, PRINCIPLES, max_size=2))
            own = [c["id"] for c in claims if c["act"] == aid]
            _put(
                e2,
                "justifications",
                [{"id": cid, "status": draw(st.sampled_from(STATUSES))} for cid in _subset(draw, own)],
            )
            _put(e2, "note", text())
            expected.append(e2)
        _put(outcome, "acts", expected)
        _put(outcome, "source", text())
        case["outcome"] = outcome
    return case


def _possible(case: dict[str, Any]) -> None:
    """Make a drawn case one the record allows (see normengine.case.check_record).

    An organisation is a member only of organisations drawn after it (no membership circles);
    at most five permanent members; one consent of a state on a day is either free or coerced.
    """
    order = {p["id"]: i for i, p in enumerate(case["parties"])}
    kinds = {p["id"]: p["kind"] for p in case["parties"]}
    for p in case["parties"]:
        if "members" in p:
            p["members"] = [m for m in p["members"] if kinds[m] != "organisation" or order[m] < order[p["id"]]]
            if not p["members"]:
                del p["members"]
    permanent = [p for p in case["parties"] if p.get("permanent_member")]
    for p in permanent[models.PERMANENT_MEMBERS :]:
        del p["permanent_member"]
    first: dict[tuple[str, Any], bool] = {}
    for k in case.get("consents", []):
        k["freely_given"] = first.setdefault((k["by"], k["given"]), k["freely_given"])


def _field(model: type[BaseModel], name: str) -> Any:
    annotation = model.model_fields[name].annotation
    args = get_args(annotation)
    # Optional[Literal[...]] -> Literal[...]
    for arg in args:
        if get_args(arg):
            return arg
    return annotation


# --------------------------------------------------------------------------
# Tokens and relabelling


def tokens(case: Any) -> set[str]:
    """Every id and text token in a generated case (every string value that is not a fixed word)."""
    out: set[str] = set()

    def walk(value: Any, key: str | None) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and _is_token(value):
            out.add(value)

    walk(case, None)
    return out


def _is_token(value: str) -> bool:
    if value == "case0":
        return True
    return len(value) >= 2 and value[0] in "pakcrxqdmtus" and value.lstrip("pakcrxqdmtus").isdigit()


def relabel(case: Any, mapping: dict[str, str]) -> Any:
    """The case with every token replaced through ``mapping`` (tokens not in it are kept)."""
    if isinstance(case, dict):
        return {k: relabel(v, mapping) for k, v in case.items()}
    if isinstance(case, list):
        return [relabel(v, mapping) for v in case]
    if isinstance(case, str):
        return mapping.get(case, case)
    return case


def is_text_token(token: str) -> bool:
    """Texts are ``t<n>``; everything else is an id (or a purpose or subject, matched like ids)."""
    return token.startswith("t") and token[1:].isdigit()


# --------------------------------------------------------------------------
# YAML with known positions


def yaml_scalar(value: Any) -> str:
    """A YAML scalar: dates and numbers plain, text double-quoted with every risky character escaped."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return _quote(value)
    raise TypeError(f"not a scalar: {value!r}")


_YAML_PRINTABLE_EXTRA = {"\x85", "\u2028", "\u2029", "\ufeff"}


def _unprintable(code: int) -> bool:
    return code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0 or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF)


def _quote(text: str) -> str:
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif _unprintable(code) or ch in _YAML_PRINTABLE_EXTRA:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def emit(data: dict[str, Any]) -> tuple[str, dict[Path, int]]:
    """Block YAML for ``data``, and the line of every field (its key) and list item (its dash).

    The root mapping's position is line 1.
    """
    lines: list[str] = []
    pos: dict[Path, int] = {(): 1}

    def mapping(d: dict[str, Any], indent: int, path: Path, first: str | None = None) -> None:
        for j, (key, v) in enumerate(d.items()):
            prefix = first if (j == 0 and first is not None) else " " * indent
            pos[(*path, key)] = len(lines) + 1
            k = key if _PLAIN_KEY.match(key) else _quote(key)
            if isinstance(v, dict):
                if not v:
                    lines.append(f"{prefix}{k}: {{}}")
                else:
                    lines.append(f"{prefix}{k}:")
                    mapping(v, indent + 2, (*path, key))
            elif isinstance(v, list):
                if not v:
                    lines.append(f"{prefix}{k}: []")
                else:
                    lines.append(f"{prefix}{k}:")
                    sequence(v, indent + 2, (*path, key))
            else:
                lines.append(f"{prefix}{k}: {yaml_scalar(v)}")

    def sequence(items: list[Any], indent: int, path: Path) -> None:
        for i, item in enumerate(items):
            pos[(*path, i)] = len(lines) + 1
            if isinstance(item, dict) and item:
                mapping(item, indent + 2, (*path, i), first=" " * indent + "- ")
            elif isinstance(item, dict):
                lines.append(" " * indent + "- {}")
            elif isinstance(item, list):
                lines.append(" " * indent + "- " + json.dumps(item))
            else:
                lines.append(" " * indent + "- " + yaml_scalar(item))

    mapping(data, 0, ())
    return "\n".join(lines) + "\n", pos


_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def dotted(path: Path) -> str:
    """A field path as the engine's messages write it: ``acts[2].actors[0]``, ``acts[2]["colo[r]"]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _PLAIN_KEY.match(part):
            out += f".{part}" if out else part
        else:
            out += "[" + json.dumps(part, ensure_ascii=False) + "]"
    return out


# --------------------------------------------------------------------------
# Walking a case with its models


Located = tuple[Path, type[BaseModel], dict[str, Any]]


def objects(data: dict[str, Any]) -> Iterator[Located]:
    """Every object of a case dict with its path and its model."""

    def walk(d: dict[str, Any], model: type[BaseModel], path: Path) -> Iterator[Located]:
        yield path, model, d
        for key, value in d.items():
            inner = inner_model(model, key)
            if inner is None:
                continue
            if isinstance(value, dict):
                yield from walk(value, inner, (*path, key))
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, dict):
                        yield from walk(item, inner, (*path, key, i))

    yield from walk(data, models.Case, ())


def field_info(model: type[BaseModel], key: str) -> Any:
    """The pydantic field of ``model`` named (or aliased) ``key``."""
    for name, f in model.model_fields.items():
        if key in (name, f.alias):
            return f
    raise KeyError(key)


def inner_model(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    try:
        annotation = field_info(model, key).annotation
    except KeyError:
        return None
    return _find_model(annotation)


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _find_model(arg)
        if found is not None:
            return found
    return None


def is_literal_field(model: type[BaseModel], key: str) -> bool:
    """Whether the field holds a fixed vocabulary (a Literal, or a list of one)."""
    try:
        annotation = repr(field_info(model, key).annotation)
    except KeyError:  # a key of an older form, which the model's before-validator maps onto its fields
        return False
    return "Literal" in annotation or "VocabularyField" in annotation


# The fields that refer to other objects, by model (as check_references checks them).
REF_FIELDS: dict[str, tuple[str, ...]] = {
    "Party": ("members", "territory_of"),
    "Act": ("actors", "target", "territory", "directed_at", "resolution", "impedes_self_determination_of"),
    "Claim": ("act", "claimed_by", "responds_to", "resolutions", "consents", "commitments", "on_behalf_of"),
    "Consent": ("by", "to", "acts"),
    "Resolution": ("negative_votes_by", "abstentions_by", "organisation"),
    "Operative": ("acts", "addressees", "resolutions"),
    "Obligation": ("addressee",),
    "Authorisation": ("addressees", "area"),
    "ArmedAttack": ("by", "against", "attributed_to"),
    "Request": ("by", "to", "attack"),
    "Dispute": ("parties",),
    "Report": ("by", "acts"),
    "Commitment": ("bound", "beneficiaries"),
    "ExpectedAct": ("act",),
    "ExpectedJustification": ("id",),
}

ID_GROUPS = (
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
)


# --------------------------------------------------------------------------
# Classes of bad input (issue 15): raw characters, numbers, keys, impossible records, sizes

# Every character that YAML refuses anywhere in a file: the C0 controls but tab, LF and CR; DEL;
# the C1 controls but NEL; the two noncharacters U+FFFE and U+FFFF.
FORBIDDEN_CHARACTERS = (
    [chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)]
    + ["\x7f"]
    + [chr(c) for c in range(0x80, 0xA0) if c != 0x85]
    + ["\ufffe", "\uffff"]
)
forbidden_character = st.sampled_from(FORBIDDEN_CHARACTERS)

# Integers a 32-bit solver cannot hold, written as YAML would read them (an int, or text pydantic turns into one).
INT_MAX = 2**31 - 1
huge_integers = st.one_of(
    st.integers(INT_MAX + 1, 10**30),
    st.integers(-(10**30), -(2**31) - 1),
    st.sampled_from([2**31, 2**32, 2**63, 10**20]),
)

# Keys no model has: with brackets, dots, quotes, spaces, unicode letters, YAML indicators.
_MODELS = [m for m in vars(models).values() if isinstance(m, type) and issubclass(m, BaseModel)]
_ALL_FIELDS = {n for m in _MODELS for n in m.model_fields} | {
    f.alias for m in _MODELS for f in m.model_fields.values() if f.alias
}


def _odd(key: str) -> bool:
    return key.strip() == key and key not in _ALL_FIELDS


odd_keys: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(
        ["colo[r]", "a[0]", "[x]", "acts[0].type", "x.y", "tïtle", "名前", "<<x", "a b", "'q'", '"d"', "#c"]
    ),
    st.text(alphabet=st.sampled_from(list("ab[]._-é中 #:'\"")), min_size=1, max_size=8),
).filter(_odd)
