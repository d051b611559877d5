"""HTTP behaviour every read shares: ETags, caching, CORS, errors, health and docs."""

import pytest

from tests.builders import add


@pytest.fixture
def cluster(app_context):
    add("clusters", "its-owl")


READS = ["/api/v1/clusters", "/api/v1/clusters/its-owl", "/api/v1/clusters/its-owl/projects",
         "/api/v1/clusters/its-owl/innovations", "/api/v1/projects", "/api/v1/innovations",
         "/api/v1/organisations", "/api/v1/stands", "/api/v1/floor-plan", "/api/v1/programme",
         "/api/v1/programme.ics"]


@pytest.mark.parametrize("url", READS)
def test_every_read_has_an_etag_and_answers_304_when_unchanged(client, cluster, url):
    first = client.get(url)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    assert "max-age=60" in again.headers["Cache-Control"]


def test_the_etag_changes_with_the_data_and_the_language(client, cluster):
    before = client.get("/api/v1/clusters/its-owl").headers["ETag"]
    german = client.get("/api/v1/clusters/its-owl?lang=de").headers["ETag"]
    add("projects", "owl-drives", cluster="its-owl")
    add("stands", "A01", cluster="its-owl")
    after = client.get("/api/v1/clusters/its-owl").headers["ETag"]
    assert len({before, german, after}) == 3
    assert client.get("/api/v1/clusters/its-owl", headers={"If-None-Match": before}).status_code == 200


def test_reads_are_cacheable_and_vary_by_language(client, cluster):
    response = client.get("/api/v1/clusters")
    assert response.headers["Cache-Control"] == (
        "public, max-age=60, stale-while-revalidate=600, stale-if-error=86400")
    assert "Accept-Language" in response.headers["Vary"]


def test_reads_are_open_cross_origin_and_expose_paging_headers(client, cluster):
    response = client.get("/api/v1/clusters", headers={"Origin": "https://www.its-owl.de"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    exposed = {h.strip() for h in response.headers["Access-Control-Expose-Headers"].split(",")}
    assert {"X-Pagination", "Link", "ETag"} <= exposed
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_security_headers(client, cluster):
    response = client.get("/api/v1/clusters")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_an_unknown_route_is_a_404_problem(client, cluster):
    response = client.get("/api/v1/nothing")
    assert response.status_code == 404
    body = response.get_json()
    assert response.content_type == "application/problem+json"
    assert body["status"] == 404 and body["title"] == "Not Found" and body["instance"] == "/api/v1/nothing"


def test_a_wrong_method_is_a_405_problem_with_allow(client, cluster):
    response = client.delete("/api/v1/programme.ics")
    assert response.status_code == 405
    assert response.content_type == "application/problem+json"
    assert "GET" in response.headers["Allow"]


def test_an_unexpected_error_is_a_500_problem_without_a_traceback(app, client, cluster):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret table users_passwords")

    app.testing = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/boom")
    assert response.status_code == 500
    assert response.content_type == "application/problem+json"
    text = response.get_data(as_text=True)
    assert "secret" not in text and "Traceback" not in text and "RuntimeError" not in text


def test_health_reports_the_database(client, cluster):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json()["database"] == "ok"
    assert response.headers["Cache-Control"] == "no-store"


def test_health_is_503_when_the_database_is_unreachable(tmp_path, app_config):
    from showcase import create_app

    app_config["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"
    response = create_app(app_config).test_client().get("/health")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "database": "unreachable",
                                   "search_index": response.get_json()["search_index"]}


def test_openapi_documents_every_read(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    for path in ("/api/v1/clusters", "/api/v1/clusters/{slug}", "/api/v1/clusters/{slug}/projects",
                 "/api/v1/clusters/{slug}/innovations", "/api/v1/projects", "/api/v1/projects/{slug}",
                 "/api/v1/innovations", "/api/v1/innovations/{slug}", "/api/v1/organisations",
                 "/api/v1/organisations/{slug}", "/api/v1/stands", "/api/v1/programme", "/api/v1/programme.ics"):
        assert "get" in spec["paths"][path], path
    assert spec["paths"]["/api/v1/clusters"]["get"]["summary"] == "List clusters"


def test_the_docs_page_loads_its_assets_from_this_server(client):
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert 'src="/api/v1/docs/assets/swagger-ui-bundle.js"' in page
    assert "http" not in page.split("<body>")[0].replace('href="/api', "")
    asset = client.get("/api/v1/docs/assets/swagger-ui-bundle.js")
    assert asset.status_code == 200 and len(asset.data) > 100_000


def test_behind_a_trusted_proxy_the_client_address_comes_from_x_forwarded_for(app_config):
    from flask import request

    from showcase import create_app

    app_config["SHOWCASE_TRUSTED_PROXIES"] = 1
    app = create_app(app_config)

    @app.get("/whoami")
    def whoami():
        return {"address": request.remote_addr, "scheme": request.scheme}

    response = app.test_client().get("/whoami", headers={"X-Forwarded-For": "203.0.113.7",
                                                         "X-Forwarded-Proto": "https"})
    assert response.get_json() == {"address": "203.0.113.7", "scheme": "https"}
