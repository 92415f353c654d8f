"""Argument graphs: the arguments a case gives rise to, the attacks between them, and their fate.

:func:`argument_graph` reads an evaluation's arguments (``arg/1``), attacks
(``att/2``) and acceptance, and gives each argument a short label and its full
text in words. The graph is written as

* DOT (Graphviz) and Mermaid pictures, coloured and shaped by status, with a legend;
* SVG or PNG, by Graphviz's ``dot`` program when it is installed;
* AIF JSON (the Argument Interchange Format of AIFdb and the argument corpora):
  each argument an I-node with the case facts that support it through an RA-node,
  each attack a CA-node between two I-nodes;
* apx (``arg(a1). att(a1,a2).``) and ICCMA 2023 (``p af N`` and ``i j`` lines), with no
  comment line unless asked (strict readers such as pygarg and py_arg refuse or misread them),
  and the names behind the ids in a JSON side file (:meth:`ArgumentGraph.to_names_json`),
  so that any ICCMA solver can check the engine's acceptance.

Arguments are numbered ``a1 .. aN`` in a fixed order (act, kind, term), the same
in every format: ``a3`` in DOT is ``a3`` in apx and ``3`` in ICCMA.

Every piece of case text is escaped for the format it goes into: node ids are
never derived from case text, and comments never carry a line break.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from clingo import Function, Symbol, SymbolType

from .authorities import AuthorityTable, render_node
from .engine import Evaluation
from .errors import NormengineError
from .explain import Node

__all__ = [
    "ArgumentGraph",
    "GraphArgument",
    "GraphAttack",
    "GraphvizMissing",
    "Premise",
    "argument_graph",
    "render_graphviz",
]

Status = Literal["accepted", "credulous", "rejected", "undecided"]
STATUSES: tuple[Status, ...] = ("accepted", "credulous", "rejected", "undecided")

_MEANING: dict[Status, str] = {
    "accepted": "accepted under grounded semantics",
    "credulous": "credulously accepted under preferred semantics (in some preferred extension), not grounded",
    "rejected": "rejected under grounded semantics: an accepted argument attacks it",
    "undecided": "undecided: not rejected under grounded semantics, but in no preferred extension",
}
_MEANING_READINGS: dict[Status, str] = {
    "accepted": "accepted under grounded semantics on every reading of the contested facts",
    "credulous": "credulously accepted under preferred semantics on some reading, not grounded on every reading",
    "rejected": "rejected under grounded semantics on every reading of the contested facts",
    "undecided": "neither: in no preferred extension on any reading, not rejected on every reading",
}
STATUS_LEGEND: dict[Status, str] = {
    "accepted": "accepted (grounded)",
    "credulous": "credulously accepted (preferred), not grounded",
    "rejected": "rejected (grounded)",
    "undecided": "undecided, in no preferred extension",
}
STATUS_FILL: dict[Status, tuple[str, str]] = {
    "accepted": ("#c8e6c9", "#1b5e20"),
    "credulous": ("#fff59d", "#8d6e00"),
    "rejected": ("#ffcdd2", "#b71c1c"),
    "undecided": ("#e0e0e0", "#424242"),
}
_DOT_SHAPE: dict[Status, tuple[str, str]] = {
    "accepted": ("box", "filled"),
    "credulous": ("box", "filled,rounded"),
    "rejected": ("hexagon", "filled"),
    "undecided": ("ellipse", "filled"),
}
_MERMAID_SHAPE: dict[Status, tuple[str, str]] = {
    "accepted": ("[", "]"),
    "credulous": ("(", ")"),
    "rejected": ("{{", "}}"),
    "undecided": ("([", "])"),
}
BACKSLASH = "\u29f5"  # how DOT output shows a backslash of case text (see _dot_inner)
_KIND_ORDER = {"violation": 0, "justified": 1, "fails": 2, "rejected": 3, "disputed": 4}
_LINE = 30
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_MAX_LINES = 5
_MAX_PREMISES = 24


class GraphvizMissing(NormengineError):
    """Graphviz's ``dot`` program is needed for SVG and PNG, and it is not installed."""

    exit_status = 2


