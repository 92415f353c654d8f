"""The FastAPI application of ``normengine serve``.

Routes (all JSON out; see ``docs/server.md``):

* ``POST /v1/evaluate``, ``/v1/compare``, ``/v1/explain``, ``/v1/whatif``: the body is a case file,
  as JSON (``application/json``) or YAML (``application/yaml``, ``text/yaml``); the rule set
  (by name), the perspective and the rest are query parameters.
* ``GET /v1/rulesets``, ``GET /v1/schema/case``, ``GET /v1/schema/report``, ``GET /healthz``.
* The web page: ``GET /`` (with ``/static/...``), the bundled cases (``GET /v1/cases``,
  ``GET /v1/cases/{id}``), the HTML report and comparison (``POST /v1/report``,
  ``POST /v1/report/compare``) and the argument graph (``POST /v1/graph?format=dot|svg|aif``).
  These run each request in a fresh worker process (:func:`normengine.worker.run_one`) with the
  same time limit, since they need the evaluation itself and not only its JSON report.
* ``GET /docs`` (Swagger UI) and ``GET /redoc`` work offline: their scripts and styles are served
  from the ``fastapi-offline`` package, not from a CDN.

Every error has the same body, :class:`ErrorBody`: 422 for a case or request that cannot be
answered (with the field path and, for YAML and JSON bodies, the line), 413 for a body over
``--max-body``, 415 for a body that is not JSON or YAML, 503 when no worker is free in time,
and 422 with ``error: time_limit`` for a case that runs past ``--timeout`` (its worker is
killed and replaced; the service goes on serving), or ``memory_limit`` for one that reaches
``--max-memory``. The HTTP status of each error the engine raises comes from one table,
:data:`normengine.errors.KINDS`, which also gives the command line's exit statuses.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from .. import __version__
from ..case import Case
from ..compare import Comparison
from ..errors import kind_of
from ..limits import DEFAULT_MAX_MEMORY_MB
from ..report import Explanation, Report, report_schema
from ..whatif import WhatIf
from .pages import GRAPH_MEDIA, bundled_case_text, bundled_cases
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
        cors_origins: origins (``https://tool.example``) whose pages may call the service; ``*`` for any.
        max_memory: megabytes a worker may take beyond what it holds when ready (None for no cap).
    """

    registry: Registry
    workers: int = 2
    timeout: float = 30.0
    max_body: int = 1_000_000
    max_tasks: int = 200
    cors_origins: tuple[str, ...] = ()
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


_EXAMPLE_CASE = "somalia-1992"  # the smallest bundled case: the example body in the OpenAPI document


def _case_body_with_examples() -> dict[str, Any]:
    """The request body of the case routes, with a bundled case as the example in YAML and in JSON."""
    import copy

    import yaml

    body = copy.deepcopy(_CASE_BODY)
    text = bundled_case_text(_EXAMPLE_CASE)
    if text is None:
        return body
    content = body["requestBody"]["content"]
    summary = f"The bundled case {_EXAMPLE_CASE}"
    for media in ("application/yaml", "text/yaml"):
        content[media]["examples"] = {_EXAMPLE_CASE: {"summary": summary, "value": text}}
    data = json.loads(json.dumps(yaml.safe_load(text), default=str))
    content["application/json"]["examples"] = {_EXAMPLE_CASE: {"summary": summary, "value": data}}
    return body


_STATIC = Path(__file__).resolve().parent / "static"
_STATIC_FILES = {"page.js": "text/javascript; charset=utf-8", "page.css": "text/css; charset=utf-8"}
_PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'"
)


def _docs_assets() -> Path | None:
    """The folder of Swagger UI and ReDoc files of the fastapi-offline package, if it is installed."""
    try:
        import fastapi_offline
    except ImportError:
        return None
    folder = Path(fastapi_offline.__file__).resolve().parent / "static"
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


