"""The embed widget on a third-party page served from another origin (another port)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.harness import HostSite, embed_host_page

pytestmark = pytest.mark.browser


@pytest.fixture
def host(server):
    with HostSite() as site:
        site.pages["/partners.html"] = embed_host_page(server.url)
        yield site


def test_the_card_renders_across_origins_inside_a_shadow_root(page, server, host):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{host.url}/partners.html")
    assert host.url != server.url
    card = page.locator('.showcase-embed[data-showcase="cluster"]')
    expect(card.locator(".card")).to_have_attribute("data-loaded", "true")
    expect(card.locator("h2")).to_have_text("it's OWL")
    expect(card.locator(".name")).to_contain_text("Intelligent Technical Systems")
    expect(card.locator(".facts .stand")).to_have_text("Stand A14")
    expect(card.locator(".facts")).to_contain_text("projects")
    expect(card.locator("a:not(.meet)")).to_have_attribute("href", "https://www.its-owl.de")
    # The matchmaking's phone page, on the directory's own origin.
    expect(card.locator('a[data-action="meet"]')).to_have_attribute("href", f"{server.url}/meet?cluster=its-owl&lang=en")
    assert page.evaluate("document.querySelector('.showcase-embed').shadowRoot !== null")
    api_requests = [url for url in requests if url.startswith(server.url)]
    assert api_requests and all(url.startswith(f"{server.url}/api/v1/") or url.endswith("/embed.js")
                                or "/embed/clusters/" in url or "/kiosk/static/embed/" in url for url in api_requests)
    assert not [url for url in requests if not url.startswith((server.url, host.url))]


def test_neither_page_styles_the_other(page, server, host):
    page.goto(f"{host.url}/partners.html")
    card = page.locator('.showcase-embed[data-showcase="cluster"]')
    expect(card.locator(".card")).to_have_attribute("data-loaded", "true")
    inside = card.locator("h2").evaluate("""(el) => { const s = getComputedStyle(el);
        return [s.color, s.textTransform, s.borderTopStyle, s.fontSize]; }""")
    assert inside == ["rgb(11, 58, 93)", "none", "none", "26px"]
    outside = page.locator("#host-text").evaluate("""(el) => { const s = getComputedStyle(el);
        return [s.color, s.textTransform, s.borderTopStyle, s.fontWeight]; }""")
    assert outside == ["rgb(255, 0, 0)", "uppercase", "dashed", "400"]


def test_the_directory_lists_the_clusters_and_searches(page, server, host):
    page.goto(f"{host.url}/partners.html")
    directory = page.locator('.showcase-embed[data-showcase="directory"]')
    expect(directory.locator(".card")).to_have_attribute("data-loaded", "true")
    expect(directory.locator("h3")).to_have_text("Die 15 Spitzencluster")
    expect(directory.locator("ul.list > li")).to_have_count(15)
    directory.locator("input").fill("elektromobilitat")
    first = directory.locator("ul.list > li").first
    expect(first).to_have_attribute("data-slug", "elektromobilitaet-sued-west")
    expect(first.locator("mark").first).to_have_text("Elektromobilität")
    expect(directory.locator(".status")).to_contain_text("Treffer")
    # A project's hit says where its facts come from, linked to that page.
    directory.locator("input").fill("MAI Recycling")
    project = directory.locator('ul.list > li[data-kind="project"][data-slug="mai-recycling"]')
    expect(project.locator(".source a")).to_have_text("recyclingmagazin.de, 2012")
    expect(project.locator(".place")).to_have_text(re.compile(r"^Stand [A-Z]\d{2} · MAI Carbon$"))  # where to walk
    expect(project.locator(".source a")).to_have_attribute(
        "href", "https://recyclingmagazin.de/2012/08/22/cluster-startet-projekt-zum-cfk-recycling")
    directory.locator("input").fill("")
    expect(directory.locator("ul.list > li")).to_have_count(15)


def test_the_iframe_variant_needs_no_script(page, server, host):
    page.goto(f"{host.url}/partners.html")
    frame = page.frame_locator("#frame")
    expect(frame.locator("h1")).to_have_text("it's OWL")
    expect(frame.locator(".facts .stand")).to_have_text("Stand A14")
    expect(frame.locator(".name")).to_contain_text("Intelligente Technische Systeme")


def test_the_noscript_fallback_links_to_the_iframe_page(browser, server, host):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{host.url}/partners.html")
        link = page.locator("noscript a, a[href*='/embed/clusters/']").first
        expect(link).to_have_attribute("href", re.compile(r"/embed/clusters/its-owl\?lang=en$"))
        page.goto(link.get_attribute("href"))
        expect(page.locator("h1")).to_have_text("it's OWL")
    finally:
        context.close()
