"""Creating, replacing, patching and deleting records through the write API."""

import pytest
from sqlalchemy import select

from showcase.extensions import db
from showcase.models import Innovation, Organisation
from tests.builders import BUILDERS, cluster_data, project_data, text
from tests.editing import (
    bearer,
    editable,
    etag_of,
    jsonable,
)


@pytest.fixture
def editor(keys):
    return bearer(keys.editor)


def fields_of(response) -> dict[str, str]:
    assert response.content_type == "application/problem+json", response.get_data(as_text=True)
    return {error.get("field"): error["message"] for error in response.get_json().get("errors", [])}


# --- create ---


def test_a_new_record_is_201_with_location_and_the_etag_a_get_gives(client, directory, editor):
    response = client.post("/api/v1/projects", json=jsonable(project_data("owl-twin")),
                           headers={**editor, "Accept-Language": "de"})
    assert response.status_code == 201, response.get_data(as_text=True)
    assert response.headers["Location"] == "/api/v1/projects/owl-twin"
    # Writes answer in both languages, whatever Accept-Language says.
    assert response.get_json()["title"] == {"de": "Projekt owl-twin", "en": "Project owl-twin"}
    assert response.headers["ETag"] == etag_of(client, "/api/v1/projects/owl-twin")
    assert response.headers["ETag"] == client.get("/api/v1/projects/owl-twin").headers["ETag"]
    assert response.headers["Cache-Control"] == "no-store"


def test_a_created_record_is_read_back_at_once_with_links_in_order(client, directory, editor):
    body = jsonable(project_data("owl-twin", organisations=["uni-paderborn", "idle-org"]))
    created = client.post("/api/v1/projects", json=body, headers=editor)
    assert created.get_json()["organisations"] == ["idle-org", "uni-paderborn"]
    read = client.get("/api/v1/projects/owl-twin", query_string={"lang": "all"})
    assert read.get_json() == created.get_json()
    assert "owl-twin" in [p["slug"] for p in client.get("/api/v1/clusters/its-owl/projects").get_json()]


def test_a_422_names_every_failing_field(client, directory, editor):
    body = jsonable(cluster_data("Not A Slug", round=4, seat={"city": "Paderborn", "lat": 10.0}))
    body["name"] = {"de": "x" * 201}
    body["colour"] = "red"
    del body["website"]
    response = client.post("/api/v1/clusters", json=body, headers=editor)
    assert response.status_code == 422
    assert set(fields_of(response)) == {"slug", "round", "seat.lat", "seat.lon", "name.de", "name.en", "colour",
                                        "website"}
    assert fields_of(response)["colour"] == "Unknown field."
    assert all(error["location"] == "json" for error in response.get_json()["errors"])


def test_both_languages_are_checked_for_length(client, directory, editor):
    body = jsonable(project_data("owl-twin", summary=text("kurz", "x" * 4001)))
    response = client.post("/api/v1/projects", json=body, headers=editor)
    assert response.status_code == 422
    assert fields_of(response) == {"summary.en": "Longer than 4000 characters."}


def test_references_must_exist(client, directory, editor):
    body = jsonable(project_data("owl-twin", cluster="atlantis", organisations=["uni-paderborn", "nobody"]))
    response = client.post("/api/v1/projects", json=body, headers=editor)
    assert response.status_code == 422
    assert fields_of(response) == {"cluster": "There is no cluster 'atlantis'.",
                                   "organisations": "There is no organisation 'nobody'."}


def test_a_taken_slug_is_a_409_naming_it(client, directory, editor):
    response = client.post("/api/v1/projects", json=jsonable(project_data("owl-drives")), headers=editor)
    assert response.status_code == 409
    assert fields_of(response) == {"slug": "'owl-drives' is taken by another record."}


def test_rules_across_records_hold(client, directory, editor):
    overlapping = jsonable(BUILDERS["stands"]("B01", cluster="mai-carbon", x=4.0, y=3.0))
    response = client.post("/api/v1/stands", json=overlapping, headers=editor)
    assert response.status_code == 422
    assert fields_of(response) == {"x": "Overlaps stand A01."}


# --- update ---


