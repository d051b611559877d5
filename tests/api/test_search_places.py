"""Every search hit says where the thing is, and group=stand answers hits by the stand to walk to."""

import datetime as dt

import pytest
from sqlalchemy import select

from showcase.extensions import db
from showcase.models import Stand
from showcase.services.records import RECORD_KINDS, update_record
from tests.builders import add, stand_data, text


@pytest.fixture
def hall(app, app_context):
    add("clusters", "bioeconomy", short_name="BioEconomy", round=2, year=2012, states=["Sachsen-Anhalt"],
        name=text("Spitzencluster BioEconomy", "BioEconomy Cluster"),
        description=text("Isobuten aus Biomasse.", "Isobutene from biomass."))
    add("clusters", "mai-carbon", short_name="MAI Carbon", round=3, states=["Bayern"],
        name=text("MAI Carbon", "MAI Carbon"), description=text("Faserverbund.", "Fibre composites."))
    add("stands", "A11", cluster="bioeconomy", hall_area=text("Mitte", "centre"))
    add("organisations", "global-bioenergies", name="Global Bioenergies", clusters=["bioeconomy", "mai-carbon"])
    add("projects", "isobuten-aus-holz", cluster="bioeconomy", organisations=["global-bioenergies"],
        title=text("Isobuten aus Holz", "Isobutene from wood"),
        summary=text("Isobuten aus Buchenholz.", "Isobutene from beech wood."))
    add("projects", "isobuten-anlage", cluster="bioeconomy",
        title=text("Isobuten-Demonstrationsanlage", "Isobutene demonstration plant"),
        summary=text("Eine Anlage für Isobuten.", "A plant for isobutene."))
    add("innovations", "isobuten-carbon", cluster="mai-carbon",
        title=text("Isobuten im Faserverbund", "Isobutene in fibre composites"))
    add("programme", "isobuten-forum", kind="forum", title=text("Forum Isobuten", "Isobutene forum"),
        starts_at=dt.datetime(2015, 7, 1, 14, 0), ends_at=dt.datetime(2015, 7, 1, 15, 30), room="Saal B")
    app.extensions["showcase_search"].drain(wait=True)


def search(client, **params):
    response = client.get("/api/v1/search", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def by_slug(body) -> dict:
    return {hit["slug"]: hit for hit in body["hits"]}


def test_project_and_innovation_hits_carry_cluster_and_stand(client, hall):
    hits = by_slug(search(client, q="Isobuten", lang="de"))
    assert hits["isobuten-aus-holz"]["cluster"] == {"slug": "bioeconomy", "short_name": "BioEconomy",
                                                   "name": "Spitzencluster BioEconomy"}
    assert hits["isobuten-aus-holz"]["stand"] == {"number": "A11", "hall_area": "Mitte"}
    assert hits["isobuten-carbon"]["cluster"]["slug"] == "mai-carbon"
    assert hits["isobuten-carbon"]["stand"] is None


def test_cluster_organisation_and_session_hits_say_where(client, hall):
    hits = by_slug(search(client, q="Isobuten"))
    assert hits["bioeconomy"]["stand"] == {"number": "A11", "hall_area": {"de": "Mitte", "en": "centre"}}
    assert {key: hits["isobuten-forum"][key] for key in ("day", "starts_at", "ends_at", "room")} == {
        "day": "2015-07-01", "starts_at": "2015-07-01T14:00:00", "ends_at": "2015-07-01T15:30:00", "room": "Saal B"}
    organisation = by_slug(search(client, q="Global Bioenergies", lang="en"))["global-bioenergies"]
    assert organisation["clusters"] == [
        {"slug": "bioeconomy", "short_name": "BioEconomy", "name": "BioEconomy Cluster",
         "stand": {"number": "A11", "hall_area": "centre"}},
        {"slug": "mai-carbon", "short_name": "MAI Carbon", "name": "MAI Carbon", "stand": None}]


def test_a_moved_stand_shows_on_the_hits_of_its_projects(client, hall):
    assert by_slug(search(client, q="Isobuten"))["isobuten-anlage"]["stand"]["number"] == "A11"
    stand = db.session.scalar(select(Stand).where(Stand.number == "A11"))
    update_record(RECORD_KINDS["stands"], stand, stand_data("B02", cluster="bioeconomy"), "test")
    assert by_slug(search(client, q="Isobuten"))["isobuten-anlage"]["stand"]["number"] == "B02"


def test_grouped_by_stand_in_order_of_the_best_hit(client, hall):
    body = search(client, q="Isobuten", group="stand", lang="de")
    assert "hits" not in body
    groups = body["groups"]
    stands = [group["stand"]["number"] if group["stand"] else None for group in groups]
    ranked = search(client, q="Isobuten", lang="de")["hits"]
    in_rank_order = list(dict.fromkeys(
        (hit.get("stand") or next((c["stand"] for c in hit.get("clusters", ()) if c["stand"]), None) or {})
        .get("number") for hit in ranked))
    assert stands == in_rank_order and len(stands) == body["group_count"] == 2
    at_a11 = groups[stands.index("A11")]
    assert at_a11["cluster"]["short_name"] == "BioEconomy"
    assert at_a11["count"] == 3
    assert [hit["slug"] for hit in at_a11["hits"]] == [hit["slug"] for hit in ranked
                                                       if (hit.get("stand") or {}).get("number") == "A11"]
    assert sum(group["count"] for group in groups) == body["total"]
    unplaced = groups[stands.index(None)]
    assert {hit["slug"] for hit in unplaced["hits"]} == {"isobuten-carbon", "isobuten-forum"}


def test_an_organisation_is_grouped_at_its_first_cluster_with_a_stand(client, hall):
    groups = search(client, q="Global Bioenergies", group="stand", kind="organisation")["groups"]
    assert [(group["stand"]["number"], group["count"]) for group in groups] == [("A11", 1)]


def test_groups_are_paged(client, hall):
    first = client.get("/api/v1/search", query_string={"q": "Isobuten", "group": "stand", "page_size": 1})
    second = search(client, q="Isobuten", group="stand", page_size=1, page=2)
    assert len(first.get_json()["groups"]) == 1 and len(second["groups"]) == 1
    assert first.get_json()["groups"][0]["stand"] != second["groups"][0]["stand"]
    assert '"total": 2' in first.headers["X-Pagination"]
