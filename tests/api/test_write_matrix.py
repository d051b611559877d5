"""The authorisation matrix: every write endpoint (and the audit log) with no key, an unknown key,
a revoked key, an editor's key and an admin's key."""

import pytest
from sqlalchemy import func, select

from showcase.extensions import db
from showcase.models import AuditEntry, OutboxEntry
from showcase.services.bundle import dump_directory
from tests.builders import BUILDERS
from tests.editing import (
    COLLECTION_URLS,
    ITEM_URLS,
    LEAVES,
    bearer,
    editable,
    etag_of,
    jsonable,
)

NEW_KEYS = {"clusters": "hamburg-aviation", "organisations": "new-org", "projects": "new-project",
            "innovations": "new-innovation", "stands": "B02", "programme": "day2-closing"}
NEW_DATA = {
    "stands": lambda: BUILDERS["stands"]("B02", cluster="mai-carbon", x=30.0, y=20.0),
}
PATCHES = {"clusters": {"short_name": "MAI"}, "organisations": {"city": "Bielefeld"},
           "projects": {"title": {"en": "A lonely project"}}, "innovations": {"maturity": "market"},
           "stands": {"hall_area": {"de": "Halle, Mitte", "en": "Hall, centre"}}, "programme": {"room": "Saal B"}}


def write_request(client, kind: str, operation: str):
    """Arguments of a valid request for the operation: (method, url, json, headers)."""
    item = ITEM_URLS[kind].format(LEAVES[kind])
    if operation == "post":
        data = NEW_DATA.get(kind, lambda: BUILDERS[kind](NEW_KEYS[kind]))()
        return "post", COLLECTION_URLS[kind], jsonable(data), {}
    if operation == "put":
        body = editable(kind, client.get(item, query_string={"lang": "all"}).get_json())
        return "put", item, body, {"If-Match": etag_of(client, item)}
    if operation == "patch":
        return "patch", item, PATCHES[kind], {"If-Match": etag_of(client, item)}
    return "delete", item, None, {"If-Match": etag_of(client, item)}


def stored(app) -> dict:
    """Everything a write leaves behind: the directory as the export has it, audit entries, search outbox."""
    with app.app_context():
        return {"directory": dump_directory(),
                "audit entries": db.session.scalar(select(func.count()).select_from(AuditEntry)),
                "outbox entries": db.session.scalar(select(func.count()).select_from(OutboxEntry))}


SUCCESS = {"post": 201, "put": 200, "patch": 200, "delete": 204}
WRITES = [(kind, operation) for kind in ITEM_URLS for operation in SUCCESS]


@pytest.mark.parametrize("holder, expected", [
    ("none", 401), ("unknown", 401), ("revoked", 401), ("editor", "ok"), ("admin", "ok")])
@pytest.mark.parametrize("kind, operation", WRITES)
def test_write_endpoints_need_an_editors_or_admins_key(app, client, directory, keys, kind, operation, holder,
                                                        expected):
    method, url, body, headers = write_request(client, kind, operation)
    key = None if holder == "none" else getattr(keys, holder)
    before = stored(app)
    response = getattr(client, method)(url, json=body, headers={**headers, **bearer(key)})
    if expected == 401:
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="showcase"'
        assert response.content_type == "application/problem+json"
        assert "valid API key" in response.get_json()["detail"]
        # Nothing was written: not the directory, not the audit log, not the search outbox.
        assert stored(app) == before
    else:
        assert response.status_code == SUCCESS[operation], response.get_data(as_text=True)


@pytest.mark.parametrize("holder, expected", [
    ("none", 401), ("unknown", 401), ("revoked", 401), ("editor", 200), ("admin", 200)])
@pytest.mark.parametrize("dry_run", ["true", "false"])
def test_import_needs_an_editors_or_admins_key(app, client, directory, keys, holder, expected, dry_run):
    key = None if holder == "none" else getattr(keys, holder)
    before = stored(app)
    response = client.post("/api/v1/import", query_string={"dry_run": dry_run},
                           json={"organisations": [jsonable(BUILDERS["organisations"]("new-org"))]}, headers=bearer(key))
    assert response.status_code == expected, response.get_data(as_text=True)
    if expected == 401 or dry_run == "true":
        assert stored(app) == before
    else:
        assert stored(app) != before


@pytest.mark.parametrize("holder, expected", [
    ("none", 401), ("unknown", 401), ("revoked", 401), ("editor", 403), ("admin", 200)])
def test_the_audit_log_needs_an_admins_key(client, keys, holder, expected):
    key = None if holder == "none" else getattr(keys, holder)
    response = client.get("/api/v1/audit", headers=bearer(key))
    assert response.status_code == expected
    if expected == 403:
        assert response.content_type == "application/problem+json"
        assert "WWW-Authenticate" not in response.headers


def test_401_and_403_do_not_say_which_part_was_wrong(app, client, keys):
    before = stored(app)
    bodies = set()
    for headers in ({}, bearer(keys.unknown), bearer(keys.revoked), {"Authorization": "Basic Zm9vOmJhcg=="},
                    {"Authorization": "Bearer"}, bearer(keys.editor[:-1] + ("B" if keys.editor.endswith("A") else "A")), bearer("sc_")):
        response = client.post("/api/v1/clusters", json={}, headers=headers)
        assert response.status_code == 401
        bodies.add(response.get_data())
    assert len(bodies) == 1
    assert stored(app) == before
