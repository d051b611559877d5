"""What visitors search for: counting searches and opened hits, the editors' figures, nothing personal kept."""

import datetime as dt
import json
import time

import pytest
from sqlalchemy import Date, Integer, String, event, func, insert, inspect, select

from showcase import create_app, database
from showcase.extensions import db
from showcase.models import OutboxEntry, SearchCount, SearchOpenCount
from showcase.services.search_analytics import looks_personal, normalised, today
from tests.builders import add, text
from tests.editing import bearer

ANALYTICS_TABLES = {"search_count": SearchCount, "search_open_count": SearchOpenCount}
# Every column the analytics tables may have: what is counted, and under which day, language and query.
ALLOWED_COLUMNS = {
    "search_count": {"day", "lang", "query", "searches", "cached", "without_hits", "hits"},
    "search_open_count": {"day", "query", "kind", "slug", "opened"},
}
VISITOR = {"REMOTE_ADDR": "198.51.100.23"}
VISITOR_HEADERS = {"User-Agent": "KioskBrowser/7.1 (Hall 2; serial 4711)", "Cookie": "session=visitor-4711",
                   "X-Forwarded-For": "203.0.113.99", "Referer": "https://partner.example/page?visitor=4711"}


@pytest.fixture
def directory(app):
    """A cluster and a project, indexed; each request then has an app context of its own, as in serving."""
    with app.app_context():
        add("clusters", "mai-carbon", short_name="MAI Carbon", round=3, states=["Bayern"],
            name=text("MAI Carbon", "MAI Carbon"), field=text("Carbon-Leichtbau", "Carbon lightweight construction"),
            description=text("Faserverbund für die Großserie.", "Fibre composites for volume production."))
        add("projects", "carbon-parts", cluster="mai-carbon",
            title=text("Carbon-Leichtbauteile für Autos", "Carbon lightweight parts for cars"),
            summary=text("Serienfertigung von Leichtbauteilen.", "Volume production of lightweight parts."))
        app.extensions["showcase_search"].drain(wait=True)


def search(client, **params):
    response = client.get("/api/v1/search", query_string=params, environ_base=VISITOR, headers=VISITOR_HEADERS)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def opened(client, body, content_type="application/json", **headers):
    return client.post("/api/v1/search/opened", data=json.dumps(body), content_type=content_type,
                       environ_base=VISITOR, headers={**VISITOR_HEADERS, **headers})


def flush(app) -> None:
    with app.app_context():
        app.extensions["showcase_search_analytics"].flush()


def rows(app, model) -> list[dict]:
    flush(app)
    with app.app_context():
        table = model.__table__
        return [dict(row._mapping) for row in db.session.execute(select(table).order_by(*table.primary_key))]


def test_a_search_is_counted_by_day_language_and_normalised_query(app, client, directory):
    assert search(client, q="Leichtbau", lang="de")["total"] == 2
    search(client, q="Leichtbau", lang="de")                  # the same answer, from the read cache
    search(client, q="  LEICHTBAU ", lang="de")               # the same query, normalised
    search(client, q="leichtbau", lang="en")
    search(client, q="Isobuten")                              # nothing found, both languages
    assert rows(app, SearchCount) == [
        {"day": today(), "lang": "", "query": "isobuten", "searches": 1, "cached": 0, "without_hits": 1, "hits": 0},
        {"day": today(), "lang": "de", "query": "leichtbau", "searches": 3, "cached": 1, "without_hits": 0, "hits": 2},
        {"day": today(), "lang": "en", "query": "leichtbau", "searches": 1, "cached": 0, "without_hits": 0, "hits": 2},
    ]


