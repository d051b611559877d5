"""Bodies and answers of webhook subscriptions and their deliveries."""

import datetime as dt

import marshmallow as ma

from showcase.models import CHANGE_ACTIONS, CHANGE_KINDS, WEBHOOK_STATES


def utc(value: dt.datetime | None) -> str | None:
    return value.replace(tzinfo=dt.timezone.utc, microsecond=0).isoformat().replace("+00:00", "Z") if value else None


class UtcTime(ma.fields.Field):
    """A stored naive UTC time, answered as ISO 8601 with Z."""

    def _serialize(self, value, attr, obj, **kwargs):
        return utc(value)


class WebhookInputSchema(ma.Schema):
    """A subscription: where to send, and which changes (kinds and actions default to all)."""

    url = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=2000), metadata={
        "description": "An https:// URL whose host resolves to public addresses only."})
    kinds = ma.fields.List(ma.fields.String(validate=ma.validate.OneOf(CHANGE_KINDS)), metadata={
        "description": "Changes of these kinds (default: all): " + ", ".join(CHANGE_KINDS)})
    actions = ma.fields.List(ma.fields.String(validate=ma.validate.OneOf(CHANGE_ACTIONS)), metadata={
        "description": "Changes with these actions (default: all): " + ", ".join(CHANGE_ACTIONS)})


class WebhookPatchSchema(WebhookInputSchema):
    """The fields to change; `state: active` resumes a paused subscription (its failed change is sent again)."""

    url = ma.fields.String(validate=ma.validate.Length(min=1, max=2000))
    state = ma.fields.String(validate=ma.validate.OneOf(WEBHOOK_STATES))


class WebhookSchema(ma.Schema):
    id = ma.fields.Integer()
    url = ma.fields.String()
    kinds = ma.fields.List(ma.fields.String())
    actions = ma.fields.List(ma.fields.String())
    state = ma.fields.String(metadata={"description": "One of: " + ", ".join(WEBHOOK_STATES)})
    paused_reason = ma.fields.String(allow_none=True, metadata={"description": "Why it was paused."})
    cursor = ma.fields.Integer(metadata={"description": "The change feed cursor of the last change delivered."})
    created_at = UtcTime(metadata={"type": "string", "format": "date-time"})


class WebhookCreatedSchema(WebhookSchema):
    secret = ma.fields.String(metadata={"description": "The signing secret (`whsec_…`): shown only now."})


class WebhookDeliverySchema(ma.Schema):
    id = ma.fields.Integer()
    cursor = ma.fields.Integer(metadata={"description": "The change's cursor in the change feed."})
    webhook_id = ma.fields.String(metadata={"description": "The `webhook-id` header, the same on every retry."})
    status = ma.fields.String(metadata={"description": "delivered, pending or failing"})
    attempts = ma.fields.Integer()
    status_code = ma.fields.Integer(allow_none=True, metadata={"description": "The receiver's last HTTP status."})
    last_error = ma.fields.String(allow_none=True, metadata={"description": "Why the last attempt failed (1 KiB)."})
    next_attempt_at = UtcTime(metadata={"type": "string", "format": "date-time"})
    delivered_at = UtcTime(metadata={"type": "string", "format": "date-time"})
    created_at = UtcTime(metadata={"type": "string", "format": "date-time"})
