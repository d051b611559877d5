"""Every read loads what it dumps in a fixed number of SQL queries, whatever the number of records.

A page of one record and a page of a hundred cost the same queries, at most six (the page and its
total included), and each relation a request expands at most one more. Lazy loading while a dump
runs would show here as queries growing with the page.
"""

import datetime as dt

import pytest
from sqlalchemy import event

from showcase.extensions import db
from showcase.search import all_documents
from showcase.services.transaction import transaction
from tests.builders import add, text

# Per request, without expand; a transaction's BEGIN counts too (SQLite's is a statement of its own).
MAX_QUERIES = 6
CLUSTERS = ("its-owl", "m4", "biorn")
PROJECTS = 30

# Each list endpoint and the links it may expand.
LISTS = {
    "/api/v1/clusters": ("stand", "organisations"),
    "/api/v1/clusters/m4/projects": ("cluster", "organisations", "innovations"),
    "/api/v1/clusters/m4/innovations": ("cluster", "project"),
    "/api/v1/projects": ("cluster", "organisations", "innovations"),
    "/api/v1/innovations": ("cluster", "project"),
    "/api/v1/organisations": ("clusters", "projects"),
    "/api/v1/stands": ("cluster", "innovations"),
    "/api/v1/programme": (),
}
ITEMS = {
    "/api/v1/clusters/m4": ("stand", "organisations"),
    "/api/v1/projects/project-04": ("cluster", "organisations", "innovations"),
    "/api/v1/innovations/innovation-04": ("cluster", "project"),
    "/api/v1/organisations/org-04": ("clusters", "projects"),
    "/api/v1/stands/A02": ("cluster", "innovations"),
    "/api/v1/floor-plan": ("cluster", "innovations"),
    "/api/v1/programme/session-1": (),
}


@pytest.fixture
def app_config(app_config):
    """Without the per-worker response cache: every request reaches the database."""
    return {**app_config, "SHOWCASE_READ_CACHE_SIZE": 0}


def add_directory(clusters=CLUSTERS, projects=PROJECTS, stands=2, prefix="", hall_row="A"):
    """Clusters with members, projects with topics and partners, innovations (most of a project), stands, sessions.

    In one transaction: one commit and one catch-up of the search index.
    """
    with transaction():
        add_records(clusters, projects, stands, prefix, hall_row)


def add_records(clusters, projects, stands, prefix, hall_row):
    for slug in clusters:
        add("clusters", slug)
    organisations = [f"{prefix}org-{number:02d}" for number in range(12)]
    for number, slug in enumerate(organisations):
        add("organisations", slug, clusters=[clusters[number % len(clusters)], clusters[(number + 1) % len(clusters)]])
    for number in range(projects):
        add("projects", f"{prefix}project-{number:02d}", cluster=clusters[number % len(clusters)],
            topics={"de": ["Antriebe", f"Thema {number}"], "en": ["drives", f"topic {number}"]},
            organisations=[organisations[number % 12], organisations[(number + 5) % 12], organisations[(number + 7) % 12]])
    for number in range(projects):
        project = f"{prefix}project-{number:02d}" if number % 4 else None
        add("innovations", f"{prefix}innovation-{number:02d}", cluster=clusters[number % len(clusters)], project=project)
    for number, cluster in enumerate(clusters[:stands]):
        add("stands", f"{hall_row}{number + 1:02d}", cluster=cluster, x=2.0 + 10 * number,
            y=2.0 + 10 * (ord(hall_row) - ord("A")),
            innovations=[f"{prefix}innovation-{i:02d}" for i in range(number, projects, len(clusters))][:4])
    for number in range(6):
        add("programme", f"{prefix}session-{number}", title=text(f"Sitzung {number}", f"Session {number}"),
            starts_at=dt.datetime(2015, 6, 30, 10 + number), ends_at=dt.datetime(2015, 6, 30, 10 + number, 30))


@pytest.fixture
def directory(app):
    """The directory, written in an app context of its own: requests find none of it in their session."""
    with app.app_context():
        add_directory()


