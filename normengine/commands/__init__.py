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

import argparse
import importlib

__all__ = ["COMMANDS", "build_parser"]

# In the order ``normengine --help`` lists them.
COMMANDS: tuple[str, ...] = (
    "evaluate",
    "compare",
    "agree",
    "schema",
    "explain",
    "authoring",  # vocab, check, test, new
    "whatif",
    "af",
    "graph",
    "serve",
    "batch",
    "cases",
    "completion",
)

EPILOG = """\
example:
  normengine evaluate cases/kosovo-1999.yaml

shell completion: normengine completion bash (or zsh, tcsh); see its --help.
"""


# Commands registered by the module of the same name, whose parser can be built alone (see build_parser).
SINGLE: frozenset[str] = frozenset(
    ("evaluate", "compare", "schema", "explain", "whatif", "graph", "serve", "batch", "cases")
)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of the ``normengine`` command.

    With ``command`` (one of :data:`SINGLE`), only that command's subparser is built: what running it
    needs, with the same options, messages and help, without importing every other command's module.
    """
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="normengine",
        description="Reason about conflicts between the norms of international law: "
        "evaluate a case file against a rule set and report which principles are engaged, "
        "which conflict, which justifications survive, and why.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"normengine {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS if command not in SINGLE else (command,):
        importlib.import_module(f"normengine.commands.{name}").add_parser(sub)
    return parser
