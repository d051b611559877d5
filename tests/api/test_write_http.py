"""HTTP rules of writes: JSON only, a size limit, not open cross-origin, no internals in errors."""

import pytest

from tests.builders import cluster_data
from tests.editing import bearer, etag_of, jsonable

ORIGIN = "https://www.its-owl.de"


@pytest.mark.parametrize("content_type, data", [
    ("application/x-www-form-urlencoded", "slug=x"),
    ("text/plain", '{"slug": "x"}'),
    ("multipart/form-data; boundary=x", "--x--"),
    (None, None),
])
def test_writes_take_json_only(client, directory, keys, content_type, data):
    headers = {**bearer(keys.editor), **({"Content-Type": content_type} if content_type else {})}
    response = client.post("/api/v1/clusters", data=data, headers=headers)
    assert response.status_code == 415
    assert response.content_type == "application/problem+json"
    url = "/api/v1/clusters/its-owl"
    response = client.patch(url, data=data, headers={**headers, "If-Match": etag_of(client, url)})
    assert response.status_code == 415


def test_a_merge_patch_media_type_is_json_too(client, directory, keys):
    url = "/api/v1/organisations/idle-org"
    response = client.patch(url, data='{"city": "Bonn"}', headers={
        **bearer(keys.editor), "Content-Type": "application/merge-patch+json", "If-Match": etag_of(client, url)})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["city"] == "Bonn"


def test_a_body_that_is_not_json_is_a_400_problem(client, directory, keys):
    response = client.post("/api/v1/clusters", data="{not json", content_type="application/json",
                           headers=bearer(keys.editor))
    assert response.status_code == 400
    assert response.content_type == "application/problem+json"


def test_a_body_over_the_limit_is_a_413_problem(app, client, directory, keys):
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    body = jsonable(cluster_data("big-cluster", description={"de": "x" * 6000, "en": "y" * 6000}))
    response = client.post("/api/v1/clusters", json=body, headers=bearer(keys.editor))
    assert response.status_code == 413
    assert response.content_type == "application/problem+json"
    assert client.get("/api/v1/clusters/big-cluster").status_code == 404


def test_the_default_body_limit_allows_a_large_import_but_not_more(app):
    assert app.config["MAX_CONTENT_LENGTH"] == 5 * 1024 * 1024


def test_reads_are_open_cross_origin_with_a_preflight(client, directory):
    response = client.options("/api/v1/projects", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "If-None-Match"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response.headers["Access-Control-Allow-Methods"]
    assert "if-none-match" in response.headers["Access-Control-Allow-Headers"].lower()
    assert "Access-Control-Allow-Credentials" not in response.headers
    search = client.get("/api/v1/search?q=owl", headers={"Origin": ORIGIN})
    assert search.headers["Access-Control-Allow-Origin"] == "*"
    assert {"X-Pagination", "ETag", "Link"} <= {
        h.strip() for h in search.headers["Access-Control-Expose-Headers"].split(",")}


def test_a_preflight_allows_a_kiosk_token_on_searches_and_reads(client, directory):
    for path in ("/api/v1/search?q=owl", "/api/v1/suggest?q=ow", "/api/v1/kiosks/eingang"):
        response = client.options(path, headers={
            "Origin": ORIGIN, "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "X-Kiosk-Token, Accept-Language"})
        assert response.status_code == 200
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        allowed = {h.strip().lower() for h in response.headers["Access-Control-Allow-Headers"].split(",")}
        assert {"x-kiosk-token", "accept-language"} <= allowed


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_a_preflight_for_a_write_is_refused(client, directory, method):
    response = client.options("/api/v1/clusters/its-owl", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "Authorization, Content-Type, If-Match"})
    allowed_methods = {m.strip() for m in response.headers.get("Access-Control-Allow-Methods", "").split(",")}
    allowed_headers = response.headers.get("Access-Control-Allow-Headers", "").lower()
    assert method not in allowed_methods
    assert "authorization" not in allowed_headers and "if-match" not in allowed_headers


def test_answers_to_writes_carry_no_cors_headers(client, directory, keys):
    response = client.post("/api/v1/clusters", json=jsonable(cluster_data("m4", states=["Bayern"])),
                           headers={**bearer(keys.editor), "Origin": ORIGIN})
    assert response.status_code == 201
    assert not [name for name in response.headers.keys() if name.lower().startswith("access-control-")]
    refused = client.delete("/api/v1/clusters/m4", headers={"Origin": ORIGIN})
    assert refused.status_code == 401
    assert "Access-Control-Allow-Origin" not in refused.headers


def test_configured_origins_only(app_config, tmp_path):
    from showcase import create_app

    app_config["SHOWCASE_CORS_ORIGINS"] = "https://kiosk.example, https://www.its-owl.de"
    client = create_app(app_config).test_client()
    assert client.get("/health", headers={"Origin": ORIGIN}).headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "Access-Control-Allow-Origin" not in client.get("/health", headers={"Origin": "https://evil.example"}).headers


def test_answers_to_writes_carry_the_security_headers(client, directory, keys):
    for response in (client.post("/api/v1/clusters", json={}, headers=bearer(keys.editor)),
                     client.post("/api/v1/clusters", json={})):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response.headers["Cache-Control"] == "no-store"


def test_the_docs_page_has_a_content_security_policy(client):
    response = client.get("/api/v1/docs")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert "frame-ancestors" in response.headers["Content-Security-Policy"]


def test_a_constraint_race_is_a_409_without_sql(app, client, directory, keys, monkeypatch):
    from showcase.services import records

    # Pretend the slug check saw the slug free, as when two editors create it at the same moment.
    monkeypatch.setattr(records, "find", lambda model, key, value: None)
    response = client.post("/api/v1/organisations", json={"slug": "idle-org", "name": "Idle", "type": "sme",
                                                          "city": "Bonn", "clusters": []}, headers=bearer(keys.editor))
    assert response.status_code == 409
    text = response.get_data(as_text=True)
    assert "INSERT" not in text and "UNIQUE" not in text.upper() and "Traceback" not in text
