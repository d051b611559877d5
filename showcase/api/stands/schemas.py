"""Query arguments of the stands resource."""

import marshmallow as ma

from showcase.api.listing import sort_field
from showcase.api.representation import representation_args
from showcase.schemas.stand import StandSchema

STAND_SORT_KEYS = ("number", "cluster")


class StandQueryArgsSchema(representation_args(StandSchema, expandable=("cluster", "innovations"))):
    cluster = ma.fields.String(metadata={"description": "Slug of the stand's cluster."})
    sort = sort_field(STAND_SORT_KEYS, "number")


StandArgsSchema = representation_args(StandSchema, expandable=("cluster", "innovations"))
