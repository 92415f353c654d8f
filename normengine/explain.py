"""Derivations: which rule produced an atom, with which bindings, from which premises.

The rule loader instruments every annotated rule so that a solve records
``__fired_K(V1,...,Vn)`` (``Program.fired`` maps K to the rule). From such a record and the rule's AST this
module rebuilds the rule's head (the conclusion), its positive body atoms (the
premises) and its negated body atoms (what had to be absent), and puts each
into words with the sentence the rule author wrote next to the rule.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

import clingo
from clingo import Function, Symbol, SymbolType

from . import symbols as sy
from .case import Case
from .rulesets import FIRED, Program, RuleMeta, Term
from .words import Words

__all__ = ["Derivation", "Derivations", "Explainer", "Node"]

Builder = Callable[[dict[str, Symbol]], Symbol]


@dataclass(frozen=True)
class Derivation:
    """One firing of a rule.

    Args:
        rule: the rule's metadata.
        bindings: the values of its variables.
        head: the atom it derived.
        premises: its positive body atoms, instantiated.
        absent: its negated body atoms, as (predicate, arguments) with None for anonymous arguments.
    """

    rule: RuleMeta
    bindings: dict[str, Symbol]
    head: Symbol
    premises: tuple[Symbol, ...]
    absent: tuple[tuple[str, tuple[Symbol | None, ...]], ...]


@dataclass
class Node:
    """A node of an explanation tree.

    Args:
        text: the conclusion or fact, in words.
        kind: ``rule`` (a rule applied), ``fact`` (a fact of the case file), ``law``
            (a fact of the rule set), ``absent`` (something not shown), ``argument``
            (an argument and its fate), ``attack`` (an attack on it).
        source: the legal source (for rules and law) or the case file's citation (for facts).
        rule: the id of the rule applied.
        status: for arguments: accepted, rejected or undecided.
        children: the reasons below it.
    """

    text: str
    kind: str
    source: str | None = None
    rule: str | None = None
    status: str | None = None
    children: list[Node] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (keys in a fixed order)."""
        out: dict[str, Any] = {"text": self.text, "kind": self.kind}
        if self.source is not None:
            out["source"] = self.source
        if self.rule is not None:
            out["rule"] = self.rule
        if self.status is not None:
            out["status"] = self.status
        if self.children:
            out["children"] = [c.to_dict() for c in self.children]
        return out


