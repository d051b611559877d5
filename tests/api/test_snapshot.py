"""GET /api/v1/snapshot: the whole public directory in one cacheable document."""

import datetime as dt
import gzip
from pathlib import Path

import pytest
from sqlalchemy import event

from showcase import create_app
from showcase.api.snapshot.schemas import content_version
from showcase.extensions import db
from showcase.models import OutboxRetention
from showcase.services.records import RECORD_KINDS, delete_record, find, upsert_record
from showcase.services.transaction import transaction
from tests.builders import add, organisation_data, text

SNAPSHOT = "/api/v1/snapshot"


@pytest.fixture
def directory(app_context):
    add("clusters", "its-owl", short_name="it's OWL", seat={"city": "Paderborn", "lat": 51.72, "lon": 8.75})
    add("clusters", "m4", short_name="m4", round=2, year=2010, states=["Bayern"],
        field=text("Personalisierte Medizin", "Personalised medicine"),
        seat={"city": "Martinsried", "lat": 48.11, "lon": 11.45})
    add("organisations", "uni-paderborn", name="Universität Paderborn", clusters=["its-owl"])
    add("projects", "intelligent-drives", cluster="its-owl", organisations=["uni-paderborn"],
        topics={"de": ["Antriebe"], "en": ["drives"]})
    add("innovations", "smart-gripper", cluster="its-owl", project="intelligent-drives",
        title=text("Greifroboter", "Gripping robot"))
    add("stands", "A14", cluster="its-owl", innovations=["smart-gripper"], x=4.0, y=30.0)
    add("programme", "day1-opening")
    add("programme", "day2-forum", kind="forum", starts_at=dt.datetime(2015, 7, 1, 13, 0),
        ends_at=dt.datetime(2015, 7, 1, 15, 0), room="Forum 1", topic=text("Fachkräfte", "Skilled staff"))


def test_the_snapshot_holds_every_section(client, directory):
    response = client.get(SNAPSHOT)
    assert response.status_code == 200
    body = response.get_json()
    assert list(body) == ["version", "cursor", "conference", "clusters", "projects", "innovations", "organisations",
                          "programme", "floor_plan"]
    assert [c["slug"] for c in body["clusters"]] == ["its-owl", "m4"]
    assert [p["slug"] for p in body["projects"]] == ["intelligent-drives"]
    assert [i["slug"] for i in body["innovations"]] == ["smart-gripper"]
    assert [o["slug"] for o in body["organisations"]] == ["uni-paderborn"]
    assert [s["slug"] for s in body["programme"]] == ["day1-opening", "day2-forum"]
    assert [s["number"] for s in body["floor_plan"]["stands"]] == ["A14"]
    assert body["conference"]["days"] == ["2015-06-30", "2015-07-01"]
    assert body["conference"]["timezone"] == "Europe/Berlin"


def test_clusters_inline_their_stand_and_partners(client, directory):
    owl, m4 = client.get(SNAPSHOT).get_json()["clusters"]
    assert owl["stand"] == {"number": "A14", "hall_area": {"de": "Nordseite", "en": "north side"},
                            "x": 4.0, "y": 30.0, "width": 6.0, "height": 4.0}
    assert owl["organisations"] == [{"slug": "uni-paderborn", "name": "Universität Paderborn",
                                     "type": "university", "city": "Paderborn"}]
    assert owl["seat"] == {"city": "Paderborn", "lat": 51.72, "lon": 8.75}
    assert m4["stand"] is None and m4["organisations"] == []


def test_other_records_link_by_slug_as_the_resources_do(client, directory):
    body = client.get(SNAPSHOT).get_json()
    project = body["projects"][0]
    assert project["cluster"] == "its-owl"
    assert project["organisations"] == ["uni-paderborn"]
    assert project["innovations"] == ["smart-gripper"]
    innovation = body["innovations"][0]
    assert innovation["cluster"] == "its-owl" and innovation["project"] == "intelligent-drives"
    assert body["floor_plan"]["stands"][0]["cluster"] == "its-owl"
    assert body["floor_plan"]["stands"][0]["innovations"] == ["smart-gripper"]
    assert body["organisations"][0]["clusters"] == ["its-owl"]
    assert body["organisations"][0]["projects"] == ["intelligent-drives"]


def test_a_section_reads_like_its_resource(client, directory):
    body = client.get(SNAPSHOT).get_json()
    for section, path in (("projects", "/api/v1/projects/intelligent-drives"),
                          ("innovations", "/api/v1/innovations/smart-gripper"),
                          ("organisations", "/api/v1/organisations/uni-paderborn"),
                          ("programme", "/api/v1/programme/day2-forum")):
        resource = client.get(f"{path}?lang=all").get_json()
        assert next(r for r in body[section] if r["slug"] == resource["slug"]) == resource
    plan = client.get("/api/v1/floor-plan?lang=all").get_json()
    assert body["floor_plan"] == plan


