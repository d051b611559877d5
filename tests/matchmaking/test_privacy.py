"""Personal data never leaves the matchmaking: no public read, search, snapshot, export or log shows it.

A participant registers with an address, a name and an organisation found nowhere else, asks a
cluster for a meeting and is accepted; then every public endpoint is read (each GET of the OpenAPI
description that needs no secret, plus the kiosk, the widget and the phone page) and grepped.
"""

import json
import logging
import re
import uuid

import pytest

from showcase.extensions import db
from showcase.models import CONFERENCE_DAYS
from tests.builders import add
from tests.editing import small_directory
from tests.matchmaking.conftest import MATCHMAKING, bearer, cluster_key, register

PATH_VALUES = {"clusters": "its-owl", "projects": "owl-drives", "innovations": "owl-gripper",
               "organisations": "uni-paderborn", "programme": "day1-matchmaking", "stands": "A01", "kiosks": "eingang"}
PAGES = ["/kiosk", "/kiosk/sw.js", "/embed.js", "/embed/clusters/its-owl", "/embed/clusters/its-owl?lang=en",
         "/meet", "/meet?cluster=its-owl&lang=en", "/kiosk/qr.svg?cluster=its-owl", "/health"]


@pytest.fixture
def secret_person(app, client, caplog):
    caplog.set_level(logging.DEBUG)
    with app.app_context():
        small_directory()
        add("programme", "day1-matchmaking", **MATCHMAKING)
        add("kiosks", "eingang")
        owl = cluster_key("it's OWL Kontakt", "its-owl")
    marker = uuid.uuid4().hex[:10]
    person = {"email": f"privat.{marker}@example.net", "name": f"Quirin Geheimnis{marker}",
              "organisation": f"Verschwiegen{marker} AG", "topics": [f"Schweigen{marker}"]}
    created = register(client, **person)
    asked = client.post("/api/v1/matchmaking/requests", headers=bearer(created["token"]),
                        json={"cluster": "its-owl", "message": f"Nachricht{marker}",
                              "preferred_slots": ["day1-matchmaking"]})
    client.patch(f"/api/v1/matchmaking/clusters/its-owl/requests/{asked.get_json()['id']}", headers=bearer(owl),
                 json={"status": "accepted", "slot": "day1-matchmaking@16:30", "table": 1})
    return {"marker": marker, "token": created["token"], **person}


def public_urls(client) -> list[str]:
    spec = client.get("/api/v1/openapi.json").get_json()
    urls = []
    for path, operations in spec["paths"].items():
        operation = operations.get("get")
        if operation is None or operation.get("security"):
            continue
        resource = path.split("/")[3]
        url = re.sub(r"\{(slug|number|id)\}", PATH_VALUES.get(resource, "x"), path)
        # Search and suggest need a query, a route its ends; every other public read answers without one.
        if resource in ("search", "suggest"):
            url += "?q=owl"
        elif path.endswith("/route"):
            url += "?from=kiosk:eingang&to=stand:A01"
        urls.append(url)
    return urls


def assert_private(text: str, person: dict, where: str) -> None:
    for secret in (person["marker"], person["email"], person["token"], "example.net"):
        assert secret not in text, f"{secret!r} appears in {where}"


def test_no_public_response_shows_a_participants_data(app, client, runner, secret_person, caplog):
    urls = public_urls(client)
    assert "/api/v1/snapshot" in urls and "/api/v1/matchmaking/slots" in urls and len(urls) >= 19
    person = secret_person
    searches = [f"/api/v1/{endpoint}?q={term}" for endpoint in ("search", "suggest")
                for term in (person["marker"], person["email"], "Quirin", "Geheimnis", "Verschwiegen", "privat")]
    read = 0
    for url in urls + [f"{url}{'&' if '?' in url else '?'}lang=en" for url in urls] + searches + PAGES:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        text = response.get_data(as_text=True)
        if url in searches:
            # Search repeats the query it was asked; what it found is what matters.
            body = response.get_json()
            body.pop("query", None)
            text = json.dumps(body, ensure_ascii=False)
        assert_private(text, person, url)
        assert_private(str(response.headers), person, f"headers of {url}")
        read += 1
    assert read >= 50
    exported = runner.invoke(args=["export"])
    assert exported.exit_code == 0 and '"clusters"' in exported.output
    assert_private(exported.output, person, "the directory export")
    assert_private(caplog.text, person, "the log")


def test_the_registration_answer_is_never_cached(client, secret_person):
    me = client.get("/api/v1/matchmaking/participants/me", headers=bearer(secret_person["token"]))
    assert me.status_code == 200 and me.headers["Cache-Control"] == "no-store"
    again = client.post("/api/v1/matchmaking/participants", json={})
    assert again.headers["Cache-Control"] == "no-store"


def test_deleting_removes_the_data_from_the_clusters_view_and_the_database(app, client, secret_person):
    assert client.delete("/api/v1/matchmaking/participants/me", headers=bearer(secret_person["token"])).status_code == 204
    with app.app_context():
        tables = [table.name for table in db.metadata.sorted_tables]
        for table in tables:
            rows = db.session.execute(db.metadata.tables[table].select()).all()
            assert_private(repr(rows), secret_person, f"table {table}")


def test_the_conference_days_bound_the_purge(app):
    with app.app_context():
        from showcase.services.matchmaking import purge_date

        assert purge_date() > CONFERENCE_DAYS[-1]
