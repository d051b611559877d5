"""Fixtures of the browser tests: one seeded showcase under gunicorn, and Debian's Chromium.

Missing Chromium or Playwright fails these tests with a message that says what to install; they
never skip, so CI cannot pass without having run them.
"""

import pytest

from tests.browser.harness import MISSING_CHROMIUM, Server, check_chromium, launch, seed



@pytest.fixture(scope="session")
def seeded(tmp_path_factory):
    """A folder with a seeded SQLite database and search index, as `make db` leaves them."""
    folder = tmp_path_factory.mktemp("showcase-browser")
    seed(folder)
    return folder


@pytest.fixture(scope="session")
def server(seeded):
    """The app under gunicorn, shared by the tests that do not stop it."""
    running = Server(seeded).start()
    yield running
    running.stop()


@pytest.fixture
def own_server(seeded):
    """A server of this test's own, on a port of its own, that the test may stop."""
    running = Server(seeded).start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser():
    try:
        check_chromium()
    except RuntimeError:
        pytest.fail(MISSING_CHROMIUM, pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright for Python is missing: pip install -e '.[test]'", pytrace=False)
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="de-DE",
                                  timezone_id="Europe/Berlin", has_touch=True)
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert errors == [], f"JavaScript errors: {errors}"
