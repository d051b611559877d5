"""Webhooks: subscriptions administrators register, and the worker that sends them each change in order.

Delivery follows the change feed with a cursor per subscription, at least once and in order: one change
at a time, retried (same `webhook-id`) after each delay of SHOWCASE_WEBHOOK_RETRY_SECONDS, then the
subscription pauses. A worker claims a subscription in a short transaction by a lease (a conditional
UPDATE of `leased_until`, rows read with SKIP LOCKED on PostgreSQL), sends outside any transaction,
and records the result in another short one: several hosts never send one delivery at once, and a slow
target never holds a database lock.
"""

import base64
import datetime as dt
import ipaddress
import json
import logging
import secrets
import socket
import threading
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3
from flask import Flask, current_app
from sqlalchemy import exists, or_, select, update
from standardwebhooks import Webhook

from showcase.errors import ValidationFailed
from showcase.extensions import db
from showcase.models import (
    CHANGE_ACTIONS,
    CHANGE_KINDS,
    COLLECTION_OF_KIND,
    OutboxEntry,
    WebhookDelivery,
    WebhookSubscription,
)
from showcase.models.api_key import utcnow
from showcase.services.change_feed import Change, as_change, current_cursor, pruned_through
from showcase.services.transaction import transaction

log = logging.getLogger(__name__)

# At most this much of a receiver's answer is read and kept.
MAX_KEPT_BYTES = 1024
# Deliveries a subscription lists.
LISTED_DELIVERIES = 50
HTTP = urllib3.PoolManager(num_pools=20, retries=False)


class SubscriptionNotFound(Exception):
    """No webhook subscription has this id."""


@dataclass(frozen=True)
class Claim:
    """One delivery a worker holds the lease for: what it sends, and where."""

    delivery_id: int
    subscription_id: int
    webhook_id: str
    url: str
    secret: str
    body: str
    type: str


