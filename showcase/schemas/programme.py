"""The validated shape of the conference programme: what the API, the importer and the seed loader accept."""

import marshmallow as ma

from showcase.config import LANGUAGES
from showcase.models import CONFERENCE_DAYS, SESSION_KINDS
from showcase.models.programme_session import CONFERENCE_TIMEZONE
from showcase.schemas.dumping import RecordSchema
from showcase.schemas.fields import Slug, Source, SourceDate, Translated


class ProgrammeSessionSchema(RecordSchema):
    slug = Slug(required=True)
    guid = ma.fields.UUID(dump_only=True, metadata={
        "description": "Made when the session is created and kept when its slug changes: the `guid` of "
                       "/api/v1/schedule.xml and .json, by which conference apps know the session."})
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
    source_date = SourceDate(required=True)
    times_provisional = ma.fields.Boolean(
        load_default=True,
        metadata={"description": "True unless a source gives the session's time and room: "
                                 "they are then planned, not announced."})
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
