"""Rate limits per client address: separate budgets for search, reads and writes; memory or Redis."""

import os
import uuid

import pytest
import redis

from showcase import create_app
from showcase.config import load_config
from tests.builders import add

REDIS_URL = os.environ.get("SHOWCASE_TEST_REDIS_URL")
# Redis is tested whenever CI or a developer names one; an unreachable one then fails the tests.
STORAGES = ["memory", "redis"] if REDIS_URL else ["memory"]


@pytest.fixture(params=STORAGES)
def storage(request):
    if request.param == "memory":
        yield "memory://", None
        return
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    client.ping()
    prefix = f"showcase-test-{uuid.uuid4().hex[:8]}"
    yield REDIS_URL, (client, prefix)
    for key in client.scan_iter(f"*{prefix}*"):
        client.delete(key)


@pytest.fixture
def app_config(app_config, storage):
    url, redis_state = storage
    app_config.update({
        "SHOWCASE_RATELIMIT_ENABLED": True,
        "SHOWCASE_RATELIMIT_STORAGE_URL": url,
        "SHOWCASE_RATELIMIT_READ": "3 per minute",
        "SHOWCASE_RATELIMIT_SEARCH": "2 per minute",
        "SHOWCASE_RATELIMIT_WRITE": "2 per minute",
    })
    if redis_state:
        app_config["RATELIMIT_KEY_PREFIX"] = redis_state[1]
    return app_config


@pytest.fixture
def cluster(app_context):
    add("clusters", "its-owl")


def test_reads_share_one_budget_and_the_next_is_a_429_problem(client, cluster):
    for url in ("/api/v1/clusters", "/api/v1/clusters/its-owl", "/api/v1/programme"):
        assert client.get(url).status_code == 200
    response = client.get("/api/v1/projects")
    assert response.status_code == 429
    assert response.content_type == "application/problem+json"
    body = response.get_json()
    assert body["status"] == 429 and body["title"] == "Too Many Requests"
    assert body["detail"] == "Too many requests from your address: at most 3 per minute. Wait for the time Retry-After gives."
    assert 0 < int(response.headers["Retry-After"]) <= 60
    assert response.headers["X-RateLimit-Limit"] == "3" and response.headers["X-RateLimit-Remaining"] == "0"
    assert response.headers["Cache-Control"] == "no-store"


def test_search_reads_and_writes_have_budgets_of_their_own(client, cluster):
    for _ in range(3):
        assert client.get("/api/v1/clusters").status_code == 200
    assert client.get("/api/v1/clusters").status_code == 429
    assert client.get("/api/v1/search?q=owl").status_code == 200
    assert client.get("/api/v1/suggest?q=ow").status_code == 200
    assert client.get("/api/v1/search?q=owl").status_code == 429
    assert client.post("/api/v1/clusters", json={}).status_code == 401
    assert client.delete("/api/v1/clusters/its-owl").status_code == 401
    assert client.post("/api/v1/import", json={}).status_code == 429


def test_each_client_address_has_its_own_budget(client, cluster):
    for _ in range(3):
        client.get("/api/v1/clusters")
    assert client.get("/api/v1/clusters").status_code == 429
    other = {"REMOTE_ADDR": "192.0.2.7"}
    assert client.get("/api/v1/clusters", environ_base=other).status_code == 200


def test_preflights_health_and_docs_are_not_limited(client, cluster):
    for _ in range(5):
        assert client.get("/health").status_code == 200
        assert client.options("/api/v1/clusters", headers={
            "Origin": "https://x.example", "Access-Control-Request-Method": "GET"}).status_code == 200
        assert client.get("/api/v1/openapi.json").status_code == 200
    assert client.get("/api/v1/clusters").status_code == 200


def test_limits_come_from_the_settings(app_config, cluster):
    app_config["SHOWCASE_RATELIMIT_READ"] = "5 per minute"
    client = create_app(app_config).test_client()
    assert [client.get("/api/v1/clusters").status_code for _ in range(6)] == [200] * 5 + [429]


def test_workers_share_their_counts_only_through_redis(app_config, storage, cluster):
    redis_state = storage[1]
    first = create_app(app_config).test_client()
    for _ in range(3):
        assert first.get("/api/v1/clusters").status_code == 200
    # Another worker: another app with its own limiter, on the same storage settings.
    second = create_app(app_config).test_client()
    if redis_state is None:
        assert second.get("/api/v1/clusters").status_code == 200
    else:
        redis_client, prefix = redis_state
        assert list(redis_client.scan_iter(f"*{prefix}*")), "the counts are not in Redis"
        assert second.get("/api/v1/clusters").status_code == 429


def test_rate_limits_are_on_by_default_in_memory(tmp_path, monkeypatch):
    for name in ("RATELIMIT_ENABLED", "RATELIMIT_STORAGE_URL", "RATELIMIT_READ", "RATELIMIT_SEARCH", "RATELIMIT_WRITE"):
        monkeypatch.delenv(f"SHOWCASE_{name}", raising=False)
    config = load_config(str(tmp_path))
    assert config["SHOWCASE_RATELIMIT_ENABLED"] is True
    assert config["SHOWCASE_RATELIMIT_STORAGE_URL"] == "memory://"
    assert (config["SHOWCASE_RATELIMIT_READ"], config["SHOWCASE_RATELIMIT_SEARCH"],
            config["SHOWCASE_RATELIMIT_WRITE"]) == ("600 per minute", "300 per minute", "120 per minute")
    monkeypatch.setenv("SHOWCASE_RATELIMIT_ENABLED", "false")
    monkeypatch.setenv("SHOWCASE_RATELIMIT_STORAGE_URL", "redis://127.0.0.1:6379/1")
    config = load_config(str(tmp_path))
    assert config["SHOWCASE_RATELIMIT_ENABLED"] is False
    assert config["SHOWCASE_RATELIMIT_STORAGE_URL"] == "redis://127.0.0.1:6379/1"
