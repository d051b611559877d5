"""GET /api/v1/audit: every committed write, who made it, before and after; for administrators."""

import datetime as dt

import pytest

from tests.builders import project_data
from tests.editing import ITEM_URLS, bearer, editable, etag_of, jsonable


def audit(client, keys, **params):
    response = client.get("/api/v1/audit", query_string=params, headers=bearer(keys.admin))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_a_create_update_and_delete_are_logged_with_before_and_after(client, directory, keys):
    editor = bearer(keys.editor)
    client.post("/api/v1/projects", json=jsonable(project_data("owl-twin")), headers=editor)
    url = "/api/v1/projects/owl-twin"
    client.patch(url, json={"website": "https://www.its-owl.de/twin"}, headers={**editor, "If-Match": etag_of(client, url)})
    client.delete(url, headers={**editor, "If-Match": etag_of(client, url)})
    entries = audit(client, keys, record="owl-twin")
    assert [(e["action"], e["kind"], e["record"], e["key"]) for e in entries] == [
        ("delete", "projects", "owl-twin", "Redaktion"),
        ("update", "projects", "owl-twin", "Redaktion"),
        ("create", "projects", "owl-twin", "Redaktion"),
    ]
    delete, update, create = entries
    assert create["before"] is None and create["after"]["title"] == {"de": "Projekt owl-twin", "en": "Project owl-twin"}
    assert update["before"]["website"] is None and update["after"]["website"] == "https://www.its-owl.de/twin"
    assert {k for k in update["after"] if update["after"][k] != update["before"][k]} == {"website"}
    assert delete["before"] == update["after"] and delete["after"] is None
    at = dt.datetime.fromisoformat(create["at"].replace("Z", "+00:00"))
    assert abs(dt.datetime.now(dt.timezone.utc) - at) < dt.timedelta(minutes=5)


def test_snapshots_are_in_both_languages_whatever_the_editor_reads(client, directory, keys):
    client.post("/api/v1/projects", json=jsonable(project_data("owl-twin")),
                headers={**bearer(keys.editor), "Accept-Language": "de"})
    assert audit(client, keys, record="owl-twin")[0]["after"]["title"] == {"de": "Projekt owl-twin",
                                                                           "en": "Project owl-twin"}


def test_failed_and_unchanged_writes_leave_no_entry(client, directory, keys):
    editor = bearer(keys.editor)
    client.post("/api/v1/projects", json=jsonable(project_data("owl-twin", cluster="atlantis")), headers=editor)
    url = "/api/v1/organisations/idle-org"
    client.patch(url, json={"city": "Paderborn"}, headers={**editor, "If-Match": etag_of(client, url)})
    client.patch(url, json={"city": "Bonn"}, headers={**editor, "If-Match": '"stale"'})
    assert audit(client, keys) == []


def test_a_cascade_logs_every_record_it_touched(client, directory, keys):
    url = "/api/v1/clusters/its-owl"
    client.delete(url, query_string={"cascade": "true"}, headers={**bearer(keys.admin), "If-Match": etag_of(client, url)})
    entries = {(e["action"], e["kind"], e["record"]) for e in audit(client, keys, page_size=100)}
    assert entries == {
        ("delete", "stands", "A01"), ("delete", "innovations", "owl-gripper"),
        ("delete", "innovations", "loose-innovation"), ("delete", "projects", "owl-drives"),
        ("delete", "projects", "lonely-project"), ("update", "organisations", "uni-paderborn"),
        ("delete", "clusters", "its-owl"),
    }
    unlinked = audit(client, keys, kind="organisations")[0]
    assert unlinked["before"]["clusters"] == ["its-owl"] and unlinked["after"]["clusters"] == []
    assert {e["key"] for e in audit(client, keys)} == {"Admin"}


@pytest.fixture
def history(client, directory, keys):
    editor, admin = bearer(keys.editor), bearer(keys.admin)
    for slug in ("a-project", "b-project", "c-project"):
        client.post("/api/v1/projects", json=jsonable(project_data(slug)), headers=editor)
    url = "/api/v1/programme/day1-opening"
    client.patch(url, json={"room": "Saal B"}, headers={**admin, "If-Match": etag_of(client, url)})