class Derivations:
    """Every derivation recorded by a solve, indexed by the atom derived.

    Args:
        program: the instrumented program that was solved.
        atoms: the atoms of the solve (the ``__fired_K`` records among them).
        case: the case, to find the source of its facts.
        words: how to put terms into words.
    """

    def __init__(self, program: Program, atoms: Iterable[Symbol], case: Case, words: Words) -> None:
        self.program = program
        self.case = case
        self.words = words
        self._atoms: set[Symbol] = set()
        self._fired: dict[str, list[Symbol]] = defaultdict(list)
        for atom in atoms:
            self._atoms.add(atom)
            rid = program.fired.get(sy.name(atom)) if sy.name(atom).startswith(FIRED) else None
            if rid is not None:
                self._fired[rid].append(atom)
        # Rules by the signature of their head, so that derivations are rebuilt
        # only for the predicates someone asks about.
        self._by_signature: dict[tuple[str, int], list[str]] = defaultdict(list)
        for rid, meta in program.rules.items():
            if meta.head is not None and meta.head[0] == "f":
                self._by_signature[(meta.head[1], len(meta.head[2]))].append(rid)
        self._built: set[tuple[str, int]] = set()
        self._by_pred: dict[tuple[str, int], list[Symbol]] | None = None
        self._first_index: dict[tuple[str, int], dict[Symbol, list[Symbol]]] = {}
        self.by_head: dict[Symbol, list[Derivation]] = defaultdict(list)
        self._input_docs = {key: doc for key, doc in program.docs.items() if doc.file.endswith("inputs.lp")}

    def _build(self, signature: tuple[str, int]) -> None:
        self._built.add(signature)
        touched: set[Symbol] = set()
        for rid in self._by_signature.get(signature, []):
            records = self._fired.get(rid)
            if not records:
                continue
            meta = self.program.rules[rid]
            compiled = _Compiled(meta)
            for record in records:
                bindings = dict(zip(meta.variables, sy.args(record), strict=False))
                derivation = compiled.derive(bindings)
                if derivation is not None:
                    self.by_head[derivation.head].append(derivation)
                    touched.add(derivation.head)
        for head in touched:
            self.by_head[head].sort(key=lambda d: (d.rule.id or "", [str(v) for v in d.bindings.values()]))

    def atoms_of(self, name: str, arity: int) -> list[Symbol]:
        """Every atom of the solve with this predicate."""
        if self._by_pred is None:
            index: dict[tuple[str, int], list[Symbol]] = defaultdict(list)
            for atom in self._atoms:
                if sy.is_function(atom):
                    index[(sy.name(atom), len(sy.args(atom)))].append(atom)
            for atoms in index.values():
                atoms.sort()
            self._by_pred = index
        return self._by_pred.get((name, arity), [])

    def blockers(self, rule: RuleMeta, bindings: dict[str, Symbol], limit: int = 20) -> list[Symbol]:
        """Why a rule did not fire for these head bindings: the atoms that its negated literals met.

        The positive literals are matched against the solve's atoms (a small join), the
        comparisons checked, and for each complete match the atoms that a negated literal
        finds are returned: they are what blocked the rule.
        """
        matches = [dict(bindings)]
        for term in rule.body:
            extended: list[dict[str, Symbol]] = []
            for b in matches:
                for atom in self._candidates(term, b):
                    nb = _unify(term, atom, b)
                    if nb is not None:
                        extended.append(nb)
                        if len(extended) >= 200:
                            break
            matches = extended
            if not matches:
                return []
        matches = [b for b in matches if all(_compare(c, b) for c in rule.comparisons)]
        found: list[Symbol] = []
        for b in matches:
            for term in rule.negative:
                for atom in self._candidates(term, b):
                    if _unify(term, atom, b, wildcard=True) is not None and atom not in found:
                        found.append(atom)
                        if len(found) >= limit:
                            return found
        return found

    def _candidates(self, term: Term, bindings: dict[str, Symbol]) -> list[Symbol]:
        if term[0] != "f":
            return []
        name, args = term[1], term[2]
        if not args:
            return self.atoms_of(name, 0)
        first = args[0]
        key: Symbol | None = None
        if first[0] == "v" and first[1] in bindings:
            key = bindings[first[1]]
        elif first[0] == "s":
            key = _parsed(first[1])
        if key is None:
            return self.atoms_of(name, len(args))
        index = self._first_index.get((name, len(args)))
        if index is None:
            index = defaultdict(list)
            for atom in self.atoms_of(name, len(args)):
                index[sy.args(atom)[0]].append(atom)
            self._first_index[(name, len(args))] = index
        return index.get(key, [])

    def holds(self, atom: Symbol) -> bool:
        """Whether the atom is among the solve's atoms or derived by a recorded rule."""
        return atom in self._atoms or bool(self.of(atom))

    def of(self, atom: Symbol) -> list[Derivation]:
        """The recorded derivations of an atom (empty for facts)."""
        signature = (sy.name(atom), len(sy.args(atom)))
        if signature not in self._built:
            self._build(signature)
        return self.by_head.get(atom, [])

    def sentence(self, derivation: Derivation) -> str:
        """The rule's own sentence, filled with the words for its bindings."""
        if derivation.rule.says:
            return self.words.fill(derivation.rule.says, derivation.bindings)
        return self.describe(derivation.head)

    def describe(self, atom: Symbol) -> str:
        """An atom in words, through its predicate's ``Reads:`` line."""
        doc = self.program.docs.get((atom.name, len(atom.arguments)))
        if doc is not None and doc.reads:
            return self.words.fill(doc.reads, dict(zip(doc.args, atom.arguments, strict=False)))
        return self.words.term(atom)

    def describe_absent(self, name: str, args: tuple[Symbol | None, ...]) -> str:
        """A negated body atom in words: what had to be absent."""
        doc = self.program.docs.get((name, len(args)))
        if doc is not None and doc.reads:
            bindings: dict[str, Symbol] = {}
            template = doc.reads
            for i, (arg_name, value) in enumerate(zip(doc.args, args, strict=False)):
                if value is None:
                    what = doc.arg_docs[i].split("|")[0].strip() if i < len(doc.arg_docs) and doc.arg_docs[i] else ""
                    template = template.replace("{" + arg_name + "}", f"any {what}" if what else "any")
                else:
                    bindings[arg_name] = value
            text = self.words.fill(template, bindings)
        else:
            text = self.words.constant(name)
        return "Not shown: " + text

    def fact_source(self, atom: Symbol) -> tuple[str, str | None]:
        """Whether an atom is a case fact or a fact of the rule set, and its source."""
        law = self.program.facts.get(str(atom))
        if law is not None:
            return "law", law.source
        return "fact", self._case_source(atom)

    def is_input(self, atom: Symbol) -> bool:
        """Whether the atom's predicate is one of the case inputs."""
        return (atom.name, len(atom.arguments)) in self._input_docs

    def _case_source(self, atom: Symbol) -> str | None:
        if not atom.arguments:
            return None
        first = atom.arguments[0]
        if atom.name == "assessment" and len(atom.arguments) == 3 and first.type == SymbolType.String:
            claim = next((c for c in self.case.justifications if c.id == first.string), None)
            element = atom.arguments[1].name if atom.arguments[1].type == SymbolType.Function else ""
            if claim is not None:
                found = next((a for a in claim.assessments if a.element == element), None)
                if found is not None and found.source:
                    return found.source
                return claim.source
        if first.type == SymbolType.Function and first.name == "auth" and len(first.arguments) == 2:
            res = next((r for r in self.case.resolutions if r.id == first.arguments[0].string), None)
            if res is not None:
                index = first.arguments[1].number - 1
                if 0 <= index < len(res.authorisations) and res.authorisations[index].source:
                    return res.authorisations[index].source
                return res.source
        if atom.name == "member" and len(atom.arguments) == 2:
            first = atom.arguments[1]
        if first.type == SymbolType.String:
            obj = self.case.objects().get(first.string)
            source = getattr(obj, "source", None)
            return source if isinstance(source, str) else None
        if atom.name == "case_date":
            return f"case file {self.case.id}"
        return None

    def tree(self, atom: Symbol, *, depth: int = 12, seen: frozenset[Symbol] = frozenset(), full: bool = False) -> Node:
        """The tree of reasons for an atom, down to the facts of the case and of the rule set.

        Args:
            atom: the conclusion.
            depth: how deep to go before stopping.
            seen: atoms already on the path (cycles stop there).
            full: keep the facts that only say that something exists (``act(A)``, ``claim(C)``, ...).
        """
        derivations = self.of(atom)
        if not derivations or depth <= 0 or atom in seen:
            kind, source = self.fact_source(atom)
            if derivations:
                return Node(self.sentence(derivations[0]), "rule", derivations[0].rule.source, derivations[0].rule.id)
            return Node(self.describe(atom), kind, source)
        first = derivations[0]
        node = Node(self.sentence(first), "rule", first.rule.source, first.rule.id)
        inner = seen | {atom}
        for premise in first.premises:
            if not full and self._existence_fact(premise):
                continue
            node.children.append(self.tree(premise, depth=depth - 1, seen=inner, full=full))
        for name, args in first.absent:
            node.children.append(Node(self.describe_absent(name, args), "absent"))
        if not full and len(node.children) == 1 and node.children[0].kind == "rule":
            # A rule that only restates the one rule below it adds nothing: keep the one with the law in it.
            return node.children[0]
        return node

    def _existence_fact(self, atom: Symbol) -> bool:
        """A case fact that only says that an object exists (``act(A)``, ``party(P)``, ...)."""
        return len(atom.arguments) == 1 and self.is_input(atom)