@dataclass(frozen=True)
class Attempt:
    status_code: int | None
    error: str | None

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def new_secret() -> str:
    """A Standard Webhooks secret: `whsec_` and 24 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def refused_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    ip = getattr(ip, "ipv4_mapped", None) or ip
    return (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_reserved or ip.is_multicast
            or ip.is_unspecified or not ip.is_global)


def url_problem(url: str) -> str | None:
    """Why a target may not be sent to (https only, no loopback, private or link-local address), or None.

    SHOWCASE_WEBHOOK_ALLOW_INSECURE allows http:// and any address (tests, local development).
    """
    insecure = current_app.config["SHOWCASE_WEBHOOK_ALLOW_INSECURE"]
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "Not a valid URL."
    if parts.scheme not in (("https", "http") if insecure else ("https",)):
        return "Must be an https:// URL."
    if not parts.hostname:
        return "Must name a host."
    if insecure:
        return None
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, port or 443, type=socket.SOCK_STREAM)}
    except (OSError, UnicodeError):
        return f"The host {parts.hostname} does not resolve."
    refused = sorted(address for address in addresses if refused_address(address))
    if refused:
        return (f"The host {parts.hostname} resolves to {', '.join(refused)}: loopback, private, link-local "
                "and reserved addresses are not sent to.")
    return None


def checked_list(errors: dict, name: str, values, allowed: tuple) -> list:
    if values is None:
        return list(allowed)
    if not values:
        errors[name] = ["Name at least one, or leave it out for all."]
    return [value for value in allowed if value in values]


def checked_fields(data: dict, *, patch: bool = False) -> dict:
    """The fields of a create or patch, with the URL checked; :raises ValidationFailed: naming the field.

    Called before the write's transaction: the URL check waits for DNS, which must not hold the write lock.
    """
    errors: dict = {}
    fields = {}
    if "url" in data:
        problem = url_problem(data["url"])
        if problem:
            errors["url"] = [problem]
        fields["url"] = data["url"]
    for name, allowed in (("kinds", CHANGE_KINDS), ("actions", CHANGE_ACTIONS)):
        if name in data or not patch:
            fields[name] = checked_list(errors, name, data.get(name), allowed)
    if errors:
        raise ValidationFailed(errors)
    return fields


def create_subscription(data: dict, api_root: str) -> WebhookSubscription:
    """Register a webhook from now on: only changes after the newest one are delivered."""
    fields = checked_fields(data)
    with transaction() as session:
        subscription = WebhookSubscription(**fields, secret=new_secret(), state="active", api_root=api_root,
                                           cursor=max(current_cursor(), pruned_through()))
        session.add(subscription)
    return subscription


def subscription_or_raise(subscription_id: int) -> WebhookSubscription:
    subscription = db.session.get(WebhookSubscription, subscription_id)
    if subscription is None:
        raise SubscriptionNotFound(subscription_id)
    return subscription


def list_subscriptions() -> list[WebhookSubscription]:
    return list(db.session.scalars(select(WebhookSubscription).order_by(WebhookSubscription.id)))


def update_subscription(subscription_id: int, data: dict) -> WebhookSubscription:
    """Change url, kinds or actions; `state` pauses it or resumes it (a failed change is retried at once)."""
    subscription_or_raise(subscription_id)
    fields = checked_fields(data, patch=True)
    with transaction():
        subscription = subscription_or_raise(subscription_id)
        for name, value in fields.items():
            setattr(subscription, name, value)
        if data.get("state") == "paused" and subscription.state == "active":
            subscription.state, subscription.paused_reason = "paused", "Paused by an administrator."
        elif data.get("state") == "active" and subscription.state == "paused":
            resume(subscription)
    return subscription


def resume(subscription: WebhookSubscription) -> None:
    """Activate again: the pending delivery is tried at once, its attempts counted anew."""
    subscription.state, subscription.paused_reason = "active", None
    subscription.cursor = max(subscription.cursor, pruned_through())
    pending = pending_delivery(subscription.id)
    if pending is not None:
        pending.attempts, pending.next_attempt_at = 0, None


def delete_subscription(subscription_id: int) -> None:
    with transaction() as session:
        session.delete(subscription_or_raise(subscription_id))


def recent_deliveries(subscription_id: int) -> list[WebhookDelivery]:
    subscription_or_raise(subscription_id)
    return list(db.session.scalars(select(WebhookDelivery).where(WebhookDelivery.subscription_id == subscription_id)
                                   .order_by(WebhookDelivery.cursor.desc()).limit(LISTED_DELIVERIES)))


def retry_delays() -> list[float]:
    text = str(current_app.config["SHOWCASE_WEBHOOK_RETRY_SECONDS"])
    return [float(delay) for delay in text.split(",") if delay.strip()]


def lease_seconds() -> float:
    """Long enough for one attempt and its bookkeeping; a worker that died leaves it to expire."""
    return 2 * current_app.config["SHOWCASE_WEBHOOK_TIMEOUT_SECONDS"] + 30


def pending_delivery(subscription_id: int) -> WebhookDelivery | None:
    return db.session.scalar(select(WebhookDelivery).where(WebhookDelivery.subscription_id == subscription_id,
                                                           WebhookDelivery.delivered_at.is_(None))
                             .order_by(WebhookDelivery.cursor).limit(1))


def next_change(subscription: WebhookSubscription) -> Change | None:
    entry = db.session.scalar(select(OutboxEntry).where(
        OutboxEntry.id > subscription.cursor, OutboxEntry.subject_kind.in_(subscription.kinds),
        OutboxEntry.action.in_(subscription.actions)).order_by(OutboxEntry.id).limit(1))
    return as_change(entry) if entry is not None else None


def record_url(subscription: WebhookSubscription, change: Change) -> str:
    root = (current_app.config.get("SHOWCASE_PUBLIC_URL") or subscription.api_root).rstrip("/")
    return f"{root}/api/v1/{COLLECTION_OF_KIND[change.kind]}/{change.slug}"


def payload(subscription: WebhookSubscription, change: Change) -> dict:
    """The body of a delivery: the feed's change and the record's link, nothing else."""
    return {"type": f"{change.kind}.{change.action}", "timestamp": change.at,
            "data": {"cursor": change.cursor, "kind": change.kind, "slug": change.slug, "action": change.action,
                     "at": change.at, "url": record_url(subscription, change)}}


def change_at(cursor: int) -> Change | None:
    entry = db.session.get(OutboxEntry, cursor)
    return as_change(entry) if entry is not None else None


def claim_for(subscription: WebhookSubscription, now: dt.datetime) -> Claim | None:
    """The subscription's next due delivery (made for its next change if none is pending), or None."""
    if subscription.cursor < pruned_through():
        pause(subscription, f"Changes after cursor {subscription.cursor} are no longer kept; "
                            "resume it to go on from the oldest change kept.")
        return None
    delivery = pending_delivery(subscription.id)
    if delivery is not None and delivery.next_attempt_at is not None and delivery.next_attempt_at > now:
        return None
    change = change_at(delivery.cursor) if delivery is not None else None
    if delivery is not None and change is None:
        # Its change was pruned while the subscription was paused: it goes on from the oldest change kept.
        db.session.delete(delivery)
        delivery = None
    if delivery is None:
        change = next_change(subscription)
    if change is None:
        # Nothing it wants up to the newest change (writers take turns, none commits meanwhile): skip ahead.
        subscription.cursor = max(subscription.cursor, current_cursor())
        return None
    if delivery is None:
        delivery = WebhookDelivery(subscription_id=subscription.id, cursor=change.cursor,
                                   webhook_id=f"msg_{uuid.uuid4().hex}", attempts=0, next_attempt_at=now)
        db.session.add(delivery)
        db.session.flush()
    body = json.dumps(payload(subscription, change), separators=(",", ":"), ensure_ascii=False)
    return Claim(delivery.id, subscription.id, delivery.webhook_id, subscription.url, subscription.secret, body,
                 f"{change.kind}.{change.action}")


