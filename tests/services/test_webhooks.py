"""Webhook delivery against a real HTTP receiver: once each, in order, signed; retries, pausing, slow targets."""

import datetime as dt
import json
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from standardwebhooks import Webhook

from showcase.extensions import db
from showcase.models import Cluster, OutboxEntry, WebhookDelivery, WebhookSubscription
from showcase.models.api_key import utcnow
from showcase.search import search_service
from showcase.services.change_feed import changes_since
from showcase.services.records import RECORD_KINDS, delete_record, patched_data, update_record
from showcase.services.transaction import transaction
from showcase.services.webhooks import claim_due, create_subscription, deliver_pending, update_subscription
from tests.builders import add
from tests.editing import bearer, etag_of, issue_keys
from tests.webhook_receiver import receiver  # noqa: F401

FEED_FIELDS = {"cursor", "kind", "slug", "action", "at", "url"}


@pytest.fixture
def app_config(app_config):
    return {**app_config, "SHOWCASE_WEBHOOK_ALLOW_INSECURE": True, "SHOWCASE_WEBHOOK_RETRY_SECONDS": "0,0,0",
            "SHOWCASE_WEBHOOK_TIMEOUT_SECONDS": 2.0, "SHOWCASE_PUBLIC_URL": "https://directory.example"}


def rename_cluster(slug: str, name: str) -> None:
    kind = RECORD_KINDS["clusters"]
    cluster = db.session.scalar(select(Cluster).where(Cluster.slug == slug))
    update_record(kind, cluster, patched_data(kind, cluster, {"name": {"en": name}}), "test")


def remove_cluster(slug: str) -> None:
    delete_record(RECORD_KINDS["clusters"], db.session.scalar(select(Cluster).where(Cluster.slug == slug)), "test")


def test_each_change_is_delivered_once_in_order_and_signed(app, receiver):
    with app.app_context():
        add("clusters", "before-registration")
        subscription = create_subscription({"url": receiver.url}, "http://ignored.example/")
        secret, start = subscription.secret, subscription.cursor
        add("clusters", "its-owl")
        rename_cluster("its-owl", "OWL renamed")
        remove_cluster("its-owl")
        assert deliver_pending() == 3
        assert deliver_pending() == 0
        expected = changes_since(start, 100).changes

    assert len(receiver.hits) == 3
    bodies = [Webhook(secret).verify(body, headers) for headers, body in receiver.hits]
    assert [body["type"] for body in bodies] == ["cluster.created", "cluster.updated", "cluster.deleted"]
    assert [body["data"]["cursor"] for body in bodies] == [change.cursor for change in expected]
    for body, change in zip(bodies, expected):
        assert set(body) == {"type", "timestamp", "data"}
        assert set(body["data"]) == FEED_FIELDS  # the feed's fields and the link: nothing else, ever
        assert body["data"] == {"cursor": change.cursor, "kind": "cluster", "slug": "its-owl",
                                "action": change.action, "at": change.at,
                                "url": "https://directory.example/api/v1/clusters/its-owl"}
    assert len({headers["webhook-id"] for headers, _ in receiver.hits}) == 3
    assert all(headers["content-type"] == "application/json" for headers, _ in receiver.hits)
    with pytest.raises(Exception):
        Webhook(secret).verify(receiver.hits[0][1].replace(b"its-owl", b"its-own"), receiver.hits[0][0])


def test_kinds_and_actions_choose_what_is_sent(app, receiver):
    with app.app_context():
        create_subscription({"url": receiver.url, "kinds": ["cluster"], "actions": ["deleted"]}, "")
        add("clusters", "its-owl")
        add("organisations", "uni-paderborn", clusters=[])
        remove_cluster("its-owl")
        deliver_pending()
    assert [json.loads(body)["type"] for body in receiver.bodies()] == ["cluster.deleted"]


