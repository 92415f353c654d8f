"""From the atoms of a solve to the report.

This module reads the output predicates of the rules (``rules/core/show.lp``)
and the argumentation core's acceptance, and applies the report's documented
definitions (``docs/report.md``): a justification survives when it is accepted
under grounded semantics, is contested when some preferred extension accepts
it and the grounded one does not, and is defeated otherwise; an act is
unlawful when some violation it engages is accepted under grounded semantics,
lawful when every one is rejected, contested otherwise. What counts as a
violation, a justification or an attack is decided by the rules, not here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from clingo import Function, String, Symbol, SymbolType

from . import symbols as sy
from .authorities import cite_report
from .case import Case
from .explain import Derivations, Explainer, Node
from .modal import Key, Modal
from .report import (
    ActReport,
    ConflictReport,
    ContestedFactReport,
    ElementReport,
    Engagement,
    Explanation,
    JustificationReport,
    ReadingReport,
    Reason,
    Report,
)
from .rulesets import Program, RuleSet
from .words import Words

__all__ = ["Acceptance", "Analysis", "analyse", "build_report"]


@dataclass(frozen=True)
class Acceptance:
    """Which arguments are accepted under which semantics."""

    arguments: frozenset[Symbol]
    grounded_in: frozenset[Symbol]
    grounded_out: frozenset[Symbol]
    credulous: frozenset[Symbol]
    attackers: dict[Symbol, list[Symbol]]

    def status(self, arg: Symbol) -> str:
        """``accepted``, ``rejected`` or ``undecided`` under grounded semantics."""
        if arg in self.grounded_in:
            return "accepted"
        if arg in self.grounded_out:
            return "rejected"
        return "undecided"


class Analysis:
    """The atoms of one solve, indexed, with their derivations and words."""

    def __init__(
        self,
        case: Case,
        program: Program,
        atoms: list[Symbol],
        modal: Modal | None = None,
        facts: list[Symbol] | None = None,
        explain: bool = True,
    ) -> None:
        self.explain = explain
        self._first: dict[tuple[str, int], dict[Symbol, list[Symbol]]] = {}
        self._violations: dict[Symbol, list[Symbol]] | None = None
        self._targets: dict[Symbol, list[Symbol]] | None = None
        self.case = case
        self.program = program
        self.atoms = atoms
        self.modal = modal
        self.by_pred: dict[tuple[str, int], list[Symbol]] = defaultdict(list)
        for atom in atoms:
            self.by_pred[(sy.name(atom), len(sy.args(atom)))].append(atom)
        labels = {
            a.arguments[0].name: a.arguments[1].string
            for a in self.by_pred[("label", 2)]
            if a.arguments[0].type == SymbolType.Function and a.arguments[1].type == SymbolType.String
        }
        self.words = Words(case, labels)
        self.derivations = Derivations(program, [*atoms, *(facts or [])], case, self.words)
        attackers: dict[Symbol, list[Symbol]] = defaultdict(list)
        for a in self.by_pred[("att", 2)]:
            attackers[a.arguments[1]].append(a.arguments[0])
        cautious = modal.cautious if modal is not None else None

        def grounded(name: str) -> frozenset[Symbol]:
            return frozenset(a.arguments[0] for a in self.by_pred[(name, 1)] if cautious is None or a in cautious)

        self.acceptance = Acceptance(
            arguments=frozenset(a.arguments[0] for a in self.by_pred[("arg", 1)]),
            grounded_in=grounded("af_gr_in"),
            grounded_out=grounded("af_gr_out"),
            credulous=frozenset(a.arguments[0] for a in self.by_pred[("af_in", 1)]),
            attackers={k: sorted(v) for k, v in attackers.items()},
        )
        self.explainer = Explainer(self.derivations, self.acceptance)

    def pred(self, name: str, arity: int) -> list[Symbol]:
        """Every atom of a predicate."""
        return self.by_pred.get((name, arity), [])

    def about(self, name: str, arity: int, first: Symbol) -> list[Symbol]:
        """The atoms of a predicate whose first argument is ``first`` (indexed once per predicate)."""
        key = (name, arity)
        index = self._first.get(key)
        if index is None:
            index = defaultdict(list)
            for atom in self.pred(name, arity):
                index[sy.args(atom)[0]].append(atom)
            self._first[key] = index
        return index.get(first, [])

    def violations_of(self, act: Symbol) -> list[Symbol]:
        """The violation arguments about an act."""
        if self._violations is None:
            self._violations = defaultdict(list)
            for arg in self.acceptance.arguments:
                if sy.name(arg) == "violation" and len(sy.args(arg)) == 3:
                    self._violations[sy.args(arg)[0]].append(arg)
        return self._violations.get(act, [])

    def attacked_by(self, attacker: Symbol) -> list[Symbol]:
        """The arguments an argument attacks, sorted."""
        if self._targets is None:
            self._targets = defaultdict(list)
            for target, attackers in self.acceptance.attackers.items():
                for a in attackers:
                    self._targets[a].append(target)
            for targets in self._targets.values():
                targets.sort()
        return self._targets.get(attacker, [])

    def reason(self, atom: Symbol, kind: str, status: str | None = None) -> Reason:
        """A reason for an atom, from the first rule that derived it."""
        derivations = self.derivations.of(atom)
        if derivations:
            d = derivations[0]
            return Reason(
                text=self.derivations.sentence(d), source=d.rule.source, rule=d.rule.id, kind=kind, status=status
            )
        _, source = self.derivations.fact_source(atom)
        return Reason(text=self.derivations.describe(atom), source=source, kind=kind, status=status)

    def perspective_source(self, point: Symbol) -> str | None:
        """The source the perspective gives for its position on a point."""
        for pos in ("accept", "reject"):
            meta = self.program.facts.get(str(Function("position", [point, Function(pos)])))
            if meta is not None:
                return meta.source
        return None


def analyse(
    case: Case,
    program: Program,
    atoms: list[Symbol],
    modal: Modal | None = None,
    facts: list[Symbol] | None = None,
    *,
    explain: bool = True,
) -> Analysis:
    """Index the atoms of a solve (and, for contested facts, its modal consequences)."""
    return Analysis(case, program, atoms, modal, facts, explain)


def _s(x: str) -> Symbol:
    return String(x)


def _term_id(sym: Symbol) -> str:
    """A term as a stable machine id: a string's text, or the term as clingo prints it."""
    return sym.string if sym.type == SymbolType.String else str(sym)


