"""Schemas of the conference programme."""

import marshmallow as ma

from showcase.api.fields import Slug, Source, Translated
from showcase.api.listing import sort_field
from showcase.api.representation import representation_args
from showcase.config import LANGUAGES
from showcase.models import CONFERENCE_DAYS, SESSION_KINDS
from showcase.models.programme_session import CONFERENCE_TIMEZONE


class ProgrammeSessionSchema(ma.Schema):
    slug = Slug(required=True)
    kind = ma.fields.String(required=True, validate=ma.validate.OneOf(SESSION_KINDS))
    title = Translated(200, required=True)
    description = Translated(4000, required=True)
    starts_at = ma.fields.NaiveDateTime(required=True, metadata={"description": "Local time in Berlin."})
    ends_at = ma.fields.NaiveDateTime(required=True, metadata={"description": "Local time in Berlin."})
    room = ma.fields.String(required=True, validate=ma.validate.Length(1, 120))
    languages = ma.fields.List(ma.fields.String(validate=ma.validate.OneOf(LANGUAGES)), required=True,
                               validate=ma.validate.Length(1, 2))
    topic = Translated(200, load_default=None, allow_none=True)
    source = Source(required=True)
    day = ma.fields.Date(dump_only=True)
    timezone = ma.fields.Constant(CONFERENCE_TIMEZONE, dump_only=True)

    @ma.validates_schema
    def during_the_conference(self, data, **kwargs):
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and starts.date() not in CONFERENCE_DAYS:
            raise ma.ValidationError("The conference was on 2015-06-30 and 2015-07-01.", "starts_at")
        if starts and ends and ends <= starts:
            raise ma.ValidationError("Ends before it starts.", "ends_at")
        if starts and ends and ends.date() != starts.date():
            raise ma.ValidationError("A session ends on the day it starts.", "ends_at")


PROGRAMME_SORT_KEYS = ("starts_at", "title", "room")


class ProgrammeQueryArgsSchema(representation_args(ProgrammeSessionSchema)):
    day = ma.fields.Date(metadata={"description": "2015-06-30 or 2015-07-01."})
    kind = ma.fields.String(metadata={"description": "One of: " + ", ".join(SESSION_KINDS)})
    language = ma.fields.String(metadata={"description": "Sessions held in (or interpreted into) de or en."})
    sort = sort_field(PROGRAMME_SORT_KEYS, "starts_at")


ProgrammeSessionArgsSchema = representation_args(ProgrammeSessionSchema)
