"""GET /api/v1/stands and the floor plan."""

import pytest

from tests.builders import add


@pytest.fixture
def stands(app_context):
    add("clusters", "its-owl")
    add("clusters", "m4", states=["Bayern"])
    add("innovations", "owl-gripper", cluster="its-owl")
    add("stands", "A02", cluster="its-owl", x=10.0, innovations=["owl-gripper"])
    add("stands", "A01", cluster="m4", x=2.0)


def test_lists_stands_by_number_with_their_place_and_exhibits(client, stands):
    response = client.get("/api/v1/stands")
    assert [s["number"] for s in response.get_json()] == ["A01", "A02"]
    owl = response.get_json()[1]
    assert (owl["x"], owl["y"], owl["width"], owl["height"]) == (10.0, 2.0, 6.0, 4.0)
    assert owl["cluster"] == "its-owl"
    assert owl["innovations"] == ["owl-gripper"]


def test_filters_stands_by_cluster_and_gets_one(client, stands):
    assert [s["number"] for s in client.get("/api/v1/stands?cluster=m4").get_json()] == ["A01"]
    assert client.get("/api/v1/stands/A02").get_json()["cluster"] == "its-owl"
    assert client.get("/api/v1/stands/Z99").status_code == 404


def test_floor_plan_has_the_hall_and_every_stand(client, stands):
    plan = client.get("/api/v1/floor-plan?lang=en").get_json()
    assert (plan["unit"], plan["width"], plan["depth"]) == ("m", 60.0, 36.0)
    assert plan["entrance"]["y"] + plan["entrance"]["height"] == 36.0
    assert [s["number"] for s in plan["stands"]] == ["A01", "A02"]
    assert plan["stands"][0]["hall_area"] == "north side"
