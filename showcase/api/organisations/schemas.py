"""Query arguments of the organisations resource."""

import marshmallow as ma

from showcase.api.listing import sort_field
from showcase.api.representation import representation_args
from showcase.models import ORGANISATION_TYPES
from showcase.schemas.organisation import OrganisationSchema

ORGANISATION_SORT_KEYS = ("name", "city", "type", "slug")


class OrganisationQueryArgsSchema(representation_args(OrganisationSchema, expandable=("clusters", "projects"))):
    type = ma.fields.String(metadata={"description": "One of: " + ", ".join(ORGANISATION_TYPES)})
    city = ma.fields.String()
    cluster = ma.fields.String(metadata={"description": "Slug of a cluster the organisation belongs to."})
    sort = sort_field(ORGANISATION_SORT_KEYS, "name")


OrganisationArgsSchema = representation_args(OrganisationSchema, expandable=("clusters", "projects"))
