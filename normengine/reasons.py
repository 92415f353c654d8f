"""The reasons a lawyer reads: per act, the verdict and the decisive reasons, each said once.

The explanation trees (:mod:`normengine.explain`) keep every step down to the facts; this
module keeps what decides: which principle the act breaches and why, and for each
justification claimed, whether it survives and what decided it (the element that failed and
on what authority, the contested point of law it needs, the basis of priority that settled a
conflict, the contested facts and the burden of proof). It reads the report
(:class:`~normengine.report.Report`), so that it says nothing the report does not, and the
case's names (:class:`~normengine.words.Words`).

``normengine explain`` prints it by default (``--full`` prints the whole tree instead); the
renderers of other formats use :func:`act_reasons` and :class:`Point`.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

from .report import ActReport, ConflictReport, ElementReport, Engagement, JustificationReport, Reason, Report
from .words import Words, join, with_article

__all__ = ["ActReasons", "Point", "act_reasons", "reasons", "render_text"]

_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_STATUS = {"survives": "survives", "defeated": "is defeated", "contested": "is contested"}


@dataclass(frozen=True)
class Point:
    """One decisive reason, in one or more sentences.

    Args:
        kind: ``verdict``, ``breach`` (what makes the act a breach), ``claim`` (a justification and its
            status), ``element`` (an element that failed), ``burden`` (an element decided on the burden of
            proof), ``doctrine`` (a contested point of law), ``priority`` (a basis of priority that settled a
            conflict), ``dilemma`` (a conflict left unsettled), ``answer`` (a justification that answers a
            breach), ``established`` (the elements that hold), ``facts`` (contested facts it depends on),
            ``weighed`` (a disputed fact of record that weighing who asserts each reading settled, naming them),
            ``shared`` (the reasons said for another claim decide this one too).
        text: the sentences.
        sources: the sources of what it says (the finding's own, never the claimant's assertion).
        claim: for the reasons about a justification, its id.
    """

    kind: str
    text: str
    sources: tuple[str, ...] = ()
    claim: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        out: dict[str, Any] = {"kind": self.kind, "text": self.text, "sources": list(self.sources)}
        if self.claim is not None:
            out["claim"] = self.claim
        return out


@dataclass
class ActReasons:
    """The verdict on one act and its decisive reasons, in order."""

    act: str
    title: str
    verdict: str
    points: list[Point] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "act": self.act,
            "title": self.title,
            "verdict": self.verdict,
            "reasons": [p.to_dict() for p in self.points],
        }

    def lines(self, width: int = 100) -> list[str]:
        """The reasons as text lines of at most ``width`` columns, with numbered authorities at the end."""
        notes: list[str] = []

        def cite(sources: tuple[str, ...]) -> str:
            marks = []
            for s in sources:
                if s not in notes:
                    notes.append(s)
                marks.append(str(notes.index(s) + 1))
            return f" [{', '.join(marks)}]" if marks else ""

        out = textwrap.wrap(
            f"{self.title[:1].upper()}{self.title[1:]}: {self.verdict.upper()}", width=width, break_on_hyphens=False
        )
        for p in self.points:
            indent = "  " if p.kind == "verdict" else ("      " if p.claim and p.kind != "claim" else "  ")
            bullet = "" if p.kind == "verdict" else ("- " if p.kind != "claim" else "* ")
            out.extend(
                textwrap.wrap(
                    p.text + cite(p.sources),
                    width=width,
                    initial_indent=indent + bullet,
                    subsequent_indent=indent + " " * len(bullet),
                    break_on_hyphens=False,
                )
            )
        if notes:
            out.append("  Authorities:")
            for i, note in enumerate(notes, 1):
                out.extend(textwrap.wrap(note, width=width, initial_indent=f"    [{i}] ", subsequent_indent="        "))
        return out


def reasons(report: Report, words: Words) -> list[ActReasons]:
    """The decisive reasons for every act of a report."""
    return [act_reasons(report, act.id, words) for act in report.acts]


def act_reasons(report: Report, act_id: str, words: Words) -> ActReasons:
    """The verdict on one act and its decisive reasons, each said once.

    Raises:
        KeyError: no act with that id.
    """
    act = report.act(act_id)
    facts = {f.id: f for f in report.contested_facts}
    out = ActReasons(act=act.id, title=act.title, verdict=act.verdict)
    said: dict[str, str | None] = {}  # each sentence said, and under which claim (None: about the act)
    said_for: dict[str, list[str]] = {}  # for a claim, the sentences said under it (its heading aside)
    repeated: dict[str, list[tuple[str, Point]]] = {}  # for a claim, the sentences already said for another
    sentences: set[str] = set()  # every sentence said

    def add(
        kind: str,
        text: str,
        sources: list[str | None] | tuple[str | None, ...] = (),
        claim: str | None = None,
        named: str | None = None,
    ) -> None:
        if kind != "verdict" and len(act.title) > _SHORT_TITLE:
            # A long title is said once, in the verdict: after it, "the act".
            text = _the_act(text, act.title)
            named = _the_act(named, act.title) if named else named
        text = _sentence(text)
        if not text:
            return
        kept = tuple(dict.fromkeys(s for s in sources if s))
        if text in said and kind != "claim":
            earlier = said[text]
            if claim is not None and earlier is not None and earlier != claim:
                # Kept with the claim's own name (``named``), in case it must be said again for this claim.
                again = _sentence(named) if named else text
                repeated.setdefault(claim, []).append((earlier, Point(kind, again, kept, claim)))
            return
        said.setdefault(text, claim)
        if claim is not None and kind != "claim":
            said_for.setdefault(claim, []).append(text)
        if kind != "claim":
            # A sentence that follows a point's first one and was said before (a perspective's position on a
            # point that two claims raise) is not said again.
            first, *rest = _SENTENCES.split(text)
            text = " ".join([first, *(x for x in rest if x not in sentences)])
            sentences.update(_SENTENCES.split(text))
        out.points.append(Point(kind, text, kept, claim))

    add("verdict", _verdict(act, words, report.perspective))
    if not act.established:
        add(
            "facts",
            f"The verdict turns on {_facts(act.depends_on, words)}: on some readings of them the act is "
            + ", on others ".join(act.possible_verdicts),
        )
    for ident in act.weighed:
        fact = facts.get(ident)
        if fact is not None and fact.settled_on is not None:
            add("weighed", _weighed(fact, words), [a.source for a in (*fact.followed, *fact.set_aside)])
    breached = set(act.violations) | set(act.contested_violations)
    for e in act.engaged:
        if e.stance != "against" or (breached and e.principle not in breached):
            continue
        first = e.reasons[0] if e.reasons else None
        if first is not None:
            add("breach", _breach(e, first, words), [first.source])
    conflicts: dict[str, list[ConflictReport]] = {}
    for c in report.conflicts:
        if c.act == act.id:
            conflicts.setdefault(c.claim, []).append(c)
    for j in act.justifications:
        _claim(j, words, facts, conflicts, add)
        by_earlier: dict[str, list[Point]] = {}
        for earlier, point in repeated.get(j.id, []):
            by_earlier.setdefault(earlier, []).append(point)
        for earlier, points in by_earlier.items():
            if {p.text for p in points} == set(said_for.get(earlier, [])):
                # Every reason said for the earlier claim decides this one too: say so once.
                add("shared", f"The reasons given above for {words.term(earlier)} decide it as well", [], j.id)
            else:
                # Only some of them do: name each, here, so that the claim's reasons are all under it (its first
                # sentence, with the claim's own name; what follows it was said above).
                for p in points:
                    lead: str = _SENTENCES.split(p.text)[0]
                    text = _sentence(f"As for {words.term(earlier)} above, {lead[:1].lower()}{lead[1:]}")
                    out.points.append(Point(p.kind, text, p.sources, p.claim))
    return out


def _verdict(act: ActReport, words: Words, perspective: str) -> str:
    title = act.title
    view = f"from the {perspective} perspective"
    principles = join([words.constant(p) for p in act.violations])
    if act.verdict == "unlawful":
        answered = "no justification claimed answers it" if act.justifications else "no justification is claimed"
        return f"{title} is unlawful {view}: it breaches {principles}, and {answered}"
    if act.verdict == "contested":
        doubtful = [words.constant(p) for p in act.contested_violations]
        what = (
            f"the breach{'es' if len(doubtful) > 1 else ''} of {join(doubtful)} it engages "
            f"{'are' if len(doubtful) > 1 else 'is'}"
            if doubtful
            else "a breach it engages is"
        )
        because = (
            ", because a justification claimed for it is itself contested"
            if any(j.status == "contested" for j in act.justifications)
            else ""
        )
        return f"{title} is contested {view}: {what} neither established nor answered{because}"
    against = sorted({e.principle for e in act.engaged if e.stance == "against"})
    if not against:
        return f"{title} is lawful {view}: it engages no principle against any party"
    surviving = [words.term(j.id) for j in act.justifications if j.status == "survives"]
    engaged = join([words.constant(p) for p in against])
    if surviving:
        verb = "answer" if len(surviving) > 1 else "answers"
        return f"{title} is lawful {view}: it engages {engaged}, and {join(surviving)} {verb} that"
    return f"{title} is lawful {view}: it engages {engaged}, but no breach is established"


def _claim(
    j: JustificationReport,
    words: Words,
    facts: dict[str, Any],
    conflicts: dict[str, list[ConflictReport]],
    emit: Any,
) -> None:
    name = words.term(j.id)

    def add(kind: str, text: str, sources: Any = (), claim: str | None = None) -> None:
        # Under the claim's own heading, its reasons call it "the claim" instead of repeating its name.
        named = text
        if kind != "claim":
            text = text.replace(name, "the claim").replace(name[:1].upper() + name[1:], "The claim")
            text = text.removeprefix("The claim: ")
        emit(kind, text, sources, claim, named)

    status = _STATUS[j.status]
    if j.status != "survives" and j.fails_on == "burden_of_proof":
        status += " on the burden of proof: an element it needs rests on contested facts, which the claimant must prove"
    add("claim", f"{name} {status}", [], j.id)
    if j.status == "survives":
        answers: dict[tuple[str | None, str | None], list[str]] = {}
        for r in j.reasons:
            if r.kind == "answer":
                answers.setdefault((r.rule, r.source), []).append(r.text)
        for (_rule, source), texts in answers.items():
            add("answer", _merge(list(dict.fromkeys(texts))), [source], j.id)
        holding = [words.constant(e.element) for e in j.elements if e.holds]
        if holding:
            add("established", f"Its elements are established: {join(holding)}", [], j.id)
        return
    failing = [e for e in j.elements if not e.holds]
    by_rule: dict[tuple[str | None, str | None], list[str]] = {}
    # Elements that rest only on the claimant's own word (rules/justifications/qualifications.lp), said once.
    own = [e for e in failing if e.on_burden and any(r.rule == _OWN_WORD for r in e.reasons)]
    if own:
        names = join([words.constant(e.element) for e in own])
        one = len(own) == 1
        add(
            "burden",
            f"{names} {'rests' if one else 'rest'} only on the claimant's own word, which is not proof: on the "
            f"burden of proof, {'it is' if one else 'they are'} not established",
            list(dict.fromkeys(r.source for e in own for r in e.reasons if r.rule == _OWN_WORD)),
            j.id,
        )
    for e in failing:
        if e in own:
            continue
        if e.on_burden:
            _element(e, j, words, add)
            continue
        for r in e.reasons:
            by_rule.setdefault((r.rule or r.text, r.source), []).append(r.text)
    for (_rule, source), texts in by_rule.items():
        add("element", _merge(list(dict.fromkeys(texts))), [source], j.id)
    priorities: dict[tuple[str | None, str], list[Reason]] = {}
    for r in j.reasons:
        if r.status == "rejected":
            continue
        if r.kind == "priority" and "(basis: " in r.text:
            priorities.setdefault((r.source, r.text.split(": ", 1)[-1]), []).append(r)
        elif r.kind in ("doctrine", "priority", "dilemma"):
            add(r.kind, r.text, [r.source], j.id)
    for (source, _tail), group in priorities.items():
        add("priority", _priority(group, conflicts.get(j.id, []), words), [source], j.id)
    if not j.established and j.depends_on:
        add(
            "facts",
            f"Its status turns on {_facts(j.depends_on, words)}: on some readings of them it "
            + ", on others it ".join(_STATUS[x] for x in j.possible_statuses),
            [],
            j.id,
        )


_OWN_WORD = "own_word_not_proof"
"""The rule by which an element that rests only on the claimant's own word is not established."""