def anything_to_send() -> bool:
    """Whether an active subscription is behind the feed: a read, so an idle pass writes nothing."""
    behind = db.session.scalar(select(exists().where(WebhookSubscription.state == "active",
                                                     WebhookSubscription.cursor < current_cursor())))
    db.session.rollback()
    return bool(behind)


def claim_due(now: dt.datetime) -> list[Claim]:
    """Lease each active subscription that no other worker holds and has a delivery due: one claim each."""
    claims = []
    with transaction() as session:
        free = or_(WebhookSubscription.leased_until.is_(None), WebhookSubscription.leased_until < now)
        subscriptions = session.scalars(select(WebhookSubscription)
                                        .where(WebhookSubscription.state == "active", free)
                                        .order_by(WebhookSubscription.id).with_for_update(skip_locked=True)).all()
        until = now + dt.timedelta(seconds=lease_seconds())
        for subscription in subscriptions:
            leased = session.execute(update(WebhookSubscription).where(
                WebhookSubscription.id == subscription.id, WebhookSubscription.state == "active", free)
                .values(leased_until=until).execution_options(synchronize_session=False))
            if leased.rowcount != 1:
                continue
            claim = claim_for(subscription, now)
            if claim is None:
                session.execute(update(WebhookSubscription).where(WebhookSubscription.id == subscription.id)
                                .values(leased_until=None).execution_options(synchronize_session=False))
            else:
                claims.append(claim)
    return claims


def send(claim: Claim) -> Attempt:
    """POST the signed change, outside any transaction: no redirects, a timeout, 1 KiB of the answer kept."""
    problem = url_problem(claim.url)
    if problem:
        return Attempt(None, problem)
    timestamp = dt.datetime.now(dt.timezone.utc)
    headers = {"Content-Type": "application/json", "User-Agent": "showcase-webhooks",
               "webhook-id": claim.webhook_id, "webhook-timestamp": str(int(timestamp.timestamp())),
               "webhook-signature": Webhook(claim.secret).sign(claim.webhook_id, timestamp, claim.body)}
    seconds = current_app.config["SHOWCASE_WEBHOOK_TIMEOUT_SECONDS"]
    try:
        response = HTTP.request("POST", claim.url, body=claim.body.encode(), headers=headers, redirect=False,
                                retries=False, timeout=urllib3.Timeout(connect=seconds, read=seconds),
                                preload_content=False)
        try:
            answer = response.read(MAX_KEPT_BYTES).decode("utf-8", "replace")
        finally:
            response.close()  # the rest of the answer is not read: the connection is dropped
            response.release_conn()
    except (urllib3.exceptions.HTTPError, OSError) as error:
        return Attempt(None, f"{type(error).__name__}: {error}"[:MAX_KEPT_BYTES])
    if 200 <= response.status < 300:
        return Attempt(response.status, None)
    return Attempt(response.status, f"HTTP {response.status}: {answer}"[:MAX_KEPT_BYTES])


