"""Headless Chromium (Debian's package) driven by Playwright.

Without Chromium these tests are skipped, and the run's summary says so;
with REQUIRE_BROWSER_TESTS=1 (set by .ci/run) a missing browser is a failure.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API keeps an event loop on the test thread; the ORM calls
# the tests make between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = (
            f"browser tests need Chromium at {CHROMIUM} "
            "(make browser installs it, or set CHROMIUM_PATH)"
        )
        if os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class ConsoleWatcher:
    """Collects console errors and uncaught exceptions from a page."""

    def __init__(self, page):
        self.errors = []
        page.on(
            "console",
            lambda msg: msg.type == "error" and self.errors.append(msg.text),
        )
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console = ConsoleWatcher(page)
    yield page
    context.close()


@pytest.fixture
def demo_site(live_server, transactional_db, demo):
    """The live server with the demo newsroom committed in its database."""
    return live_server.url
