"""Read endpoints of the exhibition stands and the hall's floor plan."""

from flask.views import MethodView
from sqlalchemy import select

from showcase.api.blueprint import Blueprint
from showcase.api.listing import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SelectPage, apply_sort
from showcase.api.stands.schemas import FloorPlanSchema, StandArgsSchema, StandQueryArgsSchema, StandSchema
from showcase.extensions import db
from showcase.models import HALL_DEPTH, HALL_WIDTH, Cluster, Stand

blp = Blueprint("stands", __name__, url_prefix="/api/v1", description="Where each cluster stands in the hall.")

SORT_COLUMNS = {"number": Stand.number, "cluster": Cluster.slug}
ENTRANCE = {"x": HALL_WIDTH / 2 - 4, "y": HALL_DEPTH - 1, "width": 8.0, "height": 1.0}


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
        return apply_sort(statement, args["sort"], SORT_COLUMNS, Stand.id)


@blp.route("/stands/<number>")
class StandsByNumber(MethodView):
    @blp.etag
    @blp.arguments(StandArgsSchema, location="query")
    @blp.response(200, StandSchema)
    def get(self, args, number):
        """Get a stand"""
        return db.one_or_404(select(Stand).where(Stand.number == number),
                             description=f"There is no stand {number!r}.")


@blp.route("/floor-plan")
class FloorPlan(MethodView):
    @blp.etag
    @blp.arguments(StandArgsSchema, location="query")
    @blp.response(200, FloorPlanSchema)
    def get(self, args):
        """Get the hall's floor plan with every stand"""
        stands = db.session.scalars(select(Stand).order_by(Stand.number)).all()
        return {"unit": "m", "width": HALL_WIDTH, "depth": HALL_DEPTH, "entrance": ENTRANCE, "stands": stands}
