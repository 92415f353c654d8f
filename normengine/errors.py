"""Errors a user can see, each with its exit status.

Every error that reaches the command line is one of these: the CLI prints
``str(error)`` on stderr and exits with ``error.exit_status``. Nothing else
should escape as a traceback.

Exit statuses:
    0: evaluated (or checked clean)
    1: a check or a rule-set test found a problem
    2: bad input: a case file, a rule set, an option
    3: a limit was reached: time, size, number of parties or acts
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CaseError",
    "InputIssue",
    "LimitExceeded",
    "NormengineError",
    "RuleSetError",
    "SolveTimeout",
]


class NormengineError(Exception):
    """Base class of every error normengine reports to a user."""

    exit_status = 2


@dataclass(frozen=True)
class InputIssue:
    """One problem in an input file, located as precisely as we can.

    Args:
        file: the file's path as the user gave it (or ``<string>``).
        line: 1-based line, or None when no position is known.
        column: 1-based column, or None.
        field: dotted path of the field, e.g. ``acts[2].actors[0]``; empty for the whole file.
        message: what is wrong, and where possible what to do.
    """

    file: str
    line: int | None
    column: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class CaseError(NormengineError):
    """A case file that cannot be read or is not valid."""

    exit_status = 2

    def __init__(self, issues: list[InputIssue]) -> None:
        self.issues = issues
        super().__init__(self._text())

    def _text(self) -> str:
        head = str(self.issues[0])
        if len(self.issues) == 1:
            return f"invalid case file: {head}"
        rest = "\n".join(f"  {issue}" for issue in self.issues[1:20])
        more = len(self.issues) - 20
        tail = f"\n  ... and {more} more" if more > 0 else ""
        return f"invalid case file: {head}\n{len(self.issues) - 1} more problem(s):\n{rest}{tail}"


class RuleSetError(NormengineError):
    """A rule set that cannot be loaded, parsed or grounded.

    ``messages`` holds clingo's own messages, each starting ``file:line:col``.
    """

    exit_status = 2

    def __init__(self, summary: str, messages: list[str] | None = None) -> None:
        self.summary = summary
        self.messages = messages or []
        text = summary
        if self.messages:
            text += "\n" + "\n".join(f"  {m}" for m in self.messages[:20])
        super().__init__(text)


class LimitExceeded(NormengineError):
    """An input is larger than a configured limit."""

    exit_status = 3


class SolveTimeout(NormengineError):
    """Grounding or solving ran past the time limit."""

    exit_status = 3


def display_path(path: Path | str) -> str:
    """Return the path as the user would recognise it (relative when under cwd)."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # not under cwd; a symbolic-link loop; cwd gone
        return str(p)
