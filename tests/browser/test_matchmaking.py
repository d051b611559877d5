"""Matchmaking in Chromium against gunicorn: the kiosk's QR code, and registering on a phone."""

import io
import re
import time

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def decode_qr(png: bytes) -> str:
    """The text of the one QR code in a screenshot, read by ZXing."""
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))
    assert len(results) == 1, f"found {len(results)} codes"
    assert results[0].format == zxingcpp.BarcodeFormat.QRCode
    return results[0].text


def wait_for_image(page, selector: str) -> None:
    """Until the image has loaded (wait_for_function would evaluate a string, which the CSP forbids)."""
    deadline = time.monotonic() + 10
    while not page.evaluate(f"document.querySelector({selector!r})?.naturalWidth > 0"):
        assert time.monotonic() < deadline, f"{selector} did not load"
        time.sleep(0.05)


def test_the_kiosk_shows_a_qr_code_of_the_phone_page_and_asks_nothing(page, server):
    page.goto(f"{server.url}/kiosk#/clusters/its-owl")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    page.locator('[data-action="meet"]').click()
    panel = page.locator(".meet-panel")
    expect(panel).to_be_visible()
    expect(panel.locator("h2")).to_have_text("Treffen mit it's OWL anfragen")
    qr = panel.locator("img.meet-qr")
    expected = f"{server.url}/meet?cluster=its-owl&lang=de"
    expect(qr).to_have_attribute("data-url", expected)
    wait_for_image(page, "img.meet-qr")
    assert decode_qr(qr.screenshot()) == expected
    # A shared screen never asks for personal data.
    assert panel.locator("input, textarea, select").count() == 0
    expect(panel.locator(".meet-url")).to_have_text(expected.removeprefix("http://"))
    # In English the code leads to the English page.
    panel.locator(".meet-close").click()
    expect(panel).to_have_count(0)
    page.locator('[data-lang="en"]').first.click()
    page.locator('[data-action="meet"]').click()
    wait_for_image(page, "img.meet-qr")
    assert decode_qr(page.locator("img.meet-qr").screenshot()).endswith("/meet?cluster=its-owl&lang=en")


def test_a_visitor_registers_on_their_phone_and_keeps_the_management_link(browser, server):
    context = browser.new_context(locale="en-GB", timezone_id="Europe/Berlin", **PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sent = []
    page.on("request", lambda request: sent.append((request.url, request.headers.get("authorization"))))
    page.goto(f"{server.url}/meet?cluster=its-owl&lang=en")
    form = page.locator("form#register")
    expect(form.locator("#f-cluster")).to_have_value("its-owl")
    expect(form.locator("#f-website")).not_to_be_in_viewport()
    form.locator("#f-name").fill("Pia Phone")
    form.locator("#f-organisation").fill("Handy Research GmbH")
    form.locator("#f-organisation_type").select_option("research_institute")
    form.locator("#f-country").select_option("AT")
    form.locator("#f-email").fill("Pia.Phone@Example.COM")
    form.locator("#f-topics").fill("sensors, drives")
    form.locator("#f-message").fill("Smart sensors for drives")
    # Without consent the server refuses, naming the field.
    form.locator("button[type=submit]").click()
    expect(form.locator("#e-consent")).to_be_visible()
    form.locator("#f-consent").check()
    form.locator("button[type=submit]").click()

    link = page.locator("[data-manage-link]")
    expect(link).to_be_visible()
    href = link.get_attribute("href")
    assert re.fullmatch(rf"{re.escape(server.url)}/meet#token=mm_[A-Za-z0-9_-]{{43}}", href)
    token = href.split("#token=")[1]
    expect(page.locator("h1")).to_have_text("Hello Pia Phone")
    card = page.locator('.request[data-cluster="its-owl"]')
    expect(card).to_have_attribute("data-status", "pending")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Opened again later, the link shows the registration; the token only ever went in a header.
    again = context.new_page()
    again.goto(href)
    expect(again.locator("h1")).to_have_text("Hello Pia Phone")
    expect(again.locator('.request[data-cluster="its-owl"]')).to_be_visible()
    assert not [url for url, _ in sent if token in url]
    assert any(auth == f"Bearer {token}" for _, auth in sent)
    log = "".join(path.read_text(errors="replace") for path in server.folder.glob("gunicorn-*.log"))
    assert token not in log and "pia.phone" not in log.lower()
    assert errors == []
    context.close()
