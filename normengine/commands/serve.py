"""``normengine serve``: the engine as an HTTP service (needs ``pip install normengine[server]``)."""

from __future__ import annotations

import argparse
import os
from typing import Any

from ..limits import DEFAULT_MAX_MEMORY_MB

__all__ = ["add_parser"]

EPILOG = """\
The service offers the bundled rule set (international-law) and the rule sets in the
directories given by --rules-dir (repeatable) or $NORMENGINE_RULES_PATH (separated by ':'):
a directory is a rule set (it holds ruleset.toml) or holds rule sets in its subdirectories.
Clients choose one by name; they cannot make the server read a path or run a script.
Each case runs in a worker process that is killed and replaced at --timeout and capped
at --max-memory (the same process core as the command line's and batch's).

The web page at / picks a bundled case or takes one pasted or uploaded, and shows the HTML
report with its argument graph, or the perspectives side by side; it loads nothing from
elsewhere, and neither do /docs and /redoc.

routes: POST /v1/evaluate, /v1/compare, /v1/explain (the body is the case, as JSON or YAML);
  POST /v1/report, /v1/report/compare (HTML), /v1/graph?format=svg|dot|aif;
  GET /v1/cases, /v1/cases/ID, /v1/rulesets, /v1/schema/case, /v1/schema/report, /healthz;
  OpenAPI at /openapi.json, /docs and /redoc. See docs/server.md.

example:
  normengine serve --port 8000 --workers 2
  curl -X POST 'http://127.0.0.1:8000/v1/evaluate?perspective=humanitarian' \\
       -H 'content-type: application/yaml' --data-binary @cases/kosovo-1999.yaml
"""


def add_parser(sub: Any) -> None:
    """Register the ``serve`` subcommand."""
    p = sub.add_parser(
        "serve",
        help="serve the engine over HTTP (needs normengine[server])",
        description="Serve the engine over HTTP: evaluate, compare and explain cases sent as JSON or YAML, "
        "against rule sets installed on the server, each case in a worker process with a hard time limit.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on; 0 picks a free one (default 8000)")
    p.add_argument(
        "--workers",
        type=int,
        default=min(4, os.cpu_count() or 1),
        metavar="N",
        help="worker processes (default: cores, at most 4)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="S",
        help="seconds a case may run before its worker is killed (default 30)",
    )
    p.add_argument(
        "--max-body", type=int, default=1_000_000, metavar="BYTES", help="largest request body (default 1,000,000)"
    )
    p.add_argument(
        "--max-tasks",
        type=int,
        default=200,
        metavar="N",
        help="requests a worker answers before it is replaced, freeing clingo's memory (default 200)",
    )
    p.add_argument(
        "--max-memory",
        type=int,
        default=DEFAULT_MAX_MEMORY_MB,
        metavar="MB",
        help="megabytes a worker may take beyond what it holds when ready; past it the request gets 422 "
        f"memory_limit and the worker is replaced; 0 for no cap (default {DEFAULT_MAX_MEMORY_MB:,})",
    )
    p.add_argument(
        "--rules-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="a rule-set directory, or a directory of them, to offer besides the bundled one (repeatable)",
    )
    p.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="let pages from ORIGIN (e.g. https://tool.example) call the service from a browser; repeatable; "
        "'*' for any origin (default: none, same origin only)",
    )
    p.add_argument(
        "--log-level",
        default="info",
        choices=["critical", "error", "warning", "info", "debug"],
        help="how much the server logs (default info: one line per request)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import socket
    import sys
    from pathlib import Path

    from ..errors import NormengineError

    try:
        import fastapi  # noqa: F401
        import uvicorn
    except ImportError:
        raise NormengineError("normengine serve needs FastAPI and uvicorn: pip install 'normengine[server]'") from None
    for name, value, low in (
        ("--workers", args.workers, 1),
        ("--max-body", args.max_body, 1),
        ("--max-tasks", args.max_tasks, 1),
        ("--max-memory", args.max_memory, 0),
    ):
        if value < low:
            raise NormengineError(f"{name} must be at least {low}")
    if not args.timeout > 0:
        raise NormengineError("--timeout must be more than 0 seconds")
    from ..server.app import ServerConfig, create_app
    from ..server.registry import Registry

    registry = Registry.discover([Path(d) for d in args.rules_dir])
    config = ServerConfig(
        registry=registry,
        workers=args.workers,
        timeout=args.timeout,
        max_body=args.max_body,
        max_tasks=args.max_tasks,
        cors_origins=tuple(args.cors_origin),
        max_memory=args.max_memory or None,
    )
    app = create_app(config)
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        sock.close()
        raise NormengineError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    server = uvicorn.Server(uvicorn.Config(app, log_level=args.log_level, lifespan="on", timeout_graceful_shutdown=5))
    print(
        f"normengine serve: listening on http://{shown}:{port} "
        f"(rule sets: {', '.join(registry.names())}; {args.workers} workers, time limit {args.timeout:g} s)",
        file=sys.stderr,
        flush=True,
    )
    server.run(sockets=[sock])
    if not server.started:
        raise NormengineError("the service did not start (the log above says why)")
    return 0
