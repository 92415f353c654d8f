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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import clingo
from clingo import Symbol

from .case import Case, Claim, Resolution
from .rulesets import FIRED, Program, RuleMeta
from .rulesets import Term as Pattern
from .terms import Atom, Atoms, Term, as_plain, key, plain, text
from .words import Words

__all__ = ["ContentKeys", "Derivation", "Derivations", "Explainer", "Node"]

Builder = Callable[[dict[str, Term]], Term]


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
    bindings: dict[str, Term]
    head: Term
    premises: tuple[Term, ...]
    absent: tuple[tuple[str, tuple[Term | None, ...]], ...]


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
        id: in a tree that states a repeated reason once (:meth:`shared`): the number of a node that a later
            node refers to.
        see: in such a tree: the id of the earlier node whose reasons this node has (it has no children of
            its own: they are given there).

    The trees are built with their repeated parts shared (the same :class:`Node` below several parents);
    :meth:`shared` gives the tree as it is written out, a repeated reason given once.
    """

    text: str
    kind: str
    source: str | None = None
    rule: str | None = None
    status: str | None = None
    children: list[Node] = field(default_factory=list)
    id: str | None = None
    see: str | None = None

    def to_dict(self, *, shared: bool = True, keys: ContentKeys | None = None) -> dict[str, Any]:
        """A JSON-ready dict (keys in a fixed order): with a repeated reason given once (:meth:`shared`), or,
        with ``shared=False``, in full, every repetition written out."""
        if shared and self.id is None and self.see is None:
            return self.shared(keys)._dict()
        return self._dict()

    def _dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "kind": self.kind}
        if self.source is not None:
            out["source"] = self.source
        if self.rule is not None:
            out["rule"] = self.rule
        if self.status is not None:
            out["status"] = self.status
        if self.id is not None:
            out["id"] = self.id
        if self.see is not None:
            out["see"] = self.see
        if self.children:
            out["children"] = [c._dict() for c in self.children]
        return out

    def shared(self, keys: ContentKeys | None = None) -> Node:
        """The tree with each repeated reason given once: a node with children whose content (its own fields
        and everything below it) already appeared earlier in the tree, in document order (depth first,
        children in order), becomes a node with the same text, kind, source, rule and status, no children,
        and ``see`` set to the ``id`` of that first occurrence. Ids are numbers in document order of the
        first occurrences that something refers to ("1", "2", ...): the same tree gives the same ids.

        Args:
            keys: the content keys of nodes already seen (:class:`ContentKeys`), for trees that share nodes and
                are not changed in between; by default, computed for this tree alone.
        """
        key = (keys if keys is not None else ContentKeys()).key
        given: set[int] = set()
        order: list[int] = []
        referred: set[int] = set()

        def scan(node: Node) -> None:
            k = key(node)
            if not node.children:
                return
            if k in given:
                referred.add(k)
                return
            given.add(k)
            order.append(k)
            for child in node.children:
                scan(child)

        scan(self)
        ids = {k: str(n) for n, k in enumerate((k for k in order if k in referred), 1)}
        written: set[int] = set()

        def build(node: Node) -> Node:
            k = key(node)
            if not node.children:
                return Node(node.text, node.kind, node.source, node.rule, node.status)
            if k in written:
                return Node(node.text, node.kind, node.source, node.rule, node.status, see=ids[k])
            written.add(k)
            out = Node(node.text, node.kind, node.source, node.rule, node.status, id=ids.get(k))
            out.children = [build(c) for c in node.children]
            return out

        return build(self)


class ContentKeys:
    """A number for each node's content (its fields and its subtree), by ``id()`` of the node: two nodes have the
    same number when they read the same. A node below several parents, or in several trees given to the same
    object, is looked at once; each node is kept, so that its ``id()`` stays its own. For trees that are not
    changed while it is in use (an explainer's trees while a report is built)."""

    def __init__(self) -> None:
        self._keys: dict[int, tuple[Node, int]] = {}
        self._interned: dict[tuple[Any, ...], int] = {}

    def key(self, node: Node) -> int:
        """The number of a node's content (computed for it and the nodes below it the first time)."""
        found = self._keys.get(id(node))
        if found is not None:
            return found[1]
        sig = (node.text, node.kind, node.source, node.rule, node.status, tuple(self.key(c) for c in node.children))
        k = self._interned.setdefault(sig, len(self._interned))
        self._keys[id(node)] = (node, k)
        return k


@dataclass(frozen=True)
class _Built:
    """A subtree built once and the calls that give the same one: the depths ``lo`` to ``hi``, and the same
    answer to "is it on the path?" for each atom of ``touched`` (``on_path`` are those that were)."""

    node: Node
    lo: float
    hi: float
    touched: frozenset[Term]
    on_path: frozenset[Term]

    def fits(self, depth: int, path: frozenset[Term]) -> bool:
        return self.lo <= depth <= self.hi and (self.touched & path) == self.on_path


_NO_TERMS: frozenset[Term] = frozenset()
_INF = float("inf")
_MEMO_ENTRIES = 16


def _remembered(entries: list[_Built], depth: int, path: frozenset[Term], build: Callable[[], _Built]) -> _Built:
    """The subtree an earlier call built for the same depth and path, or the one ``build`` makes (remembered)."""
    for entry in entries:
        if entry.fits(depth, path):
            return entry
    built = build()
    if len(entries) < _MEMO_ENTRIES:
        entries.append(built)
    return built


def _combine(node: Node, depth: int, path: frozenset[Term], own: Term, parts: list[_Built]) -> _Built:
    """What a node built at ``depth`` below ``path`` depends on: its own atom and what its parts depend on
    (each part built one level deeper, so valid for one more)."""
    lo, hi = 1.0, _INF
    touched = {own}
    for part in parts:
        lo, hi = max(lo, part.lo + 1), min(hi, part.hi + 1)
        touched |= part.touched
    frozen = frozenset(touched)
    return _Built(node, lo, hi, frozen, frozen & path)


class Derivations:
    """Every derivation recorded by a solve, indexed by the atom derived, rebuilt on demand.

    Nothing is rebuilt when the object is made: the derivations of a predicate are rebuilt
    from the ``__fired_K`` records of the rules that derive it the first time someone asks
    about an atom of that predicate, once.

    The rules ``unrecorded`` (exact rules, :attr:`~normengine.rulesets.RuleMeta.exact`, that the solve ground
    without records: the program's light form, or the exact rules that fire alike on every reading of the
    contested facts) left no record: the derivations of an atom by such a rule are the matches of the
    rule's positive atoms against the solve's atoms, starting from the atom itself, with the comparisons
    true and no negated atom present, computed the first time someone asks about that atom. They are the
    firings the records would have shown (such a rule reads only atoms that are the same in every answer
    set; ``tests/test_light.py`` compares the two on every bundled case).

    Args:
        program: the instrumented program that was solved.
        atoms: the atoms of the solve (the ``__fired_K`` records among them), as plain terms.
        case: the case, to find the source of its facts.
        words: how to put terms into words.
        unrecorded: the rules whose firings left no record.
        complete: ``atoms`` holds every atom of the solve (else only the shown ones, and the atoms of the
            other predicates are the heads of the records).
    """

    def __init__(
        self,
        program: Program,
        atoms: Atoms,
        case: Case,
        words: Words,
        *,
        unrecorded: frozenset[str] = frozenset(),
        complete: bool = False,
    ) -> None:
        self.unrecorded = unrecorded
        self.complete = complete
        self._joined: set[Term] = set()
        self.program = program
        self.case = case
        self.words = words
        self.atoms = atoms
        self._built: set[tuple[str, int]] = set()
        self._sorted: dict[tuple[str, int], list[Atom]] = {}
        self._arg_index: dict[tuple[str, int, int], dict[Term, list[Atom]]] = {}
        self._objects: dict[str, Any] | None = None
        self._claims: dict[str, Claim] | None = None
        self._resolutions: dict[str, Resolution] | None = None
        self.by_head: dict[Term, list[Derivation]] = defaultdict(list)
        self._heads: dict[tuple[str, int], set[Term]] = defaultdict(set)
        self._input_docs = _index(program).input_docs
        self._trees: dict[tuple[Term, bool], list[_Built]] = {}

    def _build(self, signature: tuple[str, int]) -> None:
        self._built.add(signature)
        index = _index(self.program)
        touched: set[Term] = set()
        for rid in index.by_signature.get(signature, []):
            name = index.record_names.get(rid)
            records = self.atoms.named(name) if name is not None else []
            if not records:
                continue
            compiled = index.compiled(rid)
            variables = compiled.meta.variables
            for record in records:
                bindings = dict(zip(variables, record[1:], strict=False))
                derivation = compiled.derive(bindings)
                if derivation is not None:
                    self.by_head[derivation.head].append(derivation)
                    touched.add(derivation.head)
        self._heads[signature].update(touched)
        for head in touched:
            self.by_head[head].sort(key=lambda d: (d.rule.id or "", [text(v) for v in d.bindings.values()]))

    def atoms_of(self, name: str, arity: int) -> list[Atom]:
        """Every atom of the solve with this predicate, in clingo's order.

        A solve of the instrumented program (contested facts) shows only the engine's outputs, the
        ``__fired_K`` records, and what its unrecorded rules derive and read: the atoms of the other
        predicates are the heads of those records.
        """
        sig = (name, arity)
        found = self._sorted.get(sig)
        if found is None:
            atoms = set(self.atoms.pred(name, arity))
            if not self.complete:
                if sig not in self._built:
                    self._build(sig)
                atoms.update(h for h in self._heads.get(sig, ()) if isinstance(h, tuple))
            found = sorted(atoms, key=key)
            self._sorted[sig] = found
        return found

    def blockers(self, rule: RuleMeta, bindings: dict[str, Term], limit: int = 20) -> list[Term]:
        """Why a rule did not fire for these head bindings: the atoms that its negated literals met.

        The positive literals are matched against the solve's atoms (a small join), the
        comparisons checked, and for each complete match the atoms that a negated literal
        finds are returned: they are what blocked the rule.
        """
        matches = [dict(bindings)]
        for term in rule.body:
            extended: list[dict[str, Term]] = []
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
        found: list[Term] = []
        for b in matches:
            for term in rule.negative:
                for atom in self._candidates(term, b):
                    if _unify(term, atom, b, wildcard=True) is not None and atom not in found:
                        found.append(atom)
                        if len(found) >= limit:
                            return found
        return found

    def _candidates(self, term: Pattern, bindings: dict[str, Term]) -> list[Atom]:
        """The atoms that may match a body literal: indexed by its first argument that is known."""
        if term[0] != "f":
            return []
        name, args = term[1], term[2]
        for position, arg in enumerate(args):
            bound: Term | None = None
            if arg[0] == "v" and arg[1] in bindings:
                bound = bindings[arg[1]]
            elif arg[0] == "s":
                bound = _parsed(arg[1])
            if bound is None:
                continue
            sig = (name, len(args), position)
            index = self._arg_index.get(sig)
            if index is None:
                index = defaultdict(list)
                for atom in self.atoms_of(name, len(args)):
                    index[atom[position + 1]].append(atom)
                self._arg_index[sig] = index
            return index.get(bound, [])
        return self.atoms_of(name, len(args))

    def holds(self, atom: Term | Symbol) -> bool:
        """Whether the atom is among the solve's atoms or derived by a recorded rule."""
        atom = as_plain(atom)
        return atom in self.atoms or bool(self.of(atom))

    def of(self, atom: Term | Symbol) -> list[Derivation]:
        """The recorded derivations of an atom (empty for facts)."""
        atom = as_plain(atom)
        if not isinstance(atom, tuple):
            return []
        signature = (atom[0], len(atom) - 1)
        if signature not in self._built:
            self._build(signature)
        if self.unrecorded and atom not in self._joined:
            self._joined.add(atom)
            self._join(atom, signature)
        return self.by_head.get(atom, [])

    def _join(self, atom: Atom, signature: tuple[str, int]) -> None:
        """Add the derivations of ``atom`` by the unrecorded rules, recomputed from the atoms."""
        if atom not in self.atoms:
            return
        index = _index(self.program)
        found: list[Derivation] = []
        for rid, checks in index.exact_heads(signature, atom, self.unrecorded):
            if not all(_shape_fits(atom[position], shape) for position, shape in checks):
                continue
            meta = self.program.rules[rid]
            compiled = index.compiled(rid)
            seen: set[tuple[Term, ...]] = set()
            for bindings in self._matches(meta, atom):
                values = tuple(bindings[v] for v in meta.variables)
                if values in seen:
                    continue
                seen.add(values)
                derivation = compiled.derive(dict(zip(meta.variables, values, strict=True)))
                if derivation is not None and derivation.head == atom:
                    found.append(derivation)
        if found:
            derivations = self.by_head[atom]
            derivations.extend(found)
            derivations.sort(key=lambda d: (d.rule.id or "", [text(v) for v in d.bindings.values()]))

    def _matches(self, meta: RuleMeta, atom: Atom) -> list[dict[str, Term]]:
        """The bindings under which an exact rule derives ``atom`` from the solve's atoms."""
        assert meta.head is not None
        start = _unify(meta.head, atom, {})
        if start is None:
            return []
        found: list[dict[str, Term]] = []
        self._extend(list(meta.body), start, found)
        return [
            b
            for b in found
            if all(_compare(c, b) for c in meta.comparisons) and not any(self._present(t, b) for t in meta.negative)
        ]

    def _extend(self, remaining: list[Pattern], bindings: dict[str, Term], out: list[dict[str, Term]]) -> None:
        """Match the positive atoms of a rule, the one with the fewest candidates first (a join that the
        order in which the rule was written cannot make quadratic)."""
        if not remaining:
            out.append(bindings)
            return
        best = -1
        candidates: list[Atom] = []
        for i, term in enumerate(remaining):
            found = self._lookup(term, bindings)
            if not found:
                return
            if best < 0 or len(found) < len(candidates):
                best, candidates = i, found
        term = remaining[best]
        rest = remaining[:best] + remaining[best + 1 :]
        for candidate in candidates:
            extended = _unify(term, candidate, bindings)
            if extended is not None:
                self._extend(rest, extended, out)

    def _present(self, term: Pattern, bindings: dict[str, Term]) -> bool:
        """Whether a negated atom of a rule is among the solve's atoms under these bindings."""
        return any(_unify(term, a, bindings, wildcard=True) is not None for a in self._lookup(term, bindings))

    def _lookup(self, term: Pattern, bindings: dict[str, Term]) -> list[Atom]:
        """The atoms that may match an atom of a rule: those that share the most selective of its arguments
        whose value is known (each predicate indexed once per argument)."""
        name, args = term[1], term[2]
        best: list[Atom] | None = None
        for position, arg in enumerate(args):
            value = _value(arg, bindings)
            if value is None:
                continue
            sig = (name, len(args), position)
            index = self._arg_index.get(sig)
            if index is None:
                index = defaultdict(list)
                for a in self.atoms_of(name, len(args)):
                    index[a[position + 1]].append(a)
                self._arg_index[sig] = index
            bucket = index.get(value, [])
            if best is None or len(bucket) < len(best):
                best = bucket
                if len(best) <= 1:
                    break
        return best if best is not None else self.atoms_of(name, len(args))

    def source_of(self, derivation: Derivation) -> str | None:
        """The source of what a derivation found: the rule's, or, for a rule that applies a finding the case file
        records on an element (``assessment/3``), that finding's own source when it has one."""
        for premise in derivation.premises:
            if isinstance(premise, tuple) and premise[0] == "assessment" and len(premise) == 4:
                own = self._case_source(premise)
                if own:
                    return own
        for premise in derivation.premises:
            # A rule that names who read a point (reading_source/4): that reading's source, then the rule's.
            if isinstance(premise, tuple) and premise[0] == "reading_source" and len(premise) == 5:
                read = premise[4]
                if isinstance(read, str) and read:
                    return f"{read}; {derivation.rule.source}" if derivation.rule.source else read
        return derivation.rule.source

    def sentence(self, derivation: Derivation) -> str:
        """The rule's own sentence, filled with the words for its bindings."""
        if derivation.rule.says:
            return self.words.fill(derivation.rule.says, derivation.bindings)
        return self.describe(derivation.head)

    def describe(self, atom: Term | Symbol) -> str:
        """An atom in words, through its predicate's ``Reads:`` line."""
        atom = as_plain(atom)
        if isinstance(atom, tuple):
            doc = self.program.docs.get((atom[0], len(atom) - 1))
            if doc is not None and doc.reads:
                return self.words.fill(doc.reads, dict(zip(doc.args, atom[1:], strict=False)))
        return self.words.term(atom)

    def describe_absent(self, name: str, args: tuple[Term | None, ...]) -> str:
        """A negated body atom in words: what had to be absent."""
        doc = self.program.docs.get((name, len(args)))
        if doc is not None and doc.reads:
            bindings: dict[str, Term] = {}
            template = doc.reads
            for i, (arg_name, value) in enumerate(zip(doc.args, args, strict=False)):
                if value is None:
                    template = template.replace(
                        "{" + arg_name + "}", _anything(doc.arg_docs[i] if i < len(doc.arg_docs) else "")
                    )
                else:
                    bindings[arg_name] = value
            phrase = self.words.fill(template, bindings)
        else:
            phrase = self.words.constant(name)
        return "Not shown: " + phrase

    def fact_source(self, atom: Term | Symbol) -> tuple[str, str | None]:
        """Whether an atom is a case fact or a fact of the rule set, and its source."""
        atom = as_plain(atom)
        law = self.program.facts.get(text(atom))
        if law is not None:
            return "law", law.source
        return "fact", self._case_source(atom)

    def is_input(self, atom: Term) -> bool:
        """Whether the atom's predicate is one of the case inputs."""
        return isinstance(atom, tuple) and (atom[0], len(atom) - 1) in self._input_docs

    def _case_source(self, atom: Term) -> str | None:
        if not isinstance(atom, tuple) or len(atom) < 2:
            return None
        name, args = atom[0], atom[1:]
        first = args[0]
        if name == "assessment" and len(args) == 3 and isinstance(first, str):
            if self._claims is None:
                self._claims = {}
                for c in self.case.justifications:
                    self._claims.setdefault(c.id, c)
            claim = self._claims.get(first)
            element = args[1][0] if isinstance(args[1], tuple) else ""
            if claim is not None:
                # The source of a finding on an element is the finding's own: never the claimant's assertion.
                found = next((a for a in claim.assessments if a.element == element), None)
                return found.holds.source if found is not None and found.holds.source else None
        if isinstance(first, tuple) and first[0] == "auth" and len(first) == 3:
            if self._resolutions is None:
                self._resolutions = {}
                for r in self.case.resolutions:
                    self._resolutions.setdefault(r.id, r)
            res = self._resolutions.get(first[1]) if isinstance(first[1], str) else None
            if res is not None:
                index = first[2] - 1 if isinstance(first[2], int) else -1
                if 0 <= index < len(res.authorisations) and res.authorisations[index].source:
                    return res.authorisations[index].source
                return res.source
        if name == "member" and len(args) == 2:
            first = args[1]
        if isinstance(first, str):
            if self._objects is None:
                self._objects = self.case.objects()
            obj = self._objects.get(first)
            source = getattr(obj, "source", None)
            return source if isinstance(source, str) else None
        if name == "case_date":
            return f"case file {self.case.id}"
        return None

    def tree(
        self, atom: Term | Symbol, *, depth: int = 12, seen: frozenset[Term] = frozenset(), full: bool = False
    ) -> Node:
        """The tree of reasons for an atom, down to the facts of the case and of the rule set.

        A subtree is built once: a later call that would build the same one (the same atom, a depth and atoms
        on the path that lead to the same tree) gets the same :class:`Node`, so a reason given in several
        places is one node below several parents (:meth:`Node.shared` writes it out once).

        Args:
            atom: the conclusion.
            depth: how deep to go before stopping.
            seen: atoms already on the path (cycles stop there).
            full: keep the facts that only say that something exists (``act(A)``, ``claim(C)``, ...).
        """
        return self._tree(as_plain(atom), depth, seen, full).node

    def _tree(self, atom: Term, depth: int, seen: frozenset[Term], full: bool) -> _Built:
        entries = self._trees.setdefault((atom, full), [])
        return _remembered(entries, depth, seen, lambda: self._build_tree(atom, depth, seen, full))

    def _build_tree(self, atom: Term, depth: int, seen: frozenset[Term], full: bool) -> _Built:
        derivations = self.of(atom)
        if not derivations:
            kind, source = self.fact_source(atom)
            return _Built(Node(self.describe(atom), kind, source), -_INF, _INF, _NO_TERMS, _NO_TERMS)
        first = derivations[0]
        if depth <= 0 or atom in seen:
            leaf = Node(self.sentence(first), "rule", first.rule.source, first.rule.id)
            if depth <= 0:
                return _Built(leaf, -_INF, 0, _NO_TERMS, _NO_TERMS)
            return _Built(leaf, -_INF, _INF, frozenset([atom]), frozenset([atom]))
        node = Node(self.sentence(first), "rule", first.rule.source, first.rule.id)
        inner = seen | {atom}
        parts: list[_Built] = []
        for premise in first.premises:
            if not full and self._existence_fact(premise):
                continue
            part = self._tree(premise, depth - 1, inner, full)
            parts.append(part)
            node.children.append(part.node)
        for name, args in first.absent:
            node.children.append(Node(self.describe_absent(name, args), "absent"))
        if not full and len(node.children) == 1 and node.children[0].kind == "rule":
            # A rule that only restates the one rule below it adds nothing: keep the one with the law in it.
            return _combine(node.children[0], depth, seen, atom, parts)
        return _combine(node, depth, seen, atom, parts)

    def _existence_fact(self, atom: Term) -> bool:
        """A case fact that only says that an object exists (``act(A)``, ``party(P)``, ...)."""
        return isinstance(atom, tuple) and len(atom) == 2 and self.is_input(atom)


def _anything(arg_doc: str) -> str:
    """Words for an argument left open: "holds or fails" for a choice, "any claim id" for an id, "anything"."""
    choices = [c.strip() for c in arg_doc.split("|")] if "|" in arg_doc else []
    if choices and all(c and " " not in c for c in choices):
        return " or ".join(c.replace("_", " ") for c in choices)
    what = arg_doc.split("|")[0].strip()
    return f"any {what}" if what else "anything"


class Acceptance(Protocol):
    """What the explainer needs to know about the acceptance of arguments (plain terms)."""

    def status(self, arg: Term) -> str: ...

    @property
    def attackers(self) -> dict[Term, list[Term]]: ...


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
        self._elements: dict[tuple[Term, bool], Node | None] = {}
        self._answers: dict[Term, list[Term]] | None = None
        self._arguments: dict[tuple[Term, bool], list[_Built]] = {}
        # The trees of one report share their subtrees: their content is numbered once (to_model).
        self.content_keys = ContentKeys()

    def argument(
        self, arg: Term | Symbol, *, full: bool = False, depth: int = 6, path: frozenset[Term] = frozenset()
    ) -> Node:
        """Why an argument exists, and why it is accepted, rejected or undecided under grounded semantics.

        Built once for the same argument, depth and arguments on the path that lead to the same tree (as
        :meth:`Derivations.tree`): an argument that attacks several others is one node below each attack."""
        return self._argument(as_plain(arg), full, depth, path).node

    def _argument(self, arg: Term, full: bool, depth: int, path: frozenset[Term]) -> _Built:
        entries = self._arguments.setdefault((arg, full), [])
        return _remembered(entries, depth, path, lambda: self._build_argument(arg, full, depth, path))

    def _build_argument(self, arg: Term, full: bool, depth: int, path: frozenset[Term]) -> _Built:
        status = self.acc.status(arg)
        node = Node(self._argument_text(arg, status), "argument", status=status)
        origin = self.d.tree(("arg", arg), full=full)
        if full or origin.children or origin.kind != "rule":
            node.children.append(origin)
        attackers = self.acc.attackers.get(arg, [])
        if not attackers and full:
            node.children.append(Node("Nothing attacks this argument.", "attack"))
        if depth <= 0:
            return _Built(node, -_INF, 0, _NO_TERMS, _NO_TERMS)
        if arg in path:
            return _Built(node, -_INF, _INF, frozenset([arg]), frozenset([arg]))
        inner = path | {arg}
        parts: list[_Built] = []
        for attacker in attackers:
            astatus = self.acc.status(attacker)
            if status == "rejected" and astatus != "accepted" and not full:
                continue  # concise: only the attacks that succeed explain a rejection
            attack = Node(self._attack_text(attacker, arg, astatus), "attack", status=astatus)
            why = self.d.of(("att", attacker, arg))
            if why:
                attack.text = f"{self.d.sentence(why[0])}: {self._outcome(astatus)}"
                attack.source, attack.rule = why[0].rule.source, why[0].rule.id
                if full or _name(attacker) == "violation":
                    for premise in why[0].premises:
                        if _name(premise) in ("prevails", "unsettled") or full:
                            attack.children.append(self.d.tree(premise, full=full, depth=4))
            part = self._argument(attacker, full, depth - 1, inner)
            parts.append(part)
            attack.children.append(part.node)
            node.children.append(attack)
        if isinstance(arg, tuple) and arg[0] == "justified" and len(arg) == 2 and (full or status != "rejected"):
            # Why the elements hold explains a claim that stands; a defeated claim is explained by what defeats it.
            established = self.elements(arg[1], full=full)
            if established is not None:
                node.children.append(established)
            for target in self._answered(arg):
                if status != "rejected" or full:
                    answer = self.d.of(("att", arg, target))
                    if answer:
                        node.children.append(
                            Node(self.d.sentence(answer[0]), "rule", answer[0].rule.source, answer[0].rule.id)
                        )
        return _combine(node, depth, path, arg, parts)

    def _answered(self, arg: Term) -> list[Term]:
        """The violations an argument attacks, in clingo's order (indexed once)."""
        if self._answers is None:
            answers: dict[Term, list[Term]] = defaultdict(list)
            for target in sorted(self.acc.attackers, key=key):
                if _name(target) == "violation":
                    for a in self.acc.attackers[target]:
                        answers[a].append(target)
            self._answers = answers
        return self._answers.get(arg, [])

    @staticmethod
    def _outcome(status: str) -> str:
        return {
            "accepted": "the attack succeeds, because the attacker is accepted",
            "rejected": "the attack fails, because the attacker is itself rejected",
            "undecided": "neither side prevails",
        }[status]

    def elements(self, claim: Term | Symbol, *, full: bool = False) -> Node | None:
        """The elements of a claim that hold, each with what establishes it (computed once per claim)."""
        claim = as_plain(claim)
        cache_key = (claim, full)
        if cache_key not in self._elements:
            self._elements[cache_key] = self._compute_elements(claim, full=full)
        return self._elements[cache_key]

    def _compute_elements(self, claim: Term, *, full: bool = False) -> Node | None:
        holding = sorted(
            (a[2] for a in self.d.atoms_of("element_holds", 2) if a[1] == claim),
            key=key,
        )
        if not holding:
            return None
        node = Node(f"Elements established for {self.words.term(claim)}", "rule")
        rules = [self.d.program.rules[rid] for rid in _index(self.d.program).by_signature.get(("element_fails", 2), [])]
        for element in holding:
            target: Term = ("element_fails", claim, element)
            support: list[Term] = []
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

    def _argument_text(self, arg: Term, status: str) -> str:
        fate = {
            "accepted": "accepted",
            "rejected": "rejected",
            "undecided": "undecided (neither accepted nor rejected)",
        }
        return f"{self.words.term(arg)}: {fate[status]} under grounded semantics"

    def _attack_text(self, attacker: Term, target: Term, status: str) -> str:
        outcome = {
            "accepted": "and the attack succeeds, because the attacker is accepted",
            "rejected": "but the attack fails, because the attacker is itself rejected",
            "undecided": "and neither side prevails",
        }[status]
        return f"Attacked by: {self.words.term(attacker)}, {outcome}"


class _ProgramIndex:
    """What the explanations need to know about a program, computed once per program."""

    def __init__(self, program: Program) -> None:
        self.program = program
        by_signature: dict[tuple[str, int], list[str]] = defaultdict(list)
        for rid, meta in program.rules.items():
            if meta.head is not None and meta.head[0] == "f":
                by_signature[(meta.head[1], len(meta.head[2]))].append(rid)
        self.by_signature = dict(by_signature)
        self.input_docs = {sig for sig, doc in program.docs.items() if doc.file.endswith("inputs.lp")}
        self.record_names = {rid: name for name, rid in program.fired.items() if name.startswith(FIRED)}
        self._compiled: dict[str, _Compiled] = {}
        self._exact_heads: dict[tuple[tuple[str, int], frozenset[str]], Any] = {}

    def exact_heads(
        self, signature: tuple[str, int], atom: Atom, unrecorded: frozenset[str]
    ) -> list[tuple[str, list[tuple[int, Term]]]]:
        """The rules of ``unrecorded`` (exact rules) that may derive ``atom``, each with what its head fixes:
        (position in the atom, a constant or the ``(name, arity)`` of a function), a quick test before the
        join. The rules of a predicate are grouped by the argument position that their heads fix most often,
        so that an atom meets only the rules whose head fixes that argument to its value (or leaves it open)."""
        found = self._exact_heads.get((signature, unrecorded))
        if found is None:
            rules: list[tuple[str, list[tuple[int, Term]]]] = []
            for rid in self.by_signature.get(signature, []):
                meta = self.program.rules[rid]
                if rid not in unrecorded or not meta.exact or meta.head is None or meta.head[0] != "f":
                    continue
                checks: list[tuple[int, Term]] = []
                for position, arg in enumerate(meta.head[2], start=1):
                    if arg[0] == "s":
                        checks.append((position, ("=", _parsed(arg[1]))))
                    elif arg[0] == "f":
                        checks.append((position, ("f", arg[1], len(arg[2]))))
                rules.append((rid, checks))
            counts: dict[int, int] = defaultdict(int)
            for _rid, checks in rules:
                for position, shape in checks:
                    if isinstance(shape, tuple) and shape[0] == "=":
                        counts[position] += 1
            key = max(counts, key=lambda p: (counts[p], -p)) if counts else 0
            by_value: dict[Term, list[tuple[str, list[tuple[int, Term]]]]] = defaultdict(list)
            open_: list[tuple[str, list[tuple[int, Term]]]] = []
            for rule in rules:
                fixed = next((sh for pos, sh in rule[1] if pos == key and isinstance(sh, tuple) and sh[0] == "="), None)
                if fixed is None:
                    open_.append(rule)
                else:
                    assert isinstance(fixed, tuple)
                    by_value[fixed[1]].append(rule)
            found = (key, dict(by_value), open_, rules)
            if len(self._exact_heads) >= 4096:
                self._exact_heads.clear()  # a program evaluated with many sets of unrecorded rules
            self._exact_heads[(signature, unrecorded)] = found
        key, by_value, open_, rules = found
        if key == 0 or key >= len(atom):
            return rules
        return [*by_value.get(atom[key], []), *open_]

    def compiled(self, rid: str) -> _Compiled:
        found = self._compiled.get(rid)
        if found is None:
            found = self._compiled[rid] = _Compiled(self.program.rules[rid])
        return found


def _index(program: Program) -> _ProgramIndex:
    """The program's index, kept on the program itself (so it lives and dies with it)."""
    found = vars(program).get("_explain_index")
    if not isinstance(found, _ProgramIndex):
        found = _ProgramIndex(program)
        vars(program)["_explain_index"] = found
    return found


def _name(term: Term) -> str:
    return term[0] if isinstance(term, tuple) else ""


class _Compiled:
    """A rule compiled into functions that rebuild its head and body from bindings."""

    def __init__(self, meta: RuleMeta) -> None:
        self.meta = meta
        self.head = _builder(meta.head) if meta.head is not None else None
        self.body = [_builder(t) for t in meta.body]
        self.negative = [_pattern(t) for t in meta.negative]

    def derive(self, bindings: dict[str, Term]) -> Derivation | None:
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


def _builder(term: Pattern) -> Builder:
    kind = term[0]
    if kind == "v":
        name = term[1]

        def var(b: dict[str, Term]) -> Term:
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
        return lambda b: (fname, *(p(b) for p in parts))
    source = term[1]

    def other(b: dict[str, Term]) -> Term:
        expr = source
        for k, v in sorted(b.items(), key=lambda kv: -len(kv[0])):
            expr = re.sub(rf"\b{re.escape(k)}\b", text(v), expr)
        try:
            return plain(clingo.parse_term(expr))
        except (RuntimeError, ValueError):
            raise _Unbuildable(source) from None

    return other


def _pattern(term: Pattern) -> tuple[str, list[Callable[[dict[str, Term]], Term | None]]]:
    if term[0] != "f":
        return str(term[1]), []
    parts: list[Callable[[dict[str, Term]], Term | None]] = []
    for arg in term[2]:
        if arg[0] == "v" and arg[1].startswith("_"):
            parts.append(lambda _b: None)
            continue
        build = _builder(arg)

        def safe(b: dict[str, Term], build: Builder = build) -> Term | None:
            try:
                return build(b)
            except _Unbuildable:
                return None

        parts.append(safe)
    return term[1], parts


def _shape_fits(value: Term, shape: Term) -> bool:
    """Whether an argument of an atom can match what a rule's head fixes there (see exact_heads)."""
    assert isinstance(shape, tuple)
    if shape[0] == "=":
        return bool(value == shape[1])
    return isinstance(value, tuple) and len(value) == shape[2] + 1 and bool(value[0] == shape[1])


def _value(term: Pattern, bindings: dict[str, Term]) -> Term | None:
    """The value of a term of a rule under the bindings, or None when a variable in it is not bound."""
    kind = term[0]
    if kind == "v":
        return None if term[1].startswith("_") else bindings.get(term[1])
    if kind == "s":
        return _parsed(term[1])
    if kind == "f":
        parts = [_value(a, bindings) for a in term[2]]
        if any(p is None for p in parts):
            return None
        return (term[1], *parts)
    return None


_PARSED: dict[str, Term] = {}


def _parsed(source: str) -> Term:
    """A constant term of a rule as a plain term (the rules' constants are few: a plain dict, no eviction)."""
    found = _PARSED.get(source)
    if found is None:
        found = plain(clingo.parse_term(source))
        _PARSED[source] = found
    return found


def _unify(term: Pattern, sym: Term, bindings: dict[str, Term], *, wildcard: bool = False) -> dict[str, Term] | None:
    """Match a term pattern against a plain term, extending the bindings; None if they do not match."""
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
        if not isinstance(sym, tuple) or sym[0] != term[1] or len(sym) - 1 != len(term[2]):
            return None
        current: dict[str, Term] = bindings
        for sub, arg in zip(term[2], sym[1:], strict=True):
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


def _compare(comparison: tuple[str, Pattern, Pattern], bindings: dict[str, Term]) -> bool:
    op, left, right = comparison
    try:
        a, b = key(_builder(left)(bindings)), key(_builder(right)(bindings))
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
