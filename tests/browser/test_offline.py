"""The kiosk when the server is gone: last good snapshot, quiet indicator, search in the snapshot."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_kiosk_keeps_browsing_the_snapshot_when_the_server_stops(page, own_server):
    page.goto(f"{own_server.url}/kiosk")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    # The service worker controls the page and holds the app shell and the snapshot.
    expect(page.locator("body")).to_have_attribute("data-offline-ready", "true", timeout=20_000)
    expect(page.locator("#status")).to_be_hidden()

    own_server.stop()

    page.locator("#q").click()
    page.locator("#q").press_sequentially("elektromobilitat", delay=30)
    first = page.locator(".results .result").first
    expect(first).to_have_attribute("data-slug", "elektromobilitaet-sued-west")
    expect(first.locator(".snippet mark").first).to_have_text("Elektromobilität")
    # Offline too, every hit says where: the snapshot gives the cluster's stand.
    expect(first.locator(".result-place")).to_contain_text("A13")
    expect(page.locator(".offline-note")).to_be_visible()
    expect(page.locator("#status")).to_be_visible()
    expect(page.locator("#status")).to_contain_text("Offline")

    page.locator('.facet-kind .chip[data-value="project"]').tap()
    expect(page.locator(".results .result").first).to_have_attribute("data-kind", "project")
    expect(page.locator(".results .result").first.locator(".result-place")).to_contain_text("A13")

    page.locator(".results .result").first.tap()
    expect(page.locator(".project-detail h1")).not_to_be_empty()
    page.locator(".project-detail .detail-head .record-link").tap()
    expect(page).to_have_url(re.compile(r"#/clusters/elektromobilitaet-sued-west$"))
    expect(page.locator(".floor-plan .stand.highlight")).to_have_attribute("data-stand", "A13")


def test_a_reload_without_the_server_starts_from_the_service_worker(page, own_server):
    page.goto(f"{own_server.url}/kiosk?now=2015-07-01T11:15")
    expect(page.locator("body")).to_have_attribute("data-offline-ready", "true", timeout=20_000)
    own_server.stop()

    page.goto(f"{own_server.url}/kiosk?now=2015-07-01T11:15#/clusters/hamburg-aviation")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    expect(page.locator(".detail-head h1")).to_have_text("Hamburg Aviation")
    expect(page.locator(".floor-plan .stand.highlight")).to_have_attribute("data-stand", "A04")
    expect(page.locator("#status")).to_contain_text(re.compile(r"Offline · Daten von \d\d:\d\d Uhr"))

    page.locator('[data-nav="programme"]').last.tap()
    expect(page.locator(".session.on-now")).to_have_attribute("data-slug", "day2-panel-future-of-clusters")
    page.locator('[data-nav="home"]').last.tap()
    expect(page.locator(".map .seat")).to_have_count(15)
    page.locator('[data-lang="en"]').tap()
    expect(page.locator("#status")).to_contain_text("Offline · data from")
