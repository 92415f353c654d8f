"""What a worker process does with one request: a job of the process core (:mod:`normengine.worker`).

The service's workers are the same processes, with the same protocol, memory cap and
recycling, as the command line's and batch's: :func:`setup` parses the installed rule
sets once per worker (so that a request is not charged for it), and :func:`handle_job`
answers one request with ``{"status": "ok", "http_status": 200, "body": JSON text}`` or
with the error body and its HTTP status, which :data:`normengine.errors.KINDS` gives for
each kind of error. Nothing but JSON crosses between processes: a clingo symbol
unpickled in another process crashes it (``shared/CLINGO-NOTES.md``).
"""

from __future__ import annotations

import json
import sys
import traceback
from typing import TYPE_CHECKING, Any

from ..errors import KINDS, CaseError, InputIssue, NormengineError

if TYPE_CHECKING:
    from ..case import Case
    from ..loader import Limits

__all__ = ["error_body", "handle", "handle_job", "setup"]


def error_body(error: str, message: str, issues: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The JSON body of every error the service returns (see ``ErrorBody`` in :mod:`.app`)."""
    return {"error": error, "message": message, "issues": issues or []}


def _issue(issue: InputIssue) -> dict[str, Any]:
    return {
        "file": issue.file,
        "line": issue.line,
        "column": issue.column,
        "field": issue.field,
        "message": issue.message,
    }


def _parse(request: dict[str, Any], max_bytes: int) -> tuple[Case, Limits]:
    """The case of a request, validated."""
    from ..loader import DEFAULT_LIMITS, Limits, parse_case_text

    text: str = request["body"]
    if request["media"] == "json":
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise CaseError([InputIssue("<body>", exc.lineno, exc.colno, "", f"not valid JSON: {exc.msg}")]) from None
        except RecursionError:
            raise _too_deep() from None
    limits = Limits(
        max_bytes=max_bytes,
        max_parties=DEFAULT_LIMITS.max_parties,
        max_acts=DEFAULT_LIMITS.max_acts,
        timeout=request.get("timeout"),
    )
    try:
        return parse_case_text(text, "<body>", limits), limits
    except RecursionError:
        # The YAML reader recurses once per level of nesting; a case file is a few levels deep.
        raise _too_deep() from None


def _too_deep() -> CaseError:
    return CaseError([InputIssue("<body>", None, None, "", "nested too deeply to be a case file")])


def handle(request: dict[str, Any], paths: dict[str, str]) -> tuple[int, str]:
    """Answer one request: (HTTP status, JSON text)."""
    from ..engine import evaluate_full
    from ..rulesets import load_ruleset

    try:
        case, limits = _parse(request, int(request.get("max_bytes", 20_000_000)))
        ruleset = load_ruleset(paths[request["rules"]])
        op = request["op"]
        if op == "evaluate":
            ev = evaluate_full(
                case, ruleset, request.get("perspective"), limits=limits, explanations=bool(request.get("explanations"))
            )
            return 200, ev.report.to_json(indent=None)
        if op == "compare":
            from ..api import compare_perspectives

            comparison = compare_perspectives(case, ruleset, request.get("perspectives"), limits=limits)
            return 200, json.dumps(comparison.model_dump(mode="json"), ensure_ascii=False)
        if op == "explain":
            from ..api import explain_act, explain_justification

            full = bool(request.get("full"))
            if request.get("act") is not None:
                tree = explain_act(case, request["act"], ruleset, request.get("perspective"), full=full, limits=limits)
                target = {"act": request["act"], "justification": None}
            else:
                tree = explain_justification(
                    case, request["justification"], ruleset, request.get("perspective"), full=full, limits=limits
                )
                target = {"act": None, "justification": request["justification"]}
            perspective = request.get("perspective") or ruleset.default_perspective
            body = {"case": case.id, "perspective": perspective, **target, "tree": tree.model_dump(mode="json")}
            return 200, json.dumps(body, ensure_ascii=False)
        if op == "whatif":
            from ..whatif import what_if

            result = what_if(
                case,
                ruleset,
                request.get("perspective"),
                act=request.get("act"),
                pairs=bool(request.get("pairs")),
                limits=limits,
            )
            return 200, json.dumps(result.model_dump(mode="json"), ensure_ascii=False)
        return 500, json.dumps(error_body("internal", f"unknown operation {op!r}"))
    except CaseError as exc:
        first = exc.issues[0]
        return KINDS[exc.kind].http_status, json.dumps(
            error_body(exc.kind, f"invalid case: {first}", [_issue(i) for i in exc.issues]), ensure_ascii=False
        )
    except NormengineError as exc:
        # One table gives the HTTP status of each kind of error: invalid_request, rules_failed, limit, time_limit.
        return KINDS[exc.kind].http_status, json.dumps(error_body(exc.kind, str(exc)), ensure_ascii=False)


def setup(payload: bytes) -> dict[str, str]:
    """Once per worker: parse every perspective of every installed rule set; return the rule sets' paths."""
    from ..rulesets import load_ruleset
    from ..solve import build_program

    paths: dict[str, str] = json.loads(payload)
    for path in paths.values():
        ruleset = load_ruleset(path)
        for perspective in ruleset.perspectives:
            build_program(ruleset, perspective)
    return paths


def handle_job(job: dict[str, Any], paths: dict[str, str]) -> dict[str, Any]:
    """Answer one request (a job of the process core): its HTTP status and JSON body."""
    try:
        status, text = handle(job, paths)
    except MemoryError:
        raise  # the process core answers it (memory_limit) and retires the worker
    except Exception as exc:  # a bug: answer 500 and keep serving; the traceback goes to the server's log
        traceback.print_exc(file=sys.stderr)
        message = f"internal error ({type(exc).__name__}); this is a bug in normengine, please report it"
        status, text = KINDS["internal"].http_status, json.dumps(error_body("internal", message))
    return {"status": "ok", "exit_status": 0, "http_status": status, "body": text}
