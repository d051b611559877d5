"""Registration is rate limited per client address and per email address, in memory or in Redis."""

import os
import uuid

import pytest
import redis

from tests.matchmaking.conftest import registration

REDIS_URL = os.environ.get("SHOWCASE_TEST_REDIS_URL")
STORAGES = ["memory", "redis"] if REDIS_URL else ["memory"]
PARTICIPANTS = "/api/v1/matchmaking/participants"


@pytest.fixture(params=STORAGES)
def app_config(request, app_config):
    app_config.update({
        "SHOWCASE_RATELIMIT_ENABLED": True,
        "SHOWCASE_MATCHMAKING_RATELIMIT_ADDRESS": "4 per hour",
        "SHOWCASE_MATCHMAKING_RATELIMIT_EMAIL": "2 per day",
    })
    if request.param == "redis":
        prefix = f"showcase-test-{uuid.uuid4().hex[:8]}"
        app_config.update({"SHOWCASE_RATELIMIT_STORAGE_URL": REDIS_URL, "RATELIMIT_KEY_PREFIX": prefix})
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        client.ping()
        yield app_config
        keys = list(client.scan_iter(f"*{prefix}*"))
        # The email is counted under its hash: no address is ever a key in the storage.
        assert keys and not any(b"example" in key for key in keys)
        for key in keys:
            client.delete(key)
        return
    yield app_config


def post(client, address="10.0.0.1", **overrides):
    return client.post(PARTICIPANTS, json=registration(**overrides), environ_base={"REMOTE_ADDR": address})


def test_one_address_may_register_a_few_times_then_gets_a_429(client, directory):
    for _ in range(3):
        response = post(client)
        assert response.status_code == 201, response.get_json()
    # Invalid attempts count too.
    assert post(client, consent=False).status_code == 422
    refused = post(client)
    assert refused.status_code == 429
    assert refused.content_type == "application/problem+json"
    assert refused.get_json()["detail"].startswith("Too many registrations from your address: at most 4 per hour.")
    assert 0 < int(refused.headers["Retry-After"]) <= 3600
    assert post(client, address="10.0.0.2").status_code == 201


def test_one_email_address_may_register_a_few_times_from_anywhere(client, directory):
    assert post(client, address="10.0.1.1", email="viel@example.org").status_code == 201
    assert post(client, address="10.0.1.2", email=" VIEL@example.org").status_code == 201
    refused = post(client, address="10.0.1.3", email="viel@example.org")
    assert refused.status_code == 429
    assert refused.get_json()["detail"].startswith("Too many registrations with this email address")
    assert "viel@" not in refused.get_data(as_text=True)
    assert post(client, address="10.0.1.4", email="anders@example.org").status_code == 201