@dataclass(frozen=True)
class Premise:
    """A fact that supports an argument, in words, with its source.

    Args:
        text: the fact in words.
        kind: ``fact`` (from the case file) or ``law`` (from the rule set).
        source: its citation, if any.
    """

    text: str
    kind: str
    source: str | None


@dataclass(frozen=True)
class GraphArgument:
    """One argument of the graph.

    Args:
        id: ``a1`` .. ``aN``, in the graph's fixed order.
        term: the argument as clingo prints it, e.g. ``violation("allied-force",non_use_of_force,"nato","fry")``.
        kind: the term's name (``violation``, ``justified``, ``fails``, ``rejected``, ``disputed``, ...).
        label: a short label, one item per line.
        text: the argument in full words.
        status: ``accepted`` (grounded), ``credulous`` (in some preferred extension, not grounded),
            ``rejected`` (grounded) or ``undecided``.
        acts: the acts (ids) the argument is about.
        everywhere: False when the argument exists on some readings of the contested facts only.
        rule: the id of the rule that built the argument.
        source: that rule's legal source.
        premises: the case facts and facts of law the argument rests on.
    """

    id: str
    term: str
    kind: str
    label: tuple[str, ...]
    text: str
    status: Status
    acts: tuple[str, ...]
    everywhere: bool
    rule: str | None
    source: str | None
    premises: tuple[Premise, ...]

    @property
    def grounded(self) -> Literal["accepted", "rejected", "undecided"]:
        """The status under grounded semantics alone."""
        if self.status == "accepted":
            return "accepted"
        if self.status == "rejected":
            return "rejected"
        return "undecided"

    @property
    def credulous(self) -> bool:
        """Whether some preferred extension accepts it."""
        return self.status in ("accepted", "credulous")


@dataclass(frozen=True)
class GraphAttack:
    """An attack between two arguments (by their ids).

    Args:
        attacker: the attacking argument's id.
        target: the attacked argument's id.
        text: why it attacks, in words (the rule's sentence).
        everywhere: False when the attack exists on some readings of the contested facts only.
    """

    attacker: str
    target: str
    text: str
    everywhere: bool


