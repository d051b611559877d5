"""Language selection, field trimming and pagination, the same on every list."""

import pytest

from tests.builders import add, text


@pytest.fixture
def clusters(app_context):
    for number in range(1, 26):
        add("clusters", f"cluster-{number:02d}", short_name=f"C{number:02d}",
            name=text(f"Cluster Nummer {number}", f"Cluster number {number}"))


def test_both_languages_without_a_choice(client, clusters):
    cluster = client.get("/api/v1/clusters/cluster-01").get_json()
    assert cluster["name"] == {"de": "Cluster Nummer 1", "en": "Cluster number 1"}


@pytest.mark.parametrize("request_kwargs, expected", [
    ({"query_string": {"lang": "de"}}, "Cluster Nummer 1"),
    ({"query_string": {"lang": "en"}}, "Cluster number 1"),
    ({"headers": {"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"}}, "Cluster Nummer 1"),
    ({"headers": {"Accept-Language": "en-GB"}}, "Cluster number 1"),
    ({"headers": {"Accept-Language": "de"}, "query_string": {"lang": "en"}}, "Cluster number 1"),
])
def test_a_chosen_language_is_flattened(client, clusters, request_kwargs, expected):
    cluster = client.get("/api/v1/clusters/cluster-01", **request_kwargs).get_json()
    assert cluster["name"] == expected
    assert isinstance(cluster["description"], str)


def test_lang_all_keeps_both_despite_accept_language(client, clusters):
    cluster = client.get("/api/v1/clusters/cluster-01?lang=all", headers={"Accept-Language": "de"}).get_json()
    assert cluster["name"] == {"de": "Cluster Nummer 1", "en": "Cluster number 1"}


def test_an_unsupported_accept_language_gives_both(client, clusters):
    cluster = client.get("/api/v1/clusters/cluster-01", headers={"Accept-Language": "fr"}).get_json()
    assert set(cluster["name"]) == {"de", "en"}


def test_a_missing_text_falls_back_to_the_other_language(client, app_context, clusters):
    from showcase.extensions import db
    from showcase.models import Cluster

    cluster = db.session.query(Cluster).filter_by(slug="cluster-02").one()
    cluster.description_en = ""
    db.session.commit()
    assert client.get("/api/v1/clusters/cluster-02?lang=en").get_json()["description"] == "Ein Spitzencluster."


def test_an_unknown_language_is_a_422(client, clusters):
    response = client.get("/api/v1/clusters?lang=fr")
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "lang"


def test_fields_trims_every_item(client, clusters):
    items = client.get("/api/v1/clusters?fields=slug,short_name").get_json()
    assert all(set(item) == {"slug", "short_name"} for item in items)


def test_an_unknown_field_is_a_422(client, clusters):
    response = client.get("/api/v1/clusters?fields=slug,colour")
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "fields[1]"


def test_pages_default_to_20_with_pagination_and_link_headers(client, clusters):
    import json

    response = client.get("/api/v1/clusters?sort=slug")
    assert len(response.get_json()) == 20
    assert json.loads(response.headers["X-Pagination"]) == {
        "total": 25, "total_pages": 2, "first_page": 1, "last_page": 2, "page": 1, "next_page": 2}
    links = response.headers["Link"]
    assert '<http://localhost/api/v1/clusters?sort=slug&page=2&page_size=20>; rel="next"' in links
    assert 'rel="first"' in links and 'rel="last"' in links and 'rel="prev"' not in links


def test_the_last_page_holds_the_rest_and_links_back(client, clusters):
    response = client.get("/api/v1/clusters?sort=slug&page=3&page_size=10")
    assert [c["slug"] for c in response.get_json()] == [f"cluster-{n}" for n in range(21, 26)]
    assert 'page=2&page_size=10>; rel="prev"' in response.headers["Link"]
    assert 'rel="next"' not in response.headers["Link"]


def test_a_page_past_the_end_is_empty(client, clusters):
    response = client.get("/api/v1/clusters?page=9")
    assert response.status_code == 200
    assert response.get_json() == []


@pytest.mark.parametrize("query, field", [
    ("page=0", "page"), ("page=-1", "page"), ("page=x", "page"),
    ("page_size=0", "page_size"), ("page_size=101", "page_size"), ("page_size=ten", "page_size"),
])
def test_pagination_bounds_are_422(client, clusters, query, field):
    response = client.get(f"/api/v1/clusters?{query}")
    assert response.status_code == 422
    assert response.get_json()["errors"][0] == {"location": "query", "field": field,
                                                 "message": response.get_json()["errors"][0]["message"]}


def test_page_size_100_is_allowed(client, clusters):
    assert len(client.get("/api/v1/clusters?page_size=100").get_json()) == 25
