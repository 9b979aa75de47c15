"""Playwright driving Debian's Chromium (its headless shell: chromium.py) against a live server.

Never `playwright install`: the browser is the system's. One Chromium, two browser contexts
(with and without JavaScript; each test opens its own pages in them, and the cookies it leaves
are cleared) and one live server serve every browser test; the server shows the shipped data
that tests/conftest.py loads once per session, and each test runs in the usual rolled-back
transaction, so nothing is flushed or loaded again between tests. Screenshots go to
test-results/screenshots/ so a person can look at them after a run.
"""

import os
from pathlib import Path

import pytest

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS

SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="package")
def browser():
    """Chromium, for the browser tests only (the package scope closes it after the last one)."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: apt-get install chromium-headless-shell"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop marked as running in this thread while it
    # is open; Django would take the tests' own (synchronous) database calls for calls from
    # async code. Only while Chromium is open, so no other test runs with this set.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
            # While that loop is marked as running, Django gives this thread connections of
            # their own (asgiref's Local acts as a context variable then). Close them, or
            # PostgreSQL refuses to drop the test database at the end of the session.
            from django.db import connections

            connections.close_all()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def _portal_server(django_db_setup):
    """One live server for the session (pytest-django's `live_server` would flush per test)."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost")  # in the test settings' ALLOWED_HOSTS
    yield server
    server.stop()


@pytest.fixture
def live_portal(_portal_server, db):
    """The portal running live with the shipped data; `db` lets its threads use the database.

    The server reads what is committed: the shipped data of the session. What a test writes
    stays in the test's own transaction, out of the server's sight, so browser tests read.
    """
    return _portal_server


class SharedContexts:
    """The browser contexts that every browser test's pages open in: one with JavaScript, one
    without, made when first asked for. A context per test started a renderer process and
    compiled Plotly again each time: measured here, a chart page opened in a context of its own
    cost 2.0 s of CPU, opened as a new page of a shared context 1.0 s."""

    def __init__(self, browser):
        self.browser = browser
        self.made = {}

    def new_page(self, viewport, javascript=True):
        if javascript not in self.made:
            self.made[javascript] = self.browser.new_context(
                viewport=DESKTOP,
                locale="es-MX",
                java_script_enabled=javascript,
                reduced_motion="reduce",
            )
        page = self.made[javascript].new_page()
        page.set_viewport_size(viewport)
        return page

    def forget_cookies(self):
        """What one test leaves (a language chosen, a session) must not reach the next one;
        the pages keep nothing else (the portal uses no web storage)."""
        for context in self.made.values():
            context.clear_cookies()

    def close(self):
        for context in self.made.values():
            context.close()


@pytest.fixture(scope="package")
def _contexts(browser):
    contexts = SharedContexts(browser)
    yield contexts
    contexts.close()


@pytest.fixture
def open_page(_contexts):
    """Return a function that opens a page at a viewport size; closes its pages after."""
    pages = []

    def _open(viewport=DESKTOP, javascript=True):
        pages.append(_contexts.new_page(viewport, javascript))
        return pages[-1]

    yield _open
    for page in pages:
        page.close()
    _contexts.forget_cookies()


@pytest.fixture(scope="module")
def page_at_width(_contexts):
    """One page per width that a module's per-page tests share, as when one test visited every
    page."""
    pages = {}

    def _page(viewport):
        if viewport["width"] not in pages:
            pages[viewport["width"]] = _contexts.new_page(viewport)
        return pages[viewport["width"]]

    yield _page
    for page in pages.values():
        page.close()


# Full-page screenshots of every page at two widths cost a third of the browser tests' time:
# taken on demand (`make screenshots`), not on every run.
SAVE_SCREENSHOTS = os.environ.get("SAVE_SCREENSHOTS", "") not in ("", "0")


def save_screenshot(page, name):
    """Save a full-page screenshot for a person to look at (with SAVE_SCREENSHOTS=1)."""
    if not SAVE_SCREENSHOTS:
        return None
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.evaluate(REVEAL_WHAT_SCROLLING_SHOWS)
    page.screenshot(path=str(path), full_page=True)
    return path


# Charts are drawn, and what has content-visibility: auto laid out, only as they near the screen
# (charts.js, portal.css), and a full-page screenshot does not scroll: without this, the picture
# shows empty boxes below the fold where a reader sees charts and cards.
REVEAL_WHAT_SCROLLING_SHOWS = """async () => {
  for (const element of document.querySelectorAll("body *")) {
    if (getComputedStyle(element).contentVisibility === "auto") {
      element.style.contentVisibility = "visible";
    }
  }
  const charts = [...document.querySelectorAll("[data-figure]")]
    .filter((chart) => chart.offsetParent !== null);
  for (const chart of charts) {
    chart.scrollIntoView();
    for (let tries = 0; tries < 100 && chart.dataset.drawn !== "true"; tries += 1) {
      await new Promise((done) => setTimeout(done, 50));
    }
  }
  window.scrollTo(0, 0);
}"""


def serious_violations(page):
    """Run axe-core (bundled in axe-playwright-python) and return serious or critical violations.

    The script is injected once per loaded page: a second run on the same page (another width)
    reuses it."""
    from axe_playwright_python.sync_playwright import Axe

    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(Axe().axe_script)
    violations = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)"
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in violations
        if violation["impact"] in ("serious", "critical")
    ]


def horizontal_overflow(page):
    """Return how many pixels the page is wider than the viewport (0 = no sideways scroll)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