@dataclass(frozen=True)
class ArgumentGraph:
    """The arguments and attacks of one evaluation, and their acceptance.

    Args:
        case: the case id.
        title: the case title.
        perspective: the perspective taken.
        ruleset: the rule set's name.
        act: the act the graph was restricted to, or None.
        acts: (id, title) of every act that some argument is about, in order.
        arguments: the arguments, in id order.
        attacks: the attacks, sorted.
        contested_facts: the ids of the case's contested facts (statuses are then over every reading).
    """

    case: str
    title: str
    perspective: str
    ruleset: str
    act: str | None
    acts: tuple[tuple[str, str], ...]
    arguments: tuple[GraphArgument, ...]
    attacks: tuple[GraphAttack, ...]
    contested_facts: tuple[str, ...]

    def argument(self, ident: str) -> GraphArgument:
        """The argument with this id (``a3``).

        Raises:
            KeyError: no such argument.
        """
        for a in self.arguments:
            if a.id == ident:
                return a
        raise KeyError(ident)

    def meaning(self, status: Status) -> str:
        """What a status means in this graph (over every reading when facts are contested)."""
        return (_MEANING_READINGS if self.contested_facts else _MEANING)[status]

    def _heading(self) -> str:
        scope = f", act {self.act}" if self.act is not None else ""
        readings = (
            f"; statuses over every reading of the contested facts ({', '.join(self.contested_facts)})"
            if self.contested_facts
            else ""
        )
        return (
            f"Argument graph of {self.case} ({self.title}){scope}; perspective {self.perspective}; "
            f"rule set {self.ruleset}{readings}"
        )

    # -- DOT -----------------------------------------------------------------------------------

    def to_dot(self) -> str:
        """The graph in Graphviz's DOT language, with a legend."""
        out = [
            "digraph argument_graph {",
            f"  graph [label={_dot(self._heading())}, labelloc=t, fontname=Helvetica, fontsize=12, rankdir=LR];",
            '  node [fontname=Helvetica, fontsize=10, penwidth=1.5, margin="0.15,0.08"];',
            "  edge [fontname=Helvetica, fontsize=9];",
        ]
        by_act = self._by_act()
        for index, (act_id, title) in enumerate(self.acts, 1):
            members = by_act.get(act_id, [])
            if not members:
                continue
            out.append(f"  subgraph cluster_act{index} {{")
            out.append(f"    label={_dot(title)}; tooltip={_dot(f'act {act_id}: {title}')};")
            out.append('    style="rounded"; color="#9e9e9e";')
            out.extend(f"    {self._dot_node(a)}" for a in members)
            out.append("  }")
        out.extend(f"  {self._dot_node(a)}" for a in by_act.get("", []))
        statuses = {a.id: a.status for a in self.arguments}
        for att in self.attacks:
            styles = ["dashed" if not att.everywhere else "solid"]
            if statuses[att.attacker] == "accepted":
                styles.append("bold")
            out.append(
                f"  {att.attacker} -> {att.target} "
                f'[style={_dot(",".join(styles))}, tooltip={_dot(att.text)}, color="#424242"];'
            )
        out.append("  subgraph cluster_legend {")
        out.append('    label="Legend"; style="rounded"; color="#9e9e9e"; fontsize=10;')
        previous = None
        for i, status in enumerate(STATUSES, 1):
            fill, line = STATUS_FILL[status]
            shape, style = _DOT_SHAPE[status]
            out.append(
                f"    legend{i} [label={_dot(STATUS_LEGEND[status])}, tooltip={_dot(self.meaning(status))}, "
                f'shape={shape}, style="{style}", fillcolor="{fill}", color="{line}", fontsize=9];'
            )
            if previous is not None:
                out.append(f"    {previous} -> legend{i} [style=invis];")
            previous = f"legend{i}"
        out.append(f"    legend5 [label={_dot('attacker')}, shape=plaintext, fontsize=9];")
        out.append(f"    legend6 [label={_dot('attacked')}, shape=plaintext, fontsize=9];")
        note = "attacks (bold: the attacker is accepted; dashed: on some readings only)"
        out.append(f"    legend5 -> legend6 [label={_dot(note)}, style=bold];")
        out.append("  }")
        out.append("}")
        return "\n".join(out) + "\n"

    def _dot_node(self, a: GraphArgument) -> str:
        fill, line = STATUS_FILL[a.status]
        shape, style = _DOT_SHAPE[a.status]
        if not a.everywhere:
            style += ",dashed"
        label = "\\n".join(_dot_inner(line_) for line_ in a.label)
        tooltip = f"{a.id}: {a.text} ({self.meaning(a.status)})"
        return (
            f'{a.id} [label="{label}", tooltip={_dot(tooltip)}, shape={shape}, style="{style}", '
            f'fillcolor="{fill}", color="{line}"];'
        )

    # -- Mermaid ---------------------------------------------------------------------------------

    def to_mermaid(self) -> str:
        """The graph as a Mermaid flowchart, with a legend.

        Mermaid shows no tooltip under its strict security level (the one GitHub uses),
        so the full text of each argument is written in a ``%%`` comment beside it.
        """
        out = ["flowchart LR", f"  %% {_mermaid_comment(self._heading())}"]
        by_act = self._by_act()
        for index, (act_id, title) in enumerate(self.acts, 1):
            members = by_act.get(act_id, [])
            if not members:
                continue
            out.append(f'  subgraph act{index} ["{_mermaid(title)}"]')
            for a in members:
                out.extend(f"    {line}" for line in self._mermaid_node(a))
            out.append("  end")
        for a in by_act.get("", []):
            out.extend(f"  {line}" for line in self._mermaid_node(a))
        statuses = {a.id: a.status for a in self.arguments}
        for att in self.attacks:
            arrow = "-.->" if not att.everywhere else ("==>" if statuses[att.attacker] == "accepted" else "-->")
            out.append(f"  {att.attacker} {arrow} {att.target}")
        out.append('  subgraph legend ["Legend"]')
        for i, status in enumerate(STATUSES, 1):
            left, right = _MERMAID_SHAPE[status]
            out.append(f'    legend{i}{left}"{_mermaid(STATUS_LEGEND[status])}"{right}')
        out.append(
            f'    legend5["{_mermaid("attacker")}"] ==> legend6["{_mermaid("attacked (bold: the attack succeeds)")}"]'
        )
        out.append(
            f'    legend7["{_mermaid("attacker")}"] -.-> legend8["{_mermaid("attacked (on some readings only)")}"]'
        )
        out.append("  end")
        for status in STATUSES:
            fill, line = STATUS_FILL[status]
            out.append(f"  classDef {status} fill:{fill},stroke:{line},stroke-width:2px,color:#000000")
        out.append("  classDef somereadings stroke-dasharray:5 5")
        for i, status in enumerate(STATUSES, 1):
            members_ = [a.id for a in self.arguments if a.status == status]
            out.append(f"  class {','.join([*members_, f'legend{i}'])} {status}")
        partial = [a.id for a in self.arguments if not a.everywhere]
        if partial:
            out.append(f"  class {','.join(partial)} somereadings")
        return "\n".join(out) + "\n"

    def _mermaid_node(self, a: GraphArgument) -> list[str]:
        left, right = _MERMAID_SHAPE[a.status]
        label = "<br/>".join(_mermaid(line) for line in a.label)
        return [
            f"%% {a.id}: {_mermaid_comment(a.text)} ({self.meaning(a.status)})",
            f'{a.id}{left}"{label}"{right}',
        ]

    # -- exchange formats ------------------------------------------------------------------------

    def to_apx(self, *, comments: bool = False) -> str:
        """The abstract framework in the apx format of ASPARTIX (``arg(a1). att(a1,a2).``).

        Only ``arg`` and ``att`` facts by default, which every apx reader accepts (pygarg refuses
        any other line); ``comments=True`` adds ``%`` lines with each argument's words and status.
        The names and metadata are also in :meth:`to_names_json`, for a side file.
        """
        out = []
        if comments:
            out.append(f"% {_comment(self._heading())}")
            out.extend(self._index_comments("%"))
        out.extend(f"arg({a.id})." for a in self.arguments)
        out.extend(f"att({att.attacker},{att.target})." for att in self.attacks)
        return "".join(f"{line}\n" for line in out)  # the empty framework is the empty file

    def to_iccma(self, *, comments: bool = False) -> str:
        """The abstract framework in the ICCMA 2023 format (``p af N``, then one ``i j`` line per attack).

        Only the header and the attack lines by default (py_arg's reader takes every line after the
        header as an attack); ``comments=True`` adds ``#`` lines mapping each index to the argument's
        words. The names and metadata are also in :meth:`to_names_json`, for a side file.
        """
        number = {a.id: i for i, a in enumerate(self.arguments, 1)}
        out = [f"p af {len(self.arguments)}"]
        if comments:
            out.append(f"# {_comment(self._heading())}")
            out.extend(self._index_comments("#", number))
        out.extend(f"{number[att.attacker]} {number[att.target]}" for att in self.attacks)
        return "\n".join(out) + "\n"

    def names(self) -> dict[str, Any]:
        """What the apx and ICCMA files leave out: the case, the perspective, and for each argument its apx
        id, ICCMA index, words, term and status (a dict ready for ``json.dumps``)."""
        return {
            "case": self.case,
            "title": self.title,
            "perspective": self.perspective,
            "ruleset": self.ruleset,
            "act": self.act,
            "contested_facts": list(self.contested_facts),
            "arguments": [
                {
                    "id": a.id,
                    "index": i,
                    "text": a.text,
                    "term": a.term,
                    "status": a.status,
                    "meaning": self.meaning(a.status),
                    "acts": list(a.acts),
                }
                for i, a in enumerate(self.arguments, 1)
            ],
            "attacks": [{"attacker": t.attacker, "target": t.target, "text": t.text} for t in self.attacks],
        }

    def to_names_json(self) -> str:
        """:meth:`names` as JSON text: the side file of an apx or ICCMA export."""
        return json.dumps(self.names(), indent=2, ensure_ascii=False) + "\n"

    def _index_comments(self, mark: str, number: dict[str, int] | None = None) -> list[str]:
        lines = []
        for a in self.arguments:
            key = f"{number[a.id]} = {a.id}" if number else a.id
            lines.append(f"{mark} {key}: {_comment(a.text)} [{a.status}] ({_comment(a.term)})")
        return lines

    def to_aif(self) -> dict[str, Any]:
        """The graph in the Argument Interchange Format, as AIFdb's JSON (a dict ready for ``json.dumps``).

        Each argument is an I-node; the case facts that support it reach it through an
        RA-node ("Default Inference"); each attack is a CA-node ("Default Conflict") from
        the attacking argument's I-node to the attacked one's. Node and edge ids are
        strings, numbered in the graph's fixed order.
        """
        nodes: list[dict[str, Any]] = []
        edges: list[dict[str, Any]] = []
        ids: dict[str, str] = {}

        def node(text: str, kind: str) -> str:
            nid = str(len(nodes) + 1)
            nodes.append({"nodeID": nid, "text": text, "type": kind})
            return nid

        def edge(src: str, dst: str) -> None:
            edges.append({"edgeID": str(len(edges) + 1), "fromID": src, "toID": dst, "formEdgeID": None})

        for a in self.arguments:
            ids[a.id] = node(self.aif_text(a), "I")
        facts: dict[str, str] = {}
        for a in self.arguments:
            if not a.premises:
                continue
            ra = node("Default Inference", "RA")
            for p in a.premises:
                text = _clean(p.text if not p.source else f"{p.text} [{p.source}]")
                if text not in facts:
                    facts[text] = node(text, "I")
                edge(facts[text], ra)
            edge(ra, ids[a.id])
        for att in self.attacks:
            ca = node("Default Conflict", "CA")
            edge(ids[att.attacker], ca)
            edge(ca, ids[att.target])
        return {"nodes": nodes, "edges": edges, "locutions": [], "participants": []}

    def aif_text(self, a: GraphArgument) -> str:
        """The text of an argument's I-node in AIF: its words, and where two arguments have the same words
        (two claims of self-defence by one state), the case ids in its term, then its id, so that a reader
        can tell every I-node apart by its text."""
        text = _clean(a.text)
        same = [b for b in self.arguments if _clean(b.text) == text]
        if len(same) == 1:
            return text
        with_ids = f"{text} [{', '.join(_clean(x) for x in _QUOTED.findall(a.term))}]"
        if (
            sum(f"{_clean(b.text)} [{', '.join(_clean(x) for x in _QUOTED.findall(b.term))}]" == with_ids for b in same)
            > 1
        ):
            with_ids = f"{with_ids} ({a.id})"
        return with_ids

    def to_aif_json(self) -> str:
        """:meth:`to_aif` as JSON text."""
        return json.dumps(self.to_aif(), indent=2, ensure_ascii=False) + "\n"

    def _by_act(self) -> dict[str, list[GraphArgument]]:
        out: dict[str, list[GraphArgument]] = {}
        for a in self.arguments:
            out.setdefault(a.acts[0] if a.acts else "", []).append(a)
        return out


