"""Read and write endpoints of the exhibition stands and the hall's floor plan."""

from flask.views import MethodView

from showcase.api.blueprint import Blueprint
from showcase.api.stands.queries import filter_stands, floor_plan, stand_or_404
from showcase.api.stands.schemas import StandArgsSchema, StandQueryArgsSchema
from showcase.api.writes import RecordViews
from showcase.schemas import FloorPlanSchema, StandSchema

blp = Blueprint("stands", __name__, url_prefix="/api/v1", description="Where each cluster stands in the hall.")

VIEWS = RecordViews(blp, "stands", StandSchema, find=stand_or_404, label="a stand")
VIEWS.route("/stands", "Stands", StandQueryArgsSchema, filter_stands, StandArgsSchema, listing="stands")


@blp.route("/floor-plan")
class FloorPlan(MethodView):
    @blp.read(FloorPlanSchema, args=StandArgsSchema)
    def get(self, args):
        """Get the hall's floor plan with every stand"""
        return floor_plan(args["representation"])
