"""Query arguments of the programme resource."""

import marshmallow as ma

from showcase.api.listing import sort_field
from showcase.api.representation import chosen_language, representation_args
from showcase.config import LANGUAGES
from showcase.models import CONFERENCE_DAYS, SESSION_KINDS
from showcase.models.programme_session import CONFERENCE_TIMEZONE
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
