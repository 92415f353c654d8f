"""A structural validator for the Mermaid flowcharts that ``normengine graph`` writes.

It accepts exactly the grammar the writer uses and nothing more: the header, ``%%`` comments
that cannot open a directive, subgraphs, nodes of four shapes with quoted labels made of safe
characters, entity codes and ``<br/>``, edges between declared nodes, and class statements.
``check`` returns the node labels (entity codes decoded) so that a test can compare them with
the text that went in. The real Mermaid parser, where it is installed, is run by
``tests/js/mermaid-parse.mjs``.
"""

from __future__ import annotations

import re

ID = r"[A-Za-z][A-Za-z0-9_]*"
LABEL = r"(?:[A-Za-z0-9 .,:()\-/']|#[0-9]+;|<br/>)*"
SHAPES = [(r"\[", r"\]"), (r"\(", r"\)"), (r"\{\{", r"\}\}"), (r"\(\[", r"\]\)")]
NODE = "(?:" + "|".join(rf"(?P<id{i}>{ID}){o}\"(?P<label{i}>{LABEL})\"{c}" for i, (o, c) in enumerate(SHAPES)) + ")"
ARROW = r"(?:-->|==>|-\.->)"
RESERVED = {"end", "subgraph", "graph", "flowchart", "class", "classDef", "click", "style", "linkStyle", "default"}


class MermaidError(AssertionError):
    pass


def _node(text: str) -> tuple[str, str] | None:
    m = re.fullmatch(NODE, text)
    if not m:
        return None
    for i in range(len(SHAPES)):
        if m.group(f"id{i}") is not None:
            return m.group(f"id{i}"), m.group(f"label{i}")
    return None


def decode(label: str) -> str:
    """A label as Mermaid draws it: entity codes decoded, ``<br/>`` as a newline."""
    return re.sub(r"#([0-9]+);", lambda m: chr(int(m.group(1))), label.replace("<br/>", "\n"))


def check(text: str) -> dict[str, str]:
    """Validate; return node id to decoded label."""
    lines = text.split("\n")
    if lines[0] != "flowchart LR":
        raise MermaidError(f"first line must be the header, got {lines[0]!r}")
    if lines[-1] != "":
        raise MermaidError("the text must end with a newline")
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str]] = []
    classes: set[str] = set()
    uses: list[tuple[list[str], str]] = []
    depth = 0
    subgraphs: set[str] = set()

    def declare(ident: str, label: str) -> None:
        if ident in RESERVED or ident in nodes or ident in subgraphs:
            raise MermaidError(f"node id {ident!r} is reserved or declared twice")
        nodes[ident] = decode(label)

    for n, raw in enumerate(lines[1:-1], 2):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("%%"):
            if re.search(r"[{}%]", line[2:]):
                raise MermaidError(f"line {n}: a comment may not hold % or braces: {raw!r}")
            continue
        m = re.fullmatch(rf"subgraph ({ID}) \[\"({LABEL})\"\]", line)
        if m:
            if m.group(1) in RESERVED or m.group(1) in nodes or m.group(1) in subgraphs:
                raise MermaidError(f"line {n}: bad subgraph id {m.group(1)!r}")
            subgraphs.add(m.group(1))
            depth += 1
            continue
        if line == "end":
            depth -= 1
            if depth < 0:
                raise MermaidError(f"line {n}: 'end' without subgraph")
            continue
        m = re.fullmatch(r"classDef ([a-z]+) ([a-z\-]+:[#0-9a-zA-Z. ]+)(,[a-z\-]+:[#0-9a-zA-Z. ]+)*", line)
        if m:
            classes.add(m.group(1))
            continue
        m = re.fullmatch(rf"class ({ID}(?:,{ID})*) ([a-z]+)", line)
        if m:
            uses.append((m.group(1).split(","), m.group(2)))
            continue
        parts = re.split(rf" ({ARROW}) ", line)
        if len(parts) == 3:
            ends = []
            for part in (parts[0], parts[2]):
                declared = _node(part)
                if declared is not None:
                    declare(*declared)
                    ends.append(declared[0])
                elif re.fullmatch(ID, part):
                    ends.append(part)
                else:
                    raise MermaidError(f"line {n}: bad edge end {part!r}")
            edges.append((ends[0], ends[1]))
            continue
        declared = _node(line)
        if declared is None:
            raise MermaidError(f"line {n}: not part of the grammar: {raw!r}")
        declare(*declared)
    if depth != 0:
        raise MermaidError("unbalanced subgraph/end")
    for a, b in edges:
        if a not in nodes or b not in nodes:
            raise MermaidError(f"edge {a} -> {b} names an undeclared node")
    for members, cls in uses:
        if cls not in classes:
            raise MermaidError(f"class {cls!r} is not defined")
        for m_ in members:
            if m_ not in nodes:
                raise MermaidError(f"class statement names an undeclared node {m_!r}")
    return nodes