def _args_str(atom: Symbol, i: int) -> str:
    arg = atom.arguments[i]
    return arg.string if arg.type == SymbolType.String else str(arg)


def build_report(
    analysis: Analysis,
    ruleset: RuleSet,
    perspective: str,
    engine_version: str,
    ruleset_hash: str,
) -> Report:
    """Build the report from an analysed solve.

    Args:
        analysis: the indexed atoms of the solve.
        ruleset: the rule set used.
        perspective: the perspective id used.
        engine_version: normengine's version.
        ruleset_hash: the hash of the rule files used.
    """
    case = analysis.case
    acts = [_act(analysis, act.id) for act in sorted(case.acts, key=lambda a: a.id)]
    report = Report(
        case=case.id,
        title=case.title,
        date=case.date.isoformat(),
        perspective=perspective,
        ruleset=ruleset.name,
        ruleset_version=ruleset.version,
        engine_version=engine_version,
        ruleset_hash=ruleset_hash,
        acts=acts,
        conflicts=_conflicts(analysis),
        contested_facts=_contested_facts(analysis),
    )
    return cite_report(report, ruleset.authorities())


def _contested_facts(an: Analysis) -> list[ContestedFactReport]:
    if an.modal is None:
        return []
    out = []
    for fact in sorted(an.modal.contested, key=lambda f: f.ident):
        readings = [
            ReadingReport(reading=i, description=text, source=source) for i, (text, source) in enumerate(fact.readings)
        ]
        out.append(ContestedFactReport(id=fact.ident, readings=readings))
    return out