def _breach(e: Engagement, first: Reason, words: Words) -> str:
    """The first reason a principle is engaged against the act, naming every party the same reason names:
    "Bulgaria, the German Democratic Republic, ... and the Soviet Union used armed force ..." rather than the
    first of them only. Reasons of the same rule and source that differ only in the party's name are said once;
    otherwise the first is said as it is."""
    names = sorted({words.in_text(p) for p in e.parties}, key=len, reverse=True)
    same = [r.text for r in e.reasons if r.rule == first.rule and r.source == first.source]
    if len(same) < 2 or not names:
        return first.text
    templates: set[str] = set()
    used: list[str] = []
    for text in same:
        for name in names:
            if text.startswith(name[:1].upper() + name[1:]):
                text = name + text[len(name) :]
            if name in text:
                templates.add(text.replace(name, "\0", 1))
                used.append(name)
                break
        else:
            return first.text
    if len(templates) != 1 or len(set(used)) != len(used):
        return first.text
    return templates.pop().replace("\0", join(used))


def _element(e: ElementReport, j: JustificationReport, words: Words, add: Any) -> None:
    element = words.constant(e.element)
    if e.on_burden:
        burden = [r for r in e.reasons if "burden" in r.text]
        own = f"{j.id}.{e.element}"
        others = [ident for ident in e.depends_on if ident != own]
        about = (
            "on readings of it that its authors dispute" + (f", and on {_facts(others, words)}" if others else "")
            if own in e.depends_on
            else f"on {_facts(e.depends_on, words)}"
        )
        add(
            "burden",
            f"Whether {element} is established turns {about}; the claimant bears the burden of proof, so the "
            "burden of proof decides that it is not established",
            [r.source for r in burden] or [r.source for r in e.reasons],
            j.id,
        )


