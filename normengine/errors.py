"""Errors a user can see, each with its exit status.

Every error that reaches the command line is one of these: the CLI prints
``str(error)`` on stderr and exits with ``error.exit_status``. Nothing else
should escape as a traceback.

Exit statuses:
    0: evaluated (or checked clean)
    1: a check or a rule-set test found a problem
    2: bad input: a case file, a rule set, an option
    3: a limit was reached: time, memory, size, number of parties or acts

:data:`KINDS` is the one table from each kind of error to its exit status (command
line, batch lines) and its HTTP status (``normengine serve``); every error class names
its kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "KINDS",
    "CaseError",
    "ErrorKind",
    "InputIssue",
    "LimitExceeded",
    "NormengineError",
    "ReportedError",
    "RuleSetError",
    "SolveTimeout",
    "kind_of",
]


@dataclass(frozen=True)
class ErrorKind:
    """One kind of error: its code (the ``error`` field of an HTTP error body), exit and HTTP statuses.

    Args:
        code: the kind's name.
        exit_status: the command line's exit status.
        http_status: the service's HTTP status.
        retry: the failure is not the job's fault (its worker was killed from outside): run it again.
    """

    code: str
    exit_status: int
    http_status: int
    retry: bool = False


KINDS: dict[str, ErrorKind] = {
    k.code: k
    for k in (
        ErrorKind("invalid_case", 2, 422),  # a case file that cannot be read or is not valid
        ErrorKind("rules_failed", 2, 422),  # a rule set that cannot be loaded, parsed or grounded
        ErrorKind("invalid_request", 2, 422),  # any other bad input: an option, an output file, an act id
        ErrorKind("limit", 3, 422),  # a case over a size limit
        ErrorKind("time_limit", 3, 422),  # grounding or solving ran past the time limit
        ErrorKind("memory_limit", 3, 422),  # the worker reached its memory cap
        ErrorKind("worker_killed", 70, 503, retry=True),  # the worker was killed from outside (not by us)
        ErrorKind("busy", 75, 503, retry=True),  # no worker became free in time (the service only)
        ErrorKind("internal", 70, 500),  # a bug
    )
}


def kind_of(code: str | None) -> ErrorKind:
    """The kind named ``code`` (an unknown or missing code is an internal error)."""
    return KINDS.get(code or "", KINDS["internal"])


class NormengineError(Exception):
    """Base class of every error normengine reports to a user."""

    kind = "invalid_request"
    exit_status = KINDS["invalid_request"].exit_status


class ReportedError(NormengineError):
    """An error a worker process reported: its message, exit status and kind are the worker's."""

    def __init__(self, message: str, result: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        result = result or {}
        self.kind = str(result.get("kind") or "internal")
        self.exit_status = int(result.get("exit_status", kind_of(self.kind).exit_status))


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

    kind = "invalid_case"
    exit_status = KINDS[kind].exit_status

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

    kind = "rules_failed"
    exit_status = KINDS[kind].exit_status

    def __init__(self, summary: str, messages: list[str] | None = None) -> None:
        self.summary = summary
        self.messages = messages or []
        text = summary
        if self.messages:
            text += "\n" + "\n".join(f"  {m}" for m in self.messages[:20])
        super().__init__(text)


class LimitExceeded(NormengineError):
    """An input is larger than a configured limit."""

    kind = "limit"
    exit_status = KINDS[kind].exit_status


class SolveTimeout(NormengineError):
    """Grounding or solving ran past the time limit."""

    kind = "time_limit"
    exit_status = KINDS[kind].exit_status


def display_path(path: Path | str) -> str:
    """Return the path as the user would recognise it (relative when under cwd)."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # not under cwd; a symbolic-link loop; cwd gone
        return str(p)
