"""Query arguments and answer of the change feed."""

import marshmallow as ma

from showcase.models import CHANGE_ACTIONS, CHANGE_KINDS

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


class ChangesQueryArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    since = ma.fields.Integer(load_default=0, strict=False, validate=ma.validate.Range(min=0), metadata={
        "description": "The cursor of the last change already seen (0 for the start); from a previous answer "
                       "or from the snapshot's `cursor`."})
    limit = ma.fields.Integer(load_default=DEFAULT_LIMIT, validate=ma.validate.Range(min=1, max=MAX_LIMIT),
                              metadata={"description": f"At most this many changes (1 to {MAX_LIMIT})."})


class ChangeSchema(ma.Schema):
    cursor = ma.fields.Integer(metadata={"description": "The change's position: an integer that only grows."})
    kind = ma.fields.String(metadata={"description": "One of: " + ", ".join(CHANGE_KINDS)})
    slug = ma.fields.String(metadata={"description": "The record's slug (a stand's number), kept for deletions."})
    action = ma.fields.String(metadata={"description": "One of: " + ", ".join(CHANGE_ACTIONS)})
    at = ma.fields.String(metadata={"format": "date-time", "description": "When it was written, in UTC."})


class ChangePageSchema(ma.Schema):
    """Changes in order; ask again with `since` set to `cursor`."""

    changes = ma.fields.List(ma.fields.Nested(ChangeSchema))
    cursor = ma.fields.Integer(metadata={"description": "The last change's cursor (or `since` if none)."})
    more = ma.fields.Boolean(metadata={"description": "More changes follow at once: ask again without waiting."})
