"""Browser tests: Debian's headless Chromium driven by Playwright against the live server."""

import os
import shutil

import pytest

# `make test` sets CHROMIUM_PATH from services/prereqs.sh; otherwise the one on PATH.
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are
# still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium package "
            "(apt-get install chromium) or set CHROMIUM_PATH.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    # No request may leave the machine: fail on any request to another host.
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith((live_server.url, "data:", "about:"))
            else None
        ),
    )
    yield page
    context.close()
    assert not outside, f"requests left the machine: {outside}"


@pytest.fixture
def login(page, live_server, client, log_in):
    """Give the browser the session cookie of a logged-in test client."""

    def _login(user):
        log_in(client, user)
        cookie = client.cookies["sessionid"]
        page.context.add_cookies(
            [{"name": "sessionid", "value": cookie.value, "url": live_server.url}]
        )

    return _login


@pytest.fixture
def axe_check(page):
    """Run axe-core (WCAG 2.1 A/AA) on the current page and fail with a readable report."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(path: str | None = None):
        if path is not None:
            response = page.goto(path)
            assert response.status == 200, f"{path} answered {response.status}"
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, results.generate_report()
        return results

    return check
