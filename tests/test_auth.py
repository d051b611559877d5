"""API keys: created with a command and shown once, stored as a hash, compared in constant time."""

import hashlib

from sqlalchemy import select

from showcase import auth
from showcase.extensions import db
from showcase.models import ApiKey
from tests.editing import bearer, keys  # noqa: F401 (keys is a fixture)


def create(runner, *args):
    result = runner.invoke(args=["create-key", *args])
    return result, result.stdout.strip()


def test_create_key_prints_the_key_once_and_stores_only_its_hash(app, runner):
    result, key = create(runner, "--role", "editor", "--name", "Pressestelle")
    assert result.exit_code == 0, result.output
    assert key.startswith("sc_") and len(key) >= 40
    with app.app_context():
        stored = db.session.scalar(select(ApiKey))
        assert stored.name == "Pressestelle" and stored.role == "editor" and stored.revoked_at is None
        assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
        assert stored.prefix == key[:11]
        row = [str(value) for value in db.session.execute(select(ApiKey.__table__)).one()]
    assert not any(key in value for value in row)


def test_keys_are_random(app, runner):
    assert create(runner, "--role", "editor", "--name", "a")[1] != create(runner, "--role", "editor", "--name", "b")[1]


def test_create_key_refuses_a_taken_name_and_an_unknown_role(runner):
    assert create(runner, "--role", "admin", "--name", "Admin")[0].exit_code == 0
    taken = runner.invoke(args=["create-key", "--role", "editor", "--name", "Admin"])
    assert taken.exit_code == 1 and "named 'Admin' already" in taken.output
    assert runner.invoke(args=["create-key", "--role", "superuser", "--name", "x"]).exit_code == 2
    # A cluster key needs its cluster (tests/matchmaking covers --cluster).
    assert runner.invoke(args=["create-key", "--role", "cluster", "--name", "x"]).exit_code == 1


def test_list_keys_shows_names_roles_and_prefixes_but_no_key(runner):
    _, key = create(runner, "--role", "editor", "--name", "Redaktion")
    create(runner, "--role", "admin", "--name", "Admin")
    runner.invoke(args=["revoke-key", "Admin"])
    listing = runner.invoke(args=["list-keys"]).output
    assert "Redaktion" in listing and "editor" in listing and key[:11] in listing
    assert key not in listing
    admin_line = next(line for line in listing.splitlines() if line.startswith("Admin"))
    assert admin_line.rstrip().endswith(tuple("0123456789"))  # the revocation time


def test_list_keys_names_a_cluster_keys_cluster(app, runner):
    from tests.builders import add

    with app.app_context():
        add("clusters", "its-owl")
    create(runner, "--role", "cluster", "--cluster", "its-owl", "--name", "OWL contact")
    create(runner, "--role", "editor", "--name", "Redaktion")
    lines = runner.invoke(args=["list-keys"]).output.splitlines()
    assert next(line for line in lines if line.startswith("OWL contact")).split()[3] == "its-owl"
    assert next(line for line in lines if line.startswith("Redaktion")).split()[2] == "-"


def test_a_revoked_key_stops_working_at_once(app, runner, client):
    _, key = create(runner, "--role", "admin", "--name", "Admin")
    assert client.get("/api/v1/audit", headers=bearer(key)).status_code == 200
    result = runner.invoke(args=["revoke-key", "Admin"])
    assert result.exit_code == 0 and "Revoked 'Admin'" in result.output
    assert client.get("/api/v1/audit", headers=bearer(key)).status_code == 401
    assert runner.invoke(args=["revoke-key", "Nobody"]).exit_code == 1


def test_keys_are_compared_as_hashes_in_constant_time(app, keys, monkeypatch):
    compared = []
    real = auth.hmac.compare_digest
    monkeypatch.setattr(auth.hmac, "compare_digest", lambda a, b: compared.append((a, b)) or real(a, b))
    with app.test_request_context():
        assert auth.find_key(keys.editor).name == "Redaktion"
        assert compared == [(auth.hash_key(keys.editor), auth.hash_key(keys.editor))]
        assert auth.find_key(keys.editor[:-2] + ("yy" if keys.editor.endswith("xx") else "xx")) is None
        assert auth.find_key(keys.revoked) is None
        assert auth.find_key("not-a-key") is None


def test_the_scheme_is_case_insensitive_and_other_schemes_are_ignored(client, keys):
    assert client.get("/api/v1/audit", headers={"Authorization": f"bearer {keys.admin}"}).status_code == 200
    assert client.get("/api/v1/audit", headers={"Authorization": f"Token {keys.admin}"}).status_code == 401
    assert client.get("/api/v1/audit", headers={"Authorization": keys.admin}).status_code == 401


def test_a_missing_key_is_401_before_anything_else_is_checked(client, keys):
    # No If-Match, no JSON: the key is what is missing first.
    response = client.delete("/api/v1/clusters/nothing")
    assert response.status_code == 401
    response = client.put("/api/v1/clusters/nothing", data="x", content_type="text/plain")
    assert response.status_code == 401
    response = client.put("/api/v1/clusters/nothing", data="x", content_type="text/plain", headers=bearer(keys.editor))
    assert response.status_code == 415


def test_writes_are_documented_as_needing_a_key(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["components"]["securitySchemes"]["apiKey"] == {
        "type": "http", "scheme": "bearer",
        "description": "An editor's or administrator's API key: `Authorization: Bearer <key>`."}
    operation = spec["paths"]["/api/v1/projects/{slug}"]["put"]
    assert operation["security"] == [{"apiKey": []}]
    assert {"401", "403", "412", "428", "415", "422"} <= set(operation["responses"])
    assert "security" not in spec["paths"]["/api/v1/projects/{slug}"]["get"]
    assert spec["paths"]["/api/v1/audit"]["get"]["security"] == [{"apiKey": []}]
