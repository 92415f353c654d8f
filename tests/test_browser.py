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
    boxes = driver.find_elements(css, "#graph svg g.argument rect")
    assert len(boxes) == 10 and all(b.size["width"] > 0 and b.size["height"] > 0 for b in boxes)
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
    assert 0 <= top < driver.execute_script("return window.innerHeight")
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
