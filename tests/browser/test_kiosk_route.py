"""A kiosk started with its id (/kiosk?k=eingang) in Chromium: set up with its token, "you are here", the route."""

import json
import subprocess
import sys
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.harness import ROOT, instance_environment

pytestmark = pytest.mark.browser
UNIT = 20  # SVG units per metre, as floorplan.js draws


def issue_token(folder, kiosk_id: str) -> str:
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "showcase", "kiosk-token", kiosk_id], cwd=ROOT,
                            env=instance_environment(folder), check=True, capture_output=True, text=True, timeout=60)
    return result.stdout.strip()


def read(server, path: str):
    with urllib.request.urlopen(f"{server.url}{path}", timeout=10) as response:
        return json.load(response)


def test_a_kiosk_started_with_its_id_shows_where_it_stands_and_the_route(page, server, seeded):
    token = issue_token(seeded, "eingang")
    kiosk = read(server, "/api/v1/kiosks/eingang")
    cluster = read(server, "/api/v1/stands/A11")["cluster"]
    route = read(server, "/api/v1/floor-plan/route?from=kiosk:eingang&to=stand:A11")
    sent_tokens = []
    page.on("request", lambda request: sent_tokens.append(request.headers.get("x-kiosk-token"))
            if "/api/v1/" in request.url else None)

    page.goto(f"{server.url}/kiosk?k=eingang")
    # Set up once: the token goes into the browser's storage, never into the URL.
    page.locator("#kiosk-token").fill(token)
    page.locator('[data-action="save-token"]').click()
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    assert token not in page.url
    assert json.loads(page.evaluate("localStorage.getItem('showcase.kioskToken')")) == {"kiosk": "eingang",
                                                                                       "token": token}
    # The kiosk's record chose its language.
    expect(page.locator("html")).to_have_attribute("lang", kiosk["default_language"])

    page.goto(f"{server.url}/kiosk?k=eingang#/clusters/{cluster}")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    assert page.locator("#kiosk-token").count() == 0
    marker = page.locator(".floor-plan .you-are-here")
    expect(marker).to_contain_text("Sie sind hier")
    circle = marker.locator("circle")
    assert (float(circle.get_attribute("cx")), float(circle.get_attribute("cy"))) == (kiosk["x"] * UNIT,
                                                                                      kiosk["y"] * UNIT)
    drawn = page.locator(".floor-plan polyline.walk-route")
    expect(drawn).to_have_count(1)
    points = [tuple(map(float, pair.split(","))) for pair in drawn.get_attribute("points").split()]
    assert points == [(p["x"] * UNIT, p["y"] * UNIT) for p in route["points"]]
    # It starts at the marker and ends on the stand's open side, drawn as the API checked it.
    stand = page.locator('.floor-plan .stand[data-stand="A11"] rect').last
    bottom = float(stand.get_attribute("y")) + float(stand.get_attribute("height"))
    assert points[0] == (kiosk["x"] * UNIT, kiosk["y"] * UNIT) and points[-1][1] == bottom
    summary = page.locator(".route-summary")
    expect(summary).to_have_text(f"Weg zu Stand A11: {round(route['distance_m'])} m, etwa 1 Min. zu Fuß")
    assert token in sent_tokens and None not in sent_tokens

    page.locator('[data-lang="en"]').click()
    expect(page.locator(".floor-plan .you-are-here")).to_contain_text("You are here")
    expect(page.locator(".route-summary")).to_contain_text("Walk to stand A11")


def test_an_unknown_kiosk_id_says_which_kiosks_there_are(page, server):
    response = page.goto(f"{server.url}/kiosk?k=nirgends")
    assert response.status == 404
    assert "eingang" in page.content()