def argument_graph(ev: Evaluation, act: str | None = None) -> ArgumentGraph:
    """The argument graph of an evaluation.

    Args:
        ev: an evaluation (:func:`normengine.engine.evaluate_full`).
        act: keep only the arguments about this act and, transitively, whatever attacks
            them. Acceptance depends only on an argument's attackers, so every kept
            argument has the same status in the smaller framework as in the whole.

    Raises:
        NormengineError: the case has no act with that id (exit status 2).
    """
    an = ev.analysis
    acc = an.acceptance
    case = ev.case
    table = ev.ruleset.authorities()  # sources cite it as [id pinpoint]; the graph shows the short forms
    act_titles = {a.id: an.words.name(a.id) for a in case.acts}
    if act is not None and act not in act_titles:
        known = ", ".join(sorted(act_titles)) or "none"
        raise NormengineError(f"no act {act!r} in the case (acts: {known})")
    claim_act = {c.id: c.act for c in case.justifications}
    arguments = set(acc.arguments)
    attacks = sorted({(x, y) for y, xs in acc.attackers.items() for x in xs if x in arguments and y in arguments})
    attackers: dict[Symbol, list[Symbol]] = {}
    for x, y in attacks:
        attackers.setdefault(y, []).append(x)

    def acts_of(sym: Symbol) -> tuple[str, ...]:
        found: list[str] = []
        for s in _strings(sym):
            a = s if s in act_titles else claim_act.get(s)
            if a is not None and a not in found:
                found.append(a)
        return tuple(sorted(found))

    if act is not None:
        keep = {a for a in arguments if act in acts_of(a)}
        frontier = list(keep)
        while frontier:
            for x in attackers.get(frontier.pop(), []):
                if x not in keep:
                    keep.add(x)
                    frontier.append(x)
        arguments = keep
        attacks = [(x, y) for x, y in attacks if x in keep and y in keep]

    modal = an.modal
    order = sorted(arguments, key=lambda s: (acts_of(s), _KIND_ORDER.get(s.name, 9), str(s)))
    ident = {sym: f"a{i}" for i, sym in enumerate(order, 1)}
    built = []
    for sym in order:
        if sym in acc.grounded_in:
            status: Status = "accepted"
        elif sym in acc.grounded_out:
            status = "rejected"
        elif sym in acc.credulous:
            status = "credulous"
        else:
            status = "undecided"
        holder = Function("arg", [sym])
        derivations = an.derivations.of(holder)
        rule = derivations[0].rule if derivations else None
        built.append(
            GraphArgument(
                id=ident[sym],
                term=str(sym),
                kind=sym.name if sym.type == SymbolType.Function else "",
                label=_short_label(sym, ev),
                text=_clean(an.words.term(sym)),
                status=status,
                acts=acts_of(sym),
                everywhere=modal is None or holder in modal.cautious,
                rule=rule.id if rule else None,
                source=table.render(rule.source) if rule and rule.source else None,
                premises=_premises(an.derivations.tree(holder), table),
            )
        )
    edges = []
    for x, y in attacks:
        att = Function("att", [x, y])
        why = an.derivations.of(att)
        text = an.derivations.sentence(why[0]) if why else f"{an.words.term(x)} attacks {an.words.term(y)}"
        edges.append(GraphAttack(ident[x], ident[y], _clean(text), modal is None or att in modal.cautious))
    edges.sort(key=lambda e: (int(e.attacker[1:]), int(e.target[1:])))
    used = {a for arg in built for a in arg.acts}
    acts = tuple((a, act_titles[a]) for a in sorted(used))
    return ArgumentGraph(
        case=case.id,
        title=case.title,
        perspective=ev.perspective,
        ruleset=ev.ruleset.name,
        act=act,
        acts=acts,
        arguments=tuple(built),
        attacks=tuple(edges),
        contested_facts=tuple(sorted(f.ident for f in modal.contested)) if modal is not None else (),
    )


