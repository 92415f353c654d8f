"""The HTTP service: a real ``normengine serve`` on a loopback port, spoken to over HTTP."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the service needs normengine[server] (part of normengine[test])")
pytest.importorskip("uvicorn", reason="the service needs normengine[server] (part of normengine[test])")
pytest.importorskip("httpx", reason="the service tests need httpx (part of normengine[test])")

import httpx

from normengine import evaluate
from normengine.cli import main

from .conftest import CASES, ROOT

# The HTTP service starts a server and its worker processes: deselected by -m "not slow" (the quick loop),
# run by .ci/run with the rest, as Ray is (tests/test_ray.py).
pytestmark = pytest.mark.slow

KOSOVO = (CASES / "kosovo-1999.yaml").read_bytes()
YAML = {"content-type": "application/yaml"}
JSON = {"content-type": "application/json"}


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def client(self, timeout: float = 60.0) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=timeout)

    def health(self) -> dict[str, int]:
        with self.client() as c:
            data: dict[str, int] = c.get("/healthz").json()
            return data


def start_server(tmp: Path, *args: str) -> Server:
    """Start ``normengine serve --port 0`` and wait until it answers /healthz."""
    log = tmp / "server.log"
    env = {k: v for k, v in os.environ.items() if k != "NORMENGINE_RULES_PATH"}
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "normengine", "serve", "--host", "127.0.0.1", "--port", "0", *args],
            stdout=sink,
            stderr=subprocess.STDOUT,
            cwd=tmp,
            env=env,
        )
    deadline = time.monotonic() + 60
    url = None
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace")
        if url is None and "listening on http://" in text:
            url = text.split("listening on ", 1)[1].split()[0]
        if process.poll() is not None:
            raise AssertionError(f"the server stopped (exit status {process.returncode}):\n{text}")
        if url is not None:
            try:
                if httpx.get(url + "/healthz", timeout=5).status_code == 200:
                    return Server(url, process, log)
            except httpx.TransportError:
                pass
        time.sleep(0.2)
    process.kill()
    raise AssertionError("the server did not start in 60 s:\n" + log.read_text(errors="replace"))


def stop_server(server: Server) -> None:
    server.process.send_signal(signal.SIGTERM)
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
        raise AssertionError("the server did not stop on SIGTERM") from None


def make_rulesets(root: Path) -> Path:
    """A directory with one extra rule set, ``nationals``, made by ``normengine new ruleset``."""
    root.mkdir()
    cwd = Path.cwd()
    os.chdir(root)
    try:
        assert main(["new", "ruleset", "nationals"]) == 0
    finally:
        os.chdir(cwd)
    return root


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("server")
    rules = make_rulesets(tmp / "rulesets")
    s = start_server(tmp, "--workers", "2", "--timeout", "20", "--max-body", "200000", "--rules-dir", str(rules))
    yield s
    stop_server(s)


# -- reading ----------------------------------------------------------------------------------------


def test_health_rulesets_and_schemas(server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    with server.client() as c:
        health = c.get("/healthz").json()
        assert health["status"] == "ok" and health["workers"] == 2
        rulesets = {r["name"]: r for r in c.get("/v1/rulesets").json()}
        assert set(rulesets) == {"international-law", "nationals"}
        assert rulesets["international-law"]["perspectives"] == ["humanitarian", "orthodox", "sovereigntist"]
        assert "nationals" in rulesets["nationals"]["perspectives"]
        assert "path" not in rulesets["nationals"] and "rulesets" not in json.dumps(rulesets)
        for what in ("case", "report"):
            assert main(["schema", what]) == 0
            assert c.get(f"/v1/schema/{what}").json() == json.loads(capsys.readouterr().out)


def test_case_schema_of_each_installed_rule_set(server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    """GET /v1/schema/case?rules=NAME is the schema `normengine schema case --rules PATH` prints for it."""
    with server.client() as c:
        assert main(["schema", "case", "--rules", str(server.log.parent / "rulesets" / "nationals")]) == 0
        expected = json.loads(capsys.readouterr().out)
        got = c.get("/v1/schema/case", params={"rules": "nationals"})
        assert got.status_code == 200 and got.json() == expected
        assert "air_strikes" in json.dumps(got.json())
        refused = c.get("/v1/schema/case", params={"rules": "../rules"})
        assert refused.status_code == 422 and refused.json()["issues"][0]["field"] == "rules"


def test_openapi_comes_from_the_models(server: Server) -> None:
    with server.client() as c:
        doc = c.get("/openapi.json").json()
    post = doc["paths"]["/v1/evaluate"]["post"]
    body = post["requestBody"]["content"]
    assert body["application/json"]["schema"] == {"$ref": "#/components/schemas/Case"}
    assert {"application/yaml", "text/yaml"} <= set(body)
    assert post["responses"]["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Report"}
    assert post["responses"]["422"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorBody"
    }
    schemas = doc["components"]["schemas"]
    assert {"Case", "Report", "Comparison", "ExplainResponse", "ErrorBody", "Case.Party", "Case.Report"} <= set(schemas)
    assert schemas["Report"]["properties"]["schema_version"]["default"] == "3.0"
    params = {p["name"]: p for p in post["parameters"]}
    assert params["rules"]["schema"]["enum"] == ["international-law", "nationals"]


# -- evaluating ---------------------------------------------------------------------------------------


def test_evaluate_yaml_and_json_give_the_engines_report(server: Server) -> None:
    expected = json.loads(evaluate(CASES / "kosovo-1999.yaml", perspective="humanitarian").to_json())
    import yaml

    as_json = json.dumps(yaml.safe_load(KOSOVO), default=str)
    with server.client() as c:
        r = c.post("/v1/evaluate", params={"perspective": "humanitarian"}, content=KOSOVO, headers=YAML)
        assert r.status_code == 200 and r.headers["content-type"] == "application/json"
        assert r.json() == expected
        r = c.post("/v1/evaluate", params={"perspective": "humanitarian"}, content=as_json, headers=JSON)
        assert r.json() == expected
        r = c.post("/v1/evaluate", params={"explanations": "false"}, content=KOSOVO, headers=YAML)
        act = next(a for a in r.json()["acts"] if a["id"] == "allied-force")
        assert act["verdict"] == "unlawful" and act["explanation"] is None


def test_compare_and_explain(server: Server) -> None:
    with server.client() as c:
        r = c.post("/v1/compare", params={"perspectives": "orthodox,humanitarian"}, content=KOSOVO, headers=YAML)
        assert r.status_code == 200
        act = next(a for a in r.json()["acts"] if a["id"] == "allied-force")
        assert act["verdicts"] == {"orthodox": "unlawful", "humanitarian": "lawful"} and not act["agreed"]
        r = c.post("/v1/explain", params={"act": "allied-force"}, content=KOSOVO, headers=YAML)
        data = r.json()
        assert r.status_code == 200 and data["act"] == "allied-force" and data["perspective"] == "orthodox"
        assert data["tree"]["kind"] == "verdict" and "is unlawful" in data["tree"]["text"]
        r = c.post(
            "/v1/explain",
            params={"justification": "nato-humanitarian", "perspective": "humanitarian"},
            content=KOSOVO,
            headers=YAML,
        )
        # Defeated on the burden: its limitation in time and scope rests only on the claimants' own word.
        assert r.json()["tree"]["status"] == "rejected"
        for params in ({}, {"act": "allied-force", "justification": "nato-humanitarian"}):
            r = c.post("/v1/explain", params=params, content=KOSOVO, headers=YAML)
            assert r.status_code == 422 and r.json()["error"] == "invalid_request"
        r = c.post("/v1/explain", params={"act": "nope"}, content=KOSOVO, headers=YAML)
        assert r.status_code == 422 and "no act 'nope'" in r.json()["message"]


def test_whatif(server: Server) -> None:
    with server.client() as c:
        r = c.post("/v1/whatif", params={"act": "allied-force", "pairs": "false"}, content=KOSOVO, headers=YAML)
        assert r.status_code == 200
        data = r.json()
        assert data["baseline"]["verdict:allied-force"] == "unlawful"
        assert any("Security Council had authorised" in change for s in data["scenarios"] for change in s["changes"])
        r = c.post("/v1/whatif", params={"act": "nope"}, content=KOSOVO, headers=YAML)
        assert r.status_code == 422 and "no act 'nope'" in r.json()["message"]


def test_an_installed_rule_set_is_chosen_by_name(server: Server) -> None:
    with server.client() as c:
        r = c.post("/v1/evaluate", params={"rules": "nationals"}, content=KOSOVO, headers=YAML)
        assert r.status_code == 200
        assert r.json()["ruleset"] == "nationals" and r.json()["perspective"] == "nationals"
        r = c.post(
            "/v1/evaluate", params={"rules": "nationals", "perspective": "humanitarian"}, content=KOSOVO, headers=YAML
        )
        assert next(a for a in r.json()["acts"] if a["id"] == "allied-force")["verdict"] == "lawful"


# -- bad input ----------------------------------------------------------------------------------------

BAD_YAML = b"""\
id: x
title: t
date: 2000-01-01
parties: [{id: a, kind: state}]
acts:
  - {id: strike, type: air_strike, actors: [a], start: 2000-01-01}
