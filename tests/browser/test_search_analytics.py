"""The kiosk and the widget mark searches made while typing, settle on one, and report opened hits."""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.harness import HostSite, embed_host_page

pytestmark = pytest.mark.browser


def searches_of(requests) -> list[dict]:
    """The /api/v1/search requests sent, as their query arguments."""
    return [{key: values[0] for key, values in parse_qs(urlsplit(request.url).query).items()}
            for request in requests if urlsplit(request.url).path == "/api/v1/search"]


def reports_of(requests) -> list[tuple[str, dict]]:
    return [(request.response().status if request.response() else None, json.loads(request.post_data))
            for request in requests if urlsplit(request.url).path == "/api/v1/search/opened"]


def settled(requests, q: str) -> list[dict]:
    return [args for args in searches_of(requests) if args.get("q") == q and "as_you_type" not in args]


def test_the_kiosk_counts_the_search_a_visitor_settles_on_and_the_hit_opened(page, server):
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto(f"{server.url}/kiosk")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    page.locator("#q").click()
    page.locator("#q").press_sequentially("leichtbau", delay=250)
    expect(page.locator(".results .result").first).to_be_visible()
    typed = searches_of(requests)
    assert typed and all(args["as_you_type"] == "1" for args in typed), typed
    assert settled(requests, "leichtbau") == []
    page.wait_for_timeout(2000)
    assert len(settled(requests, "leichtbau")) == 1
    first = page.locator(".results .result").first
    kind, slug = first.get_attribute("data-kind"), first.get_attribute("data-slug")
    first.click()
    page.wait_for_timeout(500)
    assert reports_of(requests) == [(204, {"q": "leichtbau", "kind": kind, "slug": slug})]
    assert len(settled(requests, "leichtbau")) == 1


def test_tapping_a_facet_settles_the_typed_search_at_once(page, server):
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto(f"{server.url}/kiosk")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    page.locator("#q").click()
    page.locator("#q").press_sequentially("leichtbau", delay=40)
    chip = page.locator('.facet-kind .chip[data-value="project"]')
    expect(chip).to_be_visible()
    chip.click()
    expect(chip).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(300)
    # The typed search, settled (counted), and the facet's narrowed one (not counted by the API).
    assert sorted(args.get("kind", "") for args in settled(requests, "leichtbau")) == ["", "project"]
    page.wait_for_timeout(1800)
    assert len(settled(requests, "leichtbau")) == 2


def test_a_submitted_kiosk_search_is_counted_at_once(page, server):
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto(f"{server.url}/kiosk")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    page.locator("#q").fill("Leichtbau")
    page.locator("#q").press("Enter")
    expect(page.locator(".results .result").first).to_be_visible()
    page.wait_for_timeout(300)
    assert settled(requests, "Leichtbau")


@pytest.fixture
def host(server):
    with HostSite() as site:
        site.pages["/partners.html"] = embed_host_page(server.url)
        yield site


def test_the_widget_settles_on_a_search_and_reports_an_opened_hit_across_origins(page, server, host):
    page.context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
    requests = []
    page.context.on("requestfinished", lambda request: requests.append(request))
    page.goto(f"{host.url}/partners.html")
    directory = page.locator('.showcase-embed[data-showcase="directory"]')
    expect(directory.locator(".card")).to_have_attribute("data-loaded", "true")
    directory.locator("input").press_sequentially("its owl", delay=300)
    expect(directory.locator("ul.list > li").first).to_have_attribute("data-slug", "its-owl")
    assert all(args["as_you_type"] == "1" for args in searches_of(requests))
    page.wait_for_timeout(2000)
    assert len(settled(requests, "its owl")) == 1
    directory.locator('ul.list > li[data-kind="cluster"][data-slug="its-owl"] a').first.click()
    page.wait_for_timeout(800)
    assert reports_of(requests) == [(204, {"q": "its owl", "kind": "cluster", "slug": "its-owl"})]
