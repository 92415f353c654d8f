"""Reading a rule file's annotations and instrumenting its rules.

The parse reads the annotations a rule author writes next to each rule::

    %@ rule: sd_no_armed_attack
    %@ source: UN Charter Art 51; Nicaragua (1986) §195
    %@ says: {C} shows no armed attack on {S}
    element_fails(C, armed_attack) :- sd_claim(C); defender(C, S); not invoked_attack(C, _).

and instruments every annotated rule ``H :- B.`` into ``__fired_K(V1,...,Vn) :- B.``
and ``H :- __fired_K(V1,...,Vn).`` (one predicate per rule, so that the grounder
indexes each record by its own predicate), so that a solve records which rule
fired with which bindings. Explanations are built from those records. It also reads
the ``%*! pred(A, B)`` blocks that document predicates, and works out the program's
light form (:attr:`Instrumented.light_text`): the exact rules as written, without records, and
without the program's ``#external`` declarations (it is ground only for a case without contested
facts, in which the engine sets none of them).

Everything here works on clingo ASTs already parsed (:mod:`normengine.rulesets.program` parses).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import clingo
import clingo.ast as ast

from ..errors import display_path
from ..predicates import AF_IN

__all__ = [
    "ANNOTATION",
    "FIRED",
    "AnnotatedRule",
    "Dependencies",
    "Instrumented",
    "PredicateDoc",
    "RuleMeta",
    "Sig",
    "Term",
    "annotated_rules",
    "defines",
    "head_names",
    "instrument",
    "reads_any",
    "term_names",
    "varying_of",
]

FIRED = "__fired_"
ANNOTATION = re.compile(r"^%@\s*(\w+)\s*:\s*(.*?)\s*$")
"""One line of an annotation block: ``%@ key: value``."""

Term = tuple[Any, ...]
"""A term of a rule, as a JSON-friendly tree: ``("v", name)`` a variable, ``("s", text)`` a
symbol, ``("f", name, [terms])`` a function or tuple, ``("x", text)`` anything else (arithmetic)."""


@dataclass(frozen=True)
class RuleMeta:
    """What a rule author wrote next to a rule, and the rule's shape.

    Args:
        id: the rule's id (``%@ rule:``), or None for an unnamed rule.
        source: its legal source (``%@ source:``), or None.
        says: the sentence that explains it, with ``{Var}`` placeholders.
        file: the ``.lp`` file.
        line: its first line.
        variables: the names of its global variables, in the order ``__fired`` records them.
        head: the head atom's term, or None when the head is not a plain atom.
        body: the positive body atoms' terms.
        negative: the negated body atoms' terms.
    """

    id: str | None
    source: str | None
    says: str | None
    file: str
    line: int
    variables: tuple[str, ...] = ()
    head: Term | None = None
    body: tuple[Term, ...] = ()
    negative: tuple[Term, ...] = ()
    comparisons: tuple[tuple[str, Term, Term], ...] = ()
    exact: bool = False
    """Whether the rule's firings can be recomputed from the atoms of a solve alone: a plain head, a body of
    plain atoms (negated or not) and comparisons without arithmetic, every variable bound by a positive atom.
    Such a rule needs no ``__fired`` record in the program's light form (:attr:`Instrumented.light_text`)."""


@dataclass(frozen=True)
class PredicateDoc:
    """The documentation of a predicate (a ``%*! pred(A, B)`` block)."""

    name: str
    arity: int
    args: tuple[str, ...]
    description: str
    reads: str | None
    file: str
    line: int
    arg_docs: tuple[str, ...] = ()


Sig = tuple[str, int]