def _possible(an: Analysis, key: Key, value: str) -> tuple[bool, list[str], list[str]]:
    """(established, possible values, contested facts it depends on) of a conclusion."""
    if an.modal is None:
        return True, [value], []
    values = sorted(an.modal.possible.get(key, {value}))
    return len(values) == 1, values, sorted(an.modal.depends_on.get(key, set()))


def _act(an: Analysis, act_id: str) -> ActReport:
    case = an.case
    act = next(a for a in case.acts if a.id == act_id)
    sid = _s(act_id)
    acc = an.acceptance

    groups: dict[tuple[str, str], list[Symbol]] = defaultdict(list)
    for atom in an.about("engaged_norm", 5, sid):
        groups[(atom.arguments[1].name, atom.arguments[3].name)].append(atom)
    engaged = []
    for (principle, stance), atoms in sorted(groups.items()):
        parties = sorted({_args_str(a, 2) for a in atoms})
        norms = sorted({_term_id(a.arguments[4]) for a in atoms})
        reasons = _unique([an.reason(a, "engagement") for a in atoms])
        engaged.append(Engagement(principle=principle, stance=stance, parties=parties, norms=norms, reasons=reasons))

    violation_args = [a for a in an.violations_of(sid)]
    standing = sorted({v.arguments[1].name for v in violation_args if v in acc.grounded_in})
    undecided = sorted(
        {v.arguments[1].name for v in violation_args if v not in acc.grounded_in and v not in acc.grounded_out}
        - set(standing)
    )
    if standing:
        verdict = "unlawful"
    elif all(v in acc.grounded_out for v in violation_args):
        verdict = "lawful"
    else:
        verdict = "contested"
    established, possible, depends = _possible(an, ("verdict", act_id), verdict)
    if an.modal is not None:
        verdict = possible[0] if established else "contested"
        standing = sorted(p for (kind, a, p), vals in _violation_keys(an) if a == act_id and vals == {"stands"})
        undecided = sorted(
            p for (kind, a, p), vals in _violation_keys(an) if a == act_id and "stands" in vals and len(vals) > 1
        )

    claims = sorted((c for c in case.justifications if c.act == act_id), key=lambda c: c.id)
    explanation = verdict_explanation(an, act_id, verdict, violation_args) if an.explain else None
    return ActReport(
        id=act.id,
        title=an.words.name(act.id),
        type=act.type,
        actors=sorted(act.actors),
        target=act.target,
        verdict=verdict,
        engaged=engaged,
        violations=standing,
        contested_violations=undecided,
        justifications=[_claim(an, c.id, c.type, c.claimed_by) for c in claims],
        established=established,
        possible_verdicts=possible,
        depends_on=depends,
        explanation=to_model(explanation) if explanation is not None else None,
    )


def _violation_keys(an: Analysis) -> list[tuple[tuple[str, str, str], set[str]]]:
    assert an.modal is not None
    return [((k[0], k[1], k[2]), v) for k, v in an.modal.possible.items() if k[0] == "violation"]


