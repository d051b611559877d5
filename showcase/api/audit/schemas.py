"""Schemas of the audit log."""

import datetime as dt

import marshmallow as ma

from showcase.models import AUDIT_ACTIONS
from showcase.services.records import RECORD_KINDS


def as_utc(value: dt.datetime) -> dt.datetime:
    """Naive UTC, as stored; a time with an offset is converted, one without is taken as UTC."""
    if value.tzinfo is not None:
        value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return value


class AuditEntrySchema(ma.Schema):
    id = ma.fields.Integer()
    at = ma.fields.Method("dump_at", metadata={"type": "string", "format": "date-time",
                                               "description": "When the change was committed, in UTC."})
    key = ma.fields.String(attribute="key_name", metadata={
        "description": "The API key's name, or cli:<user> for a command."})
    action = ma.fields.String(metadata={"description": "One of: " + ", ".join(AUDIT_ACTIONS)})
    kind = ma.fields.String(metadata={"description": "One of: " + ", ".join(RECORD_KINDS)})
    record = ma.fields.String(attribute="record_key", metadata={"description": "The record's slug or number."})
    before = ma.fields.Dict(allow_none=True, metadata={"description": "The record before (as the export writes "
                                                                      "it); null for a create."})
    after = ma.fields.Dict(allow_none=True, metadata={"description": "The record after; null for a delete."})

    def dump_at(self, entry) -> str:
        return entry.at.replace(tzinfo=dt.timezone.utc).isoformat().replace("+00:00", "Z")


class AuditQueryArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    kind = ma.fields.String(validate=ma.validate.OneOf(tuple(RECORD_KINDS)))
    key = ma.fields.String(metadata={"description": "Name of the API key that wrote."})
    action = ma.fields.String(validate=ma.validate.OneOf(AUDIT_ACTIONS))
    record = ma.fields.String(metadata={"description": "Slug or number of the record."})
    since = ma.fields.DateTime(metadata={"description": "Entries at or after this time (ISO 8601; UTC unless an "
                                                        "offset is given)."})
    until = ma.fields.DateTime(metadata={"description": "Entries before this time."})

    @ma.post_load
    def to_utc(self, data, **kwargs):
        for name in ("since", "until"):
            if name in data:
                data[name] = as_utc(data[name])
        return data
