"""Read and write endpoints of the innovations resource."""

from flask.views import MethodView

from showcase.api.blueprint import Blueprint
from showcase.api.innovations.queries import filter_innovations, innovation_or_404
from showcase.api.innovations.schemas import InnovationArgsSchema, InnovationQueryArgsSchema
from showcase.api.listing import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SelectPage
from showcase.api.writes import RecordWrites
from showcase.schemas import InnovationSchema

blp = Blueprint("innovations", __name__, url_prefix="/api/v1/innovations",
                description="Products, prototypes, services, methods and platforms the clusters present.")

# The write views, alike for every resource (showcase.api.writes).
WRITES = RecordWrites(blp, "innovations", InnovationSchema, find=innovation_or_404,
                      location="innovations.InnovationsBySlug", label="an innovation")


@blp.route("")
class Innovations(MethodView):
    @blp.etag
    @blp.arguments(InnovationQueryArgsSchema, location="query")
    @blp.response(200, InnovationSchema(many=True))
    @blp.paginate(SelectPage, page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args):
        """List innovations"""
        return filter_innovations(args)

    post = WRITES.create_view()


@blp.route("/<slug>")
class InnovationsBySlug(MethodView):
    @blp.etag
    @blp.arguments(InnovationArgsSchema, location="query")
    @blp.response(200, InnovationSchema)
    def get(self, args, slug):
        """Get an innovation"""
        return innovation_or_404(slug, args["representation"])

    put = WRITES.replace_view()
    patch = WRITES.patch_view()
    delete = WRITES.delete_view()
