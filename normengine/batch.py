"""``normengine batch``: evaluate many case files into one JSON-lines file, resumably.

The output has one JSON object a line, one line a case, in the order of the
cases' names (their paths as given, relative to the working directory when
they are under it, sorted), whatever the number of workers or the executor::

    {"case":"cases/kosovo-1999.yaml","status":"ok","exit_status":0,"report":{...}}
    {"case":"lib/broken.yaml","status":"error","exit_status":2,"error":"invalid case file: lib/broken.yaml:11:5: ..."}

``report`` is the report that ``normengine evaluate --format json`` prints for
that case; ``error`` is the message it prints after ``error:``, and
``exit_status`` the status it exits with (2 bad input, 3 a limit was reached,
70 an internal error). A case that fails gets its error line and the batch
goes on.

Each line is appended whole, flushed and fsynced before the next is written.
A batch that is interrupted (Ctrl-C, a kill, a crash, a power cut) is resumed
by running the same command again: the cases that already have a line are
skipped, a torn last line (a write cut short) is dropped and its case done
again, a case whose worker was killed from outside (not by a limit: its line
says ``"retry":true``; the pool has already run it again once) is done again
with every case after it, and since lines are written in order, the resumed file is the same,
byte for byte, as one written in a single run. A results file of another rule
set or perspective is refused rather than mixed.

The cases are evaluated by an executor (:mod:`normengine.executors`): worker
processes on this machine (default), or a Ray cluster (``--executor ray``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from .errors import NormengineError, display_path, kind_of
from .worker import DEFAULT_WORKER_LIMITS, WorkerLimits

__all__ = ["BatchError", "BatchSummary", "Progress", "ResultsFile", "collect_cases", "result_line", "run_batch"]

CASE_SUFFIXES = (".yaml", ".yml")


class Progress(Protocol):
    """What a batch tells a progress display (the command line's is a rich bar on stderr)."""

    def start(self, total: int, done: int) -> None:
        """The batch starts: ``total`` cases, ``done`` of them done by an earlier run."""

    def advance(self, name: str, status: str) -> None:
        """A case's line was written (``status``: ok or error)."""

    def refresh(self) -> None:
        """Called about twice a second while the batch waits for results."""

    def stop(self) -> None:
        """The batch ended (or was interrupted)."""


class BatchError(NormengineError):
    """A batch that cannot start: no cases, a bad option, a results file that is not ours (exit status 2)."""

    exit_status = 2


# --------------------------------------------------------------------------
# Inputs


def collect_cases(paths: list[str]) -> list[tuple[str, Path]]:
    """The case files named by ``paths`` (files, or directories searched recursively), as (name, path).

    Sorted by name; a file reached twice counts once. Hidden files and directories (``.git``,
    ``.hypothesis``) are skipped when searching a directory.

    Raises:
        BatchError: a path does not exist, or no case file was found.
    """
    found: dict[Path, str] = {}
    from .cases import case_location

    for given in paths:
        path = case_location(given)  # "cases" or a bundled case's id names the bundled library
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.endswith(CASE_SUFFIXES) and not f.startswith("."):
                        p = Path(root) / f
                        found.setdefault(p.resolve(), display_path(p))
        elif path.exists():
            found.setdefault(path.resolve(), display_path(path))
        else:
            raise BatchError(f"{given}: no such file or directory")
    if not found:
        raise BatchError(f"no case files (*.yaml, *.yml) in {', '.join(paths)}")
    return sorted(((name, path) for path, name in found.items()), key=lambda item: item[0])


# --------------------------------------------------------------------------
# The results file


def result_line(name: str, result: dict[str, Any]) -> str:
    """One line of the results file (without the newline): keys in a fixed order, compact, UTF-8."""
    line: dict[str, Any] = {
        "case": name,
        "status": "ok" if result.get("status") == "ok" else "error",
        "exit_status": int(result.get("exit_status", 0 if result.get("status") == "ok" else 70)),
    }
    if line["status"] == "ok":
        line["report"] = result["report"]
    else:
        line["error"] = str(result.get("error", "unknown error"))
        if kind_of(result.get("kind")).retry:
            line["retry"] = True  # not the case's fault (its worker was killed from outside): a resume redoes it
    return json.dumps(line, ensure_ascii=False, separators=(",", ":"))


@dataclass
class ResultsFile:
    """The JSON-lines results file: read what an earlier run left, then append whole lines.

    Args:
        path: the file.
    """

    path: Path
    lines: list[dict[str, Any]] = field(default_factory=list)
    dropped_torn_line: bool = False
    redone: int = 0
    _handle: IO[bytes] | None = None

    def load(self) -> list[dict[str, Any]]:
        """Read the lines an earlier run wrote; drop a torn last line (from the file too).

        A line marked ``"retry": true`` (its worker was killed from outside: not the case's fault) is
        dropped with every line after it, so that those cases are evaluated again and the file stays in
        order, the same byte for byte as one written in a single run.

        Raises:
            BatchError: a complete line is not a line of batch results (the file is not ours).
        """
        name = display_path(self.path)
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise BatchError(f"{name}: cannot read it: {exc.strerror}") from None
        end = raw.rfind(b"\n") + 1
        offset = 0
        for number, text in enumerate(raw[:end].split(b"\n")[:-1], start=1):
            start, offset = offset, offset + len(text) + 1
            if not text.strip():
                continue
            try:
                obj = json.loads(text)
            except ValueError:
                obj = None
            ours = isinstance(obj, dict) and isinstance(obj.get("case"), str) and obj.get("status") in ("ok", "error")
            if not ours:
                raise BatchError(
                    f"{name}:{number}: not a line of batch results; choose another --out "
                    "(or remove the file to start afresh)"
                )
            if obj.get("retry") is True:
                self.redone = sum(1 for t in raw[start:end].split(b"\n") if t.strip())
                end = start
                break
            self.lines.append(obj)
        if end < len(raw):
            # A line whose write was cut short (or lines to redo): drop it, so that its case is evaluated again.
            try:
                with self.path.open("r+b") as handle:
                    handle.truncate(end)
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError as exc:
                raise BatchError(f"{name}: cannot repair its torn last line: {exc.strerror}") from None
            self.dropped_torn_line = True
        return self.lines

    def open(self) -> None:
        """Open for appending, and take an exclusive lock so that two batches cannot write it at once.

        Raises:
            BatchError: the file cannot be opened, or another batch holds it.
        """
        name = display_path(self.path)
        try:
            handle = self.path.open("ab")
        except OSError as exc:
            raise BatchError(f"{name}: cannot write it: {exc.strerror}") from None
        try:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - not on Windows
            pass
        except OSError:
            handle.close()
            raise BatchError(f"{name}: another batch is writing it; wait for it, or choose another --out") from None
        self._handle = handle

    def append(self, line: str) -> None:
        """Append one line whole: write, flush, fsync."""
        assert self._handle is not None, "open() first"
        self._handle.write(line.encode("utf-8") + b"\n")
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def close(self) -> None:
        """Close the file (and release its lock)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None


# --------------------------------------------------------------------------
# Running


@dataclass
class BatchSummary:
    """What a batch run did."""

    total: int
    skipped: int
    written: int = 0
    ok: int = 0
    failed: dict[int, int] = field(default_factory=dict)
    interrupted: bool = False

    @property
    def errors(self) -> int:
        return sum(self.failed.values())


def _check_compatible(lines: list[dict[str, Any]], perspective: str, ruleset_hash: str, out: str) -> None:
    for line in lines:
        report = line.get("report")
        if not isinstance(report, dict):
            continue
        if report.get("perspective") != perspective or report.get("ruleset_hash") != ruleset_hash:
            raise BatchError(
                f"{out}: it holds results of another rule set or perspective ({report.get('perspective')}, "
                f"{report.get('ruleset_hash')}); resume with the same --rules and --perspective, or choose "
                "another --out"
            )


def run_batch(
    paths: list[str],
    out: str | Path,
    *,
    rules: str | None = None,
    perspective: str | None = None,
    allow_scripts: bool = False,
    workers: int = 1,
    executor: str = "local",
    address: str | None = None,
    limits: Any = None,
    worker_limits: WorkerLimits = DEFAULT_WORKER_LIMITS,
    progress: Progress | None = None,
    explanations: bool = True,
) -> BatchSummary:
    """Evaluate case files into a JSON-lines results file (see the module's documentation).

    Args:
        paths: case files and directories.
        out: the results file (resumed if it exists).
        rules: a rule set (default: the bundled one).
        perspective: the perspective (default: the rule set's).
        allow_scripts: accept ``#script`` blocks in the rule set.
        workers: local worker processes.
        executor: ``local`` or ``ray``.
        address: the Ray cluster's address (``ray`` only; None starts a local instance).
        limits: size limits (:class:`~normengine.loader.Limits`; its ``timeout`` is not used:
            ``worker_limits.timeout`` is the per-case time limit).
        worker_limits: per-case time limit, memory cap, cases per worker.
        progress: told of each result and called while waiting (a progress display); None for none.
        explanations: put the explanation trees in the reports (as ``evaluate`` does by default).

    Raises:
        BatchError, RuleSetError, OutputError: the batch cannot start (nothing is written).
    """
    from .executors import ExecutorSettings
    from .jobs import prepare_batch
    from .loader import DEFAULT_LIMITS
    from .outputs import check_output, protected_files

    if workers < 1:
        raise BatchError("--workers must be at least 1")
    if worker_limits.max_tasks < 1:
        raise BatchError("--max-cases-per-worker must be at least 1")
    if address is not None and executor != "ray":
        raise BatchError("--address is for --executor ray")
    if executor == "ray":
        from .executors.ray import import_ray

        import_ray()  # before anything is written: "pip install 'normengine[cluster]'"
    limits = limits or DEFAULT_LIMITS
    cases = collect_cases(paths)
    payload, prepared = prepare_batch(
        rules, perspective, allow_scripts=allow_scripts, limits=limits, explanations=explanations
    )
    out = Path(out)
    check_output(out, protected_files([p for _n, p in cases], rules))
    results = ResultsFile(out)
    earlier = results.load()
    _check_compatible(earlier, prepared.perspective, prepared.ruleset_hash, display_path(out))
    done = {line["case"] for line in earlier}
    pending = [(name, path) for name, path in cases if name not in done]
    summary = BatchSummary(total=len(cases), skipped=len(cases) - len(pending))
    for line in earlier:
        _count(summary, line["status"], int(line.get("exit_status", 0)))
    results.open()
    display = progress
    if display is not None:
        display.start(len(cases), summary.skipped)
    settings = ExecutorSettings(
        payload=payload,
        limits=worker_limits,
        workers=workers,
        address=address,
        tick=display.refresh if display else None,
    )
    try:
        stream = _execute(executor, pending, settings)
        for name, text, status, exit_status in _in_order(pending, stream):
            results.append(text)
            summary.written += 1
            _count(summary, status, exit_status)
            if display:
                display.advance(name, status)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        results.close()
        if display:
            display.stop()
    return summary


def _count(summary: BatchSummary, status: str, exit_status: int) -> None:
    if status == "ok":
        summary.ok += 1
    else:
        summary.failed[exit_status] = summary.failed.get(exit_status, 0) + 1


def _execute(executor: str, pending: list[tuple[str, Path]], settings: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    if executor == "ray":
        from .executors.ray import run_ray

        return run_ray([(i, name, path) for i, (name, path) in enumerate(pending)], settings)
    from .executors.local import run_local

    jobs = [(i, {"name": name, "path": str(path)}) for i, (name, path) in enumerate(pending)]
    return run_local(jobs, settings)


def _in_order(
    pending: list[tuple[str, Path]], stream: Iterator[tuple[int, dict[str, Any]]]
) -> Iterator[tuple[str, str, str, int]]:
    """Put results that come in any order back in the order of ``pending``, each as soon as it can go."""
    waiting: dict[int, str] = {}
    statuses: dict[int, tuple[str, int]] = {}
    following = 0
    try:
        for index, result in stream:
            name = pending[index][0]
            line = result_line(name, result)
            waiting[index] = line
            statuses[index] = ("ok" if result.get("status") == "ok" else "error", int(result.get("exit_status", 70)))
            while following in waiting:
                status, exit_status = statuses.pop(following)
                yield pending[following][0], waiting.pop(following), status, exit_status
                following += 1
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()