@pytest.mark.parametrize("headers, query", [({}, ""), ({"Accept-Language": "en"}, ""),
                                            ({"Accept-Language": "de-DE,de;q=0.9"}, "?lang=de")])
def test_texts_are_always_in_both_languages(client, directory, headers, query):
    body = client.get(SNAPSHOT + query, headers=headers).get_json()
    assert body["clusters"][1]["field"] == {"de": "Personalisierte Medizin", "en": "Personalised medicine"}
    assert body["innovations"][0]["title"] == {"de": "Greifroboter", "en": "Gripping robot"}
    assert body["projects"][0]["topics"] == {"de": ["Antriebe"], "en": ["drives"]}
    assert body["programme"][1]["topic"] == {"de": "Fachkräfte", "en": "Skilled staff"}
    assert body["conference"]["name"]["de"] and body["conference"]["name"]["en"]


def test_the_version_is_a_hash_of_the_content(client, directory):
    body = client.get(SNAPSHOT).get_json()
    version = body.pop("version")
    assert version == content_version(body)
    assert len(version) == 20
    assert client.get(SNAPSHOT).get_json()["version"] == version


def test_version_and_etag_change_with_the_content(client, directory):
    first = client.get(SNAPSHOT)
    add("projects", "owl-services", cluster="its-owl")
    second = client.get(SNAPSHOT)
    assert first.get_json()["version"] != second.get_json()["version"]
    assert first.headers["ETag"] != second.headers["ETag"]


