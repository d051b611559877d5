"""The validated shape of innovations: what the API, the importer and the seed loader accept."""

import marshmallow as ma

from showcase.models import INNOVATION_KINDS, MATURITY_LEVELS
from showcase.schemas.dumping import RecordSchema
from showcase.schemas.fields import Reference, Slug, Source, SourceDate, Translated


class InnovationSummarySchema(RecordSchema):
    """An innovation as other records inline it."""

    slug = Slug()
    title = Translated(200)
    kind = ma.fields.String()


class InnovationSchema(RecordSchema):
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
    source_date = SourceDate(required=True)
    featured = ma.fields.Boolean(load_default=False,
                                 metadata={"description": "Shown in turn on the kiosk's attract screen."})