def test_the_language_is_the_one_the_answer_is_in(app, client, directory):
    search(client, q="Carbon")
    client.get("/api/v1/search?q=Carbon", headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert [(row["lang"], row["searches"]) for row in rows(app, SearchCount)] == [("", 1), ("en", 1)]


def test_searches_made_while_typing_and_later_looks_at_a_search_are_not_counted(app, client, directory):
    for typed in ("L", "Le", "Leich", "Leichtb"):
        search(client, q=typed, as_you_type="1")
    search(client, q="Leichtbau", page="2")
    search(client, q="Leichtbau", kind="project")
    search(client, q="Leichtbau", cluster="mai-carbon")
    search(client, q="   ")
    assert client.get("/api/v1/search?q=" + "x" * 201).status_code == 422
    assert rows(app, SearchCount) == []
    search(client, q="Leichtbau", as_you_type="0", page="1")
    assert [row["query"] for row in rows(app, SearchCount)] == ["leichtbau"]


def test_cache_hits_and_304s_are_counted_as_cached_searches(app, client, directory):
    first = client.get("/api/v1/search?q=Carbon")
    again = client.get("/api/v1/search?q=Carbon", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    client.get("/api/v1/search?q=Carbon")
    [row] = rows(app, SearchCount)
    assert (row["searches"], row["cached"]) == (3, 2)


def test_counting_writes_nothing_per_search_and_leaves_the_data_version_alone(app, client, directory):
    with app.app_context():
        outbox_before = db.session.scalar(select(func.max(OutboxEntry.id)))
        changes_before = database.changes_committed()
        engine = db.engine
    statements = []

    def note(conn, cursor, statement, *args):
        statements.append(" ".join(statement.split()[:2]).upper())

    event.listen(engine, "before_cursor_execute", note)
    try:
        for query in ("Carbon", "Leichtbau", "Autos", "Carbon", "Faserverbund"):
            search(client, q=query)
        writes = [statement for statement in statements
                  if statement.startswith(("INSERT", "UPDATE", "DELETE", "BEGIN IMMEDIATE"))]
        assert writes == []
        flush(app)
        assert {"INSERT INTO", "DELETE FROM"} <= set(statements)
    finally:
        event.remove(engine, "before_cursor_execute", note)
    with app.app_context():
        assert db.session.scalar(select(func.max(OutboxEntry.id))) == outbox_before
        assert database.changes_committed() == changes_before


def test_a_timer_writes_the_counts_of_each_worker_in_bulk(app_config, directory):
    app_config["SHOWCASE_SEARCH_ANALYTICS_FLUSH_SECONDS"] = 0.2
    app = create_app(app_config)
    client = app.test_client()
    for _ in range(3):
        search(client, q="Carbon")
    deadline = time.monotonic() + 5
    found = []
    while time.monotonic() < deadline and not found:
        time.sleep(0.1)
        with app.app_context():
            found = db.session.execute(select(SearchCount.query, SearchCount.searches)).all()
            db.session.remove()
    assert [tuple(row) for row in found] == [("carbon", 3)]


@pytest.mark.parametrize("content_type", ["application/json", "text/plain;charset=UTF-8"])
def test_an_opened_hit_is_counted_from_json_or_a_beacon(app, client, directory, content_type):
    for _ in range(2):
        response = opened(client, {"q": " Carbon  Leichtbau", "kind": "project", "slug": "carbon-parts"}, content_type)
        assert response.status_code == 204 and response.get_data() == b""
    assert rows(app, SearchOpenCount) == [
        {"day": today(), "query": "carbon leichtbau", "kind": "project", "slug": "carbon-parts", "opened": 2}]


def test_opened_is_open_to_every_origin_preflight_included(client, directory):
    origin = {"Origin": "https://www.partner-site.example"}
    preflight = client.options("/api/v1/search/opened", headers={
        **origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "content-type" in preflight.headers["Access-Control-Allow-Headers"].lower()
    response = opened(client, {"q": "Carbon", "kind": "cluster", "slug": "mai-carbon"}, **origin)
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    # Every other write stays same-origin.
    write = client.post("/api/v1/clusters", json={}, headers=origin)
    assert "Access-Control-Allow-Origin" not in write.headers


@pytest.mark.parametrize(("body", "content_type", "status", "field"), [
    ({"q": "Carbon", "kind": "stand", "slug": "mai-carbon"}, "application/json", 422, "kind"),
    ({"q": "Carbon", "kind": "project", "slug": "Not A Slug"}, "application/json", 422, "slug"),
    ({"kind": "project", "slug": "carbon-parts"}, "text/plain", 422, "q"),
    ({"q": "Carbon", "kind": "project", "slug": "carbon-parts"}, "application/x-www-form-urlencoded", 415, None),
    ({"q": "x" * 3000, "kind": "project", "slug": "carbon-parts"}, "application/json", 413, None),
])
def test_a_wrong_opened_report_is_a_problem_naming_the_field(client, directory, body, content_type, status, field):
    response = opened(client, body, content_type)
    assert response.status_code == status
    assert response.content_type == "application/problem+json"
    if field:
        assert [error["field"] for error in response.get_json()["errors"]] == [field]


def test_a_broken_beacon_body_is_a_400(client, directory):
    response = client.post("/api/v1/search/opened", data="{not json", content_type="text/plain")
    assert response.status_code == 400 and response.content_type == "application/problem+json"


def test_opened_has_a_rate_budget_of_its_own(app_config, directory):
    app_config.update({"SHOWCASE_RATELIMIT_ENABLED": True, "SHOWCASE_RATELIMIT_OPENED": "2 per minute",
                       "SHOWCASE_RATELIMIT_WRITE": "1 per minute"})
    client = create_app(app_config).test_client()
    body = {"q": "Carbon", "kind": "cluster", "slug": "mai-carbon"}
    assert [opened(client, body).status_code for _ in range(3)] == [204, 204, 429]
    assert client.post("/api/v1/clusters", json={}).status_code == 401   # the editors' budget is untouched
    assert client.post("/api/v1/clusters", json={}).status_code == 429


@pytest.mark.parametrize("query", ["max.mustermann@example.org", "Mail an info@cluster", "+49 30 1234567",
                                   "030/123 45 67", "Rückruf 0171-2345678", "0049 (0)89 12 34 56"])
def test_a_query_that_looks_like_an_email_address_or_a_phone_number_is_not_stored(app, client, directory, query):
    assert looks_personal(query)
    search(client, q=query)
    assert opened(client, {"q": query, "kind": "cluster", "slug": "mai-carbon"}).status_code == 204
    assert rows(app, SearchCount) == [] and rows(app, SearchOpenCount) == []


@pytest.mark.parametrize("query", ["m4", "Runde 3 2012", "it's OWL", "CFK-Recycling", "Stand A11", "1. Juli 2015"])
def test_ordinary_queries_with_digits_are_kept(query):
    assert not looks_personal(query)
    assert normalised(query) == " ".join(query.casefold().split())


def test_nothing_in_the_analytics_tables_could_tell_two_visitors_apart(app, client, directory):
    """Every column of the analytics tables, by inspecting the database: only days, languages, queries, counts."""
    search(client, q="Carbon", lang="de")
    opened(client, {"q": "Carbon", "kind": "project", "slug": "carbon-parts"})
    flush(app)
    with app.app_context():
        inspector = inspect(db.engine)
        # The editors' synonym list shares the prefix and holds nothing of visitors.
        analytics_tables = {name for name in inspector.get_table_names()
                            if name.startswith("search_") and name != "search_synonyms"}
        assert analytics_tables == set(ANALYTICS_TABLES)
        for table, model in ANALYTICS_TABLES.items():
            columns = {column["name"]: column["type"] for column in inspector.get_columns(table)}
            assert set(columns) == ALLOWED_COLUMNS[table], table
            for name, kind in columns.items():
                assert isinstance(kind, (Date, Integer, String)), (table, name, kind)
                if isinstance(kind, String):
                    assert kind.length <= 200, (table, name)
            assert {column.name for column in model.__table__.columns} == set(columns)
            stored = repr(db.session.execute(select(model.__table__)).all())
            assert stored.count("(") == 2  # one row each
            for personal in [*VISITOR.values(), *VISITOR_HEADERS.values(), "4711", "198.51", "203.0.113",
                             "KioskBrowser", "partner.example"]:
                assert personal not in stored, (table, personal)
            times = [column for column in columns.values() if isinstance(column, Date)]
            assert len(times) == 1  # a day, never a time of day


def test_counts_older_than_the_retention_are_pruned(app_config, directory):
    app_config["SHOWCASE_SEARCH_ANALYTICS_DAYS"] = 90
    app = create_app(app_config)
    with app.app_context():
        for days_ago in (0, 89, 90, 400):
            day = today() - dt.timedelta(days=days_ago)
            db.session.execute(insert(SearchCount).values(day=day, lang="de", query=f"q{days_ago}", searches=1,
                                                          cached=0, without_hits=0, hits=1))
            db.session.execute(insert(SearchOpenCount).values(day=day, query=f"q{days_ago}", kind="cluster",
                                                              slug="mai-carbon", opened=1))
        db.session.commit()
    assert [row["query"] for row in rows(app, SearchCount)] == ["q89", "q0"]
    assert [row["query"] for row in rows(app, SearchOpenCount)] == ["q89", "q0"]


def test_analytics_can_be_switched_off(app_config, directory):
    app_config["SHOWCASE_SEARCH_ANALYTICS"] = False
    app = create_app(app_config)
    client = app.test_client()
    search(client, q="Carbon")
    assert opened(client, {"q": "Carbon", "kind": "cluster", "slug": "mai-carbon"}).status_code == 204
    assert rows(app, SearchCount) == [] and rows(app, SearchOpenCount) == []


def test_editors_see_top_queries_those_without_hits_and_the_shares(app, client, directory, keys):
    for query, times in (("Carbon", 4), ("Leichtbau", 2), ("Isobuten", 3), ("Fotonik", 1)):
        for _ in range(times):
            search(client, q=query, lang="de")
    for slug in ("carbon-parts", "carbon-parts", "mai-carbon"):
        opened(client, {"q": "carbon", "kind": "project" if slug == "carbon-parts" else "cluster", "slug": slug})
    response = client.get("/api/v1/search/analytics", headers=bearer(keys.editor))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store" and response.headers["ETag"]
    body = response.get_json()
    assert body["from"] == (today() - dt.timedelta(days=29)).isoformat() and body["to"] == today().isoformat()
    assert (body["searches"], body["searches_without_hits"], body["answered_from_cache"]) == (10, 4, 6)
    assert body["no_hit_share"] == 0.4 and body["opened"] == 3 and body["opened_hit_rate"] == 0.3
    assert body["languages"] == {"de": 10}
    assert [(q["query"], q["searches"], q["hits"], q["opened"]) for q in body["top_queries"]] == [
        ("carbon", 4, 2, 3), ("isobuten", 3, 0, 0), ("leichtbau", 2, 2, 0), ("fotonik", 1, 0, 0)]
    assert [(q["query"], q["without_hits"]) for q in body["top_queries_without_hits"]] == [
        ("isobuten", 3), ("fotonik", 1)]
    assert body["top_opened"] == [{"kind": "project", "slug": "carbon-parts", "opened": 2},
                                  {"kind": "cluster", "slug": "mai-carbon", "opened": 1}]
    assert body["enabled"] is True and body["retention_days"] == 90
    limited = client.get("/api/v1/search/analytics?limit=1", headers=bearer(keys.editor)).get_json()
    assert [q["query"] for q in limited["top_queries"]] == ["carbon"]


def test_analytics_of_a_range_of_days(app, client, directory, keys):
    with app.app_context():
        for days_ago, searches in ((1, 5), (10, 7)):
            db.session.execute(insert(SearchCount).values(day=today() - dt.timedelta(days=days_ago), lang="en",
                                                          query="cfrp", searches=searches, cached=0,
                                                          without_hits=searches, hits=0))
        db.session.commit()
    day = (today() - dt.timedelta(days=1)).isoformat()
    body = client.get(f"/api/v1/search/analytics?from={day}&to={day}", headers=bearer(keys.editor)).get_json()
    assert (body["searches"], body["no_hit_share"], body["opened_hit_rate"]) == (5, 1.0, 0.0)
    empty = client.get("/api/v1/search/analytics?from=2015-06-30&to=2015-07-01", headers=bearer(keys.editor))
    assert empty.get_json()["searches"] == 0 and empty.get_json()["no_hit_share"] is None


def test_analytics_need_an_editor_key_and_a_sound_range(client, directory, keys):
    assert client.get("/api/v1/search/analytics").status_code == 401
    response = client.get("/api/v1/search/analytics?from=2015-07-02&to=2015-07-01", headers=bearer(keys.editor))
    assert response.status_code == 422
    assert [error["field"] for error in response.get_json()["errors"]] == ["from"]
    response = client.get("/api/v1/search/analytics?to=yesterday", headers=bearer(keys.editor))
    assert response.status_code == 422
    assert [error["field"] for error in response.get_json()["errors"]] == ["to"]
