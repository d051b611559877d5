"""Read and write endpoints of the innovations resource."""

from showcase.api.blueprint import Blueprint
from showcase.api.innovations.queries import filter_innovations, innovation_or_404
from showcase.api.innovations.schemas import InnovationArgsSchema, InnovationQueryArgsSchema
from showcase.api.writes import RecordViews
from showcase.schemas import InnovationSchema

blp = Blueprint("innovations", __name__, url_prefix="/api/v1/innovations",
                description="Products, prototypes, services, methods and platforms the clusters present.")

VIEWS = RecordViews(blp, "innovations", InnovationSchema, find=innovation_or_404, label="an innovation")
VIEWS.route("", "Innovations", InnovationQueryArgsSchema, filter_innovations, InnovationArgsSchema,
            listing="innovations")
