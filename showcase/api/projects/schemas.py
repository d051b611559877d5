"""Query arguments of the projects resource."""

import marshmallow as ma

from showcase.api.listing import sort_field
from showcase.api.representation import representation_args
from showcase.models import ORGANISATION_TYPES
from showcase.schemas.project import ProjectSchema

PROJECT_SORT_KEYS = ("title", "slug", "funding_start", "funding_end", "cluster")


class ProjectQueryArgsSchema(representation_args(ProjectSchema, expandable=("cluster", "organisations", "innovations"))):
    cluster = ma.fields.String(metadata={"description": "Slug of the project's cluster."})
    topic = ma.fields.String(metadata={"description": "A keyword in either language, any case."})
    organisation = ma.fields.String(metadata={"description": "Slug of a partner organisation."})
    organisation_type = ma.fields.String(
        metadata={"description": "Projects with at least one partner of this type: " + ", ".join(ORGANISATION_TYPES)})
    sort = sort_field(PROJECT_SORT_KEYS, "title")


ProjectArgsSchema = representation_args(ProjectSchema, expandable=("cluster", "organisations", "innovations"))
