"""GET /api/v1/clusters/{slug} with Accept: application/ld+json: schema.org JSON-LD, parsed by a JSON-LD processor."""

import pytest
from sqlalchemy import event

from showcase.extensions import db
from tests.builders import add, text
from tests.jsonld import SCHEMA, nodes, of_type, values

LINKED_DATA = {"Accept": "application/ld+json"}
BASE = "http://localhost/"


@pytest.fixture
def cluster(app_context):
    add("clusters", "its-owl", short_name="it's OWL",
        name=text("it's OWL – Intelligente Technische Systeme", "it's OWL – Intelligent Technical Systems"))
    add("projects", "owl-drives", cluster="its-owl", title=text("Intelligente Antriebe", "Intelligent drives"),
        website="https://www.its-owl.de/drives")
    add("projects", "owl-sorting", cluster="its-owl")
    add("stands", "A14", cluster="its-owl", hall_area=text("Nordseite", "north side"))
    add("clusters", "m4", short_name="m4")


def test_it_answers_schema_org_json_ld_that_a_processor_reads(client, cluster):
    response = client.get("/api/v1/clusters/its-owl?lang=en", headers=LINKED_DATA)
    assert response.status_code == 200
    assert response.mimetype == "application/ld+json"
    assert "Accept" in [name.strip() for name in response.headers["Vary"].split(",")]
    graph = nodes(response.get_json())

    [organization] = of_type(graph, "Organization")
    assert organization["@id"] == f"{BASE}api/v1/clusters/its-owl"
    assert values(organization, "name") == ["it's OWL – Intelligent Technical Systems"]
    assert values(organization, "alternateName") == ["it's OWL"]
    assert values(organization, "url") == ["https://www.its-owl.de"]
    [address] = (graph[i] for i in values(organization, "address"))
    assert values(address, "addressLocality") == ["Paderborn"] and values(address, "addressCountry") == ["DE"]

    projects = of_type(graph, "ResearchProject")
    assert sorted(values(organization, "subOrganization")) == sorted(p["@id"] for p in projects) == [
        f"{BASE}api/v1/projects/owl-drives", f"{BASE}api/v1/projects/owl-sorting"]
    drives = graph[f"{BASE}api/v1/projects/owl-drives"]
    assert values(drives, "name") == ["Intelligent drives"]
    assert values(drives, "url") == ["https://www.its-owl.de/drives"]
    assert values(drives, "parentOrganization") == [organization["@id"]]
    assert values(graph[values(drives, "subjectOf")[0]], "url") == ["https://www.example.org/press/owl-drives"]

    [stand] = (graph[i] for i in values(organization, "location"))
    assert stand["@type"] == [SCHEMA + "Place"] and values(stand, "name") == ["Stand A14"]
    assert values(stand, "description") == ["north side"]

    [exhibition] = of_type(graph, "ExhibitionEvent")
    assert values(organization, "event") == [exhibition["@id"]]
    assert values(exhibition, "startDate") == ["2015-06-30"] and values(exhibition, "endDate") == ["2015-07-01"]
    assert sorted(values(exhibition, "inLanguage")) == ["de", "en"]
    assert values(exhibition, "eventAttendanceMode") == ["https://schema.org/OfflineEventAttendanceMode"]
    [venue] = (graph[i] for i in values(exhibition, "location"))
    assert values(stand, "containedInPlace") == [venue["@id"]]
    assert values(venue, "name") == ["Westhafen Event & Convention Center (WECC)"]
    venue_address = graph[values(venue, "address")[0]]
    assert {name: values(venue_address, name)[0] for name in ("streetAddress", "postalCode", "addressLocality")} == {
        "streetAddress": "Westhafenstraße 1", "postalCode": "13353", "addressLocality": "Berlin"}
    conference = graph[values(exhibition, "superEvent")[0]]
    assert values(conference, "name") == ["3rd International Cluster Conference"]