class Acceptance(Protocol):
    """What the explainer needs to know about the acceptance of arguments."""

    def status(self, arg: Symbol) -> str: ...

    @property
    def attackers(self) -> dict[Symbol, list[Symbol]]: ...


class Explainer:
    """Explanations of conclusions: derivations, and why arguments are accepted or rejected.

    Args:
        derivations: the recorded derivations of a solve.
        acceptance: which arguments are accepted under grounded semantics.
    """

    def __init__(self, derivations: Derivations, acceptance: Acceptance) -> None:
        self.d = derivations
        self.acc = acceptance
        self.words = derivations.words
        self._elements: dict[tuple[Symbol, bool], Node | None] = {}

    def argument(
        self, arg: Symbol, *, full: bool = False, depth: int = 6, path: frozenset[Symbol] = frozenset()
    ) -> Node:
        """Why an argument exists, and why it is accepted, rejected or undecided under grounded semantics."""
        status = self.acc.status(arg)
        node = Node(self._argument_text(arg, status), "argument", status=status)
        origin = self.d.tree(Function("arg", [arg]), full=full)
        if full or origin.children or origin.kind != "rule":
            node.children.append(origin)
        attackers = self.acc.attackers.get(arg, [])
        if not attackers and full:
            node.children.append(Node("Nothing attacks this argument.", "attack"))
        if depth <= 0 or arg in path:
            return node
        inner = path | {arg}
        for attacker in attackers:
            astatus = self.acc.status(attacker)
            if status == "rejected" and astatus != "accepted" and not full:
                continue  # concise: only the attacks that succeed explain a rejection
            attack = Node(self._attack_text(attacker, arg, astatus), "attack", status=astatus)
            att = Function("att", [attacker, arg])
            why = self.d.of(att)
            if why:
                attack.text = f"{self.d.sentence(why[0])}: {self._outcome(astatus)}"
                attack.source, attack.rule = why[0].rule.source, why[0].rule.id
                if full or attacker.name == "violation":
                    for premise in why[0].premises:
                        if premise.name in ("prevails", "unsettled") or full:
                            attack.children.append(self.d.tree(premise, full=full, depth=4))
            attack.children.append(self.argument(attacker, full=full, depth=depth - 1, path=inner))
            node.children.append(attack)
        if arg.name == "justified" and len(arg.arguments) == 1 and (full or status != "rejected"):
            # Why the elements hold explains a claim that stands; a defeated claim is explained by what defeats it.
            established = self.elements(arg.arguments[0], full=full)
            if established is not None:
                node.children.append(established)
            for target, atts in sorted(self.acc.attackers.items()):
                if arg in atts and target.name == "violation" and (status != "rejected" or full):
                    answer = self.d.of(Function("att", [arg, target]))
                    if answer:
                        node.children.append(
                            Node(self.d.sentence(answer[0]), "rule", answer[0].rule.source, answer[0].rule.id)
                        )
        return node

    @staticmethod
    def _outcome(status: str) -> str:
        return {
            "accepted": "the attack succeeds, because the attacker is accepted",
            "rejected": "the attack fails, because the attacker is itself rejected",
            "undecided": "neither side prevails",
        }[status]

    def elements(self, claim: Symbol, *, full: bool = False) -> Node | None:
        """The elements of a claim that hold, each with what establishes it (computed once per claim)."""
        key = (claim, full)
        if key not in self._elements:
            self._elements[key] = self._compute_elements(claim, full=full)
        return self._elements[key]

    def _compute_elements(self, claim: Symbol, *, full: bool = False) -> Node | None:
        holding = sorted(a.arguments[1] for a in self.d.atoms_of("element_holds", 2) if a.arguments[0] == claim)
        if not holding:
            return None
        node = Node(f"Elements established for {self.words.term(claim)}", "rule")
        rules = [
            m for m in self.d.program.rules.values() if m.head and m.head[0] == "f" and m.head[1] == "element_fails"
        ]
        for element in holding:
            target = Function("element_fails", [claim, element])
            support: list[Symbol] = []
            for meta in rules:
                start = _unify(meta.head, target, {}) if meta.head else None
                if start is None:
                    continue
                for atom in self.d.blockers(meta, start):
                    if atom not in support:
                        support.append(atom)
            child = Node(f"{self.words.term(element)}: established", "rule")
            for atom in support:
                child.children.append(self.d.tree(atom, full=full, depth=4))
            if not support:
                child.text += " (nothing in the case shows it failing)"
            node.children.append(child)
        return node

    def _argument_text(self, arg: Symbol, status: str) -> str:
        fate = {
            "accepted": "accepted",
            "rejected": "rejected",
            "undecided": "undecided (neither accepted nor rejected)",
        }
        return f"{self.words.term(arg)}: {fate[status]} under grounded semantics"

    def _attack_text(self, attacker: Symbol, target: Symbol, status: str) -> str:
        outcome = {
            "accepted": "and the attack succeeds, because the attacker is accepted",
            "rejected": "but the attack fails, because the attacker is itself rejected",
            "undecided": "and neither side prevails",
        }[status]
        return f"Attacked by: {self.words.term(attacker)}, {outcome}"


