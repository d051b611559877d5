"""Results on every key press, at the kiosk and in the widget: one request in flight, never a stale answer."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.harness import HostSite, embed_host_page

pytestmark = pytest.mark.browser


def test_requests_go_one_at_a_time_and_an_older_answer_never_shows(page, server):
    page.goto(f"{server.url}/kiosk")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    order = page.evaluate("""async () => {
        const { createLatest } = await import('/kiosk/static/js/latest.js');
        const pending = {};
        const shown = [];
        const started = [];
        const latest = createLatest((args) => new Promise((resolve) => { started.push(args.q); pending[args.q] = resolve; }),
                                    (result) => shown.push(result));
        const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
        latest.request({ q: 'a' }); latest.request({ q: 'ab' }); latest.request({ q: 'abc' });
        await tick();
        const whileFirst = started.slice();
        pending.a('A'); await tick(); await tick();
        pending.abc('ABC'); await tick(); await tick();
        latest.request({ q: 'x' }); await tick();
        latest.cancel(); pending.x('X'); await tick(); await tick();
        return { whileFirst, started, shown };
    }""")
    assert order == {"whileFirst": ["a"], "started": ["a", "abc", "x"], "shown": ["A", "ABC"]}


def test_the_kiosk_searches_on_every_key_with_one_request_in_flight(page, server):
    page.goto(f"{server.url}/kiosk")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    open_requests = set()
    most = [0]
    searches = []

    def started(request):
        if "/api/v1/search?" in request.url:
            open_requests.add(request)
            most[0] = max(most[0], len(open_requests))
            searches.append(request.url)

    page.on("request", started)
    page.on("requestfinished", lambda request: open_requests.discard(request))
    page.on("requestfailed", lambda request: open_requests.discard(request))
    page.locator("#q").click()
    # The first key: results come without a pause.
    page.keyboard.type("l")
    first = time.monotonic()
    expect(page.locator(".search-view .total")).to_be_visible()
    assert time.monotonic() - first < 1.0
    page.keyboard.type("eichtbau", delay=15)
    expect(page).to_have_url(re.compile(r"q=leichtbau"))
    expect(page.locator('.results .result[data-slug="mai-carbon"]').first).to_be_visible()
    deadline = time.monotonic() + 5
    while open_requests and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert most[0] == 1
    assert "q=leichtbau" in searches[-1] and "q=l&" in searches[0]
    expected = page.evaluate("fetch('/api/v1/search?q=leichtbau&lang=de&page_size=30').then((r) => r.json()).then((b) => b.total)")
    expect(page.locator(".total")).to_have_text(f"{expected} Treffer")


def test_the_widget_searches_on_every_key(page, server):
    with HostSite() as host:
        host.pages["/partners.html"] = embed_host_page(server.url)
        page.goto(f"{host.url}/partners.html")
        directory = page.locator('.showcase-embed[data-showcase="directory"]')
        expect(directory.locator(".card")).to_have_attribute("data-loaded", "true")
        searches = []
        page.on("request", lambda request: searches.append(request.url) if "/api/v1/search?" in request.url else None)
        directory.locator("input").press_sequentially("nedizin", delay=15)
        expect(directory.locator("button.dym")).to_have_text("medizin")
        assert "q=nedizin" in searches[-1]
        assert len(searches) >= 2
        directory.locator("input").fill("")
        expect(directory.locator('li[data-slug="its-owl"]')).to_be_visible()