def _strings(sym: Symbol) -> Iterable[str]:
    if sym.type == SymbolType.String:
        yield sym.string
    elif sym.type == SymbolType.Function:
        for a in sym.arguments:
            yield from _strings(a)


def _premises(tree: Node, table: AuthorityTable) -> tuple[Premise, ...]:
    out: list[Premise] = []
    render_node(tree, table)

    def walk(n: Node) -> None:
        if len(out) >= _MAX_PREMISES:
            return
        if n.kind in ("fact", "law"):
            p = Premise(_clean(n.text), n.kind, _clean(n.source) if n.source else None)
            if p not in out:
                out.append(p)
        for c in n.children:
            walk(c)

    walk(tree)
    return tuple(out)


def _short_label(sym: Symbol, ev: Evaluation) -> tuple[str, ...]:
    words = ev.analysis.words
    if sym.type != SymbolType.Function:
        return _wrap([words.term(sym)])
    name, args = sym.name, sym.arguments
    claims = {c.id: c for c in ev.case.justifications}

    def claim_type(s: Symbol) -> str:
        c = claims.get(s.string) if s.type == SymbolType.String else None
        return words.constant(c.type) if c is not None else words.term(s)

    parts: list[str]
    if name == "violation" and len(args) == 3:
        parts = [f"breach of {words.term(args[1])}", f"by {words.term(args[2])}"]
    elif name == "violation" and len(args) == 4:
        parts = [f"breach of {words.term(args[1])}", f"by {words.term(args[2])}", f"towards {words.term(args[3])}"]
    elif name == "justified" and len(args) == 1:
        c = claims.get(args[0].string) if args[0].type == SymbolType.String else None
        if c is not None:
            who = ", ".join(words.name(x) for x in sorted(c.claimed_by))
            parts = [words.constant(c.type), f"claimed by {who}", f"[{c.id}]"]
        else:
            parts = [words.term(sym)]
    elif name == "fails" and len(args) == 2:
        parts = [f"{words.term(args[1])}: not established", f"({claim_type(args[0])})"]
    elif name == "rejected" and len(args) == 2:
        parts = [words.term(args[1]), "rejected by this perspective"]
    elif name == "disputed" and len(args) == 2:
        parts = [words.term(args[1]), "contested, left open"]
    elif name == "narrow_reading" and len(args) == 1:
        parts = ["narrow reading of Art 2(4)", words.term(args[0])]
    elif name == "non_binding_commitment" and len(args) == 2:
        parts = ["the commitments may not bind", words.term(args[1])]
    else:
        parts = [words.term(sym)]
    return _wrap(parts)


