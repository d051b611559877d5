"""Public reads are served from a worker's memory until the directory changes."""

import pytest
from sqlalchemy import event

from showcase.extensions import db
from tests.builders import add


@pytest.fixture
def statements(app):
    """The SQL statements the app runs from now on."""
    seen: list[str] = []
    with app.app_context():
        engine = db.engine
    listener = lambda conn, cursor, statement, *args: seen.append(statement)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    yield seen
    event.remove(engine, "before_cursor_execute", listener)


def test_a_repeated_read_costs_no_query(client, app_context, statements):
    add("clusters", "its-owl")
    first = client.get("/api/v1/clusters")
    statements.clear()
    again = client.get("/api/v1/clusters")
    assert again.data == first.data and again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["X-Pagination"] == first.headers["X-Pagination"]
    assert [s for s in statements if s.lstrip().upper().startswith("SELECT")] == []


def test_a_cached_read_still_answers_304(client, app_context):
    add("clusters", "its-owl")
    etag = client.get("/api/v1/clusters/its-owl").headers["ETag"]
    client.get("/api/v1/clusters/its-owl")
    response = client.get("/api/v1/clusters/its-owl", headers={"If-None-Match": etag})
    assert response.status_code == 304 and response.data == b""
    assert "max-age" in response.headers["Cache-Control"]


def test_a_change_is_read_at_once(client, app_context):
    add("clusters", "its-owl")
    assert client.get("/api/v1/clusters/its-owl/projects").get_json() == []
    add("projects", "owl-drives", cluster="its-owl")
    assert [p["slug"] for p in client.get("/api/v1/clusters/its-owl/projects").get_json()] == ["owl-drives"]


def test_a_new_stand_shows_on_the_floor_plan_at_once(client, app_context):
    add("clusters", "its-owl")
    assert client.get("/api/v1/floor-plan").get_json()["stands"] == []
    add("stands", "A01", cluster="its-owl")
    assert [s["number"] for s in client.get("/api/v1/floor-plan").get_json()["stands"]] == ["A01"]


def test_languages_are_cached_apart(client, app_context):
    add("clusters", "its-owl")
    german = client.get("/api/v1/clusters/its-owl", headers={"Accept-Language": "de"}).get_json()
    english = client.get("/api/v1/clusters/its-owl", headers={"Accept-Language": "en"}).get_json()
    assert german["field"] == "Intelligente technische Systeme"
    assert english["field"] == "Intelligent technical systems"


def test_hosts_are_cached_apart_as_the_schedule_names_its_host(client, app_context):
    add("programme", "day1-opening")
    forged = client.get("/api/v1/schedule.json", headers={"Host": "forged.example"})
    honest = client.get("/api/v1/schedule.json", headers={"Host": "directory.example"})
    assert b"forged.example" in forged.data
    assert b"forged.example" not in honest.data and b"directory.example" in honest.data


def test_another_process_change_is_seen_within_the_version_interval(app, client, app_context):
    from sqlalchemy import insert

    from showcase.models import OutboxEntry

    cache = app.extensions["showcase_read_cache"]
    cache.version_seconds = 3600
    add("clusters", "its-owl")
    client.get("/api/v1/clusters")
    known = cache.data_version()
    # Another process's commit: a row this process's session events never saw.
    db.session.execute(insert(OutboxEntry).values(
        kind="cluster", record_id=999, subject_kind="cluster", subject_id=999, subject_slug="x", action="updated"))
    db.session.info.pop("data_changed", None)
    db.session.commit()
    assert cache.data_version() == known
    cache.version_read_at -= 3600
    assert cache.data_version() > known


def test_a_hit_sends_the_same_headers_as_the_miss(client, app_context):
    add("clusters", "its-owl")
    origin = {"Origin": "https://www.its-owl.de"}
    miss = client.get("/api/v1/clusters", headers=origin)
    hit = client.get("/api/v1/clusters", headers=origin)
    for name in ("Cache-Control", "Vary", "ETag", "X-Pagination", "Access-Control-Allow-Origin",
                 "Access-Control-Expose-Headers", "X-Content-Type-Options"):
        assert hit.headers[name] == miss.headers[name], name


def test_with_listed_origins_a_hit_answers_each_origin_for_itself(app_config):
    from showcase import create_app, database

    app_config["SHOWCASE_CORS_ORIGINS"] = "https://www.its-owl.de,https://www.mai-carbon.de"
    app = create_app(app_config)
    with app.app_context():
        database.create_schema()
        add("clusters", "its-owl")
    client = app.test_client()
    first = client.get("/api/v1/clusters", headers={"Origin": "https://www.its-owl.de"})
    second = client.get("/api/v1/clusters", headers={"Origin": "https://www.mai-carbon.de"})
    stranger = client.get("/api/v1/clusters", headers={"Origin": "https://evil.example"})
    assert first.headers["Access-Control-Allow-Origin"] == "https://www.its-owl.de"
    assert second.headers["Access-Control-Allow-Origin"] == "https://www.mai-carbon.de"
    assert "Access-Control-Allow-Origin" not in stranger.headers