def test_a_failing_receiver_gets_retries_with_the_same_id_then_the_subscription_pauses(app, receiver):
    receiver.status = 500
    with app.app_context():
        subscription_id = create_subscription({"url": receiver.url}, "").id
        add("clusters", "its-owl")
        add("clusters", "mai-carbon")
        assert deliver_pending() == 0
        subscription = db.session.get(WebhookSubscription, subscription_id)
        assert subscription.state == "paused"
        assert "failed 4 times" in subscription.paused_reason and "HTTP 500" in subscription.paused_reason
        delivery = db.session.scalar(select(WebhookDelivery))
        assert delivery.attempts == 4 and delivery.status_code == 500 and delivery.delivered_at is None
        assert len(delivery.last_error) <= 1024  # the receiver answered 4000 bytes

    assert len(receiver.hits) == 4  # the first try and three retries, of the first change only
    assert len({headers["webhook-id"] for headers, _ in receiver.hits}) == 1
    assert len({body for _, body in receiver.hits}) == 1

    receiver.status = 200
    with app.app_context():
        update_subscription(subscription_id, {"state": "active"})
        assert deliver_pending() == 2
        assert db.session.get(WebhookSubscription, subscription_id).paused_reason is None
    assert [json.loads(body)["data"]["slug"] for body in receiver.bodies()[4:]] == ["its-owl", "mai-carbon"]
    assert receiver.hits[4][0]["webhook-id"] == receiver.hits[0][0]["webhook-id"]


def test_a_retry_waits_for_its_delay_and_keeps_order(app, app_config, receiver):
    app.config["SHOWCASE_WEBHOOK_RETRY_SECONDS"] = "3600"
    receiver.status = 503
    with app.app_context():
        create_subscription({"url": receiver.url}, "")
        add("clusters", "its-owl")
        add("clusters", "mai-carbon")
        deliver_pending()
        receiver.status = 200
        deliver_pending()  # not due for an hour: the second change waits behind the first
        delivery = db.session.scalar(select(WebhookDelivery))
        assert delivery.next_attempt_at is not None and delivery.attempts == 1
    assert len(receiver.hits) == 1


def test_a_name_that_resolves_privately_is_refused_at_delivery(app, receiver):
    port = receiver.url.split(":")[2].split("/")[0]
    with app.app_context():
        subscription_id = create_subscription({"url": f"https://localhost:{port}/hook"}, "").id
        app.config["SHOWCASE_WEBHOOK_ALLOW_INSECURE"] = False
        add("clusters", "its-owl")
        deliver_pending()
        delivery = db.session.scalar(select(WebhookDelivery))
        assert delivery.status_code is None and "loopback" in delivery.last_error
        assert db.session.get(WebhookSubscription, subscription_id).state == "paused"
    assert receiver.hits == []


def test_a_receiver_that_never_answers_does_not_hold_up_writes(app, client, receiver):
    receiver.hang = threading.Event()
    with app.app_context():
        editor = issue_keys().editor
        create_subscription({"url": receiver.url}, "")
        add("clusters", "its-owl")

    def work():
        with app.app_context():
            deliver_pending()

    worker = threading.Thread(target=work)
    worker.start()
    assert receiver.arrived.wait(5)
    started = time.monotonic()
    url = "/api/v1/clusters/its-owl"
    response = client.patch(url, json={"region": "OWL"}, headers={**bearer(editor), "If-Match": etag_of(client, url)})
    assert response.status_code == 200
    assert time.monotonic() - started < 1.0
    assert worker.is_alive()  # still waiting for the receiver's answer
    worker.join(10)
    with app.app_context():
        assert "Timeout" in db.session.scalar(select(WebhookDelivery)).last_error