def _wrap(parts: list[str]) -> tuple[str, ...]:
    lines: list[str] = []
    for part in parts:
        lines.extend(textwrap.wrap(_clean(part), _LINE, break_long_words=True) or [""])
    if len(lines) > _MAX_LINES:
        lines = lines[:_MAX_LINES]
        lines[-1] = lines[-1][: _LINE - 1].rstrip() + "…"
    return tuple(lines)


# Unicode's control characters (category Cc: C0, DEL and C1) and its line and paragraph separators (Zl, Zp).
_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _clean(text: str) -> str:
    """Text on one line: control characters and line or paragraph separators become spaces, runs of
    white space one space."""
    return " ".join(_BREAKS.sub(" ", text).split())


def _comment(text: str) -> str:
    """Text safe inside a one-line comment: no line break of any kind."""
    return _clean(text)


def _dot_inner(text: str) -> str:
    """Text escaped for the inside of a double-quoted DOT string.

    Graphviz reads HTML entities in labels and tooltips, so ``&`` is written ``&amp;``; a quote
    is written ``\\"``. Graphviz also gives a backslash meanings (``\\N`` the node's name, ``\\l``
    a line break) that no escape undoes in every attribute, so a backslash from the case is
    drawn as the look-alike ``⧵`` (U+29F5).
    """
    return _clean(text).replace("&", "&amp;").replace("\\", BACKSLASH).replace('"', '\\"')