def _merge(texts: list[str]) -> str:
    """Sentences from one template that differ in one place, said once: "establishes A, B and C"."""
    if len(texts) == 1:
        return texts[0]
    split = [t.split(" ") for t in texts]
    prefix = 0
    while all(len(w) > prefix for w in split) and len({tuple(w[: prefix + 1]) for w in split}) == 1:
        prefix += 1
    suffix = 0
    while all(len(w) - prefix > suffix for w in split) and len({tuple(w[len(w) - suffix - 1 :]) for w in split}) == 1:
        suffix += 1
    middles = [" ".join(w[prefix : len(w) - suffix]) for w in split]
    if not all(middles):
        return texts[0]
    head = " ".join(split[0][:prefix])
    tail = " ".join(split[0][len(split[0]) - suffix :]) if suffix else ""
    # The sentence now speaks of several things: "necessity and proportionality are not met".
    tail = ("are " + tail[3:] if tail.startswith("is ") else tail).replace(" proving it ", " proving them ")
    clean = [m.rstrip(",") for m in middles]
    comma = "," if middles[0].endswith(",") else ""
    return " ".join(x for x in (head, join(clean) + comma, tail) if x)


def _priority(group: list[Reason], conflicts: list[ConflictReport], words: Words) -> str:
    """Priority reasons of one claim that share their rule: said once, naming every principle that prevails."""
    text = group[0].text
    head, _, basis = text.rpartition(" (basis: ")
    basis = basis.removesuffix(")")
    settled = [c for c in conflicts if c.side == "against" and c.prevails]
    if len(group) > 1 and settled:
        _, _, why = head.partition(": ")
        winners = join(sorted({words.constant(c.prevails or "") for c in settled}))
        losing = join(sorted({words.constant(c.for_principle) for c in settled}))
        verb = "prevail" if len(settled) > 1 else "prevails"
        text = f"{winners} {verb} over {losing}, on the basis of {basis}"
        return f"{text}: {why}" if why else text
    return f"{head}, on the basis of {basis}" if basis else head


