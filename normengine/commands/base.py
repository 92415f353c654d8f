"""What every command shares: its options, its description for the dispatcher, its output.

A command module registers its parser with ``add_parser(subparsers)`` and sets
``func`` (the handler) and ``spec`` (a :class:`Spec`) as defaults. The handler
is called as ``func(args, ctx)`` and returns an :class:`Output`; it never
prints, never writes a file and never catches an error: the dispatcher
(:mod:`normengine.commands.dispatch`) runs it, in a worker process when the
command has limits, writes its output, and turns errors into exit statuses.

This module is light (argparse and the limits' defaults only): building the
parser must not import the engine, pydantic or rich.
"""

from __future__ import annotations

import argparse
import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..limits import DEFAULT_LIMITS, DEFAULT_MAX_MEMORY_MB, Limits

__all__ = [
    "FILE_WIDTH",
    "Context",
    "Output",
    "Spec",
    "Target",
    "add_case",
    "add_format",
    "add_limits",
    "add_output",
    "add_rules",
    "case_input",
    "limits",
    "render",
]

# Text written to a file or a pipe is this wide, and never cut short (rich wraps, it does not truncate, at 120).
FILE_WIDTH = 120


@dataclass(frozen=True)
class Target:
    """Where text output goes: a terminal (its width and colours) or a file or pipe (plain, FILE_WIDTH wide)."""

    terminal: bool = False
    width: int = FILE_WIDTH
    color_system: str | None = None
    no_color: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "terminal": self.terminal,
            "width": self.width,
            "color_system": self.color_system,
            "no_color": self.no_color,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Target:
        return cls(bool(data["terminal"]), int(data["width"]), data["color_system"], bool(data["no_color"]))


@dataclass
class Context:
    """What a handler may need besides its arguments.

    Args:
        target: where its text output goes.
        stdin: the bytes of standard input, read by the parent when a case is ``-``.
        in_worker: the handler runs in a worker process (the parent enforces the time limit).
    """

    target: Target = field(default_factory=Target)
    stdin: bytes | None = None
    in_worker: bool = False


@dataclass(frozen=True)
class Output:
    """What a command produced: the text or bytes to write, and its exit status."""

    data: str | bytes
    status: int = 0

    def to_json(self) -> dict[str, Any]:
        if isinstance(self.data, bytes):
            return {"binary": base64.b64encode(self.data).decode("ascii"), "exit_status": self.status}
        return {"output": self.data, "exit_status": self.status}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Output:
        if "binary" in data:
            return cls(base64.b64decode(data["binary"]), int(data.get("exit_status", 0)))
        return cls(str(data["output"]), int(data.get("exit_status", 0)))


def _given(args: argparse.Namespace, name: str) -> list[str]:
    value = getattr(args, name, None)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


@dataclass(frozen=True)
class Spec:
    """How the dispatcher runs a command.

    Args:
        isolate: run in a worker process under ``--timeout`` and ``--max-memory``.
        inputs: the attributes of ``args`` that name input files or directories (never written over).
        rules: the attribute that names the rule set (its files are never written over either).
        subject: the attribute that names what the command works on, in messages (default: the first input).
    """

    isolate: bool = True
    inputs: tuple[str, ...] = ("case",)
    rules: str | None = "rules"
    subject: str | None = None

    def input_paths(self, args: argparse.Namespace) -> list[str]:
        """The input paths given (standard input, ``-``, left out)."""
        return [p for name in self.inputs for p in _given(args, name) if p != "-"]

    def rules_path(self, args: argparse.Namespace) -> str | None:
        return getattr(args, self.rules, None) if self.rules else None

    def name(self, args: argparse.Namespace) -> str:
        """How to name the job in messages: the case file as the user gave it."""
        from ..errors import display_path

        given = _given(args, self.subject) if self.subject else [p for n in self.inputs for p in _given(args, n)]
        if not given:
            return "the bundled rule set" if self.rules else "normengine"
        return ", ".join("<stdin>" if p == "-" else display_path(p) for p in given)


Handler = Callable[[argparse.Namespace, Context], Output]


