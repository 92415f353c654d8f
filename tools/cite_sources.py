#!/usr/bin/env python3
"""Rewrite free-text sources as citations of the table of authorities.

Usage::

    python tools/cite_sources.py [--check] [--cases] [PATH ...]

Reads every ``%@ source:`` line of the ``.lp`` files under the given paths
(default: ``rules/``) and, with ``--cases``, the one-line ``source:`` fields
of the case files under ``cases/``, and rewrites each old-style citation
("Nicaragua (1986) §195", "UN Charter Art 2(4)", "GA Res 2625 principle 1",
"S/RES/678 (1990) §2") as ``[authority-id pinpoint]`` from
``rules/authorities.toml``. The mapping lives in ``tools/cite_map.toml``:

- ``[[source]]``: whole sources that need a reader (those that cited a
  document of the project, such as "DOMAIN §3"), replaced by exact text,
  optionally only above a rule with a given id or a statement containing
  given text;
- ``[[name]]``: a regular expression for the name of an authority as the
  files write it, and the id it stands for. What follows the name is read as a
  pinpoint (``§195, §199`` becomes ``paras 195, 199``; ``Art 53, 64``
  becomes ``arts 53, 64``; ``p. 35`` becomes ``p 35``); what follows the
  pinpoint (a quotation, an explanation) is kept.

A rule source is rewritten only when every part of it maps; otherwise it is
left as it is and reported. A case source is rewritten part by part (a free
text citation of a document that is not in the table stays valid there).
The script is idempotent: a part already written as ``[id ...]`` is kept.
Exit status: 0 when every rule source cites the table, 1 when some could not
be mapped (they are listed), 2 on bad input.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAP = Path(__file__).resolve().with_name("cite_map.toml")
TABLE = ROOT / "rules" / "authorities.toml"
SOURCE_LINE = re.compile(r"^(?P<lead>%@\s*source\s*:\s*)(?P<text>.*?)\s*$")
CASE_LINE = re.compile(r"^(?P<lead>\s*(?:-\s+)?source:\s+)(?P<text>[^\s>|'\"{\[].*?|\"[^\"]*\")\s*$")
RULE_LINE = re.compile(r"^%@\s*rule\s*:\s*(?P<id>\S+)\s*$")


@dataclass(frozen=True)
class Override:
    old: str
    new: str
    rule: str | None
    next: str | None


@dataclass(frozen=True)
class Name:
    pattern: re.Pattern[str]
    id: str


def load_map(path: Path) -> tuple[list[Override], list[Name]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    overrides = [
        Override(e["old"].strip(), e["new"].strip(), e.get("rule"), e.get("next")) for e in data.get("source", [])
    ]
    names = [Name(re.compile(e["pattern"]), e["id"]) for e in data.get("name", [])]
    return overrides, names


def split_parts(text: str) -> list[str]:
    """Split at ``;`` outside parentheses, brackets and double quotes."""
    parts: list[str] = []
    depth = 0
    quoted = False
    current = ""
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "([":
            depth += 1
        elif not quoted and ch in ")]":
            depth = max(0, depth - 1)
        if ch == ";" and depth == 0 and not quoted:
            parts.append(current.strip())
            current = ""
            continue
        current += ch
    if current.strip():
        parts.append(current.strip())
    return parts


_ARTNUM = r"(?:\d+|[IVX]+\b)(?:\([a-z0-9]+\))*(?:-(?:\d+)?(?:\([a-z0-9]+\))*)?(?:\s+in fine)?"
_TOKENS: list[tuple[str, re.Pattern[str]]] = [
    ("para", re.compile(r"§\s?(\d+(?:\(\d+\))*(?:-\d+(?:\(\d+\))*|-\(\d+\))?)")),
    (
        "art",
        re.compile(rf"(common\s+)?Art(?:icle)?s?\.?\s+({_ARTNUM}(?:\s*,\s*(?:{_ARTNUM}|\([a-z]\)))*)(\s+commentary)?"),
    ),
    ("page", re.compile(r"pp?\.?\s+(\d+(?:-\d+)?)")),
    ("principle", re.compile(r"principle\s+(\d)(,\s+second paragraph)?")),
    ("conclusions", re.compile(r"conclusions?\s+(\d+(?:-\d+)?(?:,\s*\d+(?:-\d+)?)*)")),
    ("annex", re.compile(r"annex(?:\s*\([a-z]\))?")),
    ("chapter", re.compile(r"(?:Chapter\s+([IVX]+)|ch\.?\s+(\d+))")),
    ("preamble", re.compile(r"preambles?")),
    ("condition", re.compile(r"conditions?\s+(\([ivx]+\)(?:\s*(?:-|and)\s*\([ivx]+\))?)")),
]


_NOTE_BETWEEN = re.compile(r'(\((?:[^()"]|"[^"]*"|\([^()]*\))*\))\s*,\s*(?=§)')
_YEAR = re.compile(r"\((?:19|20)\d{2}\)(?=\s*(?:$|[:;,(]))")


def read_pin(text: str) -> tuple[str, str]:
    """Read pinpoint tokens from the start of text; return (pinpoint, rest)."""
    paras: list[str] = []
    others: list[str] = []
    notes: list[str] = []
    rest = text
    while True:
        stripped = re.sub(r"^\s*,?\s*(?:at\s+(?=pp?\.))?", "", rest)
        for kind, pattern in _TOKENS:
            m = pattern.match(stripped)
            if m is None:
                continue
            if kind == "para":
                paras.append(m.group(1))
            elif kind == "art":
                nums = re.sub(r"\s*,\s*", ", ", m.group(2))
                plural = "," in nums or re.search(r"\d-\d", nums) is not None
                word = ("common " if m.group(1) else "") + ("arts" if plural else "art")
                others.append(f"{word} {nums}" + (" commentary" if m.group(3) else ""))
            elif kind == "page":
                others.append(("pp " if "-" in m.group(1) else "p ") + m.group(1))
            elif kind == "principle":
                others.append(f"principle {m.group(1)}" + (m.group(2) or ""))
            elif kind == "conclusions":
                nums = re.sub(r"\s*,\s*", ", ", m.group(1))
                plural = "," in nums or "-" in nums
                others.append(("conclusions " if plural else "conclusion ") + nums)
            elif kind == "annex":
                others.append(re.sub(r"\s+", " ", m.group(0)).strip())
            elif kind == "chapter":
                others.append(f"ch {m.group(1) or m.group(2)}")
            elif kind == "preamble":
                others.append("preamble")
            elif kind == "condition":
                others.append(re.sub(r"\s+", " ", m.group(0)))
            rest = stripped[m.end() :]
            break
        else:
            # A quotation between pinpoints ("§199 ("..."), §232-234"): read on, keep the quotation after.
            note = _NOTE_BETWEEN.match(stripped) if (paras or others) else None
            if note is not None:
                notes.append(note.group(1))
                rest = stripped[note.end() :]
                continue
            year = _YEAR.match(stripped) if (paras or others) else None
            if year is not None:
                rest = stripped[year.end() :]
            break
    if notes:
        rest = " " + " ".join(notes) + rest
    pin = []
    if others:
        pin.extend(others)
    if paras:
        pin.append(("paras " if len(paras) > 1 or "-" in paras[0] else "para ") + ", ".join(paras))
    return ", ".join(pin), (rest if pin else text)


def convert_part(part: str, names: list[Name]) -> str | None:
    """One part of a source as ``[id pin] rest``, or None when no name matches."""
    if part.startswith("["):
        return part
    for name in names:
        m = name.pattern.match(part)
        if m is None:
            continue
        ident = name.id.format(**{k: v.replace("/", "-") for k, v in m.groupdict().items() if v is not None})
        pin, rest = read_pin(part[m.end() :])
        rest = rest.rstrip()
        if rest and not rest.startswith((" ", ",", ":")):
            rest = " " + rest
        rest = re.sub(r"^\s+", " ", rest)
        cite = f"[{ident} {pin}]" if pin else f"[{ident}]"
        return cite + rest
    return None


def convert(
    text: str, overrides: list[Override], names: list[Name], rule: str | None, nxt: str, *, partial: bool
) -> str | None:
    """The converted source, or None when it cannot be mapped (rule sources: all or nothing)."""
    for o in overrides:
        if o.old == text and (o.rule is None or o.rule == rule) and (o.next is None or o.next in nxt):
            return o.new
    out: list[str] = []
    previous: str | None = None
    for part in split_parts(text):
        done = convert_part(part, names)
        if done is None and previous is not None and re.match(r"Arts?\.? \d", part):
            # "ARSIWA Art 22, 49 (...); Art 50(1)(b)": the same instrument as the part before.
            done = convert_part(part, [Name(re.compile(""), previous)])
        if done is None and _COMMENT.match(part) and not _CITATION_LIKE.search(part):
            done = part  # a remark ("contested", "the case file's finding"), kept beside the citations
        if done is None:
            if not partial:
                return None
            done = part
        found = re.match(r"\[([a-z0-9-]+)", done)
        previous = found.group(1) if found else None
        out.append(done)
    if not partial and not any(p.startswith("[") for p in out):
        return None
    return "; ".join(out)


_COMMENT = re.compile(r"^(?:contested|the |read )")
_CITATION_LIKE = re.compile(r"§|\bArts?\b|\d|DOMAIN|STYLE|\.lp\b|\.py\b|\.md\b")


def known_ids() -> set[str]:
    return set(tomllib.loads(TABLE.read_text(encoding="utf-8")))


def rewrite_lp(path: Path, overrides: list[Override], names: list[Name], ids: set[str], check: bool) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    problems: list[str] = []
    changed = False
    for i, line in enumerate(lines):
        m = SOURCE_LINE.match(line.rstrip("\n"))
        if m is None:
            continue
        rule = None
        j = i - 1
        while j >= 0 and lines[j].startswith("%@"):
            rm = RULE_LINE.match(lines[j].strip())
            if rm:
                rule = rm.group("id")
            j -= 1
        j = i + 1
        while j < len(lines) and lines[j].startswith("%@"):
            rm = RULE_LINE.match(lines[j].strip())
            if rm:
                rule = rm.group("id")
            j += 1
        nxt = lines[j] if j < len(lines) else ""
        text = m.group("text")
        new = convert(text, overrides, names, rule, nxt, partial=False)
        where = f"{path}:{i + 1}"
        if new is None:
            problems.append(f"{where}: cannot map: {text}")
            continue
        bad = [c for c in re.findall(r"\[([a-z0-9][a-z0-9-]*[a-z0-9])(?:\s[^\]]*)?\]", new) if c not in ids]
        if bad:
            problems.append(f"{where}: maps to unknown authorit{'y' if len(bad) == 1 else 'ies'} {', '.join(bad)}")
            continue
        if new != text:
            lines[i] = m.group("lead") + new + "\n"
            changed = True
    if changed and not check:
        path.write_text("".join(lines), encoding="utf-8")
    if changed and check:
        problems.append(f"{path}: would be rewritten")
    return problems


def rewrite_case(path: Path, overrides: list[Override], names: list[Name], ids: set[str], check: bool) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = False
    for i, line in enumerate(lines):
        m = CASE_LINE.match(line.rstrip("\n"))
        if m is None:
            flowed = FLOW_SOURCE.sub(lambda f: _flow(f, overrides, names, ids), line)
            if flowed != line:
                lines[i] = flowed
                changed = True
            continue
        raw = m.group("text")
        quoted = raw.startswith('"')
        text = raw[1:-1] if quoted else raw
        if text.startswith("["):
            continue
        new = convert(text, overrides, names, None, "", partial=True)
        if new is None or new == text:
            continue
        if any(c not in ids for c in re.findall(r"\[([a-z0-9][a-z0-9-]*[a-z0-9])(?:\s[^\]]*)?\]", new)):
            continue
        escaped = new.replace("\\", "\\\\").replace('"', '\\"')
        lines[i] = m.group("lead") + '"' + escaped + '"\n'
        changed = True
    if changed and not check:
        path.write_text("".join(lines), encoding="utf-8")
    return [f"{path}: would be rewritten"] if changed and check else []


FLOW_SOURCE = re.compile(r"(?P<lead>[{,]\s*source:\s+)(?P<text>[^\"'\[{},\s][^{},\n]*?)(?P<end>\s*[},])")


def _flow(m: re.Match[str], overrides: list[Override], names: list[Name], ids: set[str]) -> str:
    """A ``source:`` inside a YAML flow mapping (``{id: x, source: UN Charter Art 23}``), quoted when converted."""
    text = m.group("text")
    new = convert(text, overrides, names, None, "", partial=True)
    if new is None or new == text:
        return m.group(0)
    if any(c not in ids for c in re.findall(r"\[([a-z0-9][a-z0-9-]*[a-z0-9])(?:\s[^\]]*)?\]", new)):
        return m.group(0)
    return m.group("lead") + '"' + new.replace("\\", "\\\\").replace('"', '\\"') + '"' + m.group("end")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="rule files or directories (default: rules/)")
    parser.add_argument("--check", action="store_true", help="change nothing; fail if a file would change")
    parser.add_argument("--cases", action="store_true", help="also convert the case files under cases/")
    args = parser.parse_args(argv)
    try:
        overrides, names = load_map(MAP)
        ids = known_ids()
    except (OSError, tomllib.TOMLDecodeError, KeyError, re.error) as exc:
        print(f"cite_sources: cannot read the mapping or the table: {exc}", file=sys.stderr)
        return 2
    problems: list[str] = []
    for root in args.paths or [ROOT / "rules"]:
        files = sorted(root.rglob("*.lp")) if root.is_dir() else [root]
        for f in files:
            problems.extend(rewrite_lp(f, overrides, names, ids, args.check))
    if args.cases:
        for f in sorted((ROOT / "cases").glob("*.yaml")):
            problems.extend(rewrite_case(f, overrides, names, ids, args.check))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
