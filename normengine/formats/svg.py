"""The argument graph as SVG, drawn in pure Python (no Graphviz needed).

The HTML report embeds this drawing, so that a report can be written on a machine
without Graphviz and read in a browser without a network. The layout is simple and
deterministic: one band per act (as the DOT output's clusters), and within a band one
column per rank, where an argument that nothing attacks has rank 0 and an attacked
argument sits one column right of its right-most attacker (cycles are cut at a fixed
depth). ``normengine graph --format svg`` still uses Graphviz's ``dot``, which draws
larger graphs better.

Every piece of text is XML-escaped; element ids are the graph's own ``a1 .. aN``,
never case text.
"""

from __future__ import annotations

from html import escape

from ..graph import STATUS_FILL, STATUS_LEGEND, STATUSES, ArgumentGraph, GraphArgument
from ._common import clean

__all__ = ["graph_svg"]

_W = 210  # node width
_LINE_H = 14
_PAD = 8
_COL = 290  # column pitch
_GAP = 16  # vertical gap between nodes
_BAND_HEAD = 26
_MARGIN = 16


def _x(text: str) -> str:
    return escape(clean(text), quote=True)


def _ranks(graph: ArgumentGraph) -> dict[str, int]:
    rank = {a.id: 0 for a in graph.arguments}
    limit = max(1, min(len(graph.arguments), 12))
    for _ in range(limit):
        changed = False
        for att in graph.attacks:
            if att.attacker == att.target:
                continue
            want = min(rank[att.attacker] + 1, limit)
            if rank[att.target] < want:
                rank[att.target] = want
                changed = True
        if not changed:
            break
    return rank


def _height(a: GraphArgument) -> int:
    return _PAD * 2 + _LINE_H * max(1, len(a.label))


def graph_svg(graph: ArgumentGraph, *, title: str | None = None) -> str:
    """The graph as a standalone SVG document (also fit to be inlined in HTML).

    Args:
        graph: the argument graph (:func:`normengine.graph.argument_graph`).
        title: an accessible title (default: the case title).
    """
    rank = _ranks(graph)
    bands: list[tuple[str, list[GraphArgument]]] = []
    by_act: dict[str, list[GraphArgument]] = {}
    for a in graph.arguments:
        by_act.setdefault(a.acts[0] if a.acts else "", []).append(a)
    for act_id, act_title in graph.acts:
        if by_act.get(act_id):
            bands.append((act_title, by_act[act_id]))
    if by_act.get(""):
        bands.append(("Other arguments", by_act[""]))
    pos: dict[str, tuple[int, int, int]] = {}  # id -> x, y, height
    body: list[str] = []
    y0 = _MARGIN + 24
    max_rank = max(rank.values(), default=0)
    width = _MARGIN * 2 + max_rank * _COL + _W
    for band_title, members in bands:
        column_y: dict[int, int] = {}
        for a in members:
            r = rank[a.id]
            y = column_y.get(r, y0 + _BAND_HEAD)
            h = _height(a)
            pos[a.id] = (_MARGIN + r * _COL, y, h)
            column_y[r] = y + h + _GAP
        band_h = max(column_y.values()) - y0 if column_y else _BAND_HEAD
        body.append(
            f'<g class="band"><rect x="{_MARGIN // 2}" y="{y0}" width="{width - _MARGIN}" height="{band_h}" '
            f'rx="8" fill="none" stroke="#9e9e9e"/>'
            f'<text x="{_MARGIN}" y="{y0 + 17}" font-size="12" font-weight="bold">{_x(band_title)}</text></g>'
        )
        y0 += band_h + _GAP
    statuses = {a.id: a.status for a in graph.arguments}
    edges: list[str] = []
    for att in graph.attacks:
        x1, y1, h1 = pos[att.attacker]
        x2, y2, h2 = pos[att.target]
        sy, ty = y1 + h1 // 2, y2 + h2 // 2
        dash = ' stroke-dasharray="6 4"' if not att.everywhere else ""
        bold = "2.5" if statuses[att.attacker] == "accepted" else "1.2"
        if x2 > x1:
            d = f"M{x1 + _W},{sy} C{x1 + _W + 40},{sy} {x2 - 40},{ty} {x2},{ty}"
        elif att.attacker == att.target:
            d = f"M{x1 + _W},{sy - 6} C{x1 + _W + 40},{sy - 40} {x1 + _W + 40},{sy + 40} {x1 + _W},{sy + 6}"
        else:  # same or earlier column: loop out on the right
            bend = max(x1, x2) + _W + 36
            d = f"M{x1 + _W},{sy} C{bend},{sy} {bend},{ty} {x2 + _W},{ty}"
        edges.append(
            f'<path class="attack" d="{d}" fill="none" stroke="#424242" stroke-width="{bold}"{dash} '
            f'marker-end="url(#arrow)"><title>{_x(att.text)}</title></path>'
        )
    nodes: list[str] = []
    for a in graph.arguments:
        x, y, h = pos[a.id]
        fill, line = STATUS_FILL[a.status]
        rx = {"accepted": 2, "credulous": 14, "rejected": 0, "undecided": h // 2}[a.status]
        dash = ' stroke-dasharray="5 3"' if not a.everywhere else ""
        lines = "".join(
            f'<tspan x="{x + _W // 2}" dy="{_LINE_H if i else 0}">{_x(t)}</tspan>' for i, t in enumerate(a.label)
        )
        tooltip = f"{a.id}: {a.text} ({graph.meaning(a.status)})"
        nodes.append(
            f'<g class="argument {a.status}" id="arg-{a.id}"><title>{_x(tooltip)}</title>'
            f'<rect x="{x}" y="{y}" width="{_W}" height="{h}" rx="{rx}" fill="{fill}" stroke="{line}" '
            f'stroke-width="1.5"{dash}/>'
            f'<text x="{x + _W // 2}" y="{y + _PAD + 11}" font-size="11" text-anchor="middle">{lines}</text></g>'
        )
    legend_y = y0 + 4
    legend = [f'<text x="{_MARGIN}" y="{legend_y + 12}" font-size="12" font-weight="bold">Legend</text>']
    lx = _MARGIN
    for status in STATUSES:
        fill, line = STATUS_FILL[status]
        legend.append(
            f'<rect x="{lx}" y="{legend_y + 20}" width="14" height="14" fill="{fill}" stroke="{line}"/>'
            f'<text x="{lx + 20}" y="{legend_y + 31}" font-size="11">{_x(STATUS_LEGEND[status])}</text>'
        )
        lx += 30 + 6 * len(STATUS_LEGEND[status])
    legend.append(
        f'<text x="{_MARGIN}" y="{legend_y + 52}" font-size="11">'
        f"{_x('Arrows are attacks (bold: the attacker is accepted; dashed: on some readings only).')}</text>"
    )
    height = legend_y + 64
    width = max(width, lx + _MARGIN, 640)
    heading = title or f"Argument graph: {graph.title} ({graph.perspective})"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="argument-graph" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="graph-title" '
        'font-family="Helvetica, Arial, sans-serif">'
        f'<title id="graph-title">{_x(heading)}</title>'
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#424242"/></marker></defs>'
        f'<text x="{_MARGIN}" y="{_MARGIN + 8}" font-size="13" font-weight="bold">{_x(heading)}</text>'
        + "".join(body)
        + "".join(edges)
        + "".join(nodes)
        + "".join(legend)
        + "</svg>\n"
    )
