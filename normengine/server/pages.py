"""What the web page of ``normengine serve`` needs besides the JSON routes.

* :func:`bundled_cases`: the case files shipped with normengine (id, title, date, file).
  It reads the ``cases/`` directory of the source tree, or ``normengine/cases/`` when the
  cases are installed inside the package; swap it for ``normengine.cases`` when that exists.
* :func:`render`: a job for :func:`normengine.worker.run_one`, run in a fresh worker process
  with the server's time limit: evaluate a case sent to the server and return the HTML report
  (with its argument graph), the HTML comparison of perspectives, or the graph as DOT, SVG
  (drawn in Python, no Graphviz) or AIF. Errors come back with the body every other route
  uses (:func:`normengine.server.worker.error_body`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import CaseError, InputIssue, LimitExceeded, NormengineError, RuleSetError, SolveTimeout
from .worker import error_body

__all__ = ["BundledCase", "bundled_case_text", "bundled_cases", "render"]

GRAPH_MEDIA = {
    "dot": "text/vnd.graphviz; charset=utf-8",
    "svg": "image/svg+xml",
    "aif": "application/json",
}


@dataclass(frozen=True)
class BundledCase:
    """A case file shipped with normengine."""

    id: str
    title: str
    date: str
    path: Path


def _cases_dir() -> Path | None:
    """The bundled case library (normengine.cases: the wheel's copy, or the checkout's cases/)."""
    from ..cases import bundled_cases_dir
    from ..errors import NormengineError

    try:
        return bundled_cases_dir()
    except NormengineError:
        return None


@cache
def bundled_cases() -> tuple[BundledCase, ...]:
    """The bundled cases, sorted by id (none when the case files are not installed)."""
    import yaml

    folder = _cases_dir()
    if folder is None:
        return ()
    out = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            out.append(BundledCase(data["id"], str(data.get("title", data["id"])), str(data.get("date", "")), path))
    return tuple(out)


def bundled_case_text(case_id: str) -> str | None:
    """The YAML text of a bundled case, or None for an unknown id."""
    for c in bundled_cases():
        if c.id == case_id:
            return c.path.read_text(encoding="utf-8")
    return None


def _issue(issue: InputIssue) -> dict[str, Any]:
    return {
        "file": issue.file,
        "line": issue.line,
        "column": issue.column,
        "field": issue.field,
        "message": issue.message,
    }


def _answer(status: int, body: str, media: str) -> dict[str, Any]:
    return {"status": "ok", "exit_status": 0, "http": status, "body": body, "media": media}


def _error(status: int, body: dict[str, Any]) -> dict[str, Any]:
    return _answer(status, json.dumps(body, ensure_ascii=False), "application/json")


def render(job: dict[str, Any], _context: object = None) -> dict[str, Any]:
    """Answer one page request in a worker: ``{"http": status, "body": text, "media": type}``.

    The job: ``op`` (``report``, ``compare`` or ``graph``), ``media`` and ``body`` (the case),
    ``ruleset`` (a path from the server's registry), ``perspective``, ``perspectives``, ``format``
    (for ``graph``: dot, svg or aif), ``act`` and ``max_bytes``.
    """
    from ..engine import evaluate_full
    from ..loader import DEFAULT_LIMITS, Limits, parse_case_text
    from ..rulesets import load_ruleset

    try:
        text: str = job["body"]
        if job.get("media") == "json":
            try:
                json.loads(text)
            except json.JSONDecodeError as exc:
                issue = InputIssue("<body>", exc.lineno, exc.colno, "", f"not valid JSON: {exc.msg}")
                raise CaseError([issue]) from None
        limits = Limits(
            max_bytes=int(job.get("max_bytes", DEFAULT_LIMITS.max_bytes)),
            max_parties=DEFAULT_LIMITS.max_parties,
            max_acts=DEFAULT_LIMITS.max_acts,
            timeout=None,  # the parent kills the worker at the server's time limit
        )
        try:
            case = parse_case_text(text, "<body>", limits)
        except RecursionError:
            raise CaseError([InputIssue("<body>", None, None, "", "nested too deeply to be a case file")]) from None
        ruleset = load_ruleset(job["ruleset"])
        op = job["op"]
        if op == "report":
            from ..formats.html import report_body

            ev = evaluate_full(case, ruleset, job.get("perspective"), limits=limits, explanations=False)
            from ..graph import argument_graph

            graph = argument_graph(ev)
            if job.get("document"):
                from ..formats.html import report_html

                return _answer(200, report_html(ev.report, ev.analysis.words, graph), "text/html; charset=utf-8")
            return _answer(200, report_body(ev.report, ev.analysis.words, graph), "text/html; charset=utf-8")
        if op == "compare":
            from ..compare import compare
            from ..formats.html import comparison_body

            comparison, _reports, words = compare(
                case, ruleset, job.get("perspectives"), limits=limits, explanations=False
            )
            return _answer(200, comparison_body(comparison, words), "text/html; charset=utf-8")
        if op == "graph":
            from ..graph import argument_graph

            ev = evaluate_full(case, ruleset, job.get("perspective"), limits=limits, explanations=False)
            g = argument_graph(ev, job.get("act"))
            fmt = job.get("format", "svg")
            if fmt == "dot":
                return _answer(200, g.to_dot(), GRAPH_MEDIA["dot"])
            if fmt == "aif":
                return _answer(200, g.to_aif_json(), GRAPH_MEDIA["aif"])
            from ..formats.svg import graph_svg

            return _answer(200, graph_svg(g), GRAPH_MEDIA["svg"])
        return _error(500, error_body("internal", f"unknown operation {op!r}"))
    except CaseError as exc:
        first = exc.issues[0]
        return _error(422, error_body("invalid_case", f"invalid case: {first}", [_issue(i) for i in exc.issues]))
    except SolveTimeout as exc:
        return _error(422, error_body("time_limit", str(exc)))
    except LimitExceeded as exc:
        return _error(422, error_body("limit", str(exc)))
    except RuleSetError as exc:
        return _error(422, error_body("rules_failed", str(exc)))
    except NormengineError as exc:
        return _error(422, error_body("invalid_request", str(exc)))