def _claim(an: Analysis, claim_id: str, jtype: str, claimed_by: list[str]) -> JustificationReport:
    acc = an.acceptance
    sid = _s(claim_id)
    arg = Function("justified", [sid])
    if arg in acc.grounded_in:
        status = "survives"
    elif arg in acc.credulous:
        status = "contested"
    else:
        status = "defeated"
    established, possible, depends = _possible(an, ("status", claim_id), status)
    if an.modal is not None:
        status = possible[0] if established else "contested"

    reasons: list[Reason] = []
    for attacker in acc.attackers.get(arg, []):
        st = acc.status(attacker)
        reasons.extend(_attack_reasons(an, attacker, sid, st))
    for target in an.attacked_by(arg):
        if target.name == "violation" and status != "defeated":
            st = "accepted" if arg in acc.grounded_in else ("rejected" if arg in acc.grounded_out else "undecided")
            reasons.append(an.reason(Function("att", [arg, target]), "answer", st))
    for atom in an.about("remark", 2, sid):
        reasons.append(an.reason(atom, "remark"))

    elements: dict[str, ElementReport] = {}
    fails = {a.arguments[1].name: a for a in an.about("element_fails", 2, sid)}
    for atom in an.about("element_holds", 2, sid):
        if atom.arguments[0] == sid:
            name = atom.arguments[1].name
            elements[name] = ElementReport(element=name, holds=True, reasons=[])
    for name, atom in fails.items():
        texts = [
            Reason(text=an.derivations.sentence(d), source=d.rule.source, rule=d.rule.id, kind="element")
            for d in an.derivations.of(atom)
        ] or [an.reason(atom, "element")]
        elements[name] = ElementReport(element=name, holds=False, reasons=_unique(texts))
    burden_failure = False
    law_failure = False
    if an.modal is not None:
        for name in list(elements):
            key = ("element", claim_id, name)
            on_burden = (claim_id, name) in an.modal.burden
            values = an.modal.possible.get(key, {"holds" if elements[name].holds else "fails"})
            elements[name] = elements[name].model_copy(
                update={
                    "holds": values == {"holds"} and not on_burden,
                    "on_burden": on_burden,
                    "depends_on": sorted(an.modal.depends_on.get(key, set())),
                }
            )
    for e in elements.values():
        if not e.holds:
            burden_failure = burden_failure or e.on_burden
            law_failure = law_failure or not e.on_burden
    if status != "survives":
        other_defeat = any(
            r.kind in ("doctrine", "priority", "dilemma") and r.status in ("accepted", "undecided") for r in reasons
        )
        fails_on = "law" if law_failure or other_defeat or not burden_failure else "burden_of_proof"
    else:
        fails_on = None
    points = sorted(an.words.constant(a.arguments[1].name) for a in an.about("raises", 2, sid))
    return JustificationReport(
        id=claim_id,
        type=jtype,
        claimed_by=sorted(claimed_by),
        status=status,
        reasons=_unique(reasons),
        elements=[elements[k] for k in sorted(elements)],
        contested_points=points,
        established=established,
        possible_statuses=possible,
        depends_on=depends,
        fails_on=fails_on,
        explanation=to_model(an.explainer.argument(arg)) if an.explain else None,
    )


def _attack_reasons(an: Analysis, attacker: Symbol, claim: Symbol, status: str) -> list[Reason]:
    name = attacker.name
    if name == "fails":
        atom = Function("element_fails", attacker.arguments)
        return [
            Reason(text=an.derivations.sentence(d), source=d.rule.source, rule=d.rule.id, kind="element", status=status)
            for d in an.derivations.of(atom)
        ] or [an.reason(atom, "element", status)]
    if name in ("rejected", "disputed"):
        point = attacker.arguments[1]
        base = an.reason(Function("raises", attacker.arguments), "doctrine", status)
        if name == "rejected":
            text = f"{base.text}. This perspective rejects {an.words.term(point)}."
            source = an.perspective_source(point) or base.source
        else:
            text = f"{base.text}. This perspective takes no side on it, so it stays contested."
            source = base.source
        return [Reason(text=text, source=source, rule=base.rule, kind="doctrine", status=status)]
    if name == "violation":
        act, principle = attacker.arguments[0], attacker.arguments[1]
        out = []
        for atom in an.about("prevails", 5, act):
            a = atom.arguments
            if a[1] == claim and a[2] == principle and a[3].name == "against":
                prefers = Function("prefers", [a[4], a[0], a[1], a[2], a[3]])
                r = an.reason(prefers, "priority", status)
                out.append(
                    Reason(
                        text=f"{r.text} (basis: {an.words.term(a[4])})",
                        source=r.source,
                        rule=r.rule,
                        kind="priority",
                        status=status,
                    )
                )
        if not out:
            unsettled = Function("unsettled", [act, claim, principle])
            out.append(an.reason(unsettled, "dilemma", status))
        return out
    return [an.reason(Function("arg", [attacker]), "element", status)]


