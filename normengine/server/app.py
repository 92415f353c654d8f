"""The FastAPI application of ``normengine serve``.

Routes (all JSON out; see ``docs/server.md``):

* ``POST /v1/evaluate``, ``/v1/compare``, ``/v1/explain``, ``/v1/whatif``: the body is a case file,
  as JSON (``application/json``) or YAML (``application/yaml``, ``text/yaml``); the rule set
  (by name), the perspective and the rest are query parameters.
* ``GET /v1/rulesets``, ``GET /v1/schema/case``, ``GET /v1/schema/report``, ``GET /healthz``.

Every error has the same body, :class:`ErrorBody`: 422 for a case or request that cannot be
answered (with the field path and, for YAML and JSON bodies, the line), 413 for a body over
``--max-body``, 415 for a body that is not JSON or YAML, 503 when no worker is free in time,
and 422 with ``error: time_limit`` for a case that runs past ``--timeout`` (its worker is
killed and replaced; the service goes on serving), or ``memory_limit`` for one that reaches
``--max-memory``. The HTTP status of each error the engine raises comes from one table,
:data:`normengine.errors.KINDS`, which also gives the command line's exit statuses.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from .. import __version__
from ..case import Case
from ..compare import Comparison
from ..errors import kind_of
from ..limits import DEFAULT_MAX_MEMORY_MB
from ..report import Explanation, Report, report_schema
from ..whatif import WhatIf
from .pool import Busy, TimeLimit, WorkerDied, WorkerPool
from .registry import Registry
from .worker import error_body

__all__ = ["ErrorBody", "ServerConfig", "create_app"]

log = logging.getLogger("normengine.serve")

MEDIA = {
    "application/json": "json",
    "application/yaml": "yaml",
    "application/x-yaml": "yaml",
    "text/yaml": "yaml",
    "text/x-yaml": "yaml",
}


@dataclass(frozen=True)
class ServerConfig:
    """How the service runs.

    Args:
        registry: the rule sets it offers.
        workers: worker processes.
        timeout: seconds a request may run before its worker is killed.
        max_body: largest request body accepted, in bytes.
        max_tasks: requests a worker answers before it is replaced.
        max_memory: megabytes a worker may take beyond what it holds when ready (None for no cap).
    """

    registry: Registry
    workers: int = 2
    timeout: float = 30.0
    max_body: int = 1_000_000
    max_tasks: int = 200
    max_memory: int | None = DEFAULT_MAX_MEMORY_MB


class Issue(BaseModel):
    """One problem in the request, located as precisely as possible."""

    model_config = ConfigDict(extra="forbid")

    file: str = Field(description="<body> for the request body, <query> for a query parameter.")
    line: int | None = Field(None, description="1-based line in the body, when known.")
    column: int | None = Field(None, description="1-based column in the body, when known.")
    field: str = Field(description="Dotted path of the field, e.g. acts[0].type, or the query parameter's name.")
    message: str


class ErrorBody(BaseModel):
    """The body of every error response."""

    model_config = ConfigDict(extra="forbid")

    error: Literal[
        "invalid_case",
        "invalid_request",
        "unknown_ruleset",
        "unknown_perspective",
        "limit",
        "time_limit",
        "memory_limit",
        "rules_failed",
        "body_too_large",
        "unsupported_media_type",
        "busy",
        "worker_killed",
        "internal",
    ] = Field(description="A stable code for the kind of error.")
    message: str = Field(description="What went wrong, in words.")
    issues: list[Issue] = Field(default_factory=list, description="Each problem, with its place.")


class RuleSetInfo(BaseModel):
    """A rule set the server offers."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="The name a request gives in ?rules=.")
    version: str
    description: str
    perspectives: list[str]
    default_perspective: str


class ExplainResponse(BaseModel):
    """The tree of reasons behind one act's verdict or one justification's status."""

    model_config = ConfigDict(extra="forbid")

    case: str
    perspective: str
    act: str | None
    justification: str | None
    tree: Explanation


