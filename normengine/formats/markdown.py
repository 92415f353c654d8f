"""Reports, comparisons and explanations as Markdown a lawyer can paste into a memo.

Every piece of text from a case file or a rule set goes through :func:`md`, which puts it
on one line and backslash-escapes the characters Markdown or its embedded HTML would read
(``<``, ``>``, ``&``, ``*``, ``_``, brackets, backticks, ``|``, ``~``, ``#``), so that a party
named ``<script>`` or ``**x**`` stays text. Sources are cited by number, ``[n]``, and listed
at the end under "Authorities".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..compare import Comparison
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

__all__ = ["authorities_markdown", "comparison_markdown", "explanation_markdown", "md", "report_markdown"]

_SPECIAL = frozenset("\\`*_[]<>|~&#")


def md(text: str) -> str:
    """Case or rule text made inert for Markdown: one line, every special character backslash-escaped."""
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in clean(text))


def _cite(source: str | None, index: Mapping[str, str]) -> str:
    if not source:
        return ""
    ident = index.get(clean(source))
    return f" \\[{md(ident)}\\]" if ident else f" ({md(source)})"


def _reason_items(reasons: Sequence[Reason], index: Mapping[str, str], indent: str = "") -> list[str]:
    out = []
    for r in reasons:
        mark = f"{MARK[r.status]} " if r.status in MARK else ""
        out.append(f"{indent}- {mark}{md(r.text)}{_cite(r.source, index)}")
    return out


def authorities_markdown(rows: Sequence[Authority]) -> str:
    """A table of authorities as a numbered Markdown list: ``[id] citation <url>``."""
    if not rows:
        return "## Authorities\n\nNo authority is cited.\n"
    out = ["## Authorities", ""]
    for ident, citation, url in rows:
        link = f" <{md(url)}>" if url else ""
        out.append(f"- \\[{md(ident)}\\] {md(citation)}{link}")
    return "\n".join(out) + "\n"


def _names(items: Sequence[str], namer: Namer) -> str:
    return ", ".join(md(namer.name(x)) for x in items)


def _justification(j: JustificationReport, namer: Namer, index: Mapping[str, str], seen: set[str]) -> list[str]:
    out = [
        f"#### {md(namer.constant(j.type))}, claimed by {_names(j.claimed_by, namer)}: {j.status}",
        "",
    ]
    holding = [md(namer.constant(e.element)) for e in j.elements if e.holds]
    failing = [
        md(namer.constant(e.element)) + (" (on the burden of proof)" if e.on_burden else "")
        for e in j.elements
        if not e.holds
    ]
    if holding:
        out.append(f"- Elements established: {', '.join(holding)}")
    if failing:
        out.append(f"- Elements not established: {', '.join(failing)}")
    for e in j.elements:
        out.extend(_reason_items(unique_reasons(e.reasons, seen), index, "  "))
    if j.contested_points:
        out.append(f"- Depends on contested points: {', '.join(md(p) for p in j.contested_points)}")
    if j.fails_on == "burden_of_proof":
        out.append(
            "- It fails on the burden of proof: the claimant has not shown an element that the facts leave open."
        )
    if not j.established:
        out.append(f"- Its status depends on contested facts: {', '.join(md(x) for x in j.depends_on)}")
    reasons = unique_reasons(j.reasons, seen)
    if reasons:
        out.append("- Reasons:")
        out.extend(_reason_items(reasons, index, "  "))
    out.append("")
    return out


def _act(n: int, act: ActReport, namer: Namer, index: Mapping[str, str]) -> list[str]:
    seen: set[str] = set()
    against = f" against {md(namer.name(act.target))}" if act.target else ""
    out = [
        f"## {n}. {md(act.title)}: {act.verdict}",
        "",
        f"*{md(namer.constant(act.type))}* by {_names(act.actors, namer)}{against}.",
        "",
        f"**Verdict:** {act.verdict}.",
        "",
    ]
    if not act.established:
        out.append(
            f"The verdict depends on contested facts ({', '.join(md(x) for x in act.depends_on)}): "
            f"on some reading it is {', '.join(act.possible_verdicts)}."
        )
        out.append("")
    if act.violations:
        out.append(f"**Violations that stand:** {', '.join(md(namer.constant(p)) for p in act.violations)}.")
        out.append("")
    if act.contested_violations:
        out.append(f"**Violations in doubt:** {', '.join(md(namer.constant(p)) for p in act.contested_violations)}.")
        out.append("")
    out.append("### Principles engaged")
    out.append("")
    if not act.engaged:
        out.append("No principle is engaged by this act.")
    for e in act.engaged:
        parties = f" ({e.stance} {_names(e.parties, namer)})" if e.parties else f" ({e.stance})"
        out.append(f"- **{md(namer.constant(e.principle))}**{parties}")
        out.extend(_reason_items(unique_reasons(e.reasons, seen), index, "  "))
    out.append("")
    if act.justifications:
        out.append("### Justifications")
        out.append("")
        for j in act.justifications:
            out.extend(_justification(j, namer, index, seen))
    return out


def report_markdown(report: Report, namer: Namer, authorities: Sequence[Authority] | None = None) -> str:
    """The report as Markdown: heading, summary of verdicts, each act with its reasons, the conflicts,
    the contested facts, and the table of authorities.

    Args:
        report: the report.
        namer: how to name ids and constants (:class:`normengine.words.Words`).
        authorities: the table of authorities as (id, citation, url) rows (default: the report's
            distinct sources, numbered in order of first use).
    """
    rows = list(authorities) if authorities is not None else authorities_of_report(report)
    index = cite_index(rows)
    out = [
        f"# {md(report.title)} ({md(report.date)})",
        "",
        f"Case {md(report.case)}; perspective: {md(report.perspective)}; rule set: {md(report.ruleset)} "
        f"{md(report.ruleset_version)}; normengine {md(report.engine_version)}.",
        "",
        "## Summary",
        "",
        "| Act | Verdict |",
        "| --- | --- |",
    ]
    out.extend(f"| {md(a.title)} | **{a.verdict}** |" for a in report.acts)
    out.append("")
    for n, act in enumerate(report.acts, 1):
        out.extend(_act(n, act, namer, index))
    if report.conflicts:
        out.extend(
            [
                "## Conflicts between principles",
                "",
                "| Act | For, against | Settled by | Prevails |",
                "| --- | --- | --- | --- |",
            ]
        )
        for c in report.conflicts:
            settled = md(namer.constant(c.settled_by)) if c.settled_by else "unsettled dilemma"
            prevails = md(namer.constant(c.prevails)) if c.prevails else "none"
            out.append(
                f"| {md(namer.name(c.act))} | {md(namer.constant(c.for_principle))}, "
                f"{md(namer.constant(c.against_principle))} | {settled} | {prevails} |"
            )
        out.append("")
    if report.contested_facts:
        out.extend(["## Contested facts", ""])
        for f in report.contested_facts:
            out.append(f"- {md(f.id)}")
            for r in f.readings:
                out.append(f"  - reading {r.reading}: {md(r.description)}{_cite(r.source, index)}")
        out.append("")
    out.append(authorities_markdown(rows))
    if report.authorities:
        out.extend(["## Table of authorities", "", "| Authority | Pinpoints | Text |", "| --- | --- | --- |"])
        for a in report.authorities:
            link = f"[{md(a.url)}]({a.url})" if a.url and a.url.startswith(("https://", "http://")) else ""
            out.append(f"| {md(a.citation)} | {md(', '.join(a.pinpoints))} | {link} |")
        out.append("")
    return "\n".join(out)


def comparison_markdown(comparison: Comparison, namer: Namer) -> str:
    """A comparison of perspectives as Markdown tables: verdicts and statuses, then conflicts."""
    ps = comparison.perspectives
    out = [
        f"# {md(comparison.title)}: verdicts by perspective",
        "",
        f"Case {md(comparison.case)}; rule set: {md(comparison.ruleset)}.",
        "",
        "| Act or justification | " + " | ".join(md(p) for p in ps) + " | Holds under all? |",
        "| --- | " + " | ".join("---" for _ in ps) + " | --- |",
    ]
    for a in comparison.acts:
        agreed = "yes" if a.agreed else "depends on the perspective"
        out.append(f"| **{md(a.title)}** | " + " | ".join(a.verdicts[p] for p in ps) + f" | {agreed} |")
        for j in a.justifications:
            agreed = "yes" if j.agreed else "depends on the perspective"
            label = f"{md(namer.constant(j.type))} ({md(j.id)})"
            out.append(f"| &nbsp;&nbsp;{label} | " + " | ".join(j.statuses[p] for p in ps) + f" | {agreed} |")
    out.append("")
    if comparison.conflicts:
        out.extend(["## Conflicts: which principle prevails", ""])
        out.append("| Act | Principles | " + " | ".join(md(p) for p in ps) + " |")
        out.append("| --- | --- | " + " | ".join("---" for _ in ps) + " |")
        for c in comparison.conflicts:
            cells = []
            for p in ps:
                if p not in c.prevails:
                    cells.append("not in conflict")
                elif c.prevails[p]:
                    cells.append(
                        f"{md(namer.constant(c.prevails[p] or ''))} ({md(namer.constant(c.settled_by[p] or ''))})"
                    )
                else:
                    cells.append("unsettled dilemma")
            principles = ", ".join(md(namer.constant(x)) for x in c.principles)
            out.append(f"| {md(namer.name(c.act))} | {principles} | " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)


def explanation_markdown(data: Mapping[str, Any]) -> str:
    """An explain result (``{"case", "perspective", "explanations": [{"conclusion", "tree"}]}``) as nested lists."""
    rows = explanation_sources(data)
    index = cite_index(rows)
    out = [f"# Explanation: {md(str(data.get('case', '')))} ({md(str(data.get('perspective', '')))})", ""]

    def walk(node: Mapping[str, Any], depth: int) -> None:
        mark = f"{MARK[node['status']]} " if node.get("status") in MARK else ""
        kind = {"fact": "*fact:* ", "law": "*law:* ", "absent": "*not shown:* "}.get(str(node.get("kind")), "")
        source = node.get("source")
        label = f"[{md(str(node['id']))}] " if node.get("id") is not None else ""  # a later node refers to it
        see = f" (explained above, at [{md(str(node['see']))}])" if node.get("see") is not None else ""
        out.append(f"{'  ' * depth}- {label}{mark}{kind}{md(str(node['text']))}{_cite(source, index)}{see}")
        for child in node.get("children", ()):
            walk(child, depth + 1)

    for item in data.get("explanations", ()):
        out.extend([f"## {md(str(item['conclusion']))}", ""])
        walk(item["tree"], 0)
        out.append("")
    out.append(authorities_markdown(rows))
    return "\n".join(out)


def reasons_markdown(data: Mapping[str, Any]) -> str:
    """The decisive reasons (the JSON of ``normengine explain --format json``) as a memo's sections, per act."""
    rows = reasons_sources(data)
    index = cite_index(rows)
    out = [f"# Reasons: {md(str(data.get('case', '')))} ({md(str(data.get('perspective', '')))} perspective)", ""]
    for act in data.get("acts", ()):
        out.extend([f"## {md(str(act['title']))}: {md(str(act['verdict']).upper())}", ""])
        for point in act.get("reasons", ()):
            cites = "".join(_cite(str(s), index) for s in point.get("sources", ()))
            if point.get("kind") == "verdict":
                out.extend([f"{md(str(point['text']))}{cites}", ""])
            else:
                indent = "  " if point.get("claim") and point.get("kind") != "claim" else ""
                out.append(f"{indent}- {md(str(point['text']))}{cites}")
        out.append("")
    out.append(authorities_markdown(rows))
    return "\n".join(out)
