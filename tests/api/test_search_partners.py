"""Projects and innovations found by their partners' and their cluster's names, saying so; a rename reindexes them."""

import pytest
from sqlalchemy import select

from showcase.extensions import db
from showcase.models import Organisation
from showcase.services.records import RECORD_KINDS, update_record
from tests.builders import add, organisation_data, text


@pytest.fixture
def partners(app, app_context):
    add("clusters", "elektromobilitaet-sued-west", short_name="Elektromobilität Süd-West", states=["Hessen"],
        name=text("Elektromobilität Süd-West", "Electric Mobility South-West"))
    add("organisations", "daimler-ag", name="Daimler AG", clusters=["elektromobilitaet-sued-west"])
    add("projects", "laden", cluster="elektromobilitaet-sued-west", organisations=["daimler-ag"],
        title=text("Induktives Laden", "Inductive charging"), summary=text("Laden ohne Kabel.", "Charging without cables."))
    add("projects", "daimler-flotte", cluster="elektromobilitaet-sued-west",
        title=text("Die Daimler-Flotte", "The Daimler fleet"), summary=text("Flotte.", "Fleet."))
    add("innovations", "ladeplatte", cluster="elektromobilitaet-sued-west", project="laden",
        title=text("Ladeplatte", "Charging pad"))
    app.extensions["showcase_search"].drain(wait=True)


def hits(client, q, **params) -> dict:
    body = client.get("/api/v1/search", query_string={"q": q, "lang": "de", **params}).get_json()
    return {f"{hit['kind']}:{hit['slug']}": hit for hit in body["hits"]}


def test_a_partner_finds_its_projects_and_their_innovations_below_its_own(client, partners):
    found = hits(client, "Daimler")
    assert {"organisation:daimler-ag", "project:laden", "innovation:ladeplatte", "project:daimler-flotte"} <= found.keys()
    order = list(found)
    assert order.index("project:daimler-flotte") < order.index("project:laden")  # its own title first
    assert found["project:laden"]["snippet"] == "Partner: <mark>Daimler</mark> AG"
    assert not found["project:daimler-flotte"]["snippet"].startswith("Partner")  # found by its own title


def test_a_cluster_name_finds_its_projects_with_a_labelled_line(client, partners):
    found = hits(client, "Süd-West", kind="project")
    assert found["project:laden"]["snippet"].startswith("Cluster: ") and "<mark>" in found["project:laden"]["snippet"]


def test_renaming_a_partner_reindexes_its_projects(client, partners):
    organisation = db.session.scalar(select(Organisation).where(Organisation.slug == "daimler-ag"))
    update_record(RECORD_KINDS["organisations"], organisation,
                  organisation_data("daimler-ag", name="Mercedes-Benz Group AG", clusters=["elektromobilitaet-sued-west"]),
                  "test")
    found = hits(client, "Mercedes")
    assert {"project:laden", "innovation:ladeplatte"} <= found.keys()
    assert "project:laden" not in hits(client, "Daimler")