"""


def test_invalid_cases_get_422_with_field_and_line(server: Server) -> None:
    with server.client() as c:
        r = c.post("/v1/evaluate", content=BAD_YAML, headers=YAML)
        assert r.status_code == 422
        body = r.json()
        assert body["error"] == "invalid_case"
        assert body["issues"][0] == {
            "file": "<body>",
            "line": 6,
            "column": 18,
            "field": "acts[0].type",
            "message": "unknown value 'air_strike'; did you mean 'air_strikes'?",
        }
        r = c.post("/v1/evaluate", content=b'{\n  "id": "x",\n  "title": \n}', headers=JSON)
        assert r.status_code == 422 and r.json()["issues"][0]["line"] == 4
        r = c.post("/v1/evaluate", content=b'{"id": "x", "title": "t", "date": "2000-01-01"}', headers=JSON)
        assert r.status_code == 422 and r.json()["issues"][0]["field"] == "parties"
        r = c.post("/v1/evaluate", content=b"id: x\ntitle: \xff\n", headers=YAML)
        assert r.status_code == 422 and r.json()["issues"][0]["line"] == 2
        r = c.post("/v1/evaluate", content=b"- a list\n", headers=YAML)
        assert r.status_code == 422 and r.json()["error"] == "invalid_case"
        deep = b"[" * 20_000 + b"]" * 20_000
        for headers in (JSON, YAML):
            r = c.post("/v1/evaluate", content=deep, headers=headers)
            assert r.status_code == 422 and "nested too deeply" in r.json()["message"], r.text
        r = c.post("/v1/evaluate", params={"explanations": "maybe"}, content=KOSOVO, headers=YAML)
        assert r.status_code == 422 and r.json()["issues"][0]["field"] == "explanations"


def test_bodies_too_large_or_of_the_wrong_type(server: Server) -> None:
    big = b"# padding\n" * 30_000
    with server.client() as c:
        r = c.post("/v1/evaluate", content=big, headers=YAML)
        assert r.status_code == 413 and r.json()["error"] == "body_too_large"

        def chunks() -> Iterator[bytes]:
            for _ in range(30):
                yield b"# padding\n" * 1000

        r = c.post("/v1/evaluate", content=chunks(), headers=YAML)
        assert "content-length" not in r.request.headers
        assert r.status_code == 413
        r = c.post("/v1/evaluate", content=KOSOVO, headers={"content-type": "text/plain"})
        assert r.status_code == 415 and r.json()["error"] == "unsupported_media_type"
        r = c.post("/v1/evaluate", content=KOSOVO)
        assert r.status_code == 415


def test_a_client_cannot_make_the_server_load_a_path(server: Server, tmp_path: Path) -> None:
    with server.client() as c:
        for rules in (
            str(ROOT / "rules"),
            "../rules",
            "rules",
            str(Path(server.log).parent / "rulesets" / "nationals"),
            "nationals/../nationals",
            "builtin",
        ):
            r = c.post("/v1/evaluate", params={"rules": rules}, content=KOSOVO, headers=YAML)
            assert r.status_code == 422, rules
            assert r.json()["error"] == "unknown_ruleset"
        r = c.post("/v1/evaluate", params={"perspective": "../perspectives/orthodox"}, content=KOSOVO, headers=YAML)
        assert r.status_code == 422 and r.json()["error"] == "unknown_perspective"


def test_script_text_in_a_case_stays_text(server: Server, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    script = f'#script (python)\nopen("{marker}", "w").write("x")\n#end.\nevil :- true.'
    case = {
        "id": "s",
        "title": script,
        "date": "2000-01-01",
        "parties": [{"id": "a", "kind": "state", "name": script}, {"id": "b", "kind": "state"}],
        "acts": [
            {"id": "x", "title": script, "type": "air_strikes", "actors": ["a"], "target": "b", "start": "2000-01-01"}
        ],
    }
    with server.client() as c:
        r = c.post("/v1/evaluate", content=json.dumps(case), headers=JSON)
    assert r.status_code == 200 and r.json()["title"] == script
    assert not marker.exists()


def test_a_rule_set_with_a_script_stops_the_server_before_it_listens(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    bad = tmp_path / "bad"
    (bad / "perspectives").mkdir(parents=True)
    (bad / "ruleset.toml").write_text(
        'name = "bad"\nbuilds_on = ["builtin"]\n[perspectives]\nbad = "perspectives/bad.lp"\n', encoding="utf-8"
    )
    (bad / "perspectives" / "bad.lp").write_text(
        f'#script (python)\nopen("{marker}", "w").write("x")\n#end.\nposition(humanitarian_intervention, accept).\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "normengine", "serve", "--port", "0", "--rules-dir", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "script" in done.stderr and "'bad'" in done.stderr and "Traceback" not in done.stderr
    assert "listening" not in done.stderr
    assert not marker.exists()
    done = subprocess.run(
        [sys.executable, "-m", "normengine", "serve", "--port", "0", "--rules-dir", str(tmp_path / "none")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "no such directory" in done.stderr


# -- time limits and recycling -------------------------------------------------------------------------


def heavy_case(n: int = 6000) -> str:
    """A case that takes far longer than a few seconds to evaluate (6,000 acts, self-defence claimed for the
    first 1,000, the bound of a list of claims): about 20 s of CPU in process, and 0.9 MB as JSON."""
    parties = [{"id": f"p{i}", "kind": "state"} for i in range(n)]
    acts = [
        {"id": f"a{i}", "type": "air_strikes", "actors": [f"p{i}"], "target": f"p{(i + 1) % n}", "start": "2000-01-01"}
        for i in range(n)
    ]
    claims = [
        {"id": f"j{i}", "act": f"a{i}", "type": "self_defence", "claimed_by": [f"p{i}"]} for i in range(min(n, 1000))
    ]
    case = {"id": "heavy", "title": "heavy", "date": "2000-01-01", "parties": parties, "acts": acts}
    return json.dumps({**case, "justifications": claims})


@pytest.mark.slow
def test_a_case_past_the_time_limit_is_stopped_and_the_service_goes_on(tmp_path: Path) -> None:
    s = start_server(tmp_path, "--workers", "1", "--timeout", "3", "--max-tasks", "2", "--max-body", "4000000")
    try:
        before = s.health()
        assert before["workers"] == 1 and before["started"] == 1
        with s.client() as c:
            started = time.monotonic()
            r = c.post("/v1/evaluate", content=heavy_case(), headers=JSON)
            took = time.monotonic() - started
            assert r.status_code == 422 and r.json()["error"] == "time_limit", r.text
            assert "time limit of 3 s" in r.json()["message"]
            assert 2.9 <= took < 10
            deadline = time.monotonic() + 30
            while s.health()["idle"] < 1 and time.monotonic() < deadline:
                time.sleep(0.2)
            after = s.health()
            assert after["killed_at_time_limit"] == 1 and after["started"] == 2 and after["workers"] == 1
            for _ in range(3):
                r = c.post("/v1/evaluate", params={"explanations": "false"}, content=KOSOVO, headers=YAML)
                assert r.status_code == 200 and r.json()["case"] == "kosovo-1999"
        deadline = time.monotonic() + 30
        while s.health()["started"] < 3 and time.monotonic() < deadline:
            time.sleep(0.2)
        health = s.health()
        assert health["recycled"] == 1, "the worker is replaced after --max-tasks 2 requests"
        assert health["died"] == 0 and health["workers"] == 1
    finally:
        stop_server(s)
    log = s.log.read_text(errors="replace")
    assert "ran past the time limit of 3 s" in log and "Traceback" not in log


# -- schemathesis ----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_schemathesis_finds_no_server_error(server: Server, tmp_path: Path) -> None:
    """Fuzz every operation from the OpenAPI document (modest: about 20 s).

    ``positive_data_acceptance`` is left out: a case can match the schema and still be refused
    (an actor that is not a party, say), which the service rightly answers with 422.
    """
    exe = shutil.which("schemathesis", path=str(Path(sys.executable).parent)) or shutil.which("schemathesis")
    if exe is None:
        pytest.skip("schemathesis is not installed (it is part of normengine[test])")
    # A generated body over --max-body is rightly refused with 413 before it is read; count that as a
    # rejection of invalid data too (schemathesis's default list of rejections leaves 413 out).
    (tmp_path / "schemathesis.toml").write_text(
        "[checks.negative_data_rejection]\n"
        'expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429"]\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            exe,
            "run",
            f"{server.url}/openapi.json",
            "--checks",
            "all",
            "--exclude-checks",
            "positive_data_acceptance",
            "--phases",
            "examples,fuzzing",
            "--max-examples",
            "40",
            "--seed",
            "20261123",
            "--generation-database",
            "none",
            "--request-timeout",
            "60",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    tail = done.stdout[-4000:]
    assert done.returncode == 0, tail
    assert " passed" in tail and "failed" not in tail.split("SUMMARY")[-1], tail
    health = server.health()
    assert health["died"] == 0 and health["workers"] == 2


def test_docs_name_every_route_and_error(server: Server) -> None:
    import re

    doc = (ROOT / "docs" / "server.md").read_text(encoding="utf-8")
    with server.client() as c:
        api = c.get("/openapi.json").json()
    routes = {f"{method.upper()} {path}" for path, ops in api["paths"].items() for method in ops}
    documented = set(re.findall(r"^\| `((?:GET|POST) /[^?` ]*)", doc, re.MULTILINE))
    assert documented == routes
    codes = set(api["components"]["schemas"]["ErrorBody"]["properties"]["error"]["enum"])
    table = doc.split("## Errors", 1)[1].split("\n## ", 1)[0]
    assert all(f"`{code}`" in table for code in codes), sorted(c for c in codes if f"`{c}`" not in table)
    help_text = subprocess.run(
        [sys.executable, "-m", "normengine", "serve", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for option in re.findall(r"^\| `(--[a-z-]+)", doc, re.MULTILINE):
        assert option in help_text, option


# -- the pool: the process core of the command line, scheduled from asyncio ---------------------------------


def _pool_run(check: Callable[[Any], Awaitable[None]], **options: Any) -> None:
    import asyncio

    from normengine.server.pool import WorkerPool
    from normengine.server.registry import Registry

    async def go() -> None:
        pool = WorkerPool(Registry.discover([]).paths(), **{"size": 1, "timeout": 60, "max_tasks": 50, **options})
        await pool.start()
        try:
            await check(pool)
        finally:
            await pool.close()

    asyncio.run(go())


def _request(body: str, media: str = "yaml") -> dict[str, Any]:
    return {"op": "evaluate", "rules": "international-law", "media": media, "body": body, "explanations": False}


def test_a_worker_that_died_idle_is_never_handed_a_request() -> None:
    async def check(pool: Any) -> None:
        [pid] = pool.pids()
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while pid in pool.pids() and time.monotonic() < deadline:
            time.sleep(0.05)
        status, body = await pool.run(_request(KOSOVO.decode()))
        assert status == 200 and json.loads(body)["case"] == "kosovo-1999"
        assert pool.stats.died == 1 and pool.stats.started == 2 and pool.pids() != [pid]

    _pool_run(check)


@pytest.mark.slow
def test_a_server_worker_has_a_memory_cap() -> None:
    from normengine.server.pool import WorkerDied

    async def check(pool: Any) -> None:
        # 1,000 acts: its evaluation grows the process by about 140 MB (300 acts, about 50 MB, fitted under the cap
        # once the light form's grounding got leaner, in CI). Where the cap is hit decides how it shows: a Python
        # allocation answers memory_limit; one in C (a thread's local data, in CI) ends the worker, which the
        # pool accounts as memory_limit (the service answers 422 memory_limit either way: app.py)
        try:
            status, body = await pool.run(_request(heavy_case(1000), media="json"))
        except WorkerDied as died:
            assert died.kind == "memory_limit" and "60 MB" in str(died), died
        else:
            error = json.loads(body)
            assert (status, error["error"]) == (422, "memory_limit"), body
            assert "60 MB" in error["message"]
        status, body = await pool.run(_request(KOSOVO.decode()))
        assert status == 200, "the service goes on with a fresh worker"

    _pool_run(check, max_memory=60)
