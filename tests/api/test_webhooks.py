"""The webhooks API: administrators only, the secret shown once, URLs checked, 422 naming the field."""

import re

import pytest
from standardwebhooks import Webhook

from tests.builders import add
from tests.editing import bearer
from showcase.services.webhooks import deliver_pending
from tests.webhook_receiver import receiver  # noqa: F401

URL = "/api/v1/webhooks"


@pytest.fixture
def admin(keys):
    return bearer(keys.admin)


def insecure(app):
    app.config["SHOWCASE_WEBHOOK_ALLOW_INSECURE"] = True


def test_register_answers_the_secret_once(client, admin, app):
    response = client.post(URL, json={"url": "https://93.184.215.14/hooks/showcase"}, headers=admin)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert re.fullmatch(r"whsec_[A-Za-z0-9+/]{32}", body["secret"])
    Webhook(body["secret"])  # the package takes it
    assert body["kinds"] == ["cluster", "stand", "project", "innovation", "organisation", "session", "kiosk"]
    assert body["actions"] == ["created", "updated", "deleted"] and body["state"] == "active"

    listed = client.get(URL, headers=admin)
    one = client.get(f"{URL}/{body['id']}", headers=admin)
    assert listed.status_code == one.status_code == 200
    assert [item["id"] for item in listed.get_json()] == [body["id"]]
    assert "secret" not in one.get_json() and "secret" not in listed.get_json()[0]
    assert body["secret"] not in listed.get_data(as_text=True) + one.get_data(as_text=True)
    assert one.headers["Cache-Control"] == "no-store" and one.headers["ETag"]


@pytest.mark.parametrize("body, field", [
    ({"url": "http://93.184.215.14/hook"}, "url"),
    ({"url": "https://127.0.0.1/hook"}, "url"),
    ({"url": "https://10.1.2.3/hook"}, "url"),
    ({"url": "https://169.254.169.254/latest"}, "url"),
    ({"url": "https://[::1]/hook"}, "url"),
    ({"url": "https://localhost/hook"}, "url"),
    ({"url": "not a url"}, "url"),
    ({}, "url"),
    ({"url": "https://93.184.215.14/hook", "kinds": ["participant"]}, "kinds[0]"),
    ({"url": "https://93.184.215.14/hook", "kinds": []}, "kinds"),
    ({"url": "https://93.184.215.14/hook", "actions": ["touched"]}, "actions[0]"),
])
def test_invalid_subscriptions_are_422_naming_the_field(client, admin, body, field):
    response = client.post(URL, json=body, headers=admin)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert field in [error["field"] for error in response.get_json()["errors"]]
    assert client.get(URL, headers=admin).get_json() == []


def test_the_insecure_flag_allows_http_and_loopback(client, admin, app):
    insecure(app)
    assert client.post(URL, json={"url": "http://127.0.0.1:9/hook"}, headers=admin).status_code == 201


def test_only_administrators(client, keys):
    assert client.get(URL).status_code == 401
    assert client.post(URL, json={"url": "https://93.184.215.14/"}).status_code == 401
    editor = bearer(keys.editor)
    assert client.get(URL, headers=editor).status_code == 403
    assert client.post(URL, json={"url": "https://93.184.215.14/"}, headers=editor).status_code == 403
    assert client.get(f"{URL}/1/deliveries", headers=editor).status_code == 403
    assert client.delete(f"{URL}/1", headers=bearer(keys.revoked)).status_code == 401


def test_patch_changes_and_delete_removes(client, admin):
    created = client.post(URL, json={"url": "https://93.184.215.14/a"}, headers=admin).get_json()
    item = f"{URL}/{created['id']}"
    response = client.patch(item, json={"kinds": ["project"], "actions": ["updated"], "state": "paused"},
                            headers=admin)
    assert response.status_code == 200
    patched = response.get_json()
    assert (patched["kinds"], patched["actions"], patched["state"], patched["paused_reason"]) == (
        ["project"], ["updated"], "paused", "Paused by an administrator.")
    assert client.patch(item, json={"url": "https://192.168.1.1/"}, headers=admin).status_code == 422
    assert client.patch(item, json={"state": "gone"}, headers=admin).status_code == 422
    resumed = client.patch(item, json={"state": "active"}, headers=admin).get_json()
    assert resumed["state"] == "active" and resumed["paused_reason"] is None
    assert client.delete(item, headers=admin).status_code == 204
    assert client.get(item, headers=admin).status_code == 404
    assert client.patch(item, json={"state": "active"}, headers=admin).status_code == 404


def test_deliveries_list_status_attempts_and_times(client, admin, app, receiver):
    insecure(app)
    created = client.post(URL, json={"url": receiver.url}, headers=admin).get_json()
    with app.app_context():
        add("clusters", "its-owl")
        add("clusters", "mai-carbon")
        deliver_pending()
    response = client.get(f"{URL}/{created['id']}/deliveries", headers=admin)
    assert response.status_code == 200
    deliveries = response.get_json()
    assert [d["status"] for d in deliveries] == ["delivered", "delivered"]
    assert deliveries[0]["cursor"] > deliveries[1]["cursor"]
    assert all(d["attempts"] == 1 and d["status_code"] == 204 and d["delivered_at"].endswith("Z")
               and d["webhook_id"].startswith("msg_") for d in deliveries)
    assert client.get(f"{URL}/{created['id']}", headers=admin).get_json()["cursor"] == deliveries[0]["cursor"]
    assert client.get(f"{URL}/999/deliveries", headers=admin).status_code == 404
