"""Query arguments of the clusters resource."""

import marshmallow as ma

from showcase.api.listing import sort_field
from showcase.api.representation import representation_args
from showcase.schemas.cluster import ClusterSchema

CLUSTER_SORT_KEYS = ("name", "round", "year", "slug", "city")


class ClusterQueryArgsSchema(representation_args(ClusterSchema, expandable=("stand", "organisations"))):
    # Bounded, so a number too large for the database is a 422 and not a failed query.
    round = ma.fields.Integer(validate=ma.validate.Range(0, 9999),
                              metadata={"description": "Competition round: 1, 2 or 3."})
    year = ma.fields.Integer(validate=ma.validate.Range(0, 9999),
                             metadata={"description": "Year of the round: 2008, 2010 or 2012."})
    state = ma.fields.String(metadata={"description": "A federal state the cluster spans, e.g. Bayern."})
    field = ma.fields.String(metadata={"description": "Words in the technology field, either language."})
    sort = sort_field(CLUSTER_SORT_KEYS, "name")


ClusterArgsSchema = representation_args(ClusterSchema, expandable=("stand", "organisations"))
