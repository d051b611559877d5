"""The idle screen: featured innovations and the next sessions in turn; what comes next when nothing runs."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import blocking_violations

pytestmark = pytest.mark.browser

FEATURED = {"multishuttle-move", "mutanom-rna-impfstoff", "fermentatives-isobuten-verfahren",
            "elise-ladeeinheit-daten-gateway", "biorn-biomarker-nachweisplattform"}


def test_a_day_without_sessions_shows_what_comes_next(page, server):
    page.goto(f"{server.url}/kiosk?now=2015-06-29T16:00")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    card = page.locator(".now-card")
    expect(card.locator("h2.next-line")).to_have_text(
        "Als Nächstes, 30. Juni, 9:30: Eröffnung und Auszeichnung: die Bundesministerin für Bildung und Forschung")
    page.locator('[data-lang="en"]').click()
    expect(card.locator(".next-line")).to_have_text(re.compile(r"^Up next, 30 June, 9:30: "))
    page.locator('[data-nav="programme"]').first.click()
    expect(page.locator(".nothing-now .next-line")).to_contain_text("Up next, 30 June, 9:30")
    # Between the two days, the next one's start.
    page.goto(f"{server.url}/kiosk?now=2015-06-30T23:00")
    expect(page.locator(".now-card .next-line")).to_contain_text("Als Nächstes, 1. Juli, ")
    page.goto(f"{server.url}/kiosk?now=2015-07-02T10:00")
    expect(page.locator(".now-card .next-line")).to_have_text("Das Programm der Konferenz ist vorüber.")


def test_the_attract_screen_cycles_featured_innovations_and_next_sessions(page, server):
    page.goto(f"{server.url}/kiosk?now=2015-06-29T16:00&spotlight=1")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    item = page.locator(".spotlight-item")
    seen = set()
    for _ in range(8):
        seen.add((item.get_attribute("data-kind"), item.get_attribute("data-slug")))
        page.wait_for_timeout(1000)
    kinds = {kind for kind, _ in seen}
    assert kinds == {"innovation", "session"}
    assert {slug for kind, slug in seen if kind == "innovation"} <= FEATURED
    assert len(seen) >= 5
    assert blocking_violations(page) == []
    # The pause button stops the turn.
    page.locator(".spotlight-pause").click()
    held = item.get_attribute("data-slug")
    page.wait_for_timeout(2200)
    assert item.get_attribute("data-slug") == held
    item.click()
    expect(page).to_have_url(re.compile(re.escape(held)))
    expect(page.locator(f'.detail[data-slug="{held}"], .session[data-slug="{held}"]')).to_be_visible()
