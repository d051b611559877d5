"""Schemas of the innovations resource."""

import marshmallow as ma

from showcase.api.fields import Reference, Slug, Source, Translated
from showcase.api.listing import sort_field
from showcase.api.representation import representation_args
from showcase.models import INNOVATION_KINDS, MATURITY_LEVELS


class InnovationSummarySchema(ma.Schema):
    """An innovation as other records inline it."""

    slug = Slug()
    title = Translated(200)
    kind = ma.fields.String()


class InnovationSchema(ma.Schema):
    slug = Slug(required=True)
    cluster = Reference("ClusterSummarySchema", required=True)
    project = Reference("ProjectSummarySchema", load_default=None, allow_none=True)
    title = Translated(200, required=True)
    description = Translated(4000, required=True)
    kind = ma.fields.String(required=True, validate=ma.validate.OneOf(INNOVATION_KINDS))
    maturity = ma.fields.String(required=True, validate=ma.validate.OneOf(MATURITY_LEVELS))
    image_url = ma.fields.URL(load_default=None, allow_none=True, schemes={"http", "https"},
                              validate=ma.validate.Length(max=300))
    source = Source(required=True)


INNOVATION_SORT_KEYS = ("title", "slug", "kind", "maturity", "cluster")


class InnovationQueryArgsSchema(representation_args(InnovationSchema, expandable=("cluster", "project"))):
    cluster = ma.fields.String(metadata={"description": "Slug of the innovation's cluster."})
    project = ma.fields.String(metadata={"description": "Slug of the innovation's project."})
    kind = ma.fields.String(metadata={"description": "One of: " + ", ".join(INNOVATION_KINDS)})
    maturity = ma.fields.String(metadata={"description": "One of: " + ", ".join(MATURITY_LEVELS)})
    sort = sort_field(INNOVATION_SORT_KEYS, "title")


InnovationArgsSchema = representation_args(InnovationSchema, expandable=("cluster", "project"))
