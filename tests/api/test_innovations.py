"""GET /api/v1/innovations."""

import pytest

from tests.builders import add
from tests.editing import bearer, etag_of


@pytest.fixture
def innovations(app_context):
    add("clusters", "its-owl")
    add("clusters", "cool-silicon", short_name="Cool Silicon", states=["Sachsen"])
    add("projects", "owl-drives", cluster="its-owl")
    add("innovations", "owl-gripper", cluster="its-owl", project="owl-drives", kind="prototype", maturity="pilot")
    add("innovations", "owl-platform", cluster="its-owl", kind="platform", maturity="market")
    add("innovations", "cool-reader", cluster="cool-silicon", kind="product", maturity="prototype")


def slugs(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    return [item["slug"] for item in response.get_json()]


@pytest.mark.parametrize("query, expected", [
    ("cluster=its-owl", ["owl-gripper", "owl-platform"]),
    ("project=owl-drives", ["owl-gripper"]),
    ("project=nothing", []),
    ("kind=product", ["cool-reader"]),
    ("kind=spaceship", []),
    ("maturity=market", ["owl-platform"]),
    ("sort=-slug", ["owl-platform", "owl-gripper", "cool-reader"]),
    ("sort=cluster,slug", ["cool-reader", "owl-gripper", "owl-platform"]),
])
def test_filters_and_sorts_innovations(client, innovations, query, expected):
    assert slugs(client.get(f"/api/v1/innovations?{query}")) == expected


def test_an_innovation_links_its_cluster_and_project(client, innovations):
    innovation = client.get("/api/v1/innovations/owl-gripper?expand=project").get_json()
    assert innovation["cluster"] == "its-owl"
    assert innovation["project"]["slug"] == "owl-drives"
    assert innovation["kind"] == "prototype"
    assert client.get("/api/v1/innovations/owl-platform").get_json()["project"] is None


def test_unknown_innovation_is_a_404(client, innovations):
    assert client.get("/api/v1/innovations/perpetuum-mobile").status_code == 404


def test_editors_set_and_clear_the_featured_flag(client, innovations, keys):
    url = "/api/v1/innovations/owl-platform"
    assert client.get(url).get_json()["featured"] is False
    headers = {**bearer(keys.editor), "If-Match": etag_of(client, url)}
    response = client.patch(url, json={"featured": True}, headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert client.get(url).get_json()["featured"] is True
    assert client.patch(url, json={"featured": "sometimes"}, headers={**bearer(keys.editor), "If-Match": etag_of(client, url)}
                        ).get_json()["errors"][0]["field"] == "featured"
    snapshot = client.get("/api/v1/snapshot").get_json()
    assert [item["slug"] for item in snapshot["innovations"] if item["featured"]] == ["owl-platform"]