class _Compiled:
    """A rule compiled into functions that rebuild its head and body from bindings."""

    def __init__(self, meta: RuleMeta) -> None:
        self.meta = meta
        self.head = _builder(meta.head) if meta.head is not None else None
        self.body = [_builder(t) for t in meta.body]
        self.negative = [_pattern(t) for t in meta.negative]

    def derive(self, bindings: dict[str, Symbol]) -> Derivation | None:
        if self.head is None:
            return None
        try:
            head = self.head(bindings)
            premises = tuple(b(bindings) for b in self.body)
        except _Unbuildable:
            return None
        absent = tuple((name, tuple(p(bindings) for p in parts)) for name, parts in self.negative)
        return Derivation(self.meta, bindings, head, premises, absent)


class _Unbuildable(Exception):
    pass


def _builder(term: Term) -> Builder:
    kind = term[0]
    if kind == "v":
        name = term[1]

        def var(b: dict[str, Symbol]) -> Symbol:
            if name not in b:
                raise _Unbuildable(name)
            return b[name]

        return var
    if kind == "s":
        value = _parsed(term[1])
        return lambda _b: value
    if kind == "f":
        fname = term[1]
        parts = [_builder(a) for a in term[2]]
        return lambda b: clingo.Function(fname, [p(b) for p in parts])
    text = term[1]

    def other(b: dict[str, Symbol]) -> Symbol:
        expr = text
        for k, v in sorted(b.items(), key=lambda kv: -len(kv[0])):
            expr = re.sub(rf"\b{re.escape(k)}\b", str(v), expr)
        try:
            return clingo.parse_term(expr)
        except RuntimeError:
            raise _Unbuildable(text) from None

    return other


