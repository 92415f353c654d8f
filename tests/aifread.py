"""A small AIF reader written from the AIF specification alone, for checking normengine's AIF export.

It knows nothing of normengine: it reads AIFdb's JSON (``nodes``, ``edges``), checks the
structural rules of AIF (unique ids, edges between known nodes, I-nodes joined only through
S-nodes, every RA-node with at least one premise and one conclusion, every CA-node with exactly
one conflicting and one conflicted node), and reads the abstract framework off it: the
arguments are the I-nodes concluded by an RA-node or involved in a conflict, and a CA-node from
I-node x to I-node y is an attack of x on y.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

NODE_TYPES = {"I", "L", "RA", "CA", "MA", "PA", "TA", "YA"}
S_NODES = {"RA", "CA", "MA", "PA"}


class AIFError(ValueError):
    """The document breaks a rule of AIF."""


@dataclass(frozen=True)
class AIFGraph:
    texts: dict[str, str]
    arguments: set[str]
    attacks: set[tuple[str, str]]
    premises: dict[str, list[str]]


def read(doc: Any) -> AIFGraph:
    if not isinstance(doc, dict) or not isinstance(doc.get("nodes"), list) or not isinstance(doc.get("edges"), list):
        raise AIFError("an AIF document is an object with 'nodes' and 'edges' lists")
    nodes: dict[str, dict[str, Any]] = {}
    for n in doc["nodes"]:
        nid = n.get("nodeID")
        if not isinstance(nid, str) or nid in nodes:
            raise AIFError(f"node id {nid!r} missing, not a string, or repeated")
        if n.get("type") not in NODE_TYPES:
            raise AIFError(f"node {nid}: unknown type {n.get('type')!r}")
        if not isinstance(n.get("text"), str):
            raise AIFError(f"node {nid}: no text")
        nodes[nid] = n
    into: dict[str, list[str]] = {k: [] for k in nodes}
    out: dict[str, list[str]] = {k: [] for k in nodes}
    seen_edges: set[str] = set()
    for e in doc["edges"]:
        eid, src, dst = e.get("edgeID"), e.get("fromID"), e.get("toID")
        if not isinstance(eid, str) or eid in seen_edges:
            raise AIFError(f"edge id {eid!r} missing, not a string, or repeated")
        seen_edges.add(eid)
        if src not in nodes or dst not in nodes:
            raise AIFError(f"edge {eid}: from {src!r} to {dst!r}, an unknown node")
        if nodes[src]["type"] == "I" and nodes[dst]["type"] == "I":
            raise AIFError(f"edge {eid}: two I-nodes joined directly (AIF joins them through an S-node)")
        out[src].append(dst)
        into[dst].append(src)
    attacks: set[tuple[str, str]] = set()
    premises: dict[str, list[str]] = {}
    arguments: set[str] = set()
    for nid, n in nodes.items():
        if n["type"] == "RA":
            if not into[nid] or len(out[nid]) != 1:
                raise AIFError(f"RA-node {nid}: needs premises and exactly one conclusion")
            (conclusion,) = out[nid]
            arguments.add(conclusion)
            premises.setdefault(conclusion, []).extend(into[nid])
        elif n["type"] == "CA":
            if len(into[nid]) != 1 or len(out[nid]) != 1:
                raise AIFError(f"CA-node {nid}: needs exactly one conflicting and one conflicted node")
            x, y = into[nid][0], out[nid][0]
            if nodes[x]["type"] != "I" or nodes[y]["type"] != "I":
                raise AIFError(f"CA-node {nid}: conflicts are between I-nodes")
            attacks.add((x, y))
            arguments.update((x, y))
    return AIFGraph({k: str(v["text"]) for k, v in nodes.items()}, arguments, attacks, premises)