def create_app(config: ServerConfig) -> FastAPI:
    """The application, with a pool of workers started and stopped by its lifespan."""
    registry = config.registry
    case_body = _case_body_with_examples()
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
    page_state: dict[str, Any] = {}  # the page worker, started on the first page request

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
            if page_state.get("pool") is not None:
                await asyncio.to_thread(page_state.pop("pool").close)

    app = FastAPI(
        title="normengine",
        version=__version__,
        description="Reasoning about conflicts between the norms of international law: evaluate a case file "
        "against an installed rule set, compare perspectives, explain conclusions.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    if config.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(config.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["content-type"],
            max_age=600,
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
        openapi_extra=case_body,
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
        openapi_extra=case_body,
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
        openapi_extra=case_body,
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
        openapi_extra=case_body,
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

    case_schemas: dict[str, dict[str, Any]] = {}  # per installed rule set, built on first request
    full_report_schema = report_schema()
    full_report_schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    full_report_schema["title"] = "normengine report"

    @app.get(
        "/v1/schema/case",
        summary="The JSON Schema of case files",
        description="The case schema for a rule set installed on the server: its enums list the kinds of act, "
        "justifications, assessable elements and principles that rule set declares.",
        response_model=dict[str, Any],
    )
    async def schema_case(rules: str = RulesParam) -> Any:
        refused = check_rules(rules, None)
        if refused is not None:
            return refused
        if rules not in case_schemas:
            from ..vocabulary import case_schema

            installed = registry.get(rules)
            assert installed is not None
            case_schemas[rules] = await asyncio.to_thread(case_schema, installed.path)
        return case_schemas[rules]

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

    # -- the web page, the bundled cases, HTML and graph routes ------------------------------------

    page_lock = asyncio.Lock()

    def page_job(job: dict[str, Any]) -> dict[str, Any]:
        """Run a page job in the page worker (a :class:`normengine.worker.WorkerPool` of one process, kept
        between requests and replaced after --max-tasks jobs or when killed at the time limit)."""
        pool = page_state.get("pool")
        if pool is None:
            from ..worker import WorkerLimits, WorkerPool

            limits = WorkerLimits(timeout=config.timeout, max_memory=None, max_tasks=config.max_tasks)
            pool = page_state["pool"] = WorkerPool("normengine.server.pages:render", workers=1, limits=limits)
        results = list(pool.run([(0, job)]))
        answer: dict[str, Any] = results[0][1]
        return answer

    async def run_page(request: Request, rules: str, perspective: str | None, job: dict[str, Any]) -> Response:
        """Evaluate the body's case in the page worker and answer with what :func:`.pages.render` made."""
        problem = check_rules(rules, perspective)
        if problem is not None:
            return problem
        body = await read_case(request)
        if isinstance(body, JSONResponse):
            return body
        media, text = body
        full = {
            **job,
            "name": "<body>",
            "ruleset": registry.paths()[rules],
            "perspective": perspective,
            "media": media,
            "body": text,
            "max_bytes": config.max_body,
        }
        async with page_lock:
            result = await asyncio.to_thread(page_job, full)
        if result.get("status") != "ok":
            if result.get("exit_status") == 3:
                return _error(
                    422,
                    "time_limit",
                    f"the case ran past the server's time limit of {config.timeout:g} s and was stopped",
                )
            return _error(500, "internal", f"{result.get('error')}; this is a bug in normengine, please report it")
        return Response(content=result["body"], status_code=int(result["http"]), media_type=str(result["media"]))

    @app.get("/", include_in_schema=False)
    async def index() -> Response:
        page = (_STATIC / "index.html").read_text(encoding="utf-8")
        return HTMLResponse(page, headers={"Content-Security-Policy": _PAGE_POLICY})

    @app.get("/static/report.css", include_in_schema=False)
    async def report_css() -> Response:
        from ..formats.html import CSS

        return Response(CSS, media_type="text/css; charset=utf-8")

    @app.get("/static/{name}", include_in_schema=False)
    async def static(name: str) -> Response:
        media = _STATIC_FILES.get(name)
        if media is None:
            return _error(404, "invalid_request", f"no static file {name!r}")
        return FileResponse(_STATIC / name, media_type=media)

    class CaseInfo(BaseModel):
        """A case bundled with normengine."""

        model_config = ConfigDict(extra="forbid")

        id: str = Field(description="The id to give to GET /v1/cases/{id}.")
        title: str
        date: str

    @app.get("/v1/cases", response_model=list[CaseInfo], summary="The bundled cases")
    async def cases() -> list[CaseInfo]:
        return [CaseInfo(id=c.id, title=c.title, date=c.date) for c in bundled_cases()]

    @app.get(
        "/v1/cases/{case_id}",
        summary="A bundled case file",
        description="The YAML text of a bundled case, ready to send to the other routes.",
        responses={
            200: {"content": {"application/yaml": {}}, "description": "The case file, as YAML text."},
            404: {"model": ErrorBody},
        },
        response_class=Response,
    )
    async def case_file(case_id: str) -> Response:
        text = bundled_case_text(case_id)
        if text is None:
            known = ", ".join(c.id for c in bundled_cases()) or "none installed"
            return _error(404, "invalid_request", f"no bundled case {case_id!r} (bundled: {known})")
        return Response(text, media_type="application/yaml; charset=utf-8")

    _HTML: dict[int | str, dict[str, Any]] = {
        200: {"content": {"text/html": {"schema": {"type": "string"}}}, "description": "An HTML fragment."}
    }

    @app.post(
        "/v1/report",
        responses={**_HTML, **_ERRORS},
        openapi_extra=case_body,
        summary="The report as HTML",
        description="The report on the case under one perspective as HTML, with the argument graph as inline SVG "
        "and the table of authorities: a fragment for a page, or (?document=true) a self-contained page.",
        response_class=Response,
    )
    async def report(
        request: Request,
        rules: str = RulesParam,
        perspective: str | None = PerspectiveParam,
        document: bool = Query(False, description="A whole HTML document instead of a fragment."),
    ) -> Response:
        return await run_page(request, rules, perspective, {"op": "report", "document": document})

    @app.post(
        "/v1/report/compare",
        responses={**_HTML, **_ERRORS},
        openapi_extra=case_body,
        summary="Perspectives compared, as HTML",
        description="The case under several perspectives of the rule set, side by side, as an HTML fragment.",
        response_class=Response,
    )
    async def report_compare(
        request: Request,
        rules: str = RulesParam,
        perspectives: str | None = Query(
            None, description="Comma-separated perspectives to compare (default: all).", max_length=2000
        ),
    ) -> Response:
        names = [p.strip() for p in perspectives.split(",")] if perspectives else None
        for name in names or []:
            problem = check_rules(rules, name)
            if problem is not None:
                return problem
        job = {"op": "compare", "perspectives": list(dict.fromkeys(names)) if names else None}
        return await run_page(request, rules, None, job)

    @app.post(
        "/v1/graph",
        responses={
            200: {
                "content": {m.split(";")[0]: {"schema": {"type": "string"}} for m in GRAPH_MEDIA.values()},
                "description": "The argument graph: DOT (Graphviz), SVG (drawn without Graphviz) or AIF JSON.",
            },
            **_ERRORS,
        },
        openapi_extra=case_body,
        summary="The argument graph",
        description="The arguments of the case, the attacks between them and their acceptance, as DOT, SVG or "
        "AIF (the Argument Interchange Format, as AIFdb JSON).",
        response_class=Response,
    )
    async def graph(
        request: Request,
        rules: str = RulesParam,
        perspective: str | None = PerspectiveParam,
        format: Literal["svg", "dot", "aif"] = Query("svg", description="The graph's format."),
        act: str | None = Query(None, description="Only the arguments about this act.", max_length=200),
    ) -> Response:
        return await run_page(request, rules, perspective, {"op": "graph", "format": format, "act": act})

    assets = _docs_assets()
    if assets is not None:
        from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html

        _ASSET_MEDIA = {
            "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
            "swagger-ui.css": "text/css; charset=utf-8",
            "redoc.standalone.js": "text/javascript; charset=utf-8",
            "favicon.png": "image/png",
        }

        @app.get("/docs-assets/{name}", include_in_schema=False)
        async def docs_asset(name: str) -> Response:
            media = _ASSET_MEDIA.get(name)
            if media is None:
                return _error(404, "invalid_request", f"no asset {name!r}")
            return FileResponse(assets / name, media_type=media)

        @app.get("/docs", include_in_schema=False)
        async def docs(request: Request) -> Response:
            root = request.scope.get("root_path", "")
            return get_swagger_ui_html(
                openapi_url=f"{root}/openapi.json",
                title="normengine: API",
                swagger_js_url=f"{root}/docs-assets/swagger-ui-bundle.js",
                swagger_css_url=f"{root}/docs-assets/swagger-ui.css",
                swagger_favicon_url=f"{root}/docs-assets/favicon.png",
            )

        @app.get("/redoc", include_in_schema=False)
        async def redoc(request: Request) -> Response:
            root = request.scope.get("root_path", "")
            return get_redoc_html(
                openapi_url=f"{root}/openapi.json",
                title="normengine: API",
                redoc_js_url=f"{root}/docs-assets/redoc.standalone.js",
                redoc_favicon_url=f"{root}/docs-assets/favicon.png",
                with_google_fonts=False,
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
