"""The OpenAPI description says what the API answers: regressions of what schemathesis found."""

import json

import pytest

from tests.builders import add


@pytest.fixture
def spec(client):
    return client.get("/api/v1/openapi.json").get_json()


@pytest.fixture
def cluster(app_context):
    add("clusters", "its-owl")
    add("programme", "day1-opening")


def test_every_error_is_documented_as_problem_json(spec):
    for name, response in spec["components"]["responses"].items():
        for media_type in response.get("content", {}):
            assert media_type == "application/problem+json", name
    assert spec["components"]["schemas"]["ProblemField"]["properties"].keys() >= {"field", "file", "row", "path"}


def test_every_write_is_documented(spec):
    for collection, item in (("clusters", "slug"), ("projects", "slug"), ("innovations", "slug"),
                             ("organisations", "slug"), ("stands", "number"), ("programme", "slug")):
        assert "post" in spec["paths"][f"/api/v1/{collection}"]
        assert {"get", "put", "patch", "delete"} <= spec["paths"][f"/api/v1/{collection}/{{{item}}}"].keys()
    assert "post" in spec["paths"]["/api/v1/import"]
    body = spec["paths"]["/api/v1/import"]["post"]["requestBody"]["content"]
    assert body.keys() == {"application/json", "multipart/form-data"}


def test_request_bodies_require_what_answers_may_leave_out(spec):
    schemas = spec["components"]["schemas"]
    assert "required" not in schemas["Project"]  # fields= may trim an answer
    assert set(schemas["ProjectInput"]["required"]) == {"slug", "cluster", "title", "summary", "source", "source_date"}
    assert "required" not in schemas["ProjectPatch"]
    post = spec["paths"]["/api/v1/projects"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ProjectInput"}
    patch = spec["paths"]["/api/v1/projects/{slug}"]["patch"]["requestBody"]["content"]
    assert set(patch) == {"application/json", "application/merge-patch+json"}


def test_bilingual_texts_and_references_have_both_shapes(spec, client, cluster):
    title = spec["components"]["schemas"]["ProgrammeSession"]["properties"]["title"]
    assert [choice["type"] for choice in title["oneOf"]] == ["object", "string"]
    assert client.get("/api/v1/programme/day1-opening?lang=de").get_json()["title"] == "Eröffnung"
    cluster_ref = spec["components"]["schemas"]["Project"]["properties"]["cluster"]
    assert cluster_ref["oneOf"][0]["type"] == "string"
    assert cluster_ref["oneOf"][1] == {"$ref": "#/components/schemas/ClusterSummary"}


def test_local_times_are_not_documented_as_offset_date_times(spec, client, cluster):
    starts_at = spec["components"]["schemas"]["ProgrammeSession"]["properties"]["starts_at"]
    assert "format" not in starts_at
    assert client.get("/api/v1/programme/day1-opening").get_json()["starts_at"] == "2015-06-30T10:00:00"


def test_x_pagination_is_documented_as_json_text(spec, client, cluster):
    assert "content" in spec["components"]["headers"]["PAGINATION"]
    assert json.loads(client.get("/api/v1/clusters").headers["X-Pagination"])["total"] == 1


@pytest.mark.parametrize("url", ["/api/v1/clusters/its-owl", "/api/v1/clusters", "/api/v1/suggest?q=o"])
def test_if_none_match_star_is_a_304_not_a_500(client, cluster, url):
    etag = client.get(url).headers["ETag"]
    response = client.get(url, headers={"If-None-Match": "*"})
    assert response.status_code == 304
    assert response.headers["ETag"] == etag
    assert client.get(url, headers={"If-None-Match": f"W/{etag}"}).status_code == 304


@pytest.mark.parametrize("query, field", [
    ("page=99999999999999999999", "page"),
    ("page=1000001", "page"),
    ("round=99999999999999999999", "round"),
    ("year=-99999999999999999999", "year"),
])
def test_numbers_too_large_for_the_database_are_a_422(client, cluster, query, field):
    response = client.get(f"/api/v1/clusters?{query}")
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert [error["field"] for error in response.get_json()["errors"]] == [field]


def test_a_far_page_is_empty(client, cluster):
    response = client.get("/api/v1/clusters?page=1000000&page_size=100")
    assert response.status_code == 200 and response.get_json() == []


def test_writes_document_their_401_and_412(spec):
    delete = spec["paths"]["/api/v1/clusters/{slug}"]["delete"]
    assert {"204", "401", "403", "409", "412", "428"} <= delete["responses"].keys()
    assert {"name": "cascade", "in": "query"}.items() <= next(
        p for p in delete["parameters"] if p.get("name") == "cascade").items()
