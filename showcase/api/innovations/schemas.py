"""Query arguments of the innovations resource."""

import marshmallow as ma

from showcase.api.listing import sort_field
from showcase.api.representation import representation_args
from showcase.models import INNOVATION_KINDS, MATURITY_LEVELS
from showcase.schemas.innovation import InnovationSchema

INNOVATION_SORT_KEYS = ("title", "slug", "kind", "maturity", "cluster")


class InnovationQueryArgsSchema(representation_args(InnovationSchema, expandable=("cluster", "project"))):
    cluster = ma.fields.String(metadata={"description": "Slug of the innovation's cluster."})
    project = ma.fields.String(metadata={"description": "Slug of the innovation's project."})
    kind = ma.fields.String(metadata={"description": "One of: " + ", ".join(INNOVATION_KINDS)})
    maturity = ma.fields.String(metadata={"description": "One of: " + ", ".join(MATURITY_LEVELS)})
    sort = sort_field(INNOVATION_SORT_KEYS, "title")


InnovationArgsSchema = representation_args(InnovationSchema, expandable=("cluster", "project"))
