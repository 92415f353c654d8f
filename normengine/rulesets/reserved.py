"""What a rule set may not do: define the engine's own predicates, reuse the bundled law's rule ids, run scripts.

The report says which rule of the law fired, with its sources, from the engine's ``__fired_K`` records
and the argumentation core's conclusions; a rule set that could assert them, or give its own rule a
bundled rule's id, could make the report cite the law for what the law does not say. A ``#script``
block runs only with ``--allow-scripts``, and only in a language this clingo supports.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import clingo
import clingo.ast as ast

from ..errors import RuleSetError, display_path
from .files import empty_cwd
from .instrument import ANNOTATION, annotated_rules, defines
from .manifest import bundled_rules_dir

__all__ = [
    "RESERVED_PREFIX",
    "RuleSetRefused",
    "bundled_file",
    "bundled_rule_ids",
    "check_reserved",
    "check_script_support",
    "reserved_predicates",
    "script_supported",
]


class RuleSetRefused(RuleSetError):
    """Rule files that parse but are refused: each of ``messages`` is ``file:line:col: error: text``.

    ``code`` says why (``reserved`` a predicate or rule id of the engine's, ``script`` a script this
    clingo cannot run); ``normengine check`` reports each message as a finding with that code.
    """

    def __init__(self, summary: str, messages: list[str], code: str) -> None:
        super().__init__(summary, messages)
        self.code = code


_PACKAGE = Path(__file__).resolve().parent.parent
_ENGINE_ENCODINGS = (_PACKAGE / "encodings", _PACKAGE / "af" / "encodings")
RESERVED_PREFIX = "__"
"""Predicates whose names start with this are the engine's own records (``__fired_K``, ``__verdict``, ...)."""


def reserved_predicates() -> dict[str, str]:
    """The engine's predicates a rule set may not define, by name, with what each is.

    Every name that starts with ``__`` is reserved (the records of which rule fired, the readings of
    verdicts and statuses); so is every predicate the engine's own encodings derive (the argumentation
    core's ``af_gr_in``, ``af_gr_out``, ``af_in``, ...), read from those encodings.
    """
    if not _RESERVED:
        files = sorted(p for d in _ENGINE_ENCODINGS if d.is_dir() for p in d.glob("*.lp"))
        raw: list[Any] = []
        ast.parse_files([str(p) for p in files], raw.append, logger=lambda _c, _m: None)
        for node in raw:
            for name, _arity in defines(node):
                if not name.startswith(RESERVED_PREFIX):
                    _RESERVED.setdefault(name, "a conclusion of the engine's argumentation core")
    return dict(_RESERVED)


_RESERVED: dict[str, str] = {}


def bundled_rule_ids() -> dict[str, str]:
    """Every rule id (``%@ rule:``) of the bundled rule set, with its file and line."""
    if not _BUNDLED_IDS:
        try:
            root = bundled_rules_dir()
        except RuleSetError:
            return {}
        for path in sorted(root.rglob("*.lp")):
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                continue
            for number, line in enumerate(lines, 1):
                match = ANNOTATION.match(line.strip())
                if match and match.group(1) == "rule" and match.group(2):
                    _BUNDLED_IDS.setdefault(match.group(2), f"{path.relative_to(root)}:{number}")
    return dict(_BUNDLED_IDS)


_BUNDLED_IDS: dict[str, str] = {}
_BUNDLED_RULES: dict[str, dict[str, tuple[str | None, str | None, str]]] = {}


def _bundled_rule(rule_id: str) -> tuple[str | None, str | None, str] | None:
    """The bundled rule with this id: its source, its sentence and its text (as clingo prints it)."""
    location = bundled_rule_ids().get(rule_id)
    if location is None:
        return None
    relative = location.rsplit(":", 1)[0]
    if relative not in _BUNDLED_RULES:
        path = (bundled_rules_dir() / relative).resolve()
        raw: list[Any] = []
        try:
            with empty_cwd():
                ast.parse_files([str(path)], raw.append, logger=lambda _c, _m: None)
        except RuntimeError:
            raw = []
        _BUNDLED_RULES[relative] = {
            rid: (notes.get("source"), notes.get("says"), str(node))
            for rid, file, _line, _col, notes, node in annotated_rules(raw)
            if Path(file).resolve() == path
        }
    return _BUNDLED_RULES[relative].get(rule_id)


@functools.lru_cache(maxsize=4096)
def _engine_file(name: str) -> bool:
    try:
        path = Path(name).resolve()
    except (OSError, RuntimeError):
        return False
    return any(path.is_relative_to(d) for d in _ENGINE_ENCODINGS)


