"""The shortlist: starred at the kiosk, handed over as a QR code, opened on a phone."""

import icalendar
import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import PHONE, blocking_violations, small_targets
from tests.browser.test_matchmaking import decode_qr, wait_for_image

pytestmark = pytest.mark.browser

STARRED = [
    ("#/projects/mai-recycling", "project:mai-recycling"),
    ("#/clusters/its-owl", "cluster:its-owl"),
    ("#/innovations/mutanom-rna-impfstoff", "innovation:mutanom-rna-impfstoff"),
]
SESSION = "session:day1-forum-digitalisation"


def build_shortlist(page, server) -> list[str]:
    """Star a project, a cluster, an innovation and a session at the kiosk; the items in order."""
    page.goto(f"{server.url}/kiosk?now=2015-06-30T10:00")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    for hash_, item in STARRED:
        page.evaluate(f"location.hash = {hash_!r}")
        star = page.locator(f'.detail-bar .star[data-star="{item}"]')
        expect(star).to_have_attribute("aria-pressed", "false")
        star.click()
        expect(star).to_have_attribute("aria-pressed", "true")
    page.evaluate("location.hash = '#/programme?day=2015-06-30'")
    page.locator(f'.star[data-star="{SESSION}"]').click()
    expect(page.locator("[data-shortlist-count]")).to_have_text("4")
    return [item for _, item in STARRED] + [SESSION]


def test_a_shortlist_goes_from_the_kiosk_to_a_phone(browser, page, server):
    items = build_shortlist(page, server)
    page.locator('[data-nav="shortlist"]').click()
    expect(page.locator(".shortlist-items li")).to_have_count(4)
    assert page.locator(".shortlist-items li").evaluate_all("els => els.map(e => e.dataset.item)") == items
    assert blocking_violations(page) == []
    assert small_targets(page, 44) == []
    page.locator('[data-action="to-phone"]').click()
    expect(page.locator(".shortlist-panel")).to_be_visible()
    assert blocking_violations(page) == []
    wait_for_image(page, "img.shortlist-qr")
    url = decode_qr(page.locator("img.shortlist-qr").screenshot())
    assert url == f"{server.url}/visit#items={','.join(items)}"
    # Once the code has been shown, the kiosk forgets the list.
    page.locator(".shortlist-panel .meet-close").click()
    expect(page.locator(".attract")).to_be_visible()
    expect(page.locator("[data-shortlist-count]")).to_have_text("")
    page.locator('[data-nav="shortlist"]').click()
    expect(page.locator(".shortlist .empty")).to_be_visible()

    context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin", **PHONE)
    phone = context.new_page()
    errors = []
    phone.on("pageerror", lambda error: errors.append(str(error)))
    phone.goto(url)
    expect(phone.locator("body")).to_have_attribute("data-ready", "true")
    cards = phone.locator(".item")
    expect(cards).to_have_count(4)
    assert cards.evaluate_all("els => els.map(e => `${e.dataset.kind}:${e.dataset.slug}`)") == items
    expect(phone.locator('.item[data-slug="its-owl"]')).to_have_attribute("data-stand", "A14")
    expect(phone.locator('.item[data-slug="its-owl"] .floor-plan .stand.highlight')).to_have_attribute("data-stand", "A14")
    expect(phone.locator('.item[data-slug="mai-recycling"]')).to_have_attribute("data-stand", "A15")
    expect(phone.locator('.item[data-kind="session"] .where')).to_contain_text("Uhr")
    assert phone.locator(".note").count() == 0
    calendar = phone.locator('[data-action="calendar"]')
    body = phone.request.get(f"{server.url}{calendar.get_attribute('href')}").body()
    events = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert [str(event["uid"]).split("@")[0] for event in events] == ["day1-forum-digitalisation"]
    meet = phone.locator("a[data-meet]")
    assert meet.evaluate_all("els => els.map(e => e.dataset.meet)") == ["mai-carbon", "its-owl", "ci3"]
    expect(phone.locator('a[data-meet="its-owl"]')).to_have_attribute("href", "/meet?cluster=its-owl&lang=de")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert blocking_violations(phone) == []
    assert small_targets(phone, 24) == []

    # Unknown and malformed items are left out with a note, never an error page.
    phone.goto(f"{url},project:no-such-project,widget:x,session:Bad%20Slug")
    phone.reload()
    expect(phone.locator(".note")).to_have_text("3 Einträge der Adresse sind unbekannt oder fehlerhaft und fehlen hier.")
    expect(cards).to_have_count(4)
    phone.locator('button[data-lang="en"]').click()
    expect(phone.locator("h1")).to_have_text("Your shortlist")
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    assert errors == []
    context.close()


def test_the_shortlist_clears_on_idle(page, server):
    page.goto(f"{server.url}/kiosk?idle=2#/projects/mai-recycling")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    page.locator(".detail-bar .star").click()
    expect(page.locator("[data-shortlist-count]")).to_have_text("1")
    expect(page.locator(".attract")).to_be_visible(timeout=6000)
    expect(page.locator("[data-shortlist-count]")).to_have_text("")


@pytest.mark.parametrize("items", ["", "project:a," * 21, "widget:x", "project:Bad Slug"])
def test_the_code_is_refused_for_a_malformed_list(page, server, items):
    assert page.request.get(f"{server.url}/kiosk/visit-qr.svg", params={"items": items}).status == 404
