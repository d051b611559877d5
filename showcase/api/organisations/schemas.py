"""Schemas of the organisations resource."""

import marshmallow as ma

from showcase.api.fields import ReferenceList, Slug
from showcase.api.listing import sort_field
from showcase.api.representation import representation_args
from showcase.models import ORGANISATION_TYPES


class OrganisationSummarySchema(ma.Schema):
    """An organisation as other records inline it."""

    slug = Slug()
    name = ma.fields.String()
    type = ma.fields.String()
    city = ma.fields.String()


class OrganisationSchema(ma.Schema):
    slug = Slug(required=True)
    name = ma.fields.String(required=True, validate=ma.validate.Length(1, 200))
    type = ma.fields.String(required=True, validate=ma.validate.OneOf(ORGANISATION_TYPES))
    city = ma.fields.String(required=True, validate=ma.validate.Length(1, 120))
    website = ma.fields.URL(load_default=None, allow_none=True, schemes={"http", "https"},
                            validate=ma.validate.Length(max=300))
    clusters = ReferenceList("ClusterSummarySchema", load_default=list,
                             metadata={"description": "Clusters the organisation is a member of."})
    projects = ReferenceList("ProjectSummarySchema", dump_only=True)


ORGANISATION_SORT_KEYS = ("name", "city", "type", "slug")


class OrganisationQueryArgsSchema(representation_args(OrganisationSchema, expandable=("clusters", "projects"))):
    type = ma.fields.String(metadata={"description": "One of: " + ", ".join(ORGANISATION_TYPES)})
    city = ma.fields.String()
    cluster = ma.fields.String(metadata={"description": "Slug of a cluster the organisation belongs to."})
    sort = sort_field(ORGANISATION_SORT_KEYS, "name")


OrganisationArgsSchema = representation_args(OrganisationSchema, expandable=("clusters", "projects"))