@pytest.fixture
def count_queries(app, client):
    """count_queries(path): how many SQL statements one GET of path sends; the listener lives for this test only."""
    with app.app_context():
        engine = db.engine
    statements = []

    def note(connection, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    def count(path: str) -> int:
        statements.clear()
        response = client.get(path)
        assert response.status_code == 200, response.get_data(as_text=True)
        count.last = response
        return len(statements)

    event.listen(engine, "before_cursor_execute", note)
    yield count
    event.remove(engine, "before_cursor_execute", note)


def with_args(path: str, **args) -> str:
    query = "&".join(f"{name}={value}" for name, value in args.items())
    return f"{path}{'&' if '?' in path else '?'}{query}"


@pytest.mark.parametrize("path", LISTS)
def test_a_page_of_a_hundred_costs_the_queries_of_a_page_of_one(directory, count_queries, path):
    one = count_queries(with_args(path, page_size=1))
    hundred = count_queries(with_args(path, page_size=100))
    assert len(count_queries.last.get_json()) > 1
    assert one == hundred <= MAX_QUERIES


@pytest.mark.parametrize("path, relation", [(path, relation) for path, relations in LISTS.items()
                                            for relation in relations])
def test_an_expanded_relation_costs_at_most_one_query_more(directory, count_queries, path, relation):
    plain = count_queries(with_args(path, page_size=100))
    one = count_queries(with_args(path, page_size=1, expand=relation))
    hundred = count_queries(with_args(path, page_size=100, expand=relation))
    assert one == hundred <= plain + 1


@pytest.mark.parametrize("path", [path for path, relations in LISTS.items() if relations])
def test_expanding_everything_costs_at_most_one_query_a_relation(directory, count_queries, path):
    relations = LISTS[path]
    plain = count_queries(with_args(path, page_size=100))
    one = count_queries(with_args(path, page_size=1, expand=",".join(relations)))
    hundred = count_queries(with_args(path, page_size=100, expand=",".join(relations)))
    assert one == hundred <= plain + len(relations)


def test_a_page_past_the_end_still_knows_the_total(directory, count_queries):
    assert count_queries("/api/v1/projects?page=99&page_size=20") <= MAX_QUERIES
    assert count_queries.last.get_json() == []
    assert '"total": 30' in count_queries.last.headers["X-Pagination"]


@pytest.mark.parametrize("path", ITEMS)
def test_a_record_costs_a_fixed_number_of_queries(directory, count_queries, path):
    relations = ITEMS[path]
    plain = count_queries(path)
    assert plain <= MAX_QUERIES
    if relations:
        assert count_queries(with_args(path, expand=",".join(relations))) <= plain + len(relations)


@pytest.mark.parametrize("path", ["/api/v1/floor-plan", "/api/v1/floor-plan?expand=cluster,innovations",
                                  "/api/v1/snapshot"])
def test_the_whole_directory_costs_the_same_queries_when_it_grows(app, directory, count_queries, path):
    before = count_queries(path)
    with app.app_context():
        add_directory(clusters=("bioeconomy", "ci3", "mai-carbon"), projects=12, stands=3, prefix="b", hall_row="B")
    assert count_queries(path) == before
    # The snapshot's build: a query per section and one per collection of links, read flat for the whole directory.
    assert before <= (18 if path.endswith("snapshot") else MAX_QUERIES)


@pytest.mark.parametrize("kind, key", [("clusters", "slug"), ("projects", "slug"), ("innovations", "slug"),
                                       ("organisations", "slug"), ("stands", "number"), ("programme", "slug")])
def test_a_listed_record_is_what_its_own_url_answers(directory, client, kind, key):
    """Lists load their records their own way (topics as plain rows, links joined): the dump is the same."""
    expand = ",".join(LISTS[f"/api/v1/{kind}"])
    for query in ("lang=all", f"lang=de&expand={expand}" if expand else "lang=de"):
        listed = client.get(f"/api/v1/{kind}?page_size=100&{query}").get_json()
        assert listed
        for record in listed:
            assert client.get(f"/api/v1/{kind}/{record[key]}?{query}").get_json() == record


def test_a_rebuild_reads_its_documents_in_the_same_queries_for_few_records_or_many(app):
    """`flask reindex` loads each kind with what its documents show (partners, topics, clusters) eagerly."""
    statements = []

    def note(connection, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    def rebuild_queries() -> tuple[int, int]:
        db.session.rollback()
        statements.clear()
        documents = list(all_documents())
        return len(documents), len(statements)

    with app.app_context():
        add_directory(projects=3, stands=0)
        event.listen(db.engine, "before_cursor_execute", note)
        few, few_queries = rebuild_queries()
        event.remove(db.engine, "before_cursor_execute", note)
        add_directory(clusters=("m4-more", "biorn-more"), projects=40, stands=0, prefix="more-")
        event.listen(db.engine, "before_cursor_execute", note)
        many, many_queries = rebuild_queries()
        event.remove(db.engine, "before_cursor_execute", note)
    assert many > few * 4
    assert many_queries == few_queries


@pytest.mark.parametrize("query", ["Sitzung", "project", "org", "innovation", "cluster"])
def test_a_search_asks_the_database_nothing_per_hit(directory, count_queries, query):
    """A hit's source, cluster and time come with its document; the clusters' places once per index generation."""
    count_queries(f"/api/v1/search?q={query}&page_size=1")
    assert count_queries(f"/api/v1/search?q={query}&page_size=100") <= 2  # BEGIN, and the synonyms' version at most
    assert len(count_queries.last.get_json()["hits"]) > 1


def test_search_hits_show_what_their_records_say(directory, client):
    """What a hit carries from its document is what the record's own URL answers."""
    hits = []
    for query in ("project", "innovation", "org", "Sitzung"):
        hits += client.get(f"/api/v1/search?q={query}&page_size=100&lang=en").get_json()["hits"]
    assert {hit["kind"] for hit in hits} >= {"project", "innovation", "organisation", "session"}
    for hit in hits:
        record = client.get(f"{hit['url']}?lang=en&expand=cluster" if hit["kind"] in ("project", "innovation")
                            else f"{hit['url']}?lang=en").get_json()
        if hit["kind"] in ("project", "innovation"):
            assert (hit["source"], hit["source_date"]) == (record["source"], record["source_date"])
            assert hit["cluster"]["slug"] == record["cluster"]["slug"]
            assert hit["cluster"]["name"] == record["cluster"]["name"]
        elif hit["kind"] == "organisation":
            assert [cluster["slug"] for cluster in hit["clusters"]] == sorted(record["clusters"])
        elif hit["kind"] == "session":
            assert (hit["starts_at"], hit["ends_at"], hit["room"]) == (
                record["starts_at"], record["ends_at"], record["room"])
