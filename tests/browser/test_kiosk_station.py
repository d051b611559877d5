"""A kiosk of the hall (/kiosk?k=<id>) in Chromium: its record's language and idle time, an unknown id,
and "you are here" when it starts without the server."""

import json
import urllib.request

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
UNIT = 20  # SVG units per metre, as floorplan.js draws


def read(server, path: str):
    with urllib.request.urlopen(f"{server.url}{path}", timeout=10) as response:
        return json.load(response)


def start_without_token(page, url: str) -> None:
    page.goto(url)
    page.locator('[data-action="skip-token"]').click()
    expect(page.locator("body")).to_have_attribute("data-ready", "true")


def test_a_kiosk_speaks_its_records_language_unless_the_address_says_otherwise(page, server):
    record = read(server, "/api/v1/kiosks/mittelgang")
    assert record["default_language"] == "en"

    start_without_token(page, f"{server.url}/kiosk?k=mittelgang")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#q")).to_have_attribute("placeholder", "Search: clusters, projects, innovations …")
    expect(page.locator('[data-lang="en"]')).to_have_attribute("aria-pressed", "true")
    expect(page.locator("body")).to_have_attribute("data-idle-seconds", str(record["idle_seconds"]))

    page.goto(f"{server.url}/kiosk?k=mittelgang&lang=de")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("#q")).to_have_attribute("placeholder", "Suchen: Cluster, Projekte, Innovationen …")


def test_an_unknown_kiosk_is_a_404_naming_the_kiosks_even_under_the_service_worker(page, server):
    page.goto(f"{server.url}/kiosk")
    expect(page.locator("body")).to_have_attribute("data-offline-ready", "true", timeout=20_000)

    response = page.goto(f"{server.url}/kiosk?k=nirgendwo")
    assert response.status == 404
    expect(page.locator("body")).to_contain_text("There is no kiosk 'nirgendwo'. Kiosks: eingang, mittelgang.")


def test_a_kiosk_started_without_the_server_still_shows_where_it_stands(page, own_server):
    record = read(own_server, "/api/v1/kiosks/mittelgang")
    stand = read(own_server, "/api/v1/clusters/hamburg-aviation")["stand"]
    start_without_token(page, f"{own_server.url}/kiosk?k=mittelgang")
    expect(page.locator("body")).to_have_attribute("data-offline-ready", "true", timeout=20_000)
    stored = None
    for _ in range(50):  # the page stores the record once it has fetched it (no eval under the page's CSP)
        stored = page.evaluate("localStorage.getItem('showcase.kioskStation')")
        if stored:
            break
        page.wait_for_timeout(100)
    assert json.loads(stored) == {"id": "mittelgang", "x": record["x"], "y": record["y"], "facing": record["facing"],
                                  "defaultLanguage": record["default_language"], "idleSeconds": record["idle_seconds"]}

    own_server.stop()
    # The service worker's copy of the page is the one it installed, without this kiosk's record in it.
    page.goto(f"{own_server.url}/kiosk?k=mittelgang#/clusters/hamburg-aviation")
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    expect(page.locator("#status")).to_contain_text("Offline")
    assert page.locator("body").get_attribute("data-kiosk-id") is None
    expect(page.locator("html")).to_have_attribute("lang", record["default_language"])
    expect(page.locator(".floor-plan .stand.highlight")).to_have_attribute("data-stand", stand)
    marker = page.locator(".floor-plan .you-are-here")
    expect(marker).to_contain_text("You are here")
    circle = marker.locator("circle")
    assert (float(circle.get_attribute("cx")), float(circle.get_attribute("cy"))) == (record["x"] * UNIT,
                                                                                      record["y"] * UNIT)
