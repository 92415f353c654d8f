"""The commands of ``normengine``, one module each.

Each module has ``add_parser(subparsers)``, which registers its subcommand(s) and
sets ``func`` (the handler) and ``spec`` (how :mod:`.dispatch` runs it: in a worker
under the limits, which arguments are inputs never to be written over). Modules
import only :mod:`.base` at the top: the engine, pydantic and rich are imported by
the handlers, so that ``--help``, ``--version`` and ``af solve`` stay fast.

To add a command: write ``normengine/commands/NAME.py`` (copy ``schema.py`` for a
simple one, ``evaluate.py`` for one that evaluates a case) and add its name to
:data:`COMMANDS`, in the place where ``--help`` should list it.
"""

from __future__ import annotations

__all__ = ["COMMANDS"]

# In the order ``normengine --help`` lists them.
COMMANDS: tuple[str, ...] = (
    "evaluate",
    "compare",
    "schema",
    "explain",
    "authoring",  # vocab, check, test, new
    "whatif",
    "af",
    "graph",
    "serve",
    "batch",
    "completion",
)
