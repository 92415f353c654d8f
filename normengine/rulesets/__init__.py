"""Rule sets: finding them, reading their manifests, and parsing their rules.

This package's public names are the ones the rest of normengine, and users, import from
``normengine.rulesets``; each lives in one focused module:

- :mod:`~normengine.rulesets.manifest`: a rule set's ``ruleset.toml`` (or a single ``.lp`` file), the
  bundled rule set, the rule sets one builds on (:class:`RuleSet`, :func:`load_ruleset`);
- :mod:`~normengine.rulesets.files`: where a path leads, and the files an entry file includes, confined
  to the rule set's directories;
- :mod:`~normengine.rulesets.instrument`: the ``%@`` annotations next to each rule, the ``%*!`` blocks
  that document predicates, and the instrumentation that records which rule fired (:class:`RuleMeta`);
- :mod:`~normengine.rulesets.reserved`: what a rule set may not define or run (:class:`RuleSetRefused`);
- :mod:`~normengine.rulesets.program`: parsing rule files into a :class:`Program` (:func:`parse_program`);
- :mod:`~normengine.rulesets.cache`: the on-disk cache of parsed programs (:func:`cache_dir`).
"""

from __future__ import annotations

from .cache import cache_dir
from .instrument import FIRED, PredicateDoc, RuleMeta, Term
from .manifest import INSTALLED, MANIFEST, RuleSet, bundled_rules_dir, load_ruleset
from .program import Program, RuleSyntaxError, parse_program, program_signature
from .reserved import RESERVED_PREFIX, RuleSetRefused, bundled_rule_ids, reserved_predicates, script_supported

__all__ = [
    "FIRED",
    "INSTALLED",
    "MANIFEST",
    "RESERVED_PREFIX",
    "PredicateDoc",
    "Program",
    "RuleMeta",
    "RuleSet",
    "RuleSetRefused",
    "RuleSyntaxError",
    "Term",
    "bundled_rule_ids",
    "bundled_rules_dir",
    "cache_dir",
    "load_ruleset",
    "parse_program",
    "program_signature",
    "reserved_predicates",
    "script_supported",
]