class Health(BaseModel):
    """The service's state."""

    model_config = ConfigDict(extra="forbid")

    status: Literal["ok"]
    version: str
    workers: int = Field(description="Worker processes alive (busy, idle or starting).")
    idle: int = Field(description="Workers waiting for a request.")
    started: int = Field(description="Worker processes started since the service started.")
    killed_at_time_limit: int = Field(description="Workers killed because a request ran past the time limit.")
    recycled: int = Field(description="Workers replaced after answering their share of requests.")
    died: int = Field(description="Workers that stopped on their own and were replaced.")
    served: int = Field(description="Requests answered by workers.")


def _error(status: int, error: str, message: str, issues: list[dict[str, Any]] | None = None) -> JSONResponse:
    return JSONResponse(error_body(error, message, issues), status_code=status)


_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorBody, "description": "The body is larger than the server's --max-body."},
    415: {"model": ErrorBody, "description": "The body is not declared as JSON or YAML."},
    422: {
        "model": ErrorBody,
        "description": "The case is invalid (issues name the field and line), a parameter is wrong, a limit "
        "was reached, or the case ran past the server's time limit (error: time_limit) or its memory cap "
        "(error: memory_limit).",
    },
    503: {
        "model": ErrorBody,
        "description": "No worker became free within the time limit, or the worker was killed from outside "
        "twice; try again later.",
    },
}

_CASE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "A case file, as JSON or YAML (the schema is GET /v1/schema/case).",
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Case"}},
            "application/yaml": {"schema": {"type": "string", "description": "A YAML case file."}},
            "text/yaml": {"schema": {"type": "string", "description": "A YAML case file."}},
        },
    }
}


