"""GET /api/v1/search and /api/v1/suggest over a small directory."""

import pytest

from tests.builders import add, text


@pytest.fixture
def directory(app, app_context):
    add("clusters", "elektromobilitaet-sued-west", short_name="Elektromobilität Süd-West", round=3,
        name=text("Spitzencluster Elektromobilität Süd-West", "Electric Mobility South-West"),
        field=text("Elektromobilität", "Electric mobility"), states=["Baden-Württemberg"],
        description=text("Fahrzeuge, Energie und Ladeinfrastruktur.", "Vehicles, energy and charging."))
    add("clusters", "mai-carbon", short_name="MAI Carbon", round=3, states=["Bayern"],
        name=text("MAI Carbon", "MAI Carbon"), field=text("Carbon-Leichtbau", "Carbon lightweight construction"),
        description=text("Faserverbund für die Großserie.", "Fibre composites for volume production."))
    add("clusters", "m4", short_name="m4", round=2, year=2010, states=["Bayern"],
        name=text("m4 Personalisierte Medizin", "m4 Personalised Medicine"),
        field=text("Personalisierte Medizin", "Personalised medicine"))
    add("projects", "carbon-parts", cluster="mai-carbon",
        title=text("Carbon-Leichtbauteile für Autos", "Carbon lightweight parts for cars"),
        summary=text("Serienfertigung von Carbon-Leichtbauteilen <script>alert(1)</script>.",
                     "Volume production of carbon lightweight parts."),
        topics={"de": ["Leichtbau"], "en": ["lightweight construction"]})
    add("projects", "charging-unit", cluster="elektromobilitaet-sued-west",
        title=text("Autonome Ladeeinheit", "Autonomous charging unit"),
        summary=text("Laden von Elektrofahrzeugen.", "Charging electric vehicles."))
    add("innovations", "preform-cell", cluster="mai-carbon", project="carbon-parts",
        title=text("Preformzelle für Leichtbau", "Preforming cell for lightweight construction"))
    app.extensions["showcase_search"].drain(wait=True)


def search(client, **params):
    response = client.get("/api/v1/search", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def hits(body) -> list[str]:
    return [f"{hit['kind']}:{hit['slug']}" for hit in body["hits"]]


@pytest.mark.parametrize("query", ["Elektromobilität", "elektromobilitaet", "elektromobilitat", "elektromobilitt",
                                   "Elektromob"])
def test_finds_what_a_kiosk_visitor_means(client, directory, query):
    assert hits(search(client, q=query))[0] == "cluster:elektromobilitaet-sued-west"


def test_finds_compound_parts_and_marks_the_match(client, directory):
    body = search(client, q="Leichtbau", lang="de")
    assert "project:carbon-parts" in hits(body)
    snippet = next(hit["snippet"] for hit in body["hits"] if hit["slug"] == "carbon-parts")
    assert "<mark>" in snippet


def test_snippets_escape_what_editors_wrote(client, directory):
    body = search(client, q="Serienfertigung", lang="de")
    snippet = body["hits"][0]["snippet"]
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet


def test_a_hit_says_what_it_is_and_where_to_find_it(client, directory):
    hit = search(client, q="Ladeeinheit")["hits"][0]
    assert hit["kind"] == "project" and hit["slug"] == "charging-unit"
    assert hit["title"] == {"de": "Autonome Ladeeinheit", "en": "Autonomous charging unit"}
    assert hit["url"] == "/api/v1/projects/charging-unit"
    assert hit["score"] > 0
    assert search(client, q="Ladeeinheit", lang="en")["hits"][0]["title"] == "Autonomous charging unit"


def test_facets_count_the_whole_result_set_and_ignore_their_own_filter(client, directory):
    body = search(client, q="carbon", kind="project", lang="en")
    assert hits(body) == ["project:carbon-parts"]
    kinds = {facet["value"]: facet["count"] for facet in body["facets"]["kind"]}
    assert kinds["project"] == 1 and kinds["innovation"] == 1 and kinds["cluster"] == 1
    clusters = {facet["value"]: facet for facet in body["facets"]["cluster"]}
    assert clusters["mai-carbon"]["label"] == "MAI Carbon"


def test_filters_by_cluster_and_round(client, directory):
    assert set(hits(search(client, q="Leichtbau", cluster="mai-carbon"))) <= {
        "cluster:mai-carbon", "project:carbon-parts", "innovation:preform-cell"}
    assert hits(search(client, q="Leichtbau", round=2)) == []


def test_did_you_mean_offers_a_correction_when_little_is_found(client, directory):
    body = search(client, q="Keichtbau")
    assert body["did_you_mean"] == "leichtbau"
    assert search(client, q="Leichtbau")["did_you_mean"] is None


def test_suggest_completes_the_word_being_typed(client, directory):
    response = client.get("/api/v1/suggest", query_string={"q": "Leichtb"})
    assert response.status_code == 200
    suggestions = [s["text"].lower() for s in response.get_json()["suggestions"]]
    assert 0 < len(suggestions) <= 8
    assert any(s.startswith("leichtb") or "leichtb" in s for s in suggestions)


HOSTILE = ['"(*~', "AND OR", "NOT", '"', "*", "?", "~2", "a" * 200, "🙂🚗 Elektro", "\x00\x07\x1b[31m",
           "title:foo", "(((", "))", "-", "--", "' OR 1=1 --", "<script>", "\\", "%", "ü" * 50, "  ", ""]


@pytest.mark.parametrize("query", HOSTILE)
def test_nothing_a_user_types_breaks_search_or_suggest(client, directory, query):
    assert client.get("/api/v1/search", query_string={"q": query}).status_code == 200
    assert client.get("/api/v1/suggest", query_string={"q": query}).status_code == 200


@pytest.mark.parametrize("url", ["/api/v1/search", "/api/v1/suggest"])
def test_over_long_input_is_a_422_naming_q(client, directory, url):
    response = client.get(url, query_string={"q": "x" * 5000})
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert response.get_json()["errors"][0]["field"] == "q"


@pytest.mark.parametrize("params, field", [({"kind": "planet"}, "kind"), ({"round": "first"}, "round"),
                                           ({"page_size": 500}, "page_size"), ({"lang": "fr"}, "lang")])
def test_bad_parameters_are_422(client, directory, params, field):
    response = client.get("/api/v1/search", query_string={"q": "carbon", **params})
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == field


def test_search_results_are_paginated_and_cacheable(client, directory):
    response = client.get("/api/v1/search?q=carbon&page_size=1")
    assert len(response.get_json()["hits"]) == 1
    assert '"next_page": 2' in response.headers["X-Pagination"]
    assert client.get("/api/v1/search?q=carbon&page_size=1",
                      headers={"If-None-Match": response.headers["ETag"]}).status_code == 304


def test_a_project_or_innovation_hit_says_where_its_facts_come_from(client, app_context):
    add("clusters", "its-owl")
    add("projects", "qubit-lab", cluster="its-owl", title=text("Quantenlabor", "Quantum lab"),
        source="https://www.its-owl.de/news/quantum", source_date="2014-03")
    add("organisations", "quantum-gmbh", name="Quantum GmbH")
    hits = {hit["slug"]: hit for hit in client.get("/api/v1/search", query_string={"q": "quantum"}).get_json()["hits"]}
    assert (hits["qubit-lab"]["source"], hits["qubit-lab"]["source_date"]) == ("https://www.its-owl.de/news/quantum",
                                                                                "2014-03")
    assert (hits["quantum-gmbh"]["source"], hits["quantum-gmbh"]["source_date"]) == (None, None)
