"""The HTML report and the web page in a real browser (headless chromium driven by selenium).

Set NORMENGINE_SCREENSHOTS=1 to refresh docs/screenshots/report.png and webpage.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from normengine.cli import main
from normengine.formats.html import report_html

from . import browser
from .conftest import CASES, evaluation
from .test_formats import HOSTILE, hostile_case

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    yield from browser.chrome()


def _by(kind: str) -> Any:
    from selenium.webdriver.common.by import By

    return getattr(By, kind)


def test_the_html_report_renders_with_its_verdicts_graph_and_links(driver: Any, tmp_path: Path) -> None:
    page = tmp_path / "kosovo.html"
    assert main(["evaluate", str(CASES / "kosovo-1999.yaml"), "--format", "html", "-o", str(page)]) == 0
    driver.get(page.as_uri())
    css = _by("CSS_SELECTOR")
    assert "Kosovo 1999" in driver.title
    report = evaluation("kosovo-1999").report
    verdicts = driver.find_elements(css, "#summary .verdict")
    assert [v.text for v in verdicts] == [a.verdict.upper() for a in report.acts]  # CSS upper-cases them
    assert all(v.is_displayed() for v in verdicts)
    svg = driver.find_element(css, "#graph svg")
    assert svg.is_displayed() and svg.size["width"] > 300 and svg.size["height"] > 200
    from normengine.graph import argument_graph

    boxes = driver.find_elements(css, "#graph svg g.argument rect")
    arguments = len(argument_graph(evaluation("kosovo-1999")).arguments)  # 12 since the case records the deportations
    assert arguments >= 11 and len(boxes) == arguments
    assert all(b.size["width"] > 0 and b.size["height"] > 0 for b in boxes)
    # every internal link has its target, and following one scrolls to it
    hrefs = [a.get_attribute("href") for a in driver.find_elements(css, "a[href^='#']")]
    anchors = {h.split("#", 1)[1] for h in hrefs}
    assert {"summary", "act-1", "graph", "authorities", "auth-1"} <= anchors
    missing = driver.execute_script("return arguments[0].filter(id => !document.getElementById(id));", sorted(anchors))
    assert missing == []
    cites = driver.find_elements(css, "a.cite")
    assert cites and all(c.get_attribute("href").split("#")[1].startswith("auth-") for c in cites)
    driver.find_element(css, "nav a[href='#authorities']").click()
    assert driver.execute_script("return location.hash") == "#authorities"
    top = driver.execute_script("return document.getElementById('authorities').getBoundingClientRect().top")
    assert driver.execute_script("return window.scrollY") > 500  # it scrolled down to the table
    assert -1 < top < driver.execute_script("return window.innerHeight")  # at the top, to a sub-pixel
    driver.execute_script("window.scrollTo(0, 0)")
    browser.screenshot(driver, "report.png", tmp_path)


def test_authority_links_keep_their_urls(driver: Any, tmp_path: Path) -> None:
    ev = evaluation("kosovo-1999")
    rows = [
        ("charter", "Charter of the United Nations (1945)", "https://www.un.org/en/about-us/un-charter/full-text"),
        ("bad", "A source with a hostile URL", "javascript:alert(1)"),
    ]
    page = tmp_path / "rows.html"
    page.write_text(report_html(ev.report, ev.analysis.words, None, rows), encoding="utf-8")
    driver.get(page.as_uri())
    css = _by("CSS_SELECTOR")
    links = driver.find_elements(css, "#authorities a")
    assert [a.get_attribute("href") for a in links] == ["https://www.un.org/en/about-us/un-charter/full-text"]
    assert driver.find_element(css, "#auth-charter").is_displayed()


def test_a_hostile_case_runs_no_script_in_the_browser(driver: Any, tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    assert main(["evaluate", str(hostile_case(tmp_path)), "--format", "html", "-o", str(page)]) == 0
    driver.get(page.as_uri())
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    css = _by("CSS_SELECTOR")
    assert driver.find_elements(css, "script, img") == []
    assert HOSTILE.split(" ")[0] in driver.find_element(css, "h1").text


# -- the web page of normengine serve ---------------------------------------------------------------


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from .test_server import start_server, stop_server

    tmp = tmp_path_factory.mktemp("web")
    s = start_server(tmp, "--workers", "1", "--timeout", "30", "--cors-origin", "https://tool.example")
    yield s
    stop_server(s)


def _wait(driver: Any, condition: Any, timeout: float = 60) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def test_the_page_evaluates_a_bundled_case_and_compares_perspectives(driver: Any, web: Any, tmp_path: Path) -> None:
    from selenium.webdriver.support.ui import Select

    css = _by("CSS_SELECTOR")
    driver.get(web.url + "/")
    _wait(driver, lambda d: len(d.find_elements(css, "#case option")) > 10)
    _wait(driver, lambda d: len(d.find_elements(css, "#perspective option")) == 3)
    Select(driver.find_element(css, "#case")).select_by_value("kosovo-1999")
    _wait(driver, lambda d: "id: kosovo-1999" in d.find_element(css, "#text").get_attribute("value"))
    Select(driver.find_element(css, "#perspective")).select_by_value("humanitarian")
    driver.find_element(css, "#evaluate").click()
    _wait(driver, lambda d: d.find_elements(css, "#result #summary .verdict"))
    verdicts = [v.text for v in driver.find_elements(css, "#result #summary .verdict")]
    assert verdicts[0] == "LAWFUL"  # Allied Force is lawful on the humanitarian view
    assert "perspective humanitarian" in driver.find_element(css, "#result .meta").text
    svg = driver.find_element(css, "#result #graph svg")
    assert svg.is_displayed() and svg.size["width"] > 300 and svg.size["height"] > 200
    assert driver.find_element(css, "#error").is_displayed() is False
    # everything the page loaded came from the server
    resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert resources and all(r.startswith(web.url) for r in resources), resources
    browser.screenshot(driver, "webpage.png", tmp_path)
    driver.find_element(css, "#compare").click()
    _wait(driver, lambda d: d.find_elements(css, "#result #verdicts"))
    heads = [th.text for th in driver.find_elements(css, "#result #verdicts thead th")]
    assert heads[1:4] == ["orthodox", "humanitarian", "sovereigntist"]
    assert "depends on the perspective" in driver.find_element(css, "#result #verdicts").text


def test_the_page_shows_a_clear_error_for_a_broken_case(driver: Any, web: Any) -> None:
    css = _by("CSS_SELECTOR")
    driver.get(web.url + "/")
    _wait(driver, lambda d: len(d.find_elements(css, "#perspective option")) == 3)
    box = driver.find_element(css, "#text")
    box.clear()
    box.send_keys("id: broken\ntitle: A broken case\ndate: 2020-01-01\nparties: [\n")
    driver.find_element(css, "#evaluate").click()
    error = _wait(
        driver, lambda d: d.find_element(css, "#error") if d.find_element(css, "#error").is_displayed() else None
    )
    assert "invalid case" in error.text and "line " in error.text
    assert driver.find_elements(css, "#result *") == []
    # a case that parses but is wrong names the field
    box.clear()
    text = (CASES / "kosovo-1999.yaml").read_text(encoding="utf-8").replace("type: air_strikes", "type: 42", 1)
    driver.execute_script("arguments[0].value = arguments[1]", box, text)
    driver.find_element(css, "#evaluate").click()
    _wait(driver, lambda d: "acts" in d.find_element(css, "#error").text)


def test_the_page_takes_an_uploaded_file_and_escapes_it(driver: Any, web: Any, tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    css = _by("CSS_SELECTOR")
    driver.get(web.url + "/")
    _wait(driver, lambda d: len(d.find_elements(css, "#perspective option")) == 3)
    driver.find_element(css, "#file").send_keys(str(hostile_case(tmp_path)))
    _wait(driver, lambda d: "<script>" in d.find_element(css, "#text").get_attribute("value"))
    driver.find_element(css, "#evaluate").click()
    _wait(driver, lambda d: d.find_elements(css, "#result h1"))
    assert "<script>" in driver.find_element(css, "#result h1").text
    assert driver.find_elements(css, "#result script, #result img") == []
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018


def test_the_api_docs_work_offline(driver: Any, web: Any) -> None:
    css = _by("CSS_SELECTOR")
    driver.get(web.url + "/docs")
    title = _wait(driver, lambda d: d.find_elements(css, ".swagger-ui .info .title"))
    assert "normengine" in title[0].text
    assert len(driver.find_elements(css, ".opblock")) >= 10
    resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert all(r.startswith(web.url) for r in resources), resources
    driver.get(web.url + "/redoc")
    _wait(driver, lambda d: d.find_elements(css, "h1") and "normengine" in d.find_element(css, "h1").text)


def test_graph_routes_cors_and_examples(web: Any) -> None:
    import httpx

    kosovo = (CASES / "kosovo-1999.yaml").read_bytes()
    yaml_type = {"content-type": "application/yaml"}
    with httpx.Client(base_url=web.url, timeout=60) as c:
        g = evaluation("kosovo-1999")
        from normengine.graph import argument_graph

        graph = argument_graph(g)
        r = c.post("/v1/graph?format=dot", content=kosovo, headers=yaml_type)
        assert r.status_code == 200 and r.text == graph.to_dot()
        r = c.post("/v1/graph?format=aif", content=kosovo, headers=yaml_type)
        assert r.json() == graph.to_aif()
        r = c.post("/v1/graph?format=svg&act=allied-force", content=kosovo, headers=yaml_type)
        assert r.headers["content-type"].startswith("image/svg+xml") and r.text.startswith("<svg")
        r = c.post("/v1/report?document=true", content=kosovo, headers=yaml_type)
        assert r.text.startswith("<!DOCTYPE html>") and "#graph" in r.text
        r = c.post("/v1/graph?format=svg", content=b"id: [", headers=yaml_type)
        assert r.status_code == 422 and r.json()["error"] == "invalid_case"
        r = c.get("/v1/cases/no-such-case")
        assert r.status_code == 404
        assert c.get("/v1/cases/kosovo-1999").content == kosovo
        pre = {"Origin": "https://tool.example", "Access-Control-Request-Method": "POST"}
        r = c.options("/v1/evaluate", headers=pre)
        assert r.headers.get("access-control-allow-origin") == "https://tool.example"
        r = c.options("/v1/evaluate", headers={**pre, "Origin": "https://elsewhere.example"})
        assert r.headers.get("access-control-allow-origin") is None
        api = c.get("/openapi.json").json()
        body = api["paths"]["/v1/evaluate"]["post"]["requestBody"]["content"]
        example = body["application/yaml"]["examples"]["somalia-1992"]["value"]
        r = c.post("/v1/evaluate", content=example.encode(), headers=yaml_type)
        assert r.status_code == 200 and r.json()["case"] == "somalia-1992"
        r = c.post("/v1/evaluate", json=body["application/json"]["examples"]["somalia-1992"]["value"])
        assert r.status_code == 200 and r.json()["case"] == "somalia-1992"