@functools.lru_cache(maxsize=4096)
def bundled_file(name: str) -> bool:
    """Whether a file (as clingo names it) is one of the bundled rule set's."""
    try:
        return Path(name).resolve().is_relative_to(bundled_rules_dir())
    except (OSError, RuntimeError, RuleSetError):
        return False


def check_reserved(raw: list[Any]) -> None:
    """Refuse a rule set that defines the engine's predicates or reuses a rule id of the bundled law.

    The report says which rule of the law fired, with its sources, from the engine's ``__fired_K``
    records and the argumentation core's conclusions: a rule set that could assert them, or give its
    own rule a bundled rule's id, could make the report cite the law for what the law does not say.
    """
    reserved = reserved_predicates()
    messages: list[str] = []
    for node in raw:
        for name, arity in defines(node):
            bare = name.lstrip("-")
            if not bare.startswith(RESERVED_PREFIX) and bare not in reserved:
                continue
            begin = node.location.begin
            if not begin.filename or begin.filename.startswith("<") or _engine_file(begin.filename):
                continue
            if bare.startswith(RESERVED_PREFIX):
                what = (
                    "names that start with __ are the engine's own records "
                    "(such as __fired_K, which says which rule fired)"
                )
            elif bare in reserved:
                what = f"{bare} is {reserved[bare]}, which the engine derives from arg/1 and att/2"
            else:
                continue
            verb = "shows a term of" if node.ast_type == ast.ASTType.ShowTerm else "defines"
            messages.append(
                f"{display_path(begin.filename)}:{begin.line}:{begin.column}: error: the rule set {verb} "
                f"{bare}/{arity}, which the engine reserves: {what}"
            )
    bundled = bundled_rule_ids()
    loaded: set[str] | None = None
    for rule_id, file, line, column, notes, node in annotated_rules(raw):
        if rule_id not in bundled or bundled_file(file):
            continue
        if loaded is None:
            names = {n.location.begin.filename for n in raw}
            loaded = {str(Path(name).resolve()) for name in names if name and not name.startswith("<")}
        where = f"{display_path(file)}:{line}:{column}: error: rule id {rule_id!r}"
        origin = bundled_rules_dir() / bundled[rule_id].rsplit(":", 1)[0]
        if str(origin.resolve()) in loaded:
            messages.append(
                f"{where} is also the id of a rule of the bundled law that this rule set loads "
                f"(rules/{bundled[rule_id]}); give your rule an id of its own"
            )
        elif _bundled_rule(rule_id) != (notes.get("source"), notes.get("says"), str(node)):
            messages.append(
                f"{where} is the id of a rule of the bundled law (rules/{bundled[rule_id]}), but this is another "
                "rule (or cites other sources); give it an id of its own, so that no report takes it for the "
                "bundled rule (a verbatim copy of the bundled rule may keep its id)"
            )
    if messages:
        raise RuleSetRefused(
            "the rule set defines what the engine reserves (its own predicates, or the bundled law's rule ids)",
            sorted(set(messages), key=messages.index),
            code="reserved",
        )


_SCRIPT_SUPPORT: dict[str, bool] = {}


def script_supported(language: str) -> bool:
    """Whether this clingo can run ``#script (language)`` blocks (normengine never enables Python itself)."""
    if language not in _SCRIPT_SUPPORT:
        ctl = clingo.Control(["--warn=none"], logger=lambda _code, _message: None)
        try:
            ctl.add("base", [], f"#script ({language}) #end.")
            _SCRIPT_SUPPORT[language] = True
        except RuntimeError:
            _SCRIPT_SUPPORT[language] = False
    return _SCRIPT_SUPPORT[language]


def check_script_support(raw: list[Any]) -> None:
    """Refuse allowed scripts that this clingo cannot run, naming each block's file and line."""
    messages = []
    for node in raw:
        if node.ast_type != ast.ASTType.Script:
            continue
        language = str(node.name)
        if not script_supported(language):
            begin = node.location.begin
            messages.append(
                f"{display_path(begin.filename)}:{begin.line}:{begin.column}: error: #script ({language}): "
                f"this clingo has no {language} support, so the script cannot run"
            )
    if messages:
        raise RuleSetRefused(
            "the rule set embeds a #script block that this clingo cannot run (--allow-scripts lets a script run, "
            "it cannot add a language to clingo)",
            messages,
            code="script",
        )
