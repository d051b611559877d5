"""Query arguments of the programme resource."""

import marshmallow as ma
from webargs.fields import DelimitedList

from showcase.api.listing import sort_field
from showcase.api.representation import chosen_language, representation_args
from showcase.config import LANGUAGES
from showcase.models import SESSION_KINDS
from showcase.schemas.fields import SLUG_PATTERN
from showcase.schemas.programme import ProgrammeSessionSchema

PROGRAMME_SORT_KEYS = ("starts_at", "title", "room")


class ProgrammeQueryArgsSchema(representation_args(ProgrammeSessionSchema)):
    day = ma.fields.Date(metadata={"description": "2015-06-30 or 2015-07-01."})
    kind = ma.fields.String(metadata={"description": "One of: " + ", ".join(SESSION_KINDS)})
    language = ma.fields.String(metadata={"description": "Sessions held in (or interpreted into) de or en."})
    sort = sort_field(PROGRAMME_SORT_KEYS, "starts_at")


ProgrammeSessionArgsSchema = representation_args(ProgrammeSessionSchema)


class ScheduleArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    lang = ma.fields.String(
        validate=ma.validate.OneOf(LANGUAGES),
        metadata={"description": "The language of titles and texts. Default: what Accept-Language prefers, "
                                 "else English."})

    @ma.post_load
    def chosen(self, data, **kwargs):
        data["lang"] = chosen_language(data.get("lang")) or "en"
        return data


class ProgrammeCalendarArgsSchema(ProgrammeSessionArgsSchema):
    sessions = DelimitedList(
        ma.fields.String(validate=ma.validate.Regexp(SLUG_PATTERN, error="Not a session slug.")),
        validate=ma.validate.Length(min=1, max=100),
        metadata={"description": "Comma-separated session slugs: a calendar of just these (a visitor's shortlist); "
                                 "slugs of no session are left out. Default: the whole programme."},
    )