def pause(subscription: WebhookSubscription, reason: str) -> None:
    subscription.state, subscription.paused_reason = "paused", reason[:1200]
    log.warning("webhook subscription %s paused: %s", subscription.id, reason)


def record(claim: Claim, attempt: Attempt, now: dt.datetime) -> None:
    """The attempt's result: delivered moves the cursor on; a failure waits for the next delay, or pauses."""
    with transaction() as session:
        delivery = session.get(WebhookDelivery, claim.delivery_id)
        subscription = session.get(WebhookSubscription, claim.subscription_id)
        if delivery is None or subscription is None:
            return  # deleted meanwhile
        delivery.attempts += 1
        delivery.status_code, delivery.last_error = attempt.status_code, attempt.error
        subscription.leased_until = None
        if attempt.succeeded:
            delivery.delivered_at, delivery.next_attempt_at = now, None
            subscription.cursor = max(subscription.cursor, delivery.cursor)
            return
        delays = retry_delays()
        if delivery.attempts <= len(delays):
            delivery.next_attempt_at = now + dt.timedelta(seconds=delays[delivery.attempts - 1])
        else:
            delivery.next_attempt_at = None
            pause(subscription, f"Delivery of change {delivery.cursor} ({claim.webhook_id}) failed "
                                f"{delivery.attempts} times; last: {attempt.error}")


def deliver_pending() -> int:
    """Send every due delivery of every active subscription, in order, until none is due; how many were sent.

    Runs in the current app context (its own session); several may run at once, on one host or many.
    """
    sent = 0
    while True:
        if not anything_to_send():
            return sent
        claims = claim_due(utcnow())
        if not claims:
            return sent
        for claim in claims:
            attempt = send(claim)
            record(claim, attempt, utcnow())
            sent += attempt.succeeded


class DeliveryThread:
    """The serving app's delivery loop, in a thread of its own so a slow target never delays the index drain."""

    def __init__(self, app: Flask):
        self.app = app
        self.thread: threading.Thread | None = None
        self.lock = threading.Lock()
        self.stopped = threading.Event()

    def start(self) -> None:
        """Start with the index drain timer, on this worker's first request (after gunicorn forked it)."""
        seconds = self.app.config["SHOWCASE_WEBHOOK_DELIVER_SECONDS"]
        if self.thread is not None or seconds <= 0 or self.app.config["SHOWCASE_INDEX_DRAIN_SECONDS"] <= 0:
            return
        with self.lock:
            if self.thread is None:
                self.thread = threading.Thread(target=self.run_forever, args=(seconds,), daemon=True,
                                               name="webhook-delivery")
                self.thread.start()

    def run_forever(self, seconds: float) -> None:
        while not self.stopped.wait(seconds):
            run_once(self.app)

    def stop(self) -> None:
        self.stopped.set()
        if self.thread is not None:
            self.thread.join()


def run_once(app: Flask) -> int:
    """One pass of deliveries in an app context of its own; never raises (the next pass tries again)."""
    with app.app_context():
        try:
            return deliver_pending()
        except Exception:
            log.exception("webhook delivery failed; the next pass tries again")
            return 0
        finally:
            db.session.remove()


def init_app(app: Flask) -> None:
    app.extensions["showcase_webhooks"] = worker = DeliveryThread(app)
    app.before_request(worker.start)