def test_revalidation_answers_304_until_something_changes(client, directory):
    first = client.get(SNAPSHOT)
    etag = first.headers["ETag"]
    again = client.get(SNAPSHOT, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    add("programme", "day2-closing", kind="closing", starts_at=dt.datetime(2015, 7, 1, 15, 15),
        ends_at=dt.datetime(2015, 7, 1, 16, 0))
    changed = client.get(SNAPSHOT, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.get_json()["programme"][-1]["slug"] == "day2-closing"


def test_a_client_that_accepts_gzip_gets_the_same_content_gzipped(client, directory):
    plain = client.get(SNAPSHOT)
    gzipped = client.get(SNAPSHOT, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert "Content-Encoding" not in plain.headers
    assert gzipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(gzipped.data) == plain.data
    assert int(gzipped.headers["Content-Length"]) == len(gzipped.data) < len(plain.data)
    for response in (plain, gzipped):
        assert "accept-encoding" in response.headers["Vary"].lower()
        assert response.headers["Content-Type"] == "application/json"
    assert gzipped.headers["ETag"] == plain.headers["ETag"]
    again = client.get(SNAPSHOT, headers={"Accept-Encoding": "gzip", "If-None-Match": gzipped.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def built_snapshots(app) -> dict[str, int]:
    """The snapshots built on disk, by file name, with the inode each was written as."""
    directory = Path(app.config["SHOWCASE_INDEX_DIR"]).parent / "snapshot"
    return {path.name: path.stat().st_ino for path in directory.glob("snapshot-*.json")}


def test_a_write_rebuilds_the_snapshot_once_and_it_shows_the_write(app, client, directory):
    client.get(SNAPSHOT)
    assert client.get(SNAPSHOT).status_code == 200
    first = built_snapshots(app)
    assert len(first) == 1
    add("projects", "owl-services", cluster="its-owl")
    after = client.get(SNAPSHOT).get_json()
    assert "owl-services" in [project["slug"] for project in after["projects"]]
    built = built_snapshots(app)
    assert len(built) == 2 and first.items() <= built.items()
    assert client.get(SNAPSHOT).get_json() == after
    assert built_snapshots(app) == built


def test_workers_share_the_snapshot_one_of_them_built(app_config, app, client, directory):
    built = client.get(SNAPSHOT, headers={"Accept-Encoding": "gzip"})
    files = built_snapshots(app)
    other_worker = create_app(app_config)
    try:
        served = other_worker.test_client().get(SNAPSHOT, headers={"Accept-Encoding": "gzip"})
        assert served.data == built.data and served.headers["ETag"] == built.headers["ETag"]
        assert built_snapshots(app) == files  # read, not built again
    finally:
        with other_worker.app_context():
            db.engine.dispose()


def test_the_snapshot_is_cacheable_and_open_cross_origin(client, directory):
    response = client.get(SNAPSHOT, headers={"Origin": "https://www.its-owl.de"})
    assert response.headers["Cache-Control"] == (
        "public, max-age=60, stale-while-revalidate=600, stale-if-error=86400")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in {h.strip() for h in response.headers["Access-Control-Expose-Headers"].split(",")}


def test_an_empty_directory_is_a_snapshot_too(client):
    body = client.get(SNAPSHOT).get_json()
    assert body["clusters"] == [] and body["programme"] == [] and body["floor_plan"]["stands"] == []
    assert body["floor_plan"]["width"] == 60.0 and body["version"]


def test_loading_takes_the_same_few_queries_however_large_the_directory(app, client, directory):
    def count_queries() -> int:
        client.get(SNAPSHOT)  # lets the search index catch up with the writes first
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", listener)
        try:
            assert client.get(SNAPSHOT).status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(statements)

    before = count_queries()
    for number in range(3):
        add("clusters", f"cluster-{number}")
        add("organisations", f"organisation-{number}", clusters=[f"cluster-{number}", "its-owl"])
        add("projects", f"project-{number}", cluster=f"cluster-{number}", organisations=[f"organisation-{number}"])
        add("innovations", f"innovation-{number}", cluster=f"cluster-{number}", project=f"project-{number}")
        add("stands", f"B0{number}", cluster=f"cluster-{number}", innovations=[f"innovation-{number}"],
            x=20.0 + 8 * number, y=10.0)
    assert count_queries() == before


def test_openapi_documents_the_snapshot(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/api/v1/snapshot"]["get"]
    assert operation["summary"] == "Get the whole directory in one document"
    schema_ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    schema = spec["components"]["schemas"][schema_ref.rsplit("/", 1)[-1]]
    assert {"version", "conference", "clusters", "projects", "innovations", "organisations", "programme",
            "floor_plan"} <= set(schema["properties"])
    assert "304" in operation["responses"]


def test_the_snapshot_carries_the_change_feeds_cursor(client, directory):
    body = client.get(SNAPSHOT).get_json()
    assert body["cursor"] == client.get("/api/v1/changes", query_string={"limit": 1000}).get_json()["cursor"] > 0
    assert "since" not in body and "deleted" not in body


def test_since_answers_only_what_changed_and_the_tombstones(app, client, directory):
    cursor = client.get(SNAPSHOT).get_json()["cursor"]
    add("programme", "day2-closing", kind="closing", starts_at=dt.datetime(2015, 7, 1, 15, 15),
        ends_at=dt.datetime(2015, 7, 1, 16, 0))
    with app.app_context():
        delete_record(RECORD_KINDS["innovations"], find(RECORD_KINDS["innovations"].model, "slug", "smart-gripper"),
                      "test", cascade=True)
    delta = client.get(SNAPSHOT, query_string={"since": cursor}).get_json()
    assert delta["since"] == cursor and delta["cursor"] > cursor
    assert [s["slug"] for s in delta["programme"]] == ["day2-closing"]
    assert {"kind": "innovation", "slug": "smart-gripper"} in delta["deleted"]
    assert delta["innovations"] == [] and delta["organisations"] == []
    # What showed the innovation changed with it: its project, and its stand (with the cluster that inlines it).
    assert [p["slug"] for p in delta["projects"]] == ["intelligent-drives"]
    assert [c["slug"] for c in delta["clusters"]] == ["its-owl"]
    assert delta["floor_plan"]["stands"][0]["innovations"] == []
    assert client.get(SNAPSHOT, query_string={"since": delta["cursor"]}).get_json()["programme"] == []


def test_a_partners_change_sends_the_clusters_that_inline_it(client, directory):
    cursor = client.get(SNAPSHOT).get_json()["cursor"]
    with transaction():
        upsert_record(RECORD_KINDS["organisations"],
                      organisation_data("uni-paderborn", name="Universität Paderborn (UPB)", clusters=["its-owl"]))
    delta = client.get(SNAPSHOT, query_string={"since": cursor}).get_json()
    assert [o["slug"] for o in delta["organisations"]] == ["uni-paderborn"]
    assert [c["slug"] for c in delta["clusters"]] == ["its-owl"]
    assert delta["clusters"][0]["organisations"][0]["name"] == "Universität Paderborn (UPB)"


def test_since_past_retention_answers_410_and_a_bad_since_422(app, client, directory):
    with app.app_context():
        db.session.add(OutboxRetention(id=1, pruned_through=5))
        db.session.commit()
    assert client.get(SNAPSHOT, query_string={"since": 1}).status_code == 410
    response = client.get(SNAPSHOT, query_string={"since": "soon"})
    assert response.status_code == 422 and response.get_json()["errors"][0]["field"] == "since"
