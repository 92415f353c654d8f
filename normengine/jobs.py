"""What a worker process runs (:mod:`normengine.worker`): jobs in, JSON out.

- every command that has limits runs in a worker through
  :func:`normengine.commands.dispatch.work` (the command's own handler, in the worker);
- :func:`batch_setup` and :func:`batch_case` evaluate the cases of a batch: the parent
  parses the rule set once and sends the parsed program as JSON
  (:meth:`~normengine.rulesets.Program.to_json`), so that a worker on this machine or on
  a cluster node evaluates every case against exactly the same program.

A job never raises for a problem with its input: it returns
``{"status": "error", "exit_status": N, "error": message}`` with the message the
command line would print after ``error:``.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from .errors import NormengineError
from .loader import Limits, parse_case_bytes, read_case_file
from .worker import Job, Result, failure

__all__ = ["Prepared", "batch_case", "batch_setup", "limits_json", "prepare_batch"]


def _limits(job: Job) -> Limits:
    raw = job.get("limits") or {}
    return Limits(
        max_bytes=int(raw.get("max_bytes", Limits.max_bytes)),
        max_parties=int(raw.get("max_parties", Limits.max_parties)),
        max_acts=int(raw.get("max_acts", Limits.max_acts)),
        timeout=None,  # the parent enforces the time limit by killing the worker
    )


def limits_json(limits: Limits) -> dict[str, int]:
    """The size limits of ``limits`` as JSON for a job."""
    return {"max_bytes": limits.max_bytes, "max_parties": limits.max_parties, "max_acts": limits.max_acts}


def _case_bytes(job: Job, limits: Limits) -> bytes:
    if "data" in job:
        return base64.b64decode(job["data"])
    return read_case_file(job["path"], limits, job["name"])


# --------------------------------------------------------------------------
# Batches


@dataclass(frozen=True)
class _RuleSetInfo:
    name: str
    version: str
    authority_entries: tuple[tuple[str, str, str, str | None], ...] = ()

    def authorities(self) -> Any:
        """The rule set's table of authorities, as the parent read it."""
        from .authorities import Authority, AuthorityTable

        return AuthorityTable(Authority(*entry) for entry in self.authority_entries)


@dataclass
class Prepared:
    """What every case of a batch is evaluated against: a parsed program and the rule set's identity."""

    program: Any
    ruleset: _RuleSetInfo
    perspective: str
    ruleset_hash: str
    limits: Limits
    explanations: bool = True


def prepare_batch(
    rules: str | Path | None, perspective: str | None, *, allow_scripts: bool, limits: Limits, explanations: bool = True
) -> tuple[bytes, Prepared]:
    """Load and parse a rule set once, in the parent.

    Returns:
        the JSON payload for :func:`batch_setup`, and the same thing ready to use in this process.

    Raises:
        RuleSetError: the rule set cannot be found, read or parsed, or has no such perspective.
    """
    import json

    from .engine import resolve_ruleset
    from .solve import build_program

    ruleset = resolve_ruleset(rules)
    name, program = build_program(ruleset, perspective, allow_scripts=allow_scripts)
    payload = {
        "program": program.to_json(),
        "ruleset": {
            "name": ruleset.name,
            "version": ruleset.version,
            "authority_entries": [[a.id, a.citation, a.short, a.url] for a in ruleset.authorities().values()],
        },
        "perspective": name,
        "ruleset_hash": ruleset.hash(name),
        "limits": limits_json(limits),
        "explanations": explanations,
    }
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return data, batch_setup(data)


def batch_setup(payload: bytes) -> Prepared:
    """Rebuild, in a worker, what :func:`prepare_batch` prepared."""
    import json

    from .rulesets import Program

    data = json.loads(payload)
    return Prepared(
        program=Program.from_json(data["program"]),
        ruleset=_RuleSetInfo(
            name=data["ruleset"]["name"],
            version=data["ruleset"]["version"],
            authority_entries=tuple(tuple(e) for e in data["ruleset"].get("authority_entries", ())),
        ),
        perspective=data["perspective"],
        ruleset_hash=data["ruleset_hash"],
        limits=_limits({"limits": data["limits"]}),
        explanations=bool(data.get("explanations", True)),
    )


def batch_case(job: Job, context: object) -> Result:
    """Evaluate one case of a batch: ``{"status": "ok", "exit_status": 0, "report": {...}}`` or a failure.

    Args:
        job: ``{"name": how to name the case, "path": its file}`` or ``{"name": ..., "data": base64 bytes}``.
        context: the :class:`Prepared` of :func:`batch_setup`.
    """
    from .engine import engine_version, solve_and_analyse
    from .findings import build_report
    from .gcpause import collector_paused
    from .rulesets import RuleSet

    prepared = cast(Prepared, context)
    try:
        with collector_paused():  # as evaluate_full (normengine/gcpause.py)
            case = parse_case_bytes(_case_bytes(job, prepared.limits), job["name"], prepared.limits)
            _solution, analysis = solve_and_analyse(
                case, prepared.program, timeout=None, explanations=prepared.explanations
            )
            report = build_report(
                analysis,
                cast(RuleSet, prepared.ruleset),
                prepared.perspective,
                engine_version(),
                prepared.ruleset_hash,
            )
    except NormengineError as exc:
        return failure(exc.exit_status, str(exc), exc.kind)
    return {"status": "ok", "exit_status": 0, "report": report.model_dump(mode="json")}