def test_updates_and_deletes_need_if_match(client, directory, editor):
    url = "/api/v1/organisations/idle-org"
    body = editable("organisations", client.get(url).get_json())
    for method, kwargs in (("put", {"json": body}), ("patch", {"json": {"city": "Bonn"}}), ("delete", {})):
        response = getattr(client, method)(url, headers=editor, **kwargs)
        assert response.status_code == 428, method
        assert response.content_type == "application/problem+json"


def test_a_stale_etag_is_a_412_and_changes_nothing(client, directory, editor):
    url = "/api/v1/organisations/idle-org"
    first_editor = second_editor = etag_of(client, url)
    assert client.patch(url, json={"city": "Bonn"}, headers={**editor, "If-Match": first_editor}).status_code == 200
    for method, kwargs in (("patch", {"json": {"city": "Köln"}}), ("delete", {}),
                           ("put", {"json": editable("organisations", client.get(url).get_json())})):
        response = getattr(client, method)(url, headers={**editor, "If-Match": second_editor}, **kwargs)
        assert response.status_code == 412, method
        assert response.content_type == "application/problem+json"
    assert client.get(url).get_json()["city"] == "Bonn"


def test_the_etag_of_one_language_does_not_do_for_an_update(client, directory, editor):
    url = "/api/v1/projects/lonely-project"
    german = client.get(url, query_string={"lang": "de"}).headers["ETag"]
    response = client.patch(url, json={"website": "https://example.org"}, headers={**editor, "If-Match": german})
    assert response.status_code == 412


def test_put_replaces_the_record_and_answers_its_new_etag(client, directory, editor):
    url = "/api/v1/projects/owl-drives"
    body = editable("projects", client.get(url, query_string={"lang": "all"}).get_json())
    body.update(title=text("Intelligente Antriebe", "Intelligent drives"), organisations=[], topics={"de": [], "en": ["drives"]})
    response = client.put(url, json=body, headers={**editor, "If-Match": etag_of(client, url)})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["ETag"] == etag_of(client, url)
    project = client.get(url, query_string={"lang": "all"}).get_json()
    assert project["title"]["en"] == "Intelligent drives" and project["organisations"] == []
    assert project["topics"] == {"de": [], "en": ["drives"]}
    assert project["innovations"] == ["owl-gripper"]


def test_put_needs_every_required_field(client, directory, editor):
    url = "/api/v1/projects/owl-drives"
    response = client.put(url, json={"slug": "owl-drives", "cluster": "its-owl"},
                          headers={**editor, "If-Match": etag_of(client, url)})
    assert response.status_code == 422
    assert set(fields_of(response)) == {"title", "summary", "source", "source_date"}


def test_put_may_rename_a_record(client, directory, editor):
    url = "/api/v1/programme/day1-opening"
    body = editable("programme", client.get(url, query_string={"lang": "all"}).get_json())
    body["slug"] = "opening"
    response = client.put(url, json=body, headers={**editor, "If-Match": etag_of(client, url)})
    assert response.status_code == 200 and response.get_json()["slug"] == "opening"
    assert client.get(url).status_code == 404
    assert client.get("/api/v1/programme/opening").status_code == 200


def test_patch_changes_only_what_it_sends(client, directory, editor):
    url = "/api/v1/clusters/mai-carbon"
    response = client.patch(url, json={"name": {"en": "MAI Carbon Cluster"}, "seat": {"city": "Augsburg-Nord"}},
                            headers={**editor, "If-Match": etag_of(client, url)})
    assert response.status_code == 200, response.get_data(as_text=True)
    cluster = response.get_json()
    assert cluster["name"] == {"de": "Cluster mai-carbon", "en": "MAI Carbon Cluster"}
    assert cluster["seat"] == {"city": "Augsburg-Nord", "lat": 48.37, "lon": 10.9}
    assert cluster["states"] == ["Bayern"]