_KIND_WORDS = {
    "court": "a court",
    "security_council": "the Security Council",
    "general_assembly": "the General Assembly",
    "un_organ": "a United Nations organ",
    "commission": "a commission or fact-finding body",
    "party": "a party",
    "other_state": "another state",
    "other_organisation": "another organisation",
    "writer": "a writer",
    "unknown": "an author of unstated kind",
}


def _who(assertions: Any) -> str:
    """Authors in words, each with its kind."""
    return join([f"{with_article(a.author)} ({_KIND_WORDS.get(a.author_kind, a.author_kind)})" for a in assertions])


def _weighed(fact: Any, words: Words) -> str:
    """A disputed fact of record that the perspective's weighing of who asserts each reading settled, naming the
    authors it follows and those it sets aside (rules/justifications/record.lp)."""
    followed = fact.followed
    reading = followed[0].description if followed else "the reading followed"
    text = (
        f"The record is disputed on {fact_words(fact.id, words)}; this perspective weighs the readings by who asserts "
        f"them and follows the weightiest, {_who(followed)}, on its reading {fact.settled_on} ({reading})"
    )
    aside = fact.set_aside
    if aside:
        readings = join(sorted({f"{a.reading} ({a.description})" for a in aside}))
        text += f", setting aside the reading {readings} asserted by {_who(aside)}"
    return text


def _facts(ids: list[str], words: Words) -> str:
    """The contested facts, by the names of the things of the case they are about."""
    names = [fact_words(ident, words) for ident in ids]
    return "the contested facts about " + join(names) if names else "contested facts"


def fact_words(ident: str, words: Words) -> str:
    """A contested fact in words: ``OBJECT.FIELD`` (a qualification of an object of the case) is the field's
    words and the object's name, e.g. 'necessity (for the claim of humanitarian intervention by ...)'."""
    if words.name(ident) != ident:
        return words.name(ident)
    head, dot, field = ident.rpartition(".")
    if dot and words.name(head) != head:
        return f"{words.constant(field)} (for {words.in_text(head)})"
    return words.term(ident)


_SHORT_TITLE = 40  # a title longer than this is said once per act, then "the act"


def _the_act(text: str, title: str) -> str:
    """``text`` with the act's title, after the verdict, as "the act"."""
    text = text.replace(title[:1].upper() + title[1:], "the act").replace(title[:1].lower() + title[1:], "the act")
    return text.replace(title, "the act")


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!", ".)")) else text + "."


def render_text(items: list[ActReasons], width: int = 100) -> str:
    """The reasons for several acts as plain text."""
    blocks = ["\n".join(item.lines(width)) for item in items]
    return "\n\n".join(blocks) + "\n"
