"""Query arguments of the programme resource."""

import marshmallow as ma
from webargs.fields import DelimitedList

from showcase.api.listing import sort_field
from showcase.api.representation import representation_args
from showcase.config import LANGUAGES
from showcase.models import CONFERENCE_DAYS, SESSION_KINDS
from showcase.models.programme_session import CONFERENCE_TIMEZONE
from showcase.schemas.fields import SLUG_PATTERN
from showcase.schemas.programme import ProgrammeSessionSchema

PROGRAMME_SORT_KEYS = ("starts_at", "title", "room")


class ProgrammeQueryArgsSchema(representation_args(ProgrammeSessionSchema)):
    day = ma.fields.Date(metadata={"description": "2015-06-30 or 2015-07-01."})
    kind = ma.fields.String(metadata={"description": "One of: " + ", ".join(SESSION_KINDS)})
    language = ma.fields.String(metadata={"description": "Sessions held in (or interpreted into) de or en."})
    sort = sort_field(PROGRAMME_SORT_KEYS, "starts_at")


ProgrammeSessionArgsSchema = representation_args(ProgrammeSessionSchema)


class ProgrammeCalendarArgsSchema(ProgrammeSessionArgsSchema):
    sessions = DelimitedList(
        ma.fields.String(validate=ma.validate.Regexp(SLUG_PATTERN, error="Not a session slug.")),
        validate=ma.validate.Length(min=1, max=100),
        metadata={"description": "Comma-separated session slugs: a calendar of just these (a visitor's shortlist); "
                                 "slugs of no session are left out. Default: the whole programme."},
    )
