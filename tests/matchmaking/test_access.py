"""Who may do what: participant tokens, cluster keys, editors' and admins' keys, none or unknown."""

import pytest

from tests.matchmaking.conftest import bearer, register

UNKNOWN_TOKEN = "mm_" + "x" * 43
UNKNOWN_KEY = "sc_" + "x" * 43


@pytest.fixture
def world(client, secrets):
    """Erika asked it's OWL, Max asked MAI Carbon; every kind of secret."""
    erika, max_ = register(client), register(client)
    owl = client.post("/api/v1/matchmaking/requests", headers=bearer(erika["token"]),
                      json={"cluster": "its-owl", "message": "Hallo"}).get_json()["id"]
    carbon = client.post("/api/v1/matchmaking/requests", headers=bearer(max_["token"]),
                         json={"cluster": "mai-carbon", "message": "Hello"}).get_json()["id"]
    return {"participant": erika["token"], "other_participant": max_["token"], "cluster": secrets.owl,
            "other_cluster": secrets.carbon, "editor": secrets.editor, "admin": secrets.admin,
            "none": None, "unknown_token": UNKNOWN_TOKEN, "unknown_key": UNKNOWN_KEY,
            "garbage": "Basic dXNlcjpwYXNz", "owl_request": owl, "carbon_request": carbon}


def call(client, world, who, method, url, body=None):
    secret = world[who]
    headers = {"Authorization": secret} if who == "garbage" else bearer(secret)
    return client.open(url.format(**world), method=method, headers=headers, json=body)


ANSWER = {"status": "declined"}
# (method, url, body) -> expected status for each kind of secret.
MATRIX = [
    (("GET", "/api/v1/matchmaking/participants/me", None),
     {"participant": 200, "cluster": 403, "editor": 403, "admin": 403, "none": 401, "unknown_token": 401,
      "unknown_key": 401, "garbage": 401}),
    (("PATCH", "/api/v1/matchmaking/participants/me", {"name": "Neu"}),
     {"participant": 200, "cluster": 403, "editor": 403, "admin": 403, "none": 401, "unknown_token": 401}),
    (("GET", "/api/v1/matchmaking/requests", None),
     {"participant": 200, "cluster": 403, "editor": 403, "admin": 403, "none": 401, "unknown_token": 401}),
    (("POST", "/api/v1/matchmaking/requests", {"cluster": "mai-carbon", "message": "Hi"}),
     {"participant": 201, "cluster": 403, "editor": 403, "admin": 403, "none": 401, "unknown_token": 401}),
    (("GET", "/api/v1/matchmaking/requests/{owl_request}", None),
     {"participant": 200, "other_participant": 404, "cluster": 403, "none": 401, "unknown_token": 401}),
    (("DELETE", "/api/v1/matchmaking/requests/{carbon_request}", None),
     {"participant": 404, "other_participant": 200, "cluster": 403, "editor": 403, "none": 401}),
    (("GET", "/api/v1/matchmaking/clusters/its-owl/requests", None),
     {"cluster": 200, "other_cluster": 404, "participant": 401, "editor": 403, "admin": 403, "none": 401,
      "unknown_key": 401, "unknown_token": 401, "garbage": 401}),
    (("GET", "/api/v1/matchmaking/clusters/its-owl/requests/{owl_request}", None),
     {"cluster": 200, "other_cluster": 404, "participant": 401, "editor": 403, "admin": 403, "none": 401}),
    (("GET", "/api/v1/matchmaking/clusters/its-owl/requests/{carbon_request}", None),
     {"cluster": 404, "other_cluster": 404}),
    (("GET", "/api/v1/matchmaking/clusters/no-such-cluster/requests", None),
     {"cluster": 404, "editor": 403, "none": 401}),
    (("PATCH", "/api/v1/matchmaking/clusters/its-owl/requests/{owl_request}", ANSWER),
     {"cluster": 200, "other_cluster": 404, "participant": 401, "editor": 403, "admin": 403, "none": 401,
      "unknown_key": 401}),
    (("PATCH", "/api/v1/matchmaking/clusters/mai-carbon/requests/{carbon_request}", ANSWER),
     {"other_cluster": 200, "cluster": 404}),
    (("GET", "/api/v1/matchmaking/counts", None),
     {"editor": 200, "admin": 200, "cluster": 403, "participant": 401, "none": 401, "unknown_key": 401}),
    (("DELETE", "/api/v1/matchmaking/participants/me", None),
     {"cluster": 403, "editor": 403, "admin": 403, "none": 401, "unknown_token": 401, "participant": 204}),
]


@pytest.mark.parametrize("call_, expected", MATRIX, ids=[f"{m} {u}" for (m, u, _), _ in MATRIX])
def test_authorisation_matrix(client, world, call_, expected):
    method, url, body = call_
    for who, status in expected.items():
        response = call(client, world, who, method, url, body)
        assert response.status_code == status, (who, response.get_json())
        if status >= 400:
            assert response.content_type == "application/problem+json"
        if status == 401:
            assert response.headers["WWW-Authenticate"] == 'Bearer realm="showcase"'


def test_cluster_keys_write_nothing_in_the_directory(client, world):
    for method, url in (("POST", "/api/v1/clusters"), ("DELETE", "/api/v1/clusters/its-owl"),
                        ("GET", "/api/v1/audit")):
        assert call(client, world, "cluster", method, url, {}).status_code == 403


def test_a_token_in_the_query_string_is_not_accepted(client, world):
    response = client.get(f"/api/v1/matchmaking/participants/me?token={world['participant']}")
    assert response.status_code == 401
