"""GET /api/v1/clusters and the records under a cluster."""

import pytest

from tests.builders import add, text


@pytest.fixture
def three_clusters(app_context):
    add("clusters", "its-owl", short_name="it's OWL", round=3, year=2012, states=["Nordrhein-Westfalen"],
        seat={"city": "Paderborn", "lat": 51.7, "lon": 8.7})
    add("clusters", "m4", short_name="m4", round=2, year=2010, states=["Bayern"],
        field=text("Personalisierte Medizin", "Personalised medicine"),
        seat={"city": "Martinsried", "lat": 48.1, "lon": 11.4})
    add("clusters", "biorn", short_name="BioRN", round=1, year=2008,
        states=["Baden-Württemberg", "Rheinland-Pfalz", "Hessen"],
        field=text("Biotechnologie", "Biotechnology"), seat={"city": "Heidelberg", "lat": 49.4, "lon": 8.7})


def slugs(response):
    return [item["slug"] for item in response.get_json()]


def test_lists_clusters_sorted_by_name(client, three_clusters):
    response = client.get("/api/v1/clusters")
    assert response.status_code == 200
    assert slugs(response) == ["biorn", "its-owl", "m4"]


def test_a_cluster_carries_its_facts_in_both_languages(client, three_clusters):
    cluster = client.get("/api/v1/clusters/m4").get_json()
    assert cluster["round"] == 2 and cluster["year"] == 2010
    assert cluster["field"] == {"de": "Personalisierte Medizin", "en": "Personalised medicine"}
    assert cluster["states"] == ["Bayern"]
    assert cluster["seat"] == {"city": "Martinsried", "lat": 48.1, "lon": 11.4}


@pytest.mark.parametrize("query, expected", [
    ("round=2", ["m4"]),
    ("round=9", []),
    ("year=2008", ["biorn"]),
    ("state=Hessen", ["biorn"]),
    ("state=hessen", ["biorn"]),
    ("state=Atlantis", []),
    ("field=medizin", ["m4"]),
    ("field=BIOTECH", ["biorn"]),
    ("field=quantum", []),
])
def test_filters_clusters(client, three_clusters, query, expected):
    assert slugs(client.get(f"/api/v1/clusters?{query}")) == expected


@pytest.mark.parametrize("query, field", [("round=two", "round"), ("year=20x", "year"), ("sort=height", "sort[0]")])
def test_a_malformed_filter_is_a_422_naming_the_field(client, three_clusters, query, field):
    response = client.get(f"/api/v1/clusters?{query}")
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert field in [error["field"] for error in response.get_json()["errors"]]


@pytest.mark.parametrize("sort, expected", [
    ("-round", ["its-owl", "m4", "biorn"]),
    ("year", ["biorn", "m4", "its-owl"]),
    ("city", ["biorn", "m4", "its-owl"]),
    ("-name", ["m4", "its-owl", "biorn"]),
    ("slug", ["biorn", "its-owl", "m4"]),
])
def test_sorts_clusters(client, three_clusters, sort, expected):
    assert slugs(client.get(f"/api/v1/clusters?sort={sort}")) == expected


def test_unknown_cluster_is_a_404_problem(client, three_clusters):
    response = client.get("/api/v1/clusters/atlantis")
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    assert response.get_json()["detail"] == "There is no cluster 'atlantis'."


def test_lists_a_clusters_projects_and_innovations(client, three_clusters):
    add("projects", "owl-drives", cluster="its-owl")
    add("projects", "m4-biomarkers", cluster="m4")
    add("innovations", "owl-gripper", cluster="its-owl", project="owl-drives")
    assert slugs(client.get("/api/v1/clusters/its-owl/projects")) == ["owl-drives"]
    assert slugs(client.get("/api/v1/clusters/its-owl/innovations")) == ["owl-gripper"]
    assert slugs(client.get("/api/v1/clusters/m4/innovations")) == []
    assert client.get("/api/v1/clusters/atlantis/projects").status_code == 404
    assert client.get("/api/v1/clusters/atlantis/innovations").status_code == 404


def test_expand_inlines_the_stand_and_member_organisations(client, three_clusters):
    add("stands", "A01", cluster="m4")
    add("organisations", "lmu-muenchen", clusters=["m4"])
    plain = client.get("/api/v1/clusters/m4").get_json()
    assert plain["stand"] == "A01"
    assert "organisations" not in plain
    expanded = client.get("/api/v1/clusters/m4?expand=stand,organisations").get_json()
    assert expanded["stand"]["number"] == "A01"
    assert expanded["stand"]["width"] == 6.0
    assert [o["slug"] for o in expanded["organisations"]] == ["lmu-muenchen"]


def test_expand_of_an_unknown_link_is_a_422(client, three_clusters):
    response = client.get("/api/v1/clusters?expand=projects")
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "expand[0]"
