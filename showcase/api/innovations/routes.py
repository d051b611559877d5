"""Read and write endpoints of the innovations resource."""

from flask.views import MethodView
from sqlalchemy import Select, func, select

from showcase.api import writes
from showcase.api.blueprint import Blueprint
from showcase.api.innovations.schemas import InnovationArgsSchema, InnovationQueryArgsSchema
from showcase.api.listing import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SelectPage, apply_sort
from showcase.api.writes import DeleteArgsSchema, write_access
from showcase.extensions import db
from showcase.models import Cluster, Innovation, Project
from showcase.schemas import InnovationSchema

blp = Blueprint("innovations", __name__, url_prefix="/api/v1/innovations",
                description="Products, prototypes, services, methods and platforms the clusters present.")

SORT_COLUMNS = {
    "title": {"de": func.lower(Innovation.title_de), "en": func.lower(Innovation.title_en)},
    "slug": Innovation.slug,
    "kind": Innovation.kind,
    "maturity": Innovation.maturity,
    "cluster": Cluster.slug,
}


def filter_innovations(args: dict) -> Select:
    """The innovations matching a list request's filters, in its order."""
    statement = select(Innovation).join(Innovation.cluster)
    if "cluster" in args:
        statement = statement.where(Cluster.slug == args["cluster"])
    if "project" in args:
        statement = statement.where(Innovation.project.has(Project.slug == args["project"]))
    if "kind" in args:
        statement = statement.where(Innovation.kind == args["kind"])
    if "maturity" in args:
        statement = statement.where(Innovation.maturity == args["maturity"])
    return apply_sort(statement, args["sort"], SORT_COLUMNS, Innovation.id, args["representation"].lang)


def innovation_or_404(slug: str) -> Innovation:
    return db.one_or_404(select(Innovation).where(Innovation.slug == slug),
                         description=f"There is no innovation {slug!r}.")


@blp.route("")
class Innovations(MethodView):
    @blp.etag
    @blp.arguments(InnovationQueryArgsSchema, location="query")
    @blp.response(200, InnovationSchema(many=True))
    @blp.paginate(SelectPage, page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args):
        """List innovations"""
        return filter_innovations(args)

    @write_access("editor")
    @blp.etag
    @blp.arguments(writes.input_schema(InnovationSchema))
    @blp.response(201, InnovationSchema)
    def post(self, data):
        """Create an innovation"""
        innovation = writes.create("innovations", data)
        return writes.created(innovation, "innovations.InnovationsBySlug", slug=innovation.slug)


@blp.route("/<slug>")
class InnovationsBySlug(MethodView):
    @blp.etag
    @blp.arguments(InnovationArgsSchema, location="query")
    @blp.response(200, InnovationSchema)
    def get(self, args, slug):
        """Get an innovation"""
        return innovation_or_404(slug)

    @write_access("editor")
    @blp.etag
    @blp.arguments(writes.input_schema(InnovationSchema))
    @blp.response(200, InnovationSchema)
    def put(self, data, slug):
        """Replace an innovation"""
        innovation = innovation_or_404(slug)
        blp.check_etag(innovation, InnovationSchema)
        return writes.replace("innovations", innovation, data)

    @write_access("editor")
    @blp.etag
    @blp.doc(requestBody=writes.patch_body(InnovationSchema))
    @blp.response(200, InnovationSchema)
    def patch(self, slug):
        """Change some fields of an innovation"""
        innovation = innovation_or_404(slug)
        blp.check_etag(innovation, InnovationSchema)
        return writes.patch("innovations", innovation)

    @write_access("editor")
    @blp.etag
    @blp.arguments(DeleteArgsSchema, location="query")
    @blp.response(204)
    @blp.alt_response(409, response="CONFLICT")
    def delete(self, args, slug):
        """Delete an innovation"""
        innovation = innovation_or_404(slug)
        blp.check_etag(innovation, InnovationSchema)
        writes.delete("innovations", innovation, args["cascade"])
