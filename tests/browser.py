"""A real browser for the tests: Debian's chromium, headless, driven by selenium through chromium-driver.

.ci/run installs both (``apt-get install chromium chromium-driver``); where they are missing the
browser tests are skipped with the reason. No browser is downloaded: selenium is pointed at the
system's binaries.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "docs" / "screenshots"


def _binary(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def chrome() -> Iterator[object]:
    """A headless chromium (a generator for a fixture); skips the test when it is not installed."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    browser = _binary("chromium", "chromium-browser", "google-chrome")
    driver_bin = _binary("chromedriver", "chromium-driver")
    if browser is None or driver_bin is None:
        pytest.skip("no chromium and chromium-driver on the PATH (.ci/run installs them with apt-get)")
    options = Options()
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1600",
    ):
        options.add_argument(arg)
    options.binary_location = browser
    driver = webdriver.Chrome(options=options, service=Service(driver_bin))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def screenshot(driver: object, name: str, tmp_path: Path) -> Path:
    """Save a screenshot in ``tmp_path``, and in docs/screenshots/ when NORMENGINE_SCREENSHOTS=1."""
    target = tmp_path / name
    driver.save_screenshot(str(target))  # type: ignore[attr-defined]
    assert target.stat().st_size > 10_000, "an empty screenshot"
    if os.environ.get("NORMENGINE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, SCREENSHOTS / name)
    return target