def _conflicts(an: Analysis) -> list[ConflictReport]:
    prevails: dict[tuple[Symbol, Symbol, Symbol], Symbol] = {}
    for atom in an.pred("prevails", 5):
        a = atom.arguments
        prevails[(a[0], a[1], a[2])] = atom
    relations = {(a.arguments[0].name, a.arguments[1].name): a.arguments[2].name for a in an.pred("related", 3)}
    out = []
    for atom in an.pred("conflict_between", 4):
        act, claim, pf, pa = atom.arguments
        key = (act, claim, pa)
        won = prevails.get(key)
        if won is not None:
            basis = won.arguments[4]
            side = won.arguments[3].name
            prefers = Function("prefers", [basis, act, claim, pa, won.arguments[3]])
            derivs = an.derivations.of(prefers)
            rule = derivs[0].rule.id if derivs else None
            reason = an.reason(prefers, "priority")
            reasons = [
                Reason(
                    text=f"{reason.text} (basis: {an.words.term(basis)})",
                    source=reason.source,
                    rule=reason.rule,
                    kind="priority",
                )
            ]
            settled_by: str | None = basis.name
            winner: str | None = pf.name if side == "for" else pa.name
            won_side: str | None = side
        else:
            rule = None
            settled_by = None
            winner = None
            won_side = None
            reasons = [an.reason(Function("unsettled", [act, claim, pa]), "dilemma")]
        relation = relations.get((pf.name, pa.name))
        out.append(
            ConflictReport(
                act=_args_str(atom, 0),
                principles=sorted([pf.name, pa.name]),
                for_principle=pf.name,
                against_principle=pa.name,
                claim=_args_str(atom, 1),
                settled_by=settled_by,
                rule=rule,
                prevails=winner,
                side=won_side,
                general_relation=relation,
                reasons=reasons,
            )
        )
    out.sort(key=lambda c: (c.act, c.claim, c.against_principle))
    return out


def _unique(reasons: list[Reason]) -> list[Reason]:
    seen: set[tuple[str, str | None, str]] = set()
    out = []
    for r in sorted(reasons, key=lambda r: (r.kind, r.status or "", r.text)):
        key = (r.text, r.rule, r.kind)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def verdict_explanation(
    an: Analysis, act_id: str, verdict: str, violation_args: list[Symbol] | None = None, *, full: bool = False
) -> Node:
    """Why an act has its verdict: the violations it engages and their fate."""
    sid = _s(act_id)
    if violation_args is None:
        violation_args = [a for a in an.violations_of(sid)]
    name = an.words.name(act_id)
    violation_args = sorted(violation_args)
    if not violation_args:
        return Node(f"{name} is lawful: it engages no principle against any party.", "verdict")
    if verdict == "unlawful":
        shown = [v for v in violation_args if v in an.acceptance.grounded_in]
        text = f"{name} is unlawful: a violation it engages is accepted and no justification answers it."
    elif verdict == "lawful":
        shown = violation_args
        text = f"{name} is lawful: every violation it engages is rejected, answered by a justification that survives."
    else:
        shown = [v for v in violation_args if an.acceptance.status(v) == "undecided"]
        text = f"{name} is contested: no violation is accepted, but not every violation is rejected."
    node = Node(text, "verdict")
    for v in shown:
        node.children.append(an.explainer.argument(v, full=full))
    return node


def to_model(node: Node) -> Explanation:
    """An explanation tree as the report's pydantic model."""
    return Explanation.model_validate(node.to_dict())
