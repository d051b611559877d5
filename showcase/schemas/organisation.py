"""The validated shape of organisations: what the API, the importer and the seed loader accept."""

import marshmallow as ma

from showcase.models import ORGANISATION_TYPES
from showcase.schemas.dumping import RecordSchema
from showcase.schemas.fields import ReferenceList, Slug


class OrganisationSummarySchema(RecordSchema):
    """An organisation as other records inline it."""

    slug = Slug()
    name = ma.fields.String()
    type = ma.fields.String()
    city = ma.fields.String()


class OrganisationSchema(RecordSchema):
    slug = Slug(required=True)
    name = ma.fields.String(required=True, validate=ma.validate.Length(1, 200))
    type = ma.fields.String(required=True, validate=ma.validate.OneOf(ORGANISATION_TYPES))
    city = ma.fields.String(required=True, validate=ma.validate.Length(1, 120))
    website = ma.fields.URL(load_default=None, allow_none=True, schemes={"http", "https"},
                            validate=ma.validate.Length(max=300))
    clusters = ReferenceList("ClusterSummarySchema", load_default=list,
                             metadata={"description": "Clusters the organisation is a member of."})
    projects = ReferenceList("ProjectSummarySchema", dump_only=True)