def test_patch_checks_the_record_it_makes_whole(client, directory, editor):
    url = "/api/v1/clusters/mai-carbon"
    etag = etag_of(client, url)
    response = client.patch(url, json={"round": 1}, headers={**editor, "If-Match": etag})
    assert response.status_code == 422
    assert fields_of(response) == {"year": "Round 1 was decided in 2008."}
    response = client.patch(url, json={"name": {"de": None}, "region": None, "seat": {"lat": 99}},
                            headers={**editor, "If-Match": etag})
    assert response.status_code == 422
    assert fields_of(response) == {"name.de": "Missing text: both languages are required.",
                                   "region": "Missing data for required field.",
                                   "seat.lat": "Must be greater than or equal to 47.0 and less than or equal to 55.5."}


def test_patch_rejects_unknown_and_server_written_fields(client, directory, editor):
    url = "/api/v1/projects/owl-drives"
    response = client.patch(url, json={"colour": "red", "innovations": []},
                            headers={**editor, "If-Match": etag_of(client, url)})
    assert response.status_code == 422
    assert fields_of(response) == {"colour": "Unknown field.", "innovations": "Unknown field."}


def test_patch_can_clear_an_optional_field(client, directory, editor):
    url = "/api/v1/innovations/owl-gripper"
    response = client.patch(url, json={"project": None}, headers={**editor, "If-Match": etag_of(client, url)})
    assert response.status_code == 200 and response.get_json()["project"] is None
    assert client.get("/api/v1/projects/owl-drives").get_json()["innovations"] == []


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_writing_a_missing_record_is_a_404(client, directory, editor, method):
    response = getattr(client, method)("/api/v1/projects/nothing-here", json=jsonable(project_data("nothing-here")),
                                       headers={**editor, "If-Match": '"abc"'})
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"


# --- delete ---


def test_a_delete_with_dependants_is_a_409_saying_what_depends(client, directory, editor):
    url = "/api/v1/clusters/its-owl"
    response = client.delete(url, headers={**editor, "If-Match": etag_of(client, url)})
    assert response.status_code == 409
    body = response.get_json()
    assert body["detail"].startswith("Cluster 'its-owl' is referred to by stands A01; innovations "
                                     "loose-innovation, owl-gripper; projects lonely-project, owl-drives; "
                                     "organisations uni-paderborn.")
    assert "cascade=true" in body["detail"]
    assert {(e["location"], e["field"]) for e in body["errors"]} == {
        ("dependants", "stands"), ("dependants", "innovations"), ("dependants", "projects"),
        ("dependants", "organisations")}
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url, dependants", [
    ("/api/v1/projects/owl-drives", "innovations owl-gripper"),
    ("/api/v1/organisations/uni-paderborn", "projects owl-drives"),
    ("/api/v1/innovations/owl-gripper", "stands A01"),
])
def test_every_kind_refuses_to_leave_references_dangling(client, directory, editor, url, dependants):
    response = client.delete(url, headers={**editor, "If-Match": etag_of(client, url)})
    assert response.status_code == 409
    assert f"is referred to by {dependants}." in response.get_json()["detail"]


def test_cascade_deletes_what_belongs_to_a_cluster_and_unlinks_the_rest(app, client, directory, editor):
    url = "/api/v1/clusters/its-owl"
    response = client.delete(url, query_string={"cascade": "true"}, headers={**editor, "If-Match": etag_of(client, url)})
    assert response.status_code == 204, response.get_data(as_text=True)
    assert response.data == b""
    for gone in ("/api/v1/clusters/its-owl", "/api/v1/projects/owl-drives", "/api/v1/projects/lonely-project",
                 "/api/v1/innovations/owl-gripper", "/api/v1/stands/A01"):
        assert client.get(gone).status_code == 404, gone
    organisation = client.get("/api/v1/organisations/uni-paderborn").get_json()
    assert organisation["clusters"] == [] and organisation["projects"] == []
    assert client.get("/api/v1/clusters/mai-carbon").status_code == 200


def test_cascade_on_a_project_unlinks_its_innovations(app, client, directory, editor):
    url = "/api/v1/projects/owl-drives"
    response = client.delete(url, query_string={"cascade": "true"}, headers={**editor, "If-Match": etag_of(client, url)})
    assert response.status_code == 204
    assert client.get("/api/v1/innovations/owl-gripper").get_json()["project"] is None
    with app.app_context():
        assert db.session.scalar(select(Innovation).where(Innovation.slug == "owl-gripper")).project_id is None
        assert db.session.scalar(select(Organisation).where(Organisation.slug == "uni-paderborn")).projects == []


