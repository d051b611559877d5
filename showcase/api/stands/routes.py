"""Read and write endpoints of the exhibition stands and the hall's floor plan."""

from flask.views import MethodView

from showcase.api.blueprint import Blueprint
from showcase.api.listing import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SelectPage
from showcase.api.stands.queries import filter_stands, floor_plan, stand_or_404
from showcase.api.stands.schemas import StandArgsSchema, StandQueryArgsSchema
from showcase.api.writes import RecordWrites
from showcase.schemas import FloorPlanSchema, StandSchema

blp = Blueprint("stands", __name__, url_prefix="/api/v1", description="Where each cluster stands in the hall.")

# The write views, alike for every resource (showcase.api.writes).
WRITES = RecordWrites(blp, "stands", StandSchema, find=stand_or_404,
                      location="stands.StandsByNumber", label="a stand")


@blp.route("/stands")
class Stands(MethodView):
    @blp.etag
    @blp.arguments(StandQueryArgsSchema, location="query")
    @blp.response(200, StandSchema(many=True))
    @blp.paginate(SelectPage, page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args):
        """List stands"""
        return filter_stands(args)

    post = WRITES.create_view()


@blp.route("/stands/<number>")
class StandsByNumber(MethodView):
    @blp.etag
    @blp.arguments(StandArgsSchema, location="query")
    @blp.response(200, StandSchema)
    def get(self, args, number):
        """Get a stand"""
        return stand_or_404(number, args["representation"])

    put = WRITES.replace_view()
    patch = WRITES.patch_view()
    delete = WRITES.delete_view()


@blp.route("/floor-plan")
class FloorPlan(MethodView):
    @blp.etag
    @blp.arguments(StandArgsSchema, location="query")
    @blp.response(200, FloorPlanSchema)
    def get(self, args):
        """Get the hall's floor plan with every stand"""
        return floor_plan(args["representation"])