def create_app(config: ServerConfig) -> FastAPI:
    """The application, with a pool of workers started and stopped by its lifespan."""
    registry = config.registry
    every_perspective = sorted({p for r in registry.all() for p in r.perspectives})
    RulesParam = Query(
        "international-law" if registry.get("international-law") else registry.names()[0],
        description="The name of a rule set installed on the server (GET /v1/rulesets). Never a path.",
        max_length=200,
        json_schema_extra={"enum": registry.names()},
    )
    PerspectiveParam = Query(
        None,
        description="A perspective of the rule set (default: the rule set's default). The list is every "
        "perspective of every installed rule set; GET /v1/rulesets says which rule set has which.",
        max_length=200,
        json_schema_extra={"enum": every_perspective},
    )
    state: dict[str, WorkerPool] = {}

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        pool = WorkerPool(
            registry.paths(),
            size=config.workers,
            timeout=config.timeout,
            max_tasks=config.max_tasks,
            max_memory=config.max_memory,
        )
        await pool.start()
        state["pool"] = pool
        try:
            yield
        finally:
            await pool.close()

    app = FastAPI(
        title="normengine",
        version=__version__,
        description="Reasoning about conflicts between the norms of international law: evaluate a case file "
        "against an installed rule set, compare perspectives, explain conclusions.",
        lifespan=lifespan,
    )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        issues = []
        for err in exc.errors():
            loc = [str(p) for p in err.get("loc", ())]
            where = loc[0] if loc else "request"
            issues.append(
                {
                    "file": f"<{where}>",
                    "line": None,
                    "column": None,
                    "field": ".".join(loc[1:]),
                    "message": str(err.get("msg", "invalid")),
                }
            )
        first = issues[0] if issues else {"field": "", "message": "invalid request"}
        return _error(422, "invalid_request", f"invalid request: {first['field']}: {first['message']}", issues)

    async def read_case(request: Request) -> tuple[str, str] | JSONResponse:
        """(media kind, text) of the body, or the error response."""
        raw_type = request.headers.get("content-type", "")
        media = MEDIA.get(raw_type.split(";")[0].strip().lower())
        if media is None:
            return _error(
                415,
                "unsupported_media_type",
                f"send the case as application/json or application/yaml (got {raw_type or 'no content type'!r})",
            )
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > config.max_body:
            return _error(413, "body_too_large", f"the body is {int(declared):,} bytes, over {config.max_body:,}")
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > config.max_body:
                return _error(413, "body_too_large", f"the body is over the limit of {config.max_body:,} bytes")
            chunks.append(chunk)
        try:
            text = b"".join(chunks).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = b"".join(chunks)[: exc.start].count(b"\n") + 1
            issue = {"file": "<body>", "line": line, "column": None, "field": "", "message": "not UTF-8 text"}
            return _error(422, "invalid_case", f"invalid case: <body>:{line}: not UTF-8 text", [issue])
        return media, text

    def check_rules(rules: str, perspective: str | None) -> JSONResponse | None:
        installed = registry.get(rules)
        if installed is None:
            issue = {"file": "<query>", "line": None, "column": None, "field": "rules", "message": "unknown rule set"}
            return _error(
                422,
                "unknown_ruleset",
                f"no rule set named {rules!r} is installed on this server (installed: {', '.join(registry.names())})",
                [issue],
            )
        if perspective is not None and perspective not in installed.perspectives:
            issue = {
                "file": "<query>",
                "line": None,
                "column": None,
                "field": "perspective",
                "message": "unknown perspective",
            }
            return _error(
                422,
                "unknown_perspective",
                f"rule set {rules!r} has no perspective {perspective!r} (it has: {', '.join(installed.perspectives)})",
                [issue],
            )
        return None

    async def dispatch(job: dict[str, Any]) -> Response:
        pool = state["pool"]
        try:
            status, body = await pool.run(job)
        except TimeLimit:
            return _error(
                422,
                "time_limit",
                f"the case ran past the server's time limit of {config.timeout:g} s and was stopped",
            )
        except Busy:
            response = _error(503, "busy", "every worker stayed busy for the whole time limit; try again later")
            response.headers["Retry-After"] = str(max(1, int(config.timeout)))
            return response
        except WorkerDied as exc:
            kind = kind_of(exc.kind)
            response = _error(kind.http_status, kind.code, str(exc))
            if kind.retry:
                response.headers["Retry-After"] = "1"
            return response
        return Response(content=body, status_code=status, media_type="application/json")

    async def run_case(request: Request, job: dict[str, Any]) -> Response:
        problem = check_rules(job["rules"], job.get("perspective"))
        if problem is not None:
            return problem
        body = await read_case(request)
        if isinstance(body, JSONResponse):
            return body
        media, text = body
        return await dispatch({**job, "media": media, "body": text, "max_bytes": config.max_body})

    @app.post(
        "/v1/evaluate",
        response_model=Report,
        responses=_ERRORS,
        openapi_extra=_CASE_BODY,
        summary="Evaluate a case",
        description="The report on the case under one perspective: each act's verdict, the principles it "
        "engages, each justification's status with its reasons, and the conflicts between principles.",
    )
    async def evaluate(
        request: Request,
        rules: str = RulesParam,
        perspective: str | None = PerspectiveParam,
        explanations: bool = Query(True, description="Include the explanation trees (false is faster)."),
    ) -> Response:
        job = {"op": "evaluate", "rules": rules, "perspective": perspective, "explanations": explanations}
        return await run_case(request, job)

    @app.post(
        "/v1/compare",
        response_model=Comparison,
        responses=_ERRORS,
        openapi_extra=_CASE_BODY,
        summary="Compare perspectives",
        description="The case under several perspectives of the rule set, side by side.",
    )
    async def compare(
        request: Request,
        rules: str = RulesParam,
        perspectives: str | None = Query(
            None,
            description="Comma-separated perspectives to compare (default: all of the rule set's).",
            max_length=2000,
        ),
    ) -> Response:
        names = [p.strip() for p in perspectives.split(",")] if perspectives else None
        if names is not None:
            for name in names:
                problem = check_rules(rules, name)
                if problem is not None:
                    return problem
            names = list(dict.fromkeys(names))
        job = {"op": "compare", "rules": rules, "perspectives": names}
        return await run_case(request, job)

    @app.post(
        "/v1/explain",
        response_model=ExplainResponse,
        responses=_ERRORS,
        openapi_extra=_CASE_BODY,
        summary="Explain a conclusion",
        description="The tree of reasons behind one act's verdict (?act=) or one justification's status "
        "(?justification=), down to the facts of the case and their sources.",
    )
    async def explain(
        request: Request,
        rules: str = RulesParam,
        perspective: str | None = PerspectiveParam,
        act: str | None = Query(None, description="The id of the act to explain.", max_length=200),
        justification: str | None = Query(None, description="The id of the justification to explain.", max_length=200),
        full: bool = Query(False, description="Keep every node, even those that add nothing."),
    ) -> Response:
        if (act is None) == (justification is None):
            issue = {
                "file": "<query>",
                "line": None,
                "column": None,
                "field": "act",
                "message": "give exactly one of act and justification",
            }
            return _error(422, "invalid_request", "give exactly one of ?act= and ?justification=", [issue])
        job = {
            "op": "explain",
            "rules": rules,
            "perspective": perspective,
            "act": act,
            "justification": justification,
            "full": full,
        }
        return await run_case(request, job)

    @app.post(
        "/v1/whatif",
        response_model=WhatIf,
        responses=_ERRORS,
        openapi_extra=_CASE_BODY,
        summary="What would change the verdict",
        description="The smallest changes to the facts (one, then pairs) that change an act's verdict or a "
        "justification's status.",
    )
    async def whatif(
        request: Request,
        rules: str = RulesParam,
        perspective: str | None = PerspectiveParam,
        act: str | None = Query(None, description="Only this act.", max_length=200),
        pairs: bool = Query(True, description="Try pairs of changes for what no single change alters."),
    ) -> Response:
        job = {"op": "whatif", "rules": rules, "perspective": perspective, "act": act, "pairs": pairs}
        return await run_case(request, job)

    @app.get("/v1/rulesets", response_model=list[RuleSetInfo], summary="The installed rule sets")
    async def rulesets() -> list[RuleSetInfo]:
        return [
            RuleSetInfo(
                name=r.name,
                version=r.version,
                description=r.description,
                perspectives=list(r.perspectives),
                default_perspective=r.default_perspective,
            )
            for r in registry.all()
        ]

    case_schema = Case.model_json_schema(by_alias=True)
    case_schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    case_schema["title"] = "normengine case file"
    full_report_schema = report_schema()
    full_report_schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    full_report_schema["title"] = "normengine report"

    @app.get("/v1/schema/case", summary="The JSON Schema of case files", response_model=dict[str, Any])
    async def schema_case() -> dict[str, Any]:
        return case_schema

    @app.get("/v1/schema/report", summary="The JSON Schema of reports", response_model=dict[str, Any])
    async def schema_report() -> dict[str, Any]:
        return full_report_schema

    @app.get("/healthz", response_model=Health, summary="Whether the service is up, and its workers")
    async def healthz() -> Health:
        pool = state["pool"]
        s = pool.stats
        return Health(
            status="ok",
            version=__version__,
            workers=pool.alive,
            idle=pool.idle,
            started=s.started,
            killed_at_time_limit=s.killed_at_time_limit,
            recycled=s.recycled,
            died=s.died,
            served=s.served,
        )

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        # The case file's own models go under "Case.": the case has a "Report" (an Article 51
        # report) that is not the engine's Report.
        case = Case.model_json_schema(by_alias=True, ref_template="#/components/schemas/Case.{model}")
        for name, definition in case.pop("$defs", {}).items():
            components[f"Case.{name}"] = definition
        components["Case"] = case
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
    json.dumps(openapi())  # fail at start-up, not on the first request, if the document cannot be built
    return app
