"""Reports, comparisons and explanations as self-contained HTML pages.

A page needs no network: the CSS is inline, there is no script and no web font, and the
argument graph is inline SVG (:mod:`normengine.formats.svg`). Every piece of text from a
case file or a rule set goes through :func:`h` (HTML-escaped, quotes included, on one line);
element ids and anchors are built from positions (``act-1``, ``auth-3``), never from case
text, so a case file cannot inject markup, script or a link.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from .. import __version__
from ..compare import Comparison
from ..graph import ArgumentGraph
from ..report import ActReport, JustificationReport, Reason, Report
from ._common import (
    MARK,
    Authority,
    Namer,
    authorities_of_report,
    cite_index,
    clean,
    explanation_sources,
    reasons_sources,
    unique_reasons,
)
from .svg import graph_svg

__all__ = [
    "CSS",
    "authorities_html",
    "comparison_html",
    "explanation_html",
    "h",
    "page",
    "report_body",
    "report_html",
]

CSS = """
:root { --fg: #1a1a1a; --muted: #5f6368; --line: #d0d4d9; --lawful: #1b5e20; --unlawful: #b71c1c;
  --contested: #8d6e00; }
* { box-sizing: border-box; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; color: var(--fg); margin: 0 auto; max-width: 1100px;
  padding: 1.5rem; }
h1, h2, h3, h4, nav, table, .meta, .verdict, figure figcaption { font-family: Helvetica, Arial, sans-serif; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-bottom: .3rem; }
h4 { font-size: .98rem; margin: 1rem 0 .3rem; }
.meta { color: var(--muted); font-size: .9rem; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
.verdict { font-weight: bold; text-transform: uppercase; letter-spacing: .03em; }
.lawful, .survives { color: var(--lawful); } .unlawful, .defeated { color: var(--unlawful); }
.contested { color: var(--contested); }
ul.reasons { margin: .2rem 0 .6rem; padding-left: 1.3rem; }
ul.reasons li { margin: .15rem 0; }
.cite { font-size: .8rem; vertical-align: super; }
.justification { border-left: 3px solid var(--line); padding-left: .8rem; margin: .8rem 0; }
figure { margin: 0; overflow-x: auto; border: 1px solid var(--line); padding: .5rem; }
figure svg { display: block; }
.side { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 1rem; }
ol.authorities li, ul.authorities li { margin: .25rem 0; }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; }
@media print { nav { display: none; } figure { overflow: visible; } }
"""


def h(text: object) -> str:
    """Case or rule text made inert for HTML: one line, ``& < > " '`` escaped."""
    return escape(clean(str(text)), quote=True)


def page(title: str, body: str) -> str:
    """A complete HTML document around ``body`` (already HTML) with the inline stylesheet."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="normengine ' + h(__version__) + '">\n'
        f"<title>{h(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n"
        f"<footer>Written by normengine {h(__version__)}. This page needs no network.</footer>\n"
        "</body>\n</html>\n"
    )


def _cite(source: str | None, index: Mapping[str, str]) -> str:
    if not source:
        return ""
    ident = index.get(clean(source))
    if ident is None:
        return f' <span class="source">({h(source)})</span>'
    return f' <a class="cite" href="#auth-{_anchor(ident)}" title="{h(source)}">[{h(ident)}]</a>'


def _anchor(ident: str) -> str:
    """An anchor from an authority id: letters, digits, '-' and '_' kept, everything else as its code point."""
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else f"_{ord(ch):x}" for ch in ident)


def _reasons(reasons: Sequence[Reason], index: Mapping[str, str]) -> str:
    if not reasons:
        return ""
    items = []
    for r in reasons:
        mark = f'<span class="mark {h(r.status)}">{MARK[r.status]}</span> ' if r.status in MARK else ""
        items.append(f"<li>{mark}{h(r.text)}{_cite(r.source, index)}</li>")
    return '<ul class="reasons">' + "".join(items) + "</ul>"


def authorities_html(rows: Sequence[Authority]) -> str:
    """A table of authorities: one row per (id, citation, url); each row is the target ``#auth-<id>``
    of the citations in the text, and links to the authority's URL where there is one."""
    if not rows:
        return '<section id="authorities"><h2>Authorities</h2><p>No authority is cited.</p></section>'
    body = []
    for ident, citation, url in rows:
        link = f'<a href="{h(url)}" rel="noopener noreferrer">{h(url)}</a>' if url and _safe_url(url) else ""
        body.append(f'<tr id="auth-{_anchor(ident)}"><td>{h(ident)}</td><td>{h(citation)}</td><td>{link}</td></tr>')
    return (
        '<section id="authorities"><h2>Authorities</h2>'
        "<table><thead><tr><th>Id</th><th>Citation</th><th>Link</th></tr></thead><tbody>"
        + "".join(body)
        + "</tbody></table></section>"
    )


def _safe_url(url: str) -> bool:
    return url.startswith(("https://", "http://"))


def _names(items: Sequence[str], namer: Namer) -> str:
    return ", ".join(h(namer.name(x)) for x in items)


def _justification(j: JustificationReport, namer: Namer, index: Mapping[str, str], seen: set[str]) -> str:
    parts = [
        '<div class="justification">',
        f"<h4>{h(namer.constant(j.type))}, claimed by {_names(j.claimed_by, namer)}: "
        f'<span class="verdict {h(j.status)}">{h(j.status)}</span></h4>',
    ]
    holding = [h(namer.constant(e.element)) for e in j.elements if e.holds]
    failing = [
        h(namer.constant(e.element)) + (" (on the burden of proof)" if e.on_burden else "")
        for e in j.elements
        if not e.holds
    ]
    facts = []
    if holding:
        facts.append(f"<li>Elements established: {', '.join(holding)}</li>")
    if failing:
        facts.append(f'<li class="unlawful">Elements not established: {", ".join(failing)}</li>')
    if j.contested_points:
        facts.append(f"<li>Depends on contested points: {', '.join(h(p) for p in j.contested_points)}</li>")
    if j.fails_on == "burden_of_proof":
        facts.append(
            "<li>It fails on the burden of proof: the claimant has not shown an element the facts leave open.</li>"
        )
    if not j.established:
        facts.append(f"<li>Its status depends on contested facts: {', '.join(h(x) for x in j.depends_on)}</li>")
    if facts:
        parts.append("<ul>" + "".join(facts) + "</ul>")
    for e in j.elements:
        parts.append(_reasons(unique_reasons(e.reasons, seen), index))
    parts.append(_reasons(unique_reasons(j.reasons, seen), index))
    parts.append("</div>")
    return "".join(parts)


def _act(n: int, act: ActReport, namer: Namer, index: Mapping[str, str]) -> str:
    seen: set[str] = set()
    against = f" against {h(namer.name(act.target))}" if act.target else ""
    parts = [
        f'<section class="act" id="act-{n}">',
        f'<h2>{n}. {h(act.title)}: <span class="verdict {h(act.verdict)}">{h(act.verdict)}</span></h2>',
        f"<p><em>{h(namer.constant(act.type))}</em> by {_names(act.actors, namer)}{against}.</p>",
    ]
    if not act.established:
        parts.append(
            f"<p>The verdict depends on contested facts ({', '.join(h(x) for x in act.depends_on)}): on some "
            f"reading it is {', '.join(h(v) for v in act.possible_verdicts)}.</p>"
        )
    if act.violations:
        parts.append(
            "<p><strong>Violations that stand:</strong> "
            + ", ".join(h(namer.constant(p)) for p in act.violations)
            + ".</p>"
        )
    if act.contested_violations:
        parts.append(
            "<p><strong>Violations in doubt:</strong> "
            + ", ".join(h(namer.constant(p)) for p in act.contested_violations)
            + ".</p>"
        )
    parts.append("<h3>Principles engaged</h3>")
    if not act.engaged:
        parts.append("<p>No principle is engaged by this act.</p>")
    else:
        rows = []
        for e in act.engaged:
            rows.append(
                f"<tr><td>{h(namer.constant(e.principle))}</td><td>{h(e.stance)}</td>"
                f"<td>{_names(e.parties, namer)}</td><td>{_reasons(unique_reasons(e.reasons, seen), index)}</td></tr>"
            )
        parts.append(
            "<table><thead><tr><th>Principle</th><th>Stance</th><th>Parties</th><th>Why</th></tr></thead><tbody>"
            + "".join(rows)
            + "</tbody></table>"
        )
    if act.justifications:
        parts.append("<h3>Justifications</h3>")
        parts.extend(_justification(j, namer, index, seen) for j in act.justifications)
    parts.append("</section>")
    return "".join(parts)


def report_body(
    report: Report,
    namer: Namer,
    graph: ArgumentGraph | None = None,
    authorities: Sequence[Authority] | None = None,
) -> str:
    """The report's HTML without the document around it (for the web page)."""
    rows = list(authorities) if authorities is not None else authorities_of_report(report)
    index = cite_index(rows)
    nav = ['<li><a href="#summary">Summary</a></li>']
    nav.extend(f'<li><a href="#act-{n}">{h(a.title)}</a></li>' for n, a in enumerate(report.acts, 1))
    if report.conflicts:
        nav.append('<li><a href="#conflicts">Conflicts</a></li>')
    if graph is not None:
        nav.append('<li><a href="#graph">Argument graph</a></li>')
    nav.append('<li><a href="#authorities">Authorities</a></li>')
    parts = [
        f"<header><h1>{h(report.title)}</h1>",
        f'<p class="meta">{h(report.date)} · case {h(report.case)} · perspective <strong>{h(report.perspective)}'
        f"</strong> · rule set {h(report.ruleset)} {h(report.ruleset_version)} · normengine "
        f"{h(report.engine_version)}</p></header>",
        '<nav aria-label="Contents"><ul>' + "".join(nav) + "</ul></nav>",
        '<section id="summary"><h2>Summary</h2><table><thead><tr><th>Act</th><th>Verdict</th>'
        "<th>Violations that stand</th></tr></thead><tbody>",
    ]
    for n, a in enumerate(report.acts, 1):
        violations = ", ".join(h(namer.constant(p)) for p in a.violations) or "none"
        parts.append(
            f'<tr><td><a href="#act-{n}">{h(a.title)}</a></td>'
            f'<td><span class="verdict {h(a.verdict)}">{h(a.verdict)}</span></td><td>{violations}</td></tr>'
        )
    parts.append("</tbody></table></section>")
    parts.extend(_act(n, act, namer, index) for n, act in enumerate(report.acts, 1))
    if report.conflicts:
        rows_ = []
        for c in report.conflicts:
            settled = (
                h(namer.constant(c.settled_by)) if c.settled_by else '<span class="contested">unsettled dilemma</span>'
            )
            prevails = h(namer.constant(c.prevails)) if c.prevails else "none"
            reasons = _reasons(unique_reasons(c.reasons), index)
            rows_.append(
                f"<tr><td>{h(namer.name(c.act))}</td><td>{h(namer.constant(c.for_principle))}</td>"
                f"<td>{h(namer.constant(c.against_principle))}</td><td>{settled}</td><td>{prevails}</td>"
                f"<td>{reasons}</td></tr>"
            )
        parts.append(
            '<section id="conflicts"><h2>Conflicts between principles</h2><table><thead><tr><th>Act</th>'
            "<th>For the act</th><th>Against it</th><th>Settled by</th><th>Prevails</th><th>Why</th></tr></thead>"
            "<tbody>" + "".join(rows_) + "</tbody></table></section>"
        )
    if report.contested_facts:
        items = []
        for f in report.contested_facts:
            readings = "".join(
                f"<li>reading {r.reading}: {h(r.description)}{_cite(r.source, index)}</li>" for r in f.readings
            )
            items.append(f"<li>{h(f.id)}<ul>{readings}</ul></li>")
        parts.append('<section id="contested"><h2>Contested facts</h2><ul>' + "".join(items) + "</ul></section>")
    if graph is not None:
        parts.append(
            '<section id="graph"><h2>Argument graph</h2><figure>'
            + graph_svg(graph)
            + "<figcaption>Each box is an argument, each arrow an attack; hover for the full text.</figcaption>"
            "</figure></section>"
        )
    parts.append(authorities_html(rows))
    parts.append(table_of_authorities_html(report))
    return "\n".join(parts)


def table_of_authorities_html(report: Report) -> str:
    """The rule set's table of the authorities the report relies on: full citation, pinpoints, link."""
    if not report.authorities:
        return ""
    body = []
    for a in report.authorities:
        link = f'<a href="{h(a.url)}" rel="noopener noreferrer">{h(a.url)}</a>' if a.url and _safe_url(a.url) else ""
        body.append(
            f'<tr id="toa-{_anchor(a.id)}"><td>{h(a.citation)}</td><td>{h(", ".join(a.pinpoints))}</td>'
            f"<td>{link}</td></tr>"
        )
    return (
        '<section id="table-of-authorities"><h2>Table of authorities</h2>'
        "<table><thead><tr><th>Authority</th><th>Pinpoints</th><th>Link</th></tr></thead><tbody>"
        + "".join(body)
        + "</tbody></table></section>"
    )


def report_html(
    report: Report,
    namer: Namer,
    graph: ArgumentGraph | None = None,
    authorities: Sequence[Authority] | None = None,
) -> str:
    """The report as a self-contained HTML page: summary, each act with its reasons, conflicts,
    contested facts, the argument graph as inline SVG, and the table of authorities.

    Args:
        report: the report.
        namer: how to name ids and constants (:class:`normengine.words.Words`).
        graph: the argument graph to draw, or None for none.
        authorities: (id, citation, url) rows (default: the report's distinct sources in order of first use).
    """
    return page(
        f"{report.title}: normengine report ({report.perspective})", report_body(report, namer, graph, authorities)
    )


def comparison_body(comparison: Comparison, namer: Namer) -> str:
    """The comparison's HTML without the document around it."""
    ps = comparison.perspectives
    head = "".join(f"<th>{h(p)}</th>" for p in ps)
    rows = []
    for a in comparison.acts:
        cells = "".join(f'<td class="verdict {h(a.verdicts[p])}">{h(a.verdicts[p])}</td>' for p in ps)
        agreed = "yes" if a.agreed else '<span class="contested">depends on the perspective</span>'
        rows.append(f"<tr><th>{h(a.title)}</th>{cells}<td>{agreed}</td></tr>")
        for j in a.justifications:
            cells = "".join(f'<td class="{h(j.statuses[p])}">{h(j.statuses[p])}</td>' for p in ps)
            agreed = "yes" if j.agreed else '<span class="contested">depends on the perspective</span>'
            rows.append(f"<tr><td>&emsp;{h(namer.constant(j.type))} ({h(j.id)})</td>{cells}<td>{agreed}</td></tr>")
    parts = [
        f"<header><h1>{h(comparison.title)}: verdicts by perspective</h1>",
        f'<p class="meta">case {h(comparison.case)} · rule set {h(comparison.ruleset)}</p></header>',
        f'<section id="verdicts"><table><thead><tr><th>Act or justification</th>{head}<th>Holds under all?</th>'
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></section>",
    ]
    if comparison.conflicts:
        crow = []
        for c in comparison.conflicts:
            cc: list[str] = []
            for p in ps:
                if p not in c.prevails:
                    cc.append("<td>not in conflict</td>")
                elif c.prevails[p]:
                    winner, basis = namer.constant(c.prevails[p] or ""), namer.constant(c.settled_by[p] or "")
                    cc.append(f"<td>{h(winner)} ({h(basis)})</td>")
                else:
                    cc.append('<td class="contested">unsettled dilemma</td>')
            principles = ", ".join(h(namer.constant(x)) for x in c.principles)
            crow.append(f"<tr><td>{h(namer.name(c.act))}</td><td>{principles}</td>{''.join(cc)}</tr>")
        parts.append(
            '<section id="conflicts"><h2>Conflicts: which principle prevails</h2><table><thead><tr><th>Act</th>'
            f"<th>Principles</th>{head}</tr></thead><tbody>" + "".join(crow) + "</tbody></table></section>"
        )
    return "\n".join(parts)


def comparison_html(comparison: Comparison, namer: Namer) -> str:
    """A comparison of perspectives as a self-contained HTML page."""
    return page(f"{comparison.title}: perspectives compared", comparison_body(comparison, namer))


def explanation_html(data: Mapping[str, Any]) -> str:
    """An explain result (``{"case", "perspective", "explanations": [{"conclusion", "tree"}]}``) as a page of
    nested lists, each source a link to the table of authorities."""
    rows = explanation_sources(data)
    index = cite_index(rows)

    def walk(node: Mapping[str, Any], tree: int) -> str:
        status = node.get("status")
        mark = f'<span class="mark {h(status)}">{MARK[status]}</span> ' if status in MARK else ""
        kind = {"fact": "<em>fact:</em> ", "law": "<em>law:</em> ", "absent": "<em>not shown:</em> "}.get(
            str(node.get("kind")), ""
        )
        children = "".join(walk(c, tree) for c in node.get("children", ()))
        inner = f"<ul>{children}</ul>" if children else ""
        anchor, label, see = "", "", ""
        if node.get("id") is not None:  # a later node refers to it
            anchor = f' id="conclusion-{tree}-node-{h(node["id"])}"'
            label = f"<strong>[{h(node['id'])}]</strong> "
        if node.get("see") is not None:
            target = f"#conclusion-{tree}-node-{h(node['see'])}"
            see = f' (<a href="{target}">explained above, at [{h(node["see"])}]</a>)'
        cite = _cite(node.get("source"), index)
        return f"<li{anchor}>{label}{mark}{kind}{h(node['text'])}{cite}{see}{inner}</li>"

    parts = [
        f"<header><h1>Explanation: {h(data.get('case', ''))}</h1>",
        f'<p class="meta">perspective <strong>{h(data.get("perspective", ""))}</strong></p></header>',
    ]
    for n, item in enumerate(data.get("explanations", ()), 1):
        parts.append(
            f'<section id="conclusion-{n}"><h2>{h(item["conclusion"])}</h2>'
            f'<ul class="reasons">{walk(item["tree"], n)}</ul></section>'
        )
    parts.append(authorities_html(rows))
    return page(f"Explanation: {data.get('case', '')}", "\n".join(parts))


def reasons_html(data: Mapping[str, Any]) -> str:
    """The decisive reasons (the JSON of ``normengine explain --format json``) as a page, a section per act,
    each source a link to the table of authorities."""
    rows = reasons_sources(data)
    index = cite_index(rows)
    parts = [
        f"<header><h1>Reasons: {h(data.get('case', ''))}</h1>",
        f'<p class="meta">perspective <strong>{h(data.get("perspective", ""))}</strong></p></header>',
    ]
    for n, act in enumerate(data.get("acts", ()), 1):
        lead = []
        items = []
        for point in act.get("reasons", ()):
            cites = "".join(_cite(str(src), index) for src in point.get("sources", ()))
            text = f"{h(point['text'])}{cites}"
            if point.get("kind") == "verdict":
                lead.append(f"<p>{text}</p>")
            elif point.get("claim") and point.get("kind") != "claim":
                items.append(f'<li class="sub">{text}</li>')
            else:
                items.append(f"<li>{text}</li>")
        parts.append(
            f'<section id="act-{n}"><h2>{h(act["title"])}: {h(str(act["verdict"]).upper())}</h2>'
            f'{"".join(lead)}<ul class="reasons">{"".join(items)}</ul></section>'
        )
    parts.append(authorities_html(rows))
    return page(f"Reasons: {data.get('case', '')}", "\n".join(parts))
