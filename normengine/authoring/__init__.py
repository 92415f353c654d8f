"""Tools for people who write rule sets and case files.

- :mod:`~normengine.authoring.analysis`: where each predicate of a rule set is
  derived, used, declared and shown, read from clingo's AST.
- :mod:`~normengine.authoring.vocab`: the vocabulary that case facts and rules
  share (``normengine vocab``).
- :mod:`~normengine.authoring.check`: checking a rule set before anyone runs
  it (``normengine check``).
- :mod:`~normengine.authoring.scaffold`: documented skeletons of a case file
  and of a rule set (``normengine new``).
- :mod:`normengine.commands.authoring`: the subcommands.

Rule-set tests (``normengine test``) live in :mod:`normengine.ruletests`.

This package imports nothing heavy at import time, so that ``normengine --help``
stays fast; each module imports clingo itself.
"""
