"""GET /api/v1/changes: creations, updates and deletions in order, tombstones, 410 past retention."""

import datetime as dt

import pytest
from sqlalchemy import update

from showcase.extensions import db
from showcase.models import OutboxEntry
from tests.builders import add
from tests.editing import bearer, etag_of, keys  # noqa: F401  (fixture)
from tests.matchmaking.conftest import MATCHMAKING, register


def changes(client, **query) -> dict:
    response = client.get("/api/v1/changes", query_string=query)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_a_create_an_update_and_a_delete_follow_in_order(app, client, keys):
    with app.app_context():
        add("clusters", "its-owl")
    start = changes(client)["cursor"]
    headers = bearer(keys.editor)
    created = client.post("/api/v1/programme", json={
        "slug": "day1-opening", "kind": "opening", "title": {"de": "Eröffnung", "en": "Opening"},
        "description": {"de": "Eröffnung.", "en": "Opening."}, "starts_at": "2015-06-30T10:00:00",
        "ends_at": "2015-06-30T10:30:00", "room": "Saal A", "languages": ["de"], "topic": None,
        "source": "http://www.bmbf.de/de/25852.php", "source_date": "2015-02-19"}, headers=headers)
    assert created.status_code == 201, created.get_json()
    url = "/api/v1/programme/day1-opening"
    patched = client.patch(url, json={"room": "Saal B"},
                           headers={**headers, "If-Match": etag_of(client, url)})
    assert patched.status_code == 200, patched.get_json()
    deleted = client.delete(url, headers={**headers, "If-Match": etag_of(client, url)})
    assert deleted.status_code == 204
    page = changes(client, since=start)
    assert [(c["kind"], c["slug"], c["action"]) for c in page["changes"]] == [
        ("session", "day1-opening", "created"), ("session", "day1-opening", "updated"),
        ("session", "day1-opening", "deleted")]
    cursors = [c["cursor"] for c in page["changes"]]
    assert cursors == sorted(cursors) and page["cursor"] == cursors[-1] and page["more"] is False
    assert all(c["at"].endswith("Z") and dt.datetime.fromisoformat(c["at"]) for c in page["changes"])
    assert changes(client, since=page["cursor"]) == {"changes": [], "cursor": page["cursor"], "more": False}


def test_limit_pages_through_the_feed(app, client):
    with app.app_context():
        for slug in ("its-owl", "mai-carbon", "biooekonomie"):
            add("clusters", slug)
    first = changes(client, limit=2)
    assert [c["slug"] for c in first["changes"]] == ["its-owl", "mai-carbon"] and first["more"] is True
    rest = changes(client, since=first["cursor"], limit=2)
    assert [c["slug"] for c in rest["changes"]] == ["biooekonomie"] and rest["more"] is False


def test_a_cursor_older_than_retention_answers_410_saying_to_reload_the_snapshot(app, client):
    with app.app_context():
        add("clusters", "its-owl")
        add("clusters", "mai-carbon")
        db.session.execute(update(OutboxEntry).values(created_at=dt.datetime(2015, 1, 1)))
        db.session.commit()
        add("clusters", "biooekonomie")
        assert app.extensions["showcase_search"].prune() == 2
    response = client.get("/api/v1/changes", query_string={"since": 0})
    assert response.status_code == 410
    assert response.mimetype == "application/problem+json"
    assert "snapshot" in response.get_json()["detail"]
    kept = changes(client, since=2)
    assert [c["slug"] for c in kept["changes"]] == ["biooekonomie"]


@pytest.mark.parametrize("query, field", [({"since": "x"}, "since"), ({"since": -1}, "since"),
                                          ({"limit": 0}, "limit"), ({"limit": 5000}, "limit")])
def test_invalid_arguments_are_a_422_naming_the_field(client, query, field):
    response = client.get("/api/v1/changes", query_string=query)
    assert response.status_code == 422
    assert [e["field"] for e in response.get_json()["errors"]] == [field]


def test_the_feed_is_public_cacheable_and_answers_304(app, client):
    with app.app_context():
        add("clusters", "its-owl")
    response = client.get("/api/v1/changes")
    assert "public" in response.headers["Cache-Control"]
    again = client.get("/api/v1/changes", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_nothing_of_the_matchmaking_appears(app, client):
    with app.app_context():
        add("clusters", "its-owl")
        add("programme", "day1-matchmaking", **MATCHMAKING)
    before = changes(client)["cursor"]
    register(client)
    assert changes(client, since=before)["changes"] == []


def test_openapi_documents_the_feed(client):
    operation = client.get("/api/v1/openapi.json").get_json()["paths"]["/api/v1/changes"]["get"]
    assert operation["summary"] == "List the changes since a cursor"
    assert {p.get("name") for p in operation["parameters"]} >= {"since", "limit"}
    assert {"200", "304", "410", "422"} <= set(operation["responses"])
