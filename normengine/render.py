"""The terminal report, rendered with rich.

Every title and cell is a ``Text`` too (never a string, which rich would parse as markup): besides
keeping a case's text literal, this spares rich's emoji table, which its markup parser imports (about
10 ms of a fresh ``evaluate``).

Every piece of text that comes from a case file or a rule set reaches rich as
a ``Text``, never as a string that rich would read as markup or emoji codes:
legal citations are full of square brackets, and a line such as ``:100:``
would become an emoji. Control characters and bidi overrides
are shown as visible escapes (:func:`normengine.textsafe.printable`), so that
a case file cannot send escape sequences to the reader's terminal.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .report import ActReport, ConflictReport, JustificationReport, Reason, Report
from .textsafe import Namer as _Namer
from .textsafe import PrintableWords, printable_data
from .words import Words

__all__ = ["render_report"]

_VERDICT_STYLE = {"lawful": "bold green", "unlawful": "bold red", "contested": "bold yellow"}
_STATUS_STYLE = {"survives": "green", "defeated": "red", "contested": "yellow"}
_MARK = {"accepted": "✔", "rejected": "✘", "undecided": "?", None: "•"}


def render_report(report: Report, words: Words, console: Console) -> None:
    """Print a report on a console.

    Args:
        report: the report.
        words: how to name principles, justifications and case ids.
        console: where to print.
    """
    report = Report.model_validate(printable_data(report.model_dump()))
    _render(report, PrintableWords(words), console)


def _render(report: Report, words: _Namer, console: Console) -> None:
    header = Text.assemble(
        (report.title, "bold"),
        f"  ({report.date})\n",
        ("perspective: ", "dim"),
        report.perspective,
        ("   rule set: ", "dim"),
        f"{report.ruleset} {report.ruleset_version}",
        ("   engine: ", "dim"),
        report.engine_version,
    )
    console.print(Panel(header, title=Text.assemble("normengine · ", report.case), expand=True))
    if report.scope:
        scope = Text()
        for i, statement in enumerate(report.scope):
            scope.append("\n" if i else "")
            scope.append("covers: " if statement.part == "covers" else "does not decide: ", style="dim")
            scope.append(statement.text)
        console.print(Panel(scope, title=Text("scope"), expand=True))
    for act in report.acts:
        console.print(_act_panel(act, words))
    if report.conflicts:
        console.print(_conflicts_table(report.conflicts, words))
    summary = Table.grid(padding=(0, 2))
    for act in report.acts:
        summary.add_row(Text(act.title), Text(act.verdict, style=_VERDICT_STYLE[act.verdict]))
    console.print(Panel(summary, title=Text("verdicts"), expand=False))
    if report.authorities:
        console.print(_authorities_panel(report))


def _authorities_panel(report: Report) -> Panel:
    """The table of authorities: short form, full citation, pinpoints used and URL, one entry each."""
    text = Text()
    for i, a in enumerate(report.authorities):
        if i:
            text.append("\n")
        text.append(a.short, style="bold")
        text.append("  ")
        text.append(a.citation)
        if a.pinpoints:
            text.append("\n  cited at: ", style="dim")
            text.append("; ".join(a.pinpoints))
        if a.url:
            text.append("\n  ", style="dim")
            text.append(a.url, style="dim")
    return Panel(text, title=Text("authorities"), expand=True)


def _act_panel(act: ActReport, words: _Namer) -> Panel:
    parts: list[object] = []
    # A subtitle is a phrase of a sentence: parties take the article the reasons give them.
    who = ", ".join(words.in_text(a) for a in act.actors)
    against = f" against {words.in_text(act.target)}" if act.target else ""
    parts.append(Text.assemble((words.constant(act.type), "italic"), f" by {who}{against}"))
    if act.engaged:
        table = Table(show_header=True, header_style="bold", expand=True, box=None, padding=(0, 1))
        table.add_column("principle", ratio=2)
        table.add_column("stance", ratio=1)
        table.add_column("parties", ratio=2)
        table.add_column("why", ratio=6)
        for e in act.engaged:
            table.add_row(
                Text(words.constant(e.principle)),
                Text(e.stance, style="red" if e.stance == "against" else "cyan"),
                Text(", ".join(words.name(p) for p in e.parties)),
                _reasons_text(e.reasons),
            )
        parts.append(table)
    else:
        parts.append(Text("No principle is engaged by this act.", style="dim"))
    if act.violations:
        parts.append(
            Text("Violations that stand: " + ", ".join(words.constant(p) for p in act.violations), style="red")
        )
    if act.contested_violations:
        parts.append(
            Text(
                "Violations in doubt: " + ", ".join(words.constant(p) for p in act.contested_violations), style="yellow"
            )
        )
    if act.summary:
        parts.append(Text("Not established: " + act.summary, style="yellow"))
    for j in act.justifications:
        parts.append(_justification(j, words))
    title = Text.assemble((act.title, "bold"), "  ", (act.verdict.upper(), _VERDICT_STYLE[act.verdict]))
    return Panel(Group(*parts), title=title, title_align="left", expand=True)  # type: ignore[arg-type]


def _justification(j: JustificationReport, words: _Namer) -> Panel:
    lines: list[object] = []
    failing = [e for e in j.elements if not e.holds]
    holding = [e for e in j.elements if e.holds]
    if holding:
        lines.append(
            Text("elements established: " + ", ".join(words.constant(e.element) for e in holding), style="dim")
        )
    if failing:
        lines.append(
            Text("elements not established: " + ", ".join(words.constant(e.element) for e in failing), style="red")
        )
    if j.contested_points:
        lines.append(Text("depends on contested points: " + ", ".join(j.contested_points), style="yellow"))
    if j.summary:
        lines.append(Text("not established: " + j.summary, style="yellow"))
    lines.append(_reasons_text(j.reasons))
    title = Text.assemble(
        (words.constant(j.type), "bold"),
        f" claimed by {', '.join(words.name(p) for p in j.claimed_by)}  ",
        (j.status.upper(), _STATUS_STYLE[j.status]),
    )
    return Panel(Group(*lines), title=title, title_align="left", border_style="dim")  # type: ignore[arg-type]


def _reasons_text(reasons: list[Reason]) -> Text:
    text = Text()
    for i, r in enumerate(reasons):
        if i:
            text.append("\n")
        text.append(f"{_MARK[r.status]} ", style="bold")
        text.append(r.text)
        if r.source:
            text.append(f"  [{r.source}]", style="dim")
    return text


def _conflicts_table(conflicts: list[ConflictReport], words: _Namer) -> Panel:
    table = Table(show_header=True, header_style="bold", expand=True, box=None, padding=(0, 1))
    table.add_column("act", ratio=2)
    table.add_column("for ↔ against", ratio=3)
    table.add_column("settled by", ratio=2)
    table.add_column("prevails", ratio=2)
    table.add_column("general relation", ratio=1)
    for c in conflicts:
        table.add_row(
            Text(words.name(c.act)),
            Text(f"{words.constant(c.for_principle)} ↔ {words.constant(c.against_principle)}"),
            Text(
                words.constant(c.settled_by) if c.settled_by else "unsettled dilemma",
                style="" if c.settled_by else "yellow",
            ),
            Text(words.constant(c.prevails) if c.prevails else "—"),
            Text(c.general_relation or "—"),
        )
    return Panel(table, title=Text("conflicts between principles"), title_align="left")