def add_case(p: argparse.ArgumentParser) -> None:
    """The CASE argument: a file, or ``-`` for standard input."""
    p.add_argument("case", metavar="CASE", help="a YAML case file, or - to read it from standard input")


def add_rules(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--rules",
        metavar="PATH",
        help="a rule-set directory (with ruleset.toml) or an .lp file (default: the bundled rule set)",
    )
    p.add_argument(
        "--perspective",
        metavar="NAME",
        help="the perspective to take (default: the rule set's own; normengine compare shows every one)",
    )
    p.add_argument(
        "--allow-scripts",
        action="store_true",
        help="accept #script blocks in the rule set (refused by default: a rule set is data)",
    )


def add_format(p: argparse.ArgumentParser, kind_or_choices: str | list[str], default: str = "text") -> None:
    """``--format``, its choices read from the registry of :mod:`normengine.formats` (or given)."""
    from ..formats import choices

    names = choices(kind_or_choices) if isinstance(kind_or_choices, str) else kind_or_choices
    p.add_argument(
        "--format", choices=names, default=default, help=f"output format: {', '.join(names)} (default {default})"
    )


def add_output(p: argparse.ArgumentParser, what: str = "the output") -> None:
    p.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help=f"write {what} to FILE, whole or not at all, in any format (never over an input)",
    )


def add_limits(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("limits")
    g.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_LIMITS.timeout,
        metavar="S",
        help="seconds allowed for an evaluation, grounding included: it runs in a worker process that is "
        f"stopped at the limit (exit status 3); 0 for none (default {DEFAULT_LIMITS.timeout:g})",
    )
    g.add_argument(
        "--max-memory",
        type=int,
        default=DEFAULT_MAX_MEMORY_MB,
        metavar="MB",
        help="megabytes of memory the worker may take beyond what it holds when it starts; past it the "
        f"evaluation stops (exit status 3); 0 for no cap (default {DEFAULT_MAX_MEMORY_MB:,})",
    )
    g.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_LIMITS.max_bytes,
        metavar="N",
        help=f"largest case file accepted (default {DEFAULT_LIMITS.max_bytes:,})",
    )
    g.add_argument(
        "--max-parties",
        type=int,
        default=DEFAULT_LIMITS.max_parties,
        metavar="N",
        help=f"most parties accepted (default {DEFAULT_LIMITS.max_parties:,})",
    )
    g.add_argument(
        "--max-acts",
        type=int,
        default=DEFAULT_LIMITS.max_acts,
        metavar="N",
        help=f"most acts accepted (default {DEFAULT_LIMITS.max_acts:,})",
    )


def limits(args: argparse.Namespace, ctx: Context | None = None) -> Limits:
    """The size limits, and the time limit the engine enforces itself (none in a worker: the parent kills it)."""
    timeout = args.timeout if args.timeout and args.timeout > 0 else None
    return Limits(
        max_bytes=args.max_bytes,
        max_parties=args.max_parties,
        max_acts=args.max_acts,
        timeout=None if ctx is not None and ctx.in_worker else timeout,
    )


def case_input(args: argparse.Namespace, ctx: Context) -> Any:
    """The case to evaluate: its path, or, for ``-``, the case parsed from standard input."""
    if args.case != "-":
        return args.case
    from ..loader import parse_case_bytes

    lim = limits(args, ctx)
    data = ctx.stdin or b""
    if len(data) > lim.max_bytes:
        from ..errors import LimitExceeded

        raise LimitExceeded(
            f"<stdin>: the case is over the limit of {lim.max_bytes:,} bytes (raise it with --max-bytes)"
        )
    return parse_case_bytes(data, "<stdin>", lim)


def render(draw: Callable[[Any], None], target: Target) -> str:
    """Draw with rich for ``target``: a terminal's width and colours, or plain text for a file or pipe."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=target.width,
        color_system=target.color_system if target.terminal else None,  # type: ignore[arg-type]
        force_terminal=target.terminal,
        no_color=target.no_color,
        highlight=False,
        soft_wrap=False,
        legacy_windows=False,
        emoji=False,
    )
    draw(console)
    return buffer.getvalue()
