"""Kiosks as records: read publicly, written with an editor's key, part of the bundle; their tokens."""

import pytest

from showcase.extensions import db
from showcase.models import KioskToken
from tests.builders import add, text
from tests.editing import bearer, etag_of, issue_keys

KIOSK = {"id": "eingang", "name": text("Kiosk am Eingang", "Kiosk by the entrance"), "x": 30.0, "y": 32.0,
         "facing": 180.0, "default_language": "en", "idle_seconds": 120}


@pytest.fixture
def keys(app):
    with app.app_context():
        add("clusters", "its-owl")
        add("stands", "A01", cluster="its-owl", x=10.0, y=10.0, width=8.0, height=5.0)
        return issue_keys()


def test_an_editor_creates_a_kiosk_and_anyone_reads_it(client, keys):
    assert client.post("/api/v1/kiosks", json=KIOSK).status_code == 401
    response = client.post("/api/v1/kiosks", json=KIOSK, headers=bearer(keys.editor))
    assert response.status_code == 201, response.get_json()
    assert response.headers["Location"].endswith("/api/v1/kiosks/eingang")
    assert client.get("/api/v1/kiosks/eingang").get_json() == KIOSK
    assert client.get("/api/v1/kiosks?lang=de").get_json()[0]["name"] == "Kiosk am Eingang"
    missing = client.get("/api/v1/kiosks/nirgends")
    assert missing.status_code == 404 and missing.content_type == "application/problem+json"


def test_defaults_and_validation_name_the_wrong_fields(client, keys):
    minimal = {"id": "mitte", "name": text("Mitte", "Middle"), "x": 30.0, "y": 9.0}
    created = client.post("/api/v1/kiosks", json=minimal, headers=bearer(keys.editor)).get_json()
    assert (created["facing"], created["default_language"], created["idle_seconds"]) == (0.0, "de", 90)
    wrong = dict(KIOSK, id="Not A Slug", x=61, facing=360, default_language="fr", idle_seconds=5)
    response = client.post("/api/v1/kiosks", json=wrong, headers=bearer(keys.editor))
    assert response.status_code == 422
    assert {e["field"] for e in response.get_json()["errors"]} == {"id", "x", "facing", "default_language",
                                                                    "idle_seconds"}


def test_a_kiosk_inside_a_stand_is_refused(client, keys):
    response = client.post("/api/v1/kiosks", json=dict(KIOSK, x=12.0, y=12.0), headers=bearer(keys.editor))
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "x"
    assert "A01" in response.get_json()["errors"][0]["message"]


def test_a_kiosk_is_patched_with_if_match_and_the_read_shows_it_at_once(client, keys):
    client.post("/api/v1/kiosks", json=KIOSK, headers=bearer(keys.editor))
    assert client.get("/api/v1/kiosks/eingang").get_json()["x"] == 30.0
    response = client.patch("/api/v1/kiosks/eingang", json={"x": 28.5},
                            headers={**bearer(keys.editor), "If-Match": etag_of(client, "/api/v1/kiosks/eingang")})
    assert response.status_code == 200, response.get_json()
    assert client.get("/api/v1/kiosks/eingang").get_json()["x"] == 28.5


def test_a_token_is_shown_once_stored_hashed_and_replaced_by_the_next(app, client, keys):
    client.post("/api/v1/kiosks", json=KIOSK, headers=bearer(keys.editor))
    assert client.post("/api/v1/kiosks/eingang/token").status_code == 401
    assert client.post("/api/v1/kiosks/nirgends/token", headers=bearer(keys.editor)).status_code == 404
    first = client.post("/api/v1/kiosks/eingang/token", headers=bearer(keys.editor))
    assert first.status_code == 201
    token = first.get_json()["token"]
    assert token.startswith("kt_") and first.get_json()["kiosk"] == "eingang"
    assert first.get_json()["created_at"].endswith("+00:00")
    second = client.post("/api/v1/kiosks/eingang/token", headers=bearer(keys.editor)).get_json()["token"]
    with app.app_context():
        rows = db.session.query(KioskToken).order_by(KioskToken.id).all()
        assert [row.revoked_at is None for row in rows] == [False, True]
        assert all(token not in (row.token_hash, row.prefix) and second != row.token_hash for row in rows)
    assert client.delete("/api/v1/kiosks/eingang/token", headers=bearer(keys.editor)).status_code == 204
    with app.app_context():
        assert all(row.revoked_at is not None for row in db.session.query(KioskToken))


def test_deleting_a_kiosk_deletes_its_tokens(app, client, keys):
    client.post("/api/v1/kiosks", json=KIOSK, headers=bearer(keys.editor))
    client.post("/api/v1/kiosks/eingang/token", headers=bearer(keys.editor))
    response = client.delete("/api/v1/kiosks/eingang",
                             headers={**bearer(keys.editor), "If-Match": etag_of(client, "/api/v1/kiosks/eingang")})
    assert response.status_code == 204
    with app.app_context():
        assert db.session.query(KioskToken).count() == 0


def test_kiosks_travel_in_the_export_and_import_bundle(app, client, keys, runner, tmp_path):
    client.post("/api/v1/kiosks", json=KIOSK, headers=bearer(keys.editor))
    exported = tmp_path / "directory.json"
    assert runner.invoke(args=["export", "-o", str(exported)]).exit_code == 0
    assert '"kiosks"' in exported.read_text() and "kt_" not in exported.read_text()
    moved = exported.read_text().replace('"x": 30.0', '"x": 20.0')
    response = client.post("/api/v1/import", data=moved, content_type="application/json", headers=bearer(keys.editor))
    assert response.status_code == 200, response.get_json()
    assert client.get("/api/v1/kiosks/eingang").get_json()["x"] == 20.0


def test_the_cli_issues_and_revokes_a_kiosk_token(app, client, keys, runner):
    client.post("/api/v1/kiosks", json=KIOSK, headers=bearer(keys.editor))
    issued = runner.invoke(args=["kiosk-token", "eingang"])
    assert issued.exit_code == 0, issued.output
    assert issued.stdout.strip().startswith("kt_")
    assert runner.invoke(args=["kiosk-token", "nirgends"]).exit_code == 1
    revoked = runner.invoke(args=["revoke-kiosk-token", "eingang"])
    assert revoked.exit_code == 0 and "Revoked 1 token" in revoked.output