@dataclass
class Dependencies:
    """What decides which predicates of a program may differ between its answer sets (:func:`varying_of`).

    Args:
        edges: for each head, the predicates its rules read, each with whether it is read negatively
            (or inside an aggregate or a condition).
        free: the heads of choices, disjunctions and aggregate heads.
    """

    edges: dict[Sig, set[tuple[Sig, bool]]] = field(default_factory=dict)
    free: set[Sig] = field(default_factory=set)

    def merged(self, other: Dependencies) -> Dependencies:
        """Both programs' dependencies, as one program of both would have them."""
        edges = {head: set(body) for head, body in self.edges.items()}
        for head, body in other.edges.items():
            edges.setdefault(head, set()).update(body)
        return Dependencies(edges, self.free | other.free)

    def to_json(self) -> dict[str, Any]:
        return {
            "edges": [[h[0], h[1], sorted([b[0], b[1], neg] for b, neg in body)] for h, body in self.edges.items()],
            "free": sorted([f[0], f[1]] for f in self.free),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Dependencies:
        edges = {
            (str(name), int(arity)): {((str(b), int(c)), bool(negative)) for b, c, negative in body}
            for name, arity, body in data["edges"]
        }
        return cls(edges, {(str(name), int(arity)) for name, arity in data["free"]})


@dataclass
class Instrumented:
    """A parsed rule program, instrumented: what :func:`instrument` makes of clingo's ASTs.

    :class:`normengine.rulesets.program.Program` adds where the program came from.
    """

    statements: list[Any] = field(default_factory=list)
    text: str = ""
    rules: dict[str, RuleMeta] = field(default_factory=dict)
    facts: dict[str, RuleMeta] = field(default_factory=dict)
    unannotated: list[RuleMeta] = field(default_factory=list)
    docs: dict[tuple[str, int], PredicateDoc] = field(default_factory=dict)
    scripts: list[tuple[str, int]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    fired: dict[str, str] = field(default_factory=dict)
    light_text: str = ""
    light_statements: list[Any] = field(default_factory=list)
    dependencies: Dependencies = field(default_factory=Dependencies)
    open_annotation: bool = False
    """An annotation block ends the program, waiting for a rule (a program that goes on from this one would
    find it above its first rule)."""


AnnotatedRule = tuple[str, str, int, int, dict[str, str], Any]


def annotated_rules(raw: list[Any]) -> list[AnnotatedRule]:
    """Each rule with a ``%@ rule:`` id directly above it: (id, file, line, column, annotations, the rule)."""
    out: list[AnnotatedRule] = []
    pending: dict[str, str] = {}
    pending_at = ("", -1)
    for node in raw:
        kind = node.ast_type
        if kind == ast.ASTType.Comment:
            match = ANNOTATION.match(node.value)
            if match is None:
                continue
            begin = node.location.begin
            if not pending or pending_at != (begin.filename, begin.line - 1):
                pending = {}
            pending.setdefault(match.group(1), match.group(2))
            pending_at = (begin.filename, begin.line)
            continue
        if pending and kind == ast.ASTType.Rule and pending.get("rule"):
            begin = node.location.begin
            if pending_at == (begin.filename, begin.line - 1):
                out.append((pending["rule"], begin.filename, begin.line, begin.column, pending, node))
        pending = {}
    return out


def term_names(term: Any) -> Iterator[tuple[str, int]]:
    t = term.ast_type
    T = ast.ASTType
    if t == T.Function and term.name:
        yield term.name, len(term.arguments)
    elif t == T.SymbolicTerm and term.symbol.type == clingo.SymbolType.Function and term.symbol.name:
        yield term.symbol.name, len(term.symbol.arguments)
    elif t == T.UnaryOperation:
        yield from term_names(term.argument)
    elif t == T.Pool:
        for arg in term.arguments:
            yield from term_names(arg)


def head_names(node: Any) -> Iterator[tuple[str, int]]:
    T = ast.ASTType
    t = node.ast_type
    if t == T.ConditionalLiteral:
        yield from head_names(node.literal)  # its condition is read, not defined
    elif t == T.Literal:
        yield from head_names(node.atom)
    elif t == T.SymbolicAtom:
        yield from term_names(node.symbol)
    elif t not in (T.Comparison, T.BooleanConstant, T.TheoryAtom):
        for key in node.child_keys:
            child = getattr(node, key)
            if isinstance(child, ast.AST):
                yield from head_names(child)
            elif child is not None and not isinstance(child, str | int):
                for item in child:  # an ASTSequence (elements of a choice, a disjunction, an aggregate)
                    if isinstance(item, ast.AST):
                        yield from head_names(item)


def defines(node: Any) -> Iterator[tuple[str, int]]:
    """The predicates a statement defines (or shows as a term): its head atoms, an #external, a #show term."""
    T = ast.ASTType
    t = node.ast_type
    if t == T.Rule:
        yield from head_names(node.head)
    elif t == T.External:
        yield from head_names(node.atom)
    elif t == T.ShowTerm:
        yield from term_names(node.term)
    elif t == T.Defined:
        yield node.name, node.arity


_VAR = re.compile(r'"(?:[^"\\]|\\.)*"|\b([A-Z][A-Za-z0-9_\']*)')


def _variables(texts: list[str]) -> list[str]:
    """Variable names in the order they occur in the texts (strings skipped)."""
    names: list[str] = []
    for text in texts:
        for match in _VAR.finditer(text):
            name = match.group(1)
            if name and name not in names:
                names.append(name)
    return names


def instrument(
    raw: list[Any],
    allow_scripts: bool,
    *,
    start: int = 0,
    before: Dependencies | None = None,
    shown_before: frozenset[Sig] = frozenset(),
) -> Instrumented:
    """Read the annotations and documentation blocks of parsed statements and instrument their annotated rules.

    Args:
        raw: the statements clingo parsed, comments included, in order.
        allow_scripts: keep ``#script`` blocks in the program (else they are only recorded in ``scripts``).
        start: the number of the first ``__fired`` record (when the statements go on from a program
            instrumented before, which made ``start`` records).
        before: the dependencies of that program (which predicates vary depends on both).
        shown_before: the heads of its exact rules (its light form shows them already).
    """
    program = Instrumented()
    statements: list[Any] = []
    light: list[Any] = []  # the same program, but for the exact rules (RuleMeta.exact) as written
    id_count: dict[str, int] = {}
    pending: dict[str, str] = {}
    pending_line = -1
    pending_file = ""
    last_fact: tuple[str, int, RuleMeta] | None = None
    doc_blocks: list[Any] = []
    T = ast.ASTType
    for node in raw:
        t = node.ast_type
        loc = node.location
        begin = loc.begin
        fname, line = begin.filename, begin.line
        if t == T.Comment:
            text = node.value
            if text.startswith("%*!"):
                doc_blocks.append(node)
                continue
            match = ANNOTATION.match(text)
            if match:
                if pending and (pending_file != fname or pending_line + 1 != line):
                    program.problems.append(
                        f"{display_path(fname)}:{line}: annotation block is not directly above a rule"
                    )
                    pending = {}
                key, value = match.group(1), match.group(2)
                if key in pending:
                    program.problems.append(f"{display_path(fname)}:{line}: %@ {key} given twice")
                pending[key] = value
                pending_line, pending_file = line, fname
            continue
        if t == T.Script:
            program.scripts.append((fname, line))
            if allow_scripts:
                statements.append(node)
                light.append(node)
            continue
        if t != T.Rule:
            statements.append(node)
            if t != T.External or str(node.external_type) != "false":
                # The light form is ground only for a solve in which the engine sets no external of the rule
                # program (a case without contested facts: only the modal solves set ``disputed_element/2``),
                # so an external false by default is false there; left out, it lets the grounder settle what
                # follows from it as facts instead of leaving it to the solver (at 10,000 acts, 30 % fewer
                # ground rules). One declared ``[true]`` or ``[free]`` stays: leaving it out would change it.
                light.append(node)
            continue
        annotated = bool(pending) and pending_file == fname and pending_line + 1 == line
        notes = pending if annotated else {}
        pending = {}
        body = node.body
        is_fact = len(body) == 0
        if is_fact:
            if not notes and last_fact is not None:
                prev_file, prev_end, prev_meta = last_fact
                if prev_file == fname and prev_end + 1 >= line and prev_meta.source:
                    # Contiguous facts share the annotation of the first one.
                    notes = {"source": prev_meta.source}
            meta = RuleMeta(
                id=notes.get("rule"), source=notes.get("source"), says=notes.get("says"), file=fname, line=line
            )
            for single in node.unpool():
                program.facts.setdefault(str(single.head), meta)
            statements.append(node)
            light.append(node)
            last_fact = (fname, loc.end.line, meta)
            if meta.source is None:
                program.unannotated.append(meta)
            continue
        last_fact = None
        if notes.get("rule") and any(_ANONYMOUS.search(str(lit)) for lit in body):
            node, body = _name_anonymous(node)
        meta = _meta(node, notes, fname, line)
        if meta.source is None:
            program.unannotated.append(meta)
        if meta.id is None:
            statements.append(node)
            light.append(node)
            continue
        if meta.id in program.rules:
            other = program.rules[meta.id]
            program.problems.append(
                f"{display_path(fname)}:{line}: rule id {meta.id!r} is already used at "
                f"{display_path(other.file)}:{other.line}"
            )
        program.rules[meta.id] = meta
        id_count[meta.id] = id_count.get(meta.id, 0) + 1
        if meta.head is None:
            statements.append(node)
            light.append(node)
            continue
        record = f"{FIRED}{start + len(program.fired)}"
        program.fired[record] = meta.id
        fired = _fired_literal(loc, record, meta.variables)
        added = [
            ast.Rule(loc, fired, body),
            ast.Rule(loc, node.head, [fired]),
            ast.ShowSignature(loc, record, len(meta.variables), True),
        ]
        statements.extend(added)
        light.append((node, added, meta.id) if meta.exact else added)
    program.open_annotation = bool(pending)
    for block in doc_blocks:
        doc = _parse_doc(block)
        if doc is not None:
            program.docs.setdefault((doc.name, doc.arity), doc)
    program.statements = statements
    texts: dict[int, str] = {}  # id -> text: the light form repeats most statements

    def text_of(statement: Any) -> str:
        text = texts.get(id(statement))
        if text is None:
            text = texts[id(statement)] = str(statement)
        return text

    program.text = "\n".join(map(text_of, statements)) + "\n"
    # A rule id given twice (a problem check reports) keeps its records: its firings could not be told apart.
    program.light_statements = []
    shown: set[tuple[str, int]] = set(shown_before)
    program.dependencies = _dependencies(raw)
    varying = varying_of(program.dependencies if before is None else before.merged(program.dependencies))
    for item in light:
        if isinstance(item, tuple):
            node, added, rid = item
            meta = program.rules[rid]
            if id_count[rid] > 1 or reads_any(meta, varying):
                # Its firings could not be told apart, or its body reads atoms that differ between answer sets
                # (brave consequences are their union): it keeps its records.
                program.rules[rid] = replace(meta, exact=False)
                program.light_statements.extend(added)
                continue
            program.light_statements.append(node)
            head = program.rules[rid].head
            assert head is not None and head[0] == "f"
            signature = (head[1], len(head[2]))
            if signature not in shown:
                # Shown, as its records were: brave consequences are computed over the shown atoms, and an
                # atom shown by nothing may be missing from the last model that brave enumeration reports.
                shown.add(signature)
                program.light_statements.append(ast.ShowSignature(node.location, *signature, True))
        elif isinstance(item, list):
            program.light_statements.extend(item)
        else:
            program.light_statements.append(item)
    program.light_text = "\n".join(map(text_of, program.light_statements)) + "\n"
    return program


# The argumentation core's credulous acceptance, which differs between answer sets.
_VARYING_ENGINE = {AF_IN}


def _signature_of(term: Term) -> tuple[str, int]:
    return (term[1], len(term[2])) if term[0] == "f" else (str(term[1]), 0)


def _dependencies(raw: list[Any]) -> Dependencies:
    """The dependencies of a program's rules (:class:`Dependencies`)."""
    T = ast.ASTType
    out = Dependencies()
    for node in raw:
        if node.ast_type != T.Rule:
            continue
        heads = set(head_names(node.head))
        if heads and not (node.head.ast_type == T.Literal and node.head.atom.ast_type == T.SymbolicAtom):
            out.free |= heads
        body: set[tuple[tuple[str, int], bool]] = set()
        for lit in node.body:
            plain = lit.ast_type == T.Literal and lit.atom.ast_type == T.SymbolicAtom
            negative = not plain or lit.sign != ast.Sign.NoSign  # aggregates and conditions count as negative
            for name in _atom_names(lit):
                body.add((name, negative))
        for head in heads:
            out.edges.setdefault(head, set()).update(body)
    return out


def varying_of(dependencies: Dependencies) -> set[tuple[str, int]]:
    """The predicates whose atoms may differ between the answer sets of a program (over-approximated).

    Those defined by a choice, a disjunction or an aggregate head, those on a cycle through negation,
    the argumentation core's ``af_in/1``, and every predicate that depends on one of them.
    """
    edges = dependencies.edges
    varying = set(_VARYING_ENGINE) | dependencies.free
    # Cycles through negation: a negative edge inside a strongly connected component.
    component = _components({h: {b for b, _neg in bs} for h, bs in edges.items()})
    for head, body in edges.items():
        for name, negative in body:
            if negative and component.get(name) is not None and component.get(name) == component.get(head):
                varying.add(head)
    changed = True
    while changed:
        changed = False
        for head, body in edges.items():
            if head not in varying and any(name in varying for name, _neg in body):
                varying.add(head)
                changed = True
    return varying


def reads_any(meta: RuleMeta, predicates: set[tuple[str, int]]) -> bool:
    """Whether a rule's body reads one of the predicates."""
    return any(_signature_of(t) in predicates for t in (*meta.body, *meta.negative))


def _atom_names(node: Any) -> Iterator[tuple[str, int]]:
    """Every predicate an AST node reads (symbolic atoms anywhere inside it)."""
    T = ast.ASTType
    if node.ast_type == T.SymbolicAtom:
        yield from term_names(node.symbol)
        return
    for key in node.child_keys:
        child = getattr(node, key)
        if isinstance(child, ast.AST):
            yield from _atom_names(child)
        elif child is not None and not isinstance(child, str | int):
            for item in child:
                if isinstance(item, ast.AST):
                    yield from _atom_names(item)


def _components(graph: dict[tuple[str, int], set[tuple[str, int]]]) -> dict[tuple[str, int], int]:
    """The strongly connected components of a graph (Tarjan, iterative): node -> component number."""
    index: dict[tuple[str, int], int] = {}
    low: dict[tuple[str, int], int] = {}
    on_stack: set[tuple[str, int]] = set()
    stack: list[tuple[str, int]] = []
    out: dict[tuple[str, int], int] = {}
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    out[member] = index[node]
                    if member == node:
                        break
    return out


# An anonymous variable in clingo's text of a literal (``str`` of one node is clingo's own text, cheap; the
# renamer below walks every node in Python). A match inside a string only costs a walk that renames nothing.
_ANONYMOUS = re.compile(r"(?<![\w'])_(?![\w'])")


class _Anonymous(ast.Transformer):
    """Gives each anonymous variable of a positive body literal a name, so that the rule records it."""

    def __init__(self) -> None:
        self.count = 0

    def visit_Variable(self, node: Any) -> Any:
        if node.name == "_":
            self.count += 1
            return node.update(name=f"Anon{self.count}_")
        return node


def _name_anonymous(node: Any) -> tuple[Any, Any]:
    renamer = _Anonymous()
    body = []
    for lit in node.body:
        if (
            lit.ast_type == ast.ASTType.Literal
            and lit.sign == ast.Sign.NoSign
            and lit.atom.ast_type == ast.ASTType.SymbolicAtom
            and _ANONYMOUS.search(str(lit))
        ):
            lit = renamer(lit)
        body.append(lit)
    updated = node.update(body=body)
    return updated, updated.body


def _term(node: Any) -> Term:
    t = node.ast_type
    if t == ast.ASTType.Variable:
        return ("v", node.name)
    if t == ast.ASTType.SymbolicTerm:
        return ("s", str(node.symbol))
    if t == ast.ASTType.Function and not node.external:
        return ("f", node.name, tuple(_term(a) for a in node.arguments))  # as the cache reads it back
    return ("x", str(node))


def _meta(node: Any, notes: dict[str, str], fname: str, line: int) -> RuleMeta:
    T = ast.ASTType
    head_node = node.head
    plain: list[str] = [str(head_node)]
    body_pos: list[Term] = []
    body_neg: list[Term] = []
    comparisons: list[tuple[str, Term, Term]] = []
    for lit in node.body:
        if lit.ast_type != T.Literal:
            continue
        atom = lit.atom
        at = atom.ast_type
        if at == T.SymbolicAtom:
            plain.append(str(lit))
            (body_pos if lit.sign == ast.Sign.NoSign else body_neg).append(_term(atom.symbol))
        elif at == T.Comparison:
            plain.append(str(lit))
            if lit.sign == ast.Sign.NoSign:
                left = atom.term
                for guard in atom.guards:
                    comparisons.append((_COMPARISON[guard.comparison], _term(left), _term(guard.term)))
                    left = guard.term
        elif at == T.BodyAggregate:
            for guard in (atom.left_guard, atom.right_guard):
                if guard is not None:
                    plain.append(str(guard.term))
    head: Term | None = None
    if head_node.ast_type == T.Literal and head_node.atom.ast_type == T.SymbolicAtom:
        head = _term(head_node.atom.symbol)
    variables = tuple(_variables(plain))
    return RuleMeta(
        id=notes.get("rule"),
        source=notes.get("source"),
        says=notes.get("says"),
        file=fname,
        line=line,
        variables=variables,
        head=head,
        body=tuple(body_pos),
        negative=tuple(body_neg),
        comparisons=tuple(comparisons),
        exact=head is not None and _exact(node, head, body_pos, body_neg, comparisons, variables),
    )


def _exact(
    node: Any,
    head: Term,
    positive: list[Term],
    negative: list[Term],
    comparisons: list[tuple[str, Term, Term]],
    variables: tuple[str, ...],
) -> bool:
    """Whether a rule's firings are exactly the matches of its positive atoms, with its comparisons true and
    none of its negated atoms present (:attr:`RuleMeta.exact`)."""
    T = ast.ASTType
    for lit in node.body:
        if lit.ast_type != T.Literal:
            return False  # a conditional literal
        kind = lit.atom.ast_type
        if kind == T.SymbolicAtom:
            if lit.sign == ast.Sign.DoubleNegation:
                return False
        elif kind != T.Comparison or lit.sign != ast.Sign.NoSign:
            return False  # an aggregate, a negated comparison, a constant
    terms = [head, *positive, *negative, *(t for _op, a, b in comparisons for t in (a, b))]
    if any(_arithmetic(t) for t in terms) or any(t[0] != "f" for t in (head, *positive, *negative)):
        return False
    bound: set[str] = set()
    for t in positive:
        _bound_variables(t, bound)
    return set(variables) <= bound


def _arithmetic(term: Term) -> bool:
    return term[0] == "x" or (term[0] == "f" and any(_arithmetic(a) for a in term[2]))


def _bound_variables(term: Term, out: set[str]) -> None:
    if term[0] == "v":
        out.add(term[1])
    elif term[0] == "f":
        for a in term[2]:
            _bound_variables(a, out)


_COMPARISON = {
    ast.ComparisonOperator.LessThan: "<",
    ast.ComparisonOperator.LessEqual: "<=",
    ast.ComparisonOperator.GreaterThan: ">",
    ast.ComparisonOperator.GreaterEqual: ">=",
    ast.ComparisonOperator.NotEqual: "!=",
    ast.ComparisonOperator.Equal: "=",
}


def _fired_literal(loc: Any, record: str, variables: tuple[str, ...]) -> Any:
    args = [ast.Variable(loc, v) for v in variables]
    term = ast.Function(loc, record, args, 0)
    return ast.Literal(loc, ast.Sign.NoSign, ast.SymbolicAtom(term))


_DOC_HEAD = re.compile(r"^%\*!\s*([a-z_][A-Za-z0-9_]*)\s*(?:\(([^)]*)\))?\s*$")


def _parse_doc(node: Any) -> PredicateDoc | None:
    lines = node.value.splitlines()
    match = _DOC_HEAD.match(lines[0].strip()) if lines else None
    if not match:
        return None
    name = match.group(1)
    args = tuple(a.strip() for a in match.group(2).split(",")) if match.group(2) else ()
    description: list[str] = []
    reads = None
    in_args = False
    arg_docs: dict[str, str] = {}
    for raw_line in lines[1:]:
        text = raw_line.strip()
        if text.endswith("*%") and text.strip("*% ") == "":
            break
        if text.startswith("Args:"):
            in_args = True
            continue
        if text.startswith("Reads:"):
            reads = text[len("Reads:") :].strip()
            in_args = False
            continue
        if in_args and text.startswith("-"):
            arg_name, _, arg_text = text[1:].partition(":")
            arg_docs[arg_name.strip()] = arg_text.strip()
            continue
        if text:
            in_args = False
            description.append(text)
    return PredicateDoc(
        name=name,
        arity=len(args),
        args=args,
        description=" ".join(description),
        reads=reads,
        file=node.location.begin.filename,
        line=node.location.begin.line,
        arg_docs=tuple(arg_docs.get(a, "") for a in args),
    )