def _dot(text: str) -> str:
    return f'"{_dot_inner(text)}"'


_MERMAID_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:()-/'")


def _mermaid(text: str) -> str:
    """Text for the inside of a double-quoted Mermaid label.

    Every character outside a small safe set becomes a Mermaid entity code (``#34;``), so
    that quotes, brackets, arrows, ``;``, backticks, ``%%`` directives and HTML cannot
    change the diagram: Mermaid turns the codes back into the characters when it draws.
    """
    return "".join(ch if ch in _MERMAID_SAFE else f"#{ord(ch)};" for ch in _clean(text))


def _mermaid_comment(text: str) -> str:
    """Text for a ``%%`` comment: one line, no ``%``, ``{`` or ``}`` that could open a directive, and
    no HTML or backtick that could matter to a page or a Markdown fence the diagram is pasted into."""
    return "".join(f"#{ord(ch)};" if ch in "%{}<>&`#" else ch for ch in _clean(text))


def render_graphviz(dot_text: str, fmt: Literal["svg", "png"], *, timeout: float = 120.0) -> bytes:
    """Render DOT text with Graphviz's ``dot`` program.

    Raises:
        GraphvizMissing: ``dot`` is not on the PATH (exit status 2).
        NormengineError: Graphviz failed or ran past ``timeout``.
    """
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizMissing(
            f"--format {fmt} needs Graphviz, and its 'dot' program is not on the PATH: install Graphviz "
            "(e.g. 'apt-get install graphviz' or 'brew install graphviz'), "
            "or write --format dot and render it elsewhere"
        )
    try:
        done = subprocess.run(
            [exe, f"-T{fmt}"], input=dot_text.encode("utf-8"), capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise NormengineError(f"Graphviz ran past {timeout:g} s drawing the graph") from None
    except OSError as exc:
        raise NormengineError(f"cannot run Graphviz ({exe}): {exc.strerror}") from None
    if done.returncode != 0 or not done.stdout:
        message = done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}"
        raise NormengineError(f"Graphviz could not draw the graph: {message}")
    return done.stdout
