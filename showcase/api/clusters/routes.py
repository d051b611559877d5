"""Read and write endpoints of the clusters resource and of the records that belong to a cluster."""

from flask.views import MethodView
from sqlalchemy import func, or_, select

from showcase.api import writes
from showcase.api.blueprint import Blueprint
from showcase.api.clusters.schemas import ClusterArgsSchema, ClusterQueryArgsSchema
from showcase.api.innovations.routes import filter_innovations
from showcase.api.innovations.schemas import InnovationQueryArgsSchema
from showcase.api.listing import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SelectPage, apply_sort
from showcase.api.projects.routes import filter_projects
from showcase.api.projects.schemas import ProjectQueryArgsSchema
from showcase.api.writes import DeleteArgsSchema, write_access
from showcase.extensions import db
from showcase.models import Cluster, ClusterState
from showcase.schemas import ClusterSchema, InnovationSchema, ProjectSchema

blp = Blueprint("clusters", __name__, url_prefix="/api/v1/clusters", description="The 15 Spitzencluster.")

SORT_COLUMNS = {
    "name": func.lower(Cluster.short_name),
    "round": Cluster.round,
    "year": Cluster.year,
    "slug": Cluster.slug,
    "city": Cluster.seat_city,
}


def cluster_or_404(slug: str) -> Cluster:
    return db.one_or_404(select(Cluster).where(Cluster.slug == slug),
                         description=f"There is no cluster {slug!r}.")


@blp.route("")
class Clusters(MethodView):
    @blp.etag
    @blp.arguments(ClusterQueryArgsSchema, location="query")
    @blp.response(200, ClusterSchema(many=True))
    @blp.paginate(SelectPage, page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args):
        """List clusters"""
        statement = select(Cluster)
        if "round" in args:
            statement = statement.where(Cluster.round == args["round"])
        if "year" in args:
            statement = statement.where(Cluster.year == args["year"])
        if "state" in args:
            statement = statement.where(Cluster.state_rows.any(func.lower(ClusterState.name) == args["state"].lower()))
        if "field" in args:
            pattern = f"%{args['field'].lower()}%"
            statement = statement.where(or_(func.lower(Cluster.field_de).like(pattern),
                                            func.lower(Cluster.field_en).like(pattern)))
        return apply_sort(statement, args["sort"], SORT_COLUMNS, Cluster.id, args["representation"].lang)

    @write_access("editor")
    @blp.etag
    @blp.arguments(writes.input_schema(ClusterSchema))
    @blp.response(201, ClusterSchema)
    def post(self, data):
        """Create a cluster"""
        cluster = writes.create("clusters", data)
        return writes.created(cluster, "clusters.ClustersBySlug", slug=cluster.slug)


@blp.route("/<slug>")
class ClustersBySlug(MethodView):
    @blp.etag
    @blp.arguments(ClusterArgsSchema, location="query")
    @blp.response(200, ClusterSchema)
    def get(self, args, slug):
        """Get a cluster"""
        return cluster_or_404(slug)

    @write_access("editor")
    @blp.etag
    @blp.arguments(writes.input_schema(ClusterSchema))
    @blp.response(200, ClusterSchema)
    def put(self, data, slug):
        """Replace a cluster"""
        cluster = cluster_or_404(slug)
        blp.check_etag(cluster, ClusterSchema)
        return writes.replace("clusters", cluster, data)

    @write_access("editor")
    @blp.etag
    @blp.doc(requestBody=writes.patch_body(ClusterSchema))
    @blp.response(200, ClusterSchema)
    def patch(self, slug):
        """Change some fields of a cluster"""
        cluster = cluster_or_404(slug)
        blp.check_etag(cluster, ClusterSchema)
        return writes.patch("clusters", cluster)

    @write_access("editor")
    @blp.etag
    @blp.arguments(DeleteArgsSchema, location="query")
    @blp.response(204)
    @blp.alt_response(409, response="CONFLICT")
    def delete(self, args, slug):
        """Delete a cluster"""
        cluster = cluster_or_404(slug)
        blp.check_etag(cluster, ClusterSchema)
        writes.delete("clusters", cluster, args["cascade"])


@blp.route("/<slug>/projects")
class ClusterProjects(MethodView):
    @blp.etag
    @blp.arguments(ProjectQueryArgsSchema, location="query")
    @blp.response(200, ProjectSchema(many=True))
    @blp.paginate(SelectPage, page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args, slug):
        """List a cluster's projects"""
        args["cluster"] = cluster_or_404(slug).slug
        return filter_projects(args)


@blp.route("/<slug>/innovations")
class ClusterInnovations(MethodView):
    @blp.etag
    @blp.arguments(InnovationQueryArgsSchema, location="query")
    @blp.response(200, InnovationSchema(many=True))
    @blp.paginate(SelectPage, page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args, slug):
        """List a cluster's innovations"""
        args["cluster"] = cluster_or_404(slug).slug
        return filter_innovations(args)