def test_without_a_language_every_text_comes_in_both_tagged(client, cluster):
    graph = nodes(client.get("/api/v1/clusters/its-owl", headers=LINKED_DATA).get_json())
    [organization] = of_type(graph, "Organization")
    assert sorted(values(organization, "name")) == [("it's OWL – Intelligent Technical Systems", "en"),
                                                    ("it's OWL – Intelligente Technische Systeme", "de")]
    [exhibition] = of_type(graph, "ExhibitionEvent")
    assert {language for _, language in values(exhibition, "name")} == {"de", "en"}
    german = nodes(client.get("/api/v1/clusters/its-owl?lang=de", headers=LINKED_DATA).get_json())
    assert values(german[f"{BASE}api/v1/projects/owl-drives"], "name") == ["Intelligente Antriebe"]


def test_a_cluster_without_a_stand_has_no_location(client, cluster):
    graph = nodes(client.get("/api/v1/clusters/m4?lang=en", headers=LINKED_DATA).get_json())
    [organization] = of_type(graph, "Organization")
    assert "location" not in {key.removeprefix(SCHEMA) for key in organization}
    assert values(organization, "subOrganization") == [] and len(of_type(graph, "ExhibitionEvent")) == 1


def test_json_stays_the_default_and_each_representation_has_its_own_etag(client, cluster):
    url = "/api/v1/clusters/its-owl?lang=en"
    plain = client.get(url)
    assert plain.mimetype == "application/json" and plain.get_json()["slug"] == "its-owl"
    assert plain.headers["Vary"] == "Accept, Accept-Language"
    for accept in ("*/*", "application/json", "text/html,*/*;q=0.8", "application/json, application/ld+json"):
        assert client.get(url, headers={"Accept": accept}).mimetype == "application/json", accept
    linked = client.get(url, headers=LINKED_DATA)
    assert linked.headers["ETag"] != plain.headers["ETag"]
    assert client.get(url, headers={"Accept": "application/ld+json, application/json;q=0.5"}).mimetype == \
        "application/ld+json"
    assert client.get(url, headers={**LINKED_DATA, "If-None-Match": linked.headers["ETag"]}).status_code == 304
    assert client.get(url, headers={**LINKED_DATA, "If-None-Match": plain.headers["ETag"]}).status_code == 200
    assert client.get(url, headers={"If-None-Match": linked.headers["ETag"]}).status_code == 200


def test_the_read_cache_keeps_the_representations_apart(app, client, cluster):
    assert app.extensions["showcase_read_cache"].size > 0
    url = "/api/v1/clusters/its-owl?lang=en"
    for _ in range(2):
        assert client.get(url).mimetype == "application/json"
        assert client.get(url, headers=LINKED_DATA).mimetype == "application/ld+json"


def test_an_unknown_cluster_is_a_problem_in_either_representation(client, cluster):
    response = client.get("/api/v1/clusters/atlantis", headers=LINKED_DATA)
    assert response.status_code == 404 and response.mimetype == "application/problem+json"


def test_the_openapi_documents_the_json_ld_alternative(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    content = spec["paths"]["/api/v1/clusters/{slug}"]["get"]["responses"]["200"]["content"]
    assert set(content) == {"application/json", "application/ld+json"}
    for path, media_type in (("/api/v1/schedule.xml", "application/xml"), ("/api/v1/schedule.json", "application/json")):
        assert list(spec["paths"][path]["get"]["responses"]["200"]["content"]) == [media_type]


def test_the_json_ld_costs_the_same_queries_for_any_number_of_projects(app, client, cluster):
    statements = []

    def note(connection, cursor, statement, parameters, context, executemany):
        # Leaving out the read cache's data version (read once a second) and transactions' BEGIN.
        if statement.startswith("SELECT") and "outbox" not in statement:
            statements.append(statement)

    def count(slug: str) -> int:
        statements.clear()
        assert client.get(f"/api/v1/clusters/{slug}?lang=en", headers=LINKED_DATA).status_code == 200
        return len(statements)

    for number in range(12):
        add("projects", f"m4-project-{number}", cluster="m4")
    event.listen(db.engine, "before_cursor_execute", note)
    try:
        assert count("its-owl") == count("m4") <= 3
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