# --- what editors write is data ---


def test_markup_is_stored_and_returned_as_text(app, client, directory, editor):
    title = text('<script>alert("de")</script> Antrieb', "<img src=x onerror=alert(1)> drive")
    response = client.post("/api/v1/projects", json=jsonable(project_data("xss", title=title)), headers=editor)
    assert response.status_code == 201
    assert response.content_type == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    read = client.get("/api/v1/projects/xss")
    assert read.content_type == "application/json"
    assert read.get_json()["title"] == title
    hits = client.get("/api/v1/search", query_string={"q": "alert Antrieb", "lang": "de"}).get_json()["hits"]
    hit = next(hit for hit in hits if hit["slug"] == "xss")
    # The title is data (JSON text); the snippet is HTML, and escapes what the editor wrote.
    assert hit["title"] == title["de"]
    assert "<script>" not in hit["snippet"] and "<img" not in hit["snippet"]


# --- search follows writes ---


def search_slugs(client, query: str) -> list[str]:
    response = client.get("/api/v1/search", query_string={"q": query})
    assert response.status_code == 200, response.get_data(as_text=True)
    return [hit["slug"] for hit in response.get_json()["hits"]]


def test_writes_appear_in_search_after_commit(client, directory, editor):
    assert "teleporter" not in search_slugs(client, "Teleporter")
    body = jsonable(BUILDERS["innovations"]("teleporter", title=text("Teleporter für Werkstücke",
                                                                      "Workpiece teleporter")))
    assert client.post("/api/v1/innovations", json=body, headers=editor).status_code == 201
    assert search_slugs(client, "Teleporter") == ["teleporter"]
    url = "/api/v1/innovations/teleporter"
    client.patch(url, json={"title": {"de": "Beamer für Werkstücke", "en": "Workpiece beamer"}},
                 headers={**editor, "If-Match": etag_of(client, url)})
    assert search_slugs(client, "Teleporter") == []
    assert search_slugs(client, "Beamer") == ["teleporter"]
    client.delete(url, headers={**editor, "If-Match": etag_of(client, url)})
    assert search_slugs(client, "Beamer") == []


def test_a_cascade_removes_every_deleted_record_from_search(client, directory, editor):
    assert "owl-drives" in search_slugs(client, "owl-drives")
    url = "/api/v1/clusters/its-owl"
    client.delete(url, query_string={"cascade": "true"}, headers={**editor, "If-Match": etag_of(client, url)})
    for query in ("its-owl", "owl-drives", "owl-gripper", "lonely-project"):
        assert search_slugs(client, query) == [], query


def test_a_failed_write_leaves_search_alone(client, directory, editor):
    body = jsonable(project_data("ghost-project", cluster="atlantis", title=text("Geisterprojekt", "Ghost project")))
    assert client.post("/api/v1/projects", json=body, headers=editor).status_code == 422
    assert search_slugs(client, "Geisterprojekt") == []


@pytest.mark.parametrize("kind", ["projects", "innovations"])
@pytest.mark.parametrize("field, value", [
    *[("source_date", value) for value in ("2015-13", "June 2015", "2015-02-30", "15-06-01", "2015-6")],
    *[("source", value) for value in ("illustrative", "ftp://example.org/press", "example.org/press")],
])
def test_a_source_is_a_public_page_and_its_date_a_year_a_month_or_a_day(client, directory, editor, kind, field, value):
    response = client.post(f"/api/v1/{kind}", json=jsonable(BUILDERS[kind]("fresh-record", **{field: value})),
                           headers=editor)
    assert response.status_code == 422
    assert set(fields_of(response)) == {field}


@pytest.mark.parametrize("source_date", ["2012", "2012-07", "2012-07-01"])
def test_a_source_date_is_kept_as_precise_as_it_was_given(client, directory, editor, source_date):
    response = client.post("/api/v1/projects", json=jsonable(project_data("fresh-record", source_date=source_date)),
                           headers=editor)
    assert response.status_code == 201, response.get_data(as_text=True)
    assert client.get("/api/v1/projects/fresh-record").get_json()["source_date"] == source_date
