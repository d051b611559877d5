"""GET /api/v1/floor-plan/route over the seeded hall: never through a stand or a wall, ending on an open side."""

import json
import math
from pathlib import Path

import pytest

from showcase.models import HALL_DEPTH, HALL_WIDTH
from showcase.services.wayfinding import Box, crosses
from tests.builders import add
from tests.editing import bearer, etag_of, issue_keys

ROUTE = "/api/v1/floor-plan/route"
SEED = Path(__file__).resolve().parents[2] / "seed_data"


@pytest.fixture
def hall(app_context, client):
    """The seeded hall's stands (without their exhibits) and kiosks."""
    for stand in json.loads((SEED / "stands.json").read_text())["stands"]:
        add("clusters", stand["cluster"])
        add("stands", **dict(stand, innovations=[]))
    for kiosk in json.loads((SEED / "kiosks.json").read_text())["kiosks"]:
        add("kiosks", **kiosk)
    stands = client.get("/api/v1/stands?page_size=100").get_json()
    kiosks = {kiosk["id"]: kiosk for kiosk in client.get("/api/v1/kiosks").get_json()}
    return {stand["number"]: stand for stand in stands}, kiosks


def on_side(point: dict, stand: dict, side: str) -> bool:
    x, y, x1, y1 = stand["x"], stand["y"], stand["x"] + stand["width"], stand["y"] + stand["height"]
    px, py = point["x"], point["y"]
    return {"north": py == y and x <= px <= x1, "south": py == y1 and x <= px <= x1,
            "west": px == x and y <= py <= y1, "east": px == x1 and y <= py <= y1}[side]


def check_route(route: dict, stands: dict, start: tuple[float, float] | None, target: str) -> None:
    points = [(p["x"], p["y"]) for p in route["points"]]
    if start is not None:
        assert points[0] == start
    assert any(on_side(route["points"][-1], stands[target], side) for side in stands[target]["open_sides"])
    for a, b in zip(points, points[1:]):
        for x, y in (a, b):
            assert 0 <= x <= HALL_WIDTH and 0 <= y <= HALL_DEPTH
        for number, stand in stands.items():
            box = Box(stand["x"], stand["y"], stand["width"], stand["height"])
            assert not crosses(a, b, box), f"segment {a}–{b} crosses stand {number}"
    length = sum(math.dist(a, b) for a, b in zip(points, points[1:]))
    assert route["distance_m"] == pytest.approx(length, abs=0.01)
    assert route["walking_seconds"] == round(route["distance_m"])


@pytest.mark.parametrize("kiosk", ["eingang", "mittelgang"])
def test_every_stand_is_reached_from_each_seeded_kiosk(client, hall, kiosk):
    stands, kiosks = hall
    assert len(kiosks) >= 2
    for number in stands:
        response = client.get(ROUTE, query_string={"from": f"kiosk:{kiosk}", "to": f"stand:{number}"})
        assert response.status_code == 200, response.get_json()
        check_route(response.get_json(), stands, (kiosks[kiosk]["x"], kiosks[kiosk]["y"]), number)


def test_a_route_runs_from_stand_to_stand(client, hall):
    stands, _ = hall
    route = client.get(ROUTE, query_string={"from": "stand:A01", "to": "stand:A15"}).get_json()
    check_route(route, stands, None, "A15")
    assert on_side(route["points"][0], stands["A01"], "south")


def test_the_route_is_smoothed_to_a_few_straight_lines(client, hall):
    route = client.get(ROUTE, query_string={"from": "kiosk:eingang", "to": "stand:A11"}).get_json()
    assert len(route["points"]) <= 4
    # From (30, 32) to the south side of A11 (y = 23): hardly more than the straight line.
    assert 9 <= route["distance_m"] <= 10


@pytest.mark.parametrize("query, field", [
    ({"from": "kiosk", "to": "stand:A01"}, "from"),
    ({"from": "kiosk:Eingang", "to": "stand:A01"}, "from"),
    ({"from": "kiosk:eingang", "to": "kiosk:mittelgang"}, "to"),
    ({"to": "stand:A01"}, "from"),
])
def test_a_malformed_place_is_a_422_naming_it(client, hall, query, field):
    response = client.get(ROUTE, query_string=query)
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert [e["field"] for e in response.get_json()["errors"]] == [field]


@pytest.mark.parametrize("query, named", [
    ({"from": "kiosk:nirgends", "to": "stand:A01"}, "kiosk 'nirgends'"),
    ({"from": "stand:Z99", "to": "stand:A01"}, "stand 'Z99'"),
    ({"from": "kiosk:eingang", "to": "stand:Z99"}, "stand 'Z99'"),
])
def test_an_unknown_kiosk_or_stand_is_a_404_naming_it(client, hall, query, named):
    response = client.get(ROUTE, query_string=query)
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    assert named in response.get_json()["detail"]


def test_a_moved_stand_changes_the_route_at_once(app, client, hall):
    query = {"from": "kiosk:eingang", "to": "stand:A07"}
    before = client.get(ROUTE, query_string=query).get_json()
    assert before["points"][-1]["x"] == 17.0
    editor = issue_keys().editor
    response = client.patch("/api/v1/stands/A07", json={"open_sides": ["north"]},
                            headers={**bearer(editor), "If-Match": etag_of(client, "/api/v1/stands/A07")})
    assert response.status_code == 200, response.get_json()
    after = client.get(ROUTE, query_string=query).get_json()
    assert after["points"][-1]["y"] == 12.0
    check_route(after, {**hall[0], "A07": response.get_json()}, (30.0, 32.0), "A07")


def test_an_open_side_facing_a_narrow_gap_has_no_route(client, hall):
    editor = issue_keys().editor
    client.patch("/api/v1/stands/A11", json={"open_sides": ["north"]},
                 headers={**bearer(editor), "If-Match": etag_of(client, "/api/v1/stands/A11")})
    response = client.get(ROUTE, query_string={"from": "kiosk:eingang", "to": "stand:A11"})
    assert response.status_code == 409 and response.content_type == "application/problem+json"


def test_a_stand_whose_only_open_side_faces_a_wall_has_no_route(client, app_context):
    add("clusters", "its-owl")
    add("stands", "A01", cluster="its-owl", x=0.0, y=10.0, width=6.0, height=4.0, open_sides=["west"])
    add("kiosks", "eingang")
    response = client.get(ROUTE, query_string={"from": "kiosk:eingang", "to": "stand:A01"})
    assert response.status_code == 409
    assert "stand:A01" in response.get_json()["detail"]


def test_open_sides_are_validated(client, app_context):
    add("clusters", "its-owl")
    editor = issue_keys().editor
    for sides, message in (([], "at least one"), (["north", "north"], "twice"), (["up"], "Must be one of")):
        response = client.post("/api/v1/stands", headers=bearer(editor), json={
            "number": "A02", "cluster": "its-owl", "hall_area": {"de": "Mitte", "en": "middle"},
            "x": 20, "y": 10, "width": 6, "height": 4, "open_sides": sides})
        assert response.status_code == 422
        assert response.get_json()["errors"][0]["field"].startswith("open_sides")
        assert message in response.get_json()["errors"][0]["message"]