def _pattern(term: Term) -> tuple[str, list[Callable[[dict[str, Symbol]], Symbol | None]]]:
    if term[0] != "f":
        return str(term[1]), []
    parts: list[Callable[[dict[str, Symbol]], Symbol | None]] = []
    for arg in term[2]:
        if arg[0] == "v" and arg[1].startswith("_"):
            parts.append(lambda _b: None)
            continue
        build = _builder(arg)

        def safe(b: dict[str, Symbol], build: Builder = build) -> Symbol | None:
            try:
                return build(b)
            except _Unbuildable:
                return None

        parts.append(safe)
    return term[1], parts


@lru_cache(maxsize=4096)
def _parsed(text: str) -> Symbol:
    return clingo.parse_term(text)


def _unify(term: Term, sym: Symbol, bindings: dict[str, Symbol], *, wildcard: bool = False) -> dict[str, Symbol] | None:
    """Match a term pattern against a symbol, extending the bindings; None if they do not match."""
    kind = term[0]
    if kind == "v":
        name = term[1]
        if name.startswith("_") and wildcard:
            return bindings
        bound = bindings.get(name)
        if bound is None:
            out = dict(bindings)
            out[name] = sym
            return out
        return bindings if bound == sym else None
    if kind == "s":
        return bindings if _parsed(term[1]) == sym else None
    if kind == "f":
        sargs = sy.args(sym)
        if not sy.is_function(sym) or sy.name(sym) != term[1] or len(sargs) != len(term[2]):
            return None
        current: dict[str, Symbol] = bindings
        for sub, arg in zip(term[2], sargs, strict=True):
            found = _unify(sub, arg, current, wildcard=wildcard)
            if found is None:
                return None
            current = found
        return current
    try:
        value = _builder(term)(bindings)
    except _Unbuildable:
        return None
    return bindings if value == sym else None


def _compare(comparison: tuple[str, Term, Term], bindings: dict[str, Symbol]) -> bool:
    op, left, right = comparison
    try:
        a, b = _builder(left)(bindings), _builder(right)(bindings)
    except _Unbuildable:
        return True  # cannot tell: do not exclude the match
    return {
        "<": a < b,
        "<=": a <= b,
        ">": a > b,
        ">=": a >= b,
        "!=": a != b,
        "=": a == b,
    }[op]
