"""End-to-end fixtures: the app served by waitress on a free port, and Debian's headless Chromium."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from webui import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _unavailable(reason: str):
    """Skip on a workstation without a browser; fail in CI, where the browser must be installed."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI installs it (see .ci/run).")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def live_server(sample_index):
    """Serve the sample corpus's index with waitress on 127.0.0.1 and return its base URL."""
    waitress = pytest.importorskip("waitress")
    app = create_app({"INDEX_DIR": str(sample_index)})
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, name="waitress", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    server.task_dispatcher.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    """Launch Debian's Chromium headless through Playwright (never a downloaded browser)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh desktop-sized page that records console errors (a CSP violation is one)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda message: tab.console_errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    yield tab
    context.close()


@pytest.fixture
def shots(tmp_path) -> Path:
    """Return the folder the screenshots of a test go to."""
    folder = tmp_path / "screenshots"
    folder.mkdir()
    return folder