@pytest.mark.parametrize("params, expected", [
    ({}, ["update programme day1-opening", "create projects c-project", "create projects b-project",
          "create projects a-project"]),
    ({"kind": "programme"}, ["update programme day1-opening"]),
    ({"key": "Redaktion"}, ["create projects c-project", "create projects b-project", "create projects a-project"]),
    ({"action": "update"}, ["update programme day1-opening"]),
    ({"record": "b-project"}, ["create projects b-project"]),
    ({"kind": "projects", "key": "Admin"}, []),
    ({"since": "2000-01-01T00:00:00Z", "action": "update"}, ["update programme day1-opening"]),
    ({"since": "2999-01-01T00:00:00+02:00"}, []),
    ({"until": "2000-01-01"}, []),
])
def test_the_log_is_filterable(client, keys, history, params, expected):
    assert [f"{e['action']} {e['kind']} {e['record']}" for e in audit(client, keys, **params)] == expected


def test_the_log_is_paginated_and_never_cached(client, keys, history):
    response = client.get("/api/v1/audit", query_string={"page_size": 3}, headers=bearer(keys.admin))
    assert len(response.get_json()) == 3
    assert '"total": 4' in response.headers["X-Pagination"]
    assert 'rel="next"' in response.headers["Link"]
    assert response.headers["Cache-Control"] == "no-store"
    second = client.get("/api/v1/audit", query_string={"page_size": 3, "page": 2}, headers=bearer(keys.admin))
    assert [e["record"] for e in second.get_json()] == ["a-project"]


def test_filters_are_checked(client, keys):
    for params in ({"kind": "planets"}, {"action": "explode"}, {"since": "yesterday"}, {"page_size": 1000}):
        response = client.get("/api/v1/audit", query_string=params, headers=bearer(keys.admin))
        assert response.status_code == 422, params


def test_an_anonymous_request_never_sees_an_admins_answer(client, keys, history):
    assert client.get("/api/v1/audit", headers=bearer(keys.admin)).status_code == 200
    assert client.get("/api/v1/audit").status_code == 401


def as_read(client, kind: str, key: str) -> dict:
    """A record as an editor reads it (both languages, links as keys): what an audit snapshot holds."""
    url = ITEM_URLS[kind].format(key)
    return editable(kind, client.get(url, query_string={"lang": "all"}).get_json())


@pytest.mark.parametrize("kind, key, deleted_with_it, unlinked", [
    ("clusters", "its-owl",
     [("stands", "A01"), ("innovations", "owl-gripper"), ("innovations", "loose-innovation"),
      ("projects", "owl-drives"), ("projects", "lonely-project")],
     {("organisations", "uni-paderborn"): {"clusters": []}}),
    ("projects", "owl-drives", [], {("innovations", "owl-gripper"): {"project": None}}),
    ("organisations", "uni-paderborn", [], {("projects", "owl-drives"): {"organisations": []}}),
    ("innovations", "owl-gripper", [], {("stands", "A01"): {"innovations": []}}),
], ids=["cluster", "project", "organisation", "innovation"])
def test_a_delete_with_dependants_logs_each_record_as_it_was_and_became(
        client, directory, keys, kind, key, deleted_with_it, unlinked):
    touched = [(kind, key), *deleted_with_it, *unlinked]
    was = {record: as_read(client, *record) for record in touched}
    url = ITEM_URLS[kind].format(key)
    response = client.delete(url, query_string={"cascade": "true"},
                             headers={**bearer(keys.editor), "If-Match": etag_of(client, url)})
    assert response.status_code == 204, response.get_data(as_text=True)

    entries = {(e["kind"], e["record"]): e for e in audit(client, keys, page_size=100)}
    assert sorted(entries) == sorted(touched)
    for record in [(kind, key), *deleted_with_it]:
        assert entries[record]["action"] == "delete", record
        assert entries[record]["before"] == was[record], record
        assert entries[record]["after"] is None, record
    for record, change in unlinked.items():
        assert entries[record]["action"] == "update", record
        assert entries[record]["before"] == was[record], record
        assert entries[record]["after"] == {**was[record], **change}, record
