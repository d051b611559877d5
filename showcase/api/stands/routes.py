"""Read and write endpoints of the exhibition stands and the hall's floor plan."""

from flask.views import MethodView
from sqlalchemy import select

from showcase.api import writes
from showcase.api.blueprint import Blueprint
from showcase.api.listing import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SelectPage, apply_sort
from showcase.api.stands.schemas import StandArgsSchema, StandQueryArgsSchema
from showcase.api.writes import DeleteArgsSchema, write_access
from showcase.extensions import db
from showcase.models import HALL_DEPTH, HALL_WIDTH, Cluster, Stand
from showcase.schemas import FloorPlanSchema, StandSchema

blp = Blueprint("stands", __name__, url_prefix="/api/v1", description="Where each cluster stands in the hall.")

SORT_COLUMNS = {"number": Stand.number, "cluster": Cluster.slug}
ENTRANCE = {"x": HALL_WIDTH / 2 - 4, "y": HALL_DEPTH - 1, "width": 8.0, "height": 1.0}


def stand_or_404(number: str) -> Stand:
    return db.one_or_404(select(Stand).where(Stand.number == number),
                         description=f"There is no stand {number!r}.")


@blp.route("/stands")
class Stands(MethodView):
    @blp.etag
    @blp.arguments(StandQueryArgsSchema, location="query")
    @blp.response(200, StandSchema(many=True))
    @blp.paginate(SelectPage, page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args):
        """List stands"""
        statement = select(Stand).join(Stand.cluster)
        if "cluster" in args:
            statement = statement.where(Cluster.slug == args["cluster"])
        return apply_sort(statement, args["sort"], SORT_COLUMNS, Stand.id, args["representation"].lang)

    @write_access("editor")
    @blp.etag
    @blp.arguments(writes.input_schema(StandSchema))
    @blp.response(201, StandSchema)
    def post(self, data):
        """Create a stand"""
        stand = writes.create("stands", data)
        return writes.created(stand, "stands.StandsByNumber", number=stand.number)


@blp.route("/stands/<number>")
class StandsByNumber(MethodView):
    @blp.etag
    @blp.arguments(StandArgsSchema, location="query")
    @blp.response(200, StandSchema)
    def get(self, args, number):
        """Get a stand"""
        return stand_or_404(number)

    @write_access("editor")
    @blp.etag
    @blp.arguments(writes.input_schema(StandSchema))
    @blp.response(200, StandSchema)
    def put(self, data, number):
        """Replace a stand"""
        stand = stand_or_404(number)
        blp.check_etag(stand, StandSchema)
        return writes.replace("stands", stand, data)

    @write_access("editor")
    @blp.etag
    @blp.doc(requestBody=writes.patch_body(StandSchema))
    @blp.response(200, StandSchema)
    def patch(self, number):
        """Change some fields of a stand"""
        stand = stand_or_404(number)
        blp.check_etag(stand, StandSchema)
        return writes.patch("stands", stand)

    @write_access("editor")
    @blp.etag
    @blp.arguments(DeleteArgsSchema, location="query")
    @blp.response(204)
    @blp.alt_response(409, response="CONFLICT")
    def delete(self, args, number):
        """Delete a stand"""
        stand = stand_or_404(number)
        blp.check_etag(stand, StandSchema)
        writes.delete("stands", stand, args["cascade"])


@blp.route("/floor-plan")
class FloorPlan(MethodView):
    @blp.etag
    @blp.arguments(StandArgsSchema, location="query")
    @blp.response(200, FloorPlanSchema)
    def get(self, args):
        """Get the hall's floor plan with every stand"""
        stands = db.session.scalars(select(Stand).order_by(Stand.number)).all()
        return {"unit": "m", "width": HALL_WIDTH, "depth": HALL_DEPTH, "entrance": ENTRANCE, "stands": stands}