def test_two_workers_deliver_each_change_exactly_once(app, receiver):
    with app.app_context():
        create_subscription({"url": receiver.url}, "")
        create_subscription({"url": receiver.url + "/second"}, "")
        for number in range(15):
            add("clusters", f"cluster-{number}")

    def work():
        with app.app_context():
            deliver_pending()
            db.session.remove()

    workers = [threading.Thread(target=work) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    ids = [headers["webhook-id"] for headers, _ in receiver.hits]
    assert len(ids) == 30 and len(set(ids)) == 30
    for path in ("/hook", "/hook/second"):
        cursors = [json.loads(body)["data"]["cursor"] for headers, body in receiver.hits if headers[":path"] == path]
        assert len(cursors) == 15 and cursors == sorted(cursors)
    with app.app_context():
        assert db.session.scalar(select(WebhookDelivery).where(WebhookDelivery.delivered_at.is_(None))) is None


def test_the_serving_app_delivers_in_a_thread_beside_the_index_drain(app, client, receiver):
    app.config.update(SHOWCASE_INDEX_DRAIN_SECONDS=60, SHOWCASE_WEBHOOK_DELIVER_SECONDS=0.1)
    worker = app.extensions["showcase_webhooks"]
    with app.app_context():
        create_subscription({"url": receiver.url}, "")
        add("clusters", "its-owl")
    assert receiver.hits == []  # never inside the write's request
    try:
        client.get("/health")
        assert receiver.arrived.wait(10)
        assert worker.thread.name == "webhook-delivery"
        assert worker.thread is not app.extensions["showcase_search"].timer
    finally:
        worker.stop()
    assert json.loads(receiver.bodies()[0])["type"] == "cluster.created"


def test_a_redirect_is_a_failure_and_is_not_followed(app, receiver):
    receiver.status = 307
    with app.app_context():
        create_subscription({"url": receiver.url}, "")
        add("clusters", "its-owl")
        deliver_pending()
        delivery = db.session.scalar(select(WebhookDelivery))
        assert delivery.status_code == 307 and delivery.last_error.startswith("HTTP 307")
    assert {headers[":path"] for headers, _ in receiver.hits} == {"/hook"}


def test_a_claimed_subscription_is_not_claimed_again_until_its_result_is_recorded(app, receiver):
    with app.app_context():
        create_subscription({"url": receiver.url}, "")
        add("clusters", "its-owl")
        first = claim_due(utcnow())
        assert len(first) == 1
        assert claim_due(utcnow()) == []  # another worker finds it leased
        assert deliver_pending() == 0
    assert receiver.hits == []


def test_the_readme_example_verifies_a_real_delivery(app, receiver):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = readme.split("### Webhooks", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    with app.app_context():
        secret = create_subscription({"url": receiver.url}, "").secret
        add("clusters", "its-owl")
        deliver_pending()
    site = {"__name__": "readme_webhook_site"}
    exec(example.replace('"whsec_…"', repr(secret)), site)
    headers, body = receiver.hits[0]
    receiving = site["app"].test_client()
    wanted = {name: value for name, value in headers.items() if name.startswith(("webhook-", "content-type"))}
    assert receiving.post("/hooks/showcase", data=body, headers=wanted).status_code == 204
    forged = {**wanted, "webhook-signature": "v1," + "A" * 44}
    assert receiving.post("/hooks/showcase", data=body, headers=forged).status_code == 400


def test_a_kiosk_change_is_delivered_with_its_record_url(app, receiver):
    with app.app_context():
        create_subscription({"url": receiver.url}, "")
        add("kiosks", "eingang")
        assert deliver_pending() == 1
    (body,) = [json.loads(body) for body in receiver.bodies()]
    assert body["type"] == "kiosk.created"
    assert body["data"]["url"] == "https://directory.example/api/v1/kiosks/eingang"


def test_a_pending_change_pruned_while_paused_is_skipped_and_later_changes_are_sent(app, receiver):
    receiver.status = 500
    with app.app_context():
        subscription_id = create_subscription({"url": receiver.url}, "").id
        add("clusters", "its-owl")
        deliver_pending()  # fails: the delivery stays pending
        update_subscription(subscription_id, {"state": "paused"})
        with transaction():
            for entry in db.session.scalars(select(OutboxEntry)):
                entry.created_at = entry.created_at - dt.timedelta(days=30)
        assert search_service().prune() > 0
        add("clusters", "mai-carbon")
        receiver.status = 204
        update_subscription(subscription_id, {"state": "active"})
        assert deliver_pending() == 1
        assert deliver_pending() == 0
    assert [json.loads(body)["data"]["slug"] for body in receiver.bodies()][-1:] == ["mai-carbon"]
