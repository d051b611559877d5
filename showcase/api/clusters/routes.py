"""Read and write endpoints of the clusters resource and of the records that belong to a cluster."""

from flask.views import MethodView

from showcase.api.blueprint import Blueprint
from showcase.api.clusters.queries import cluster_or_404, existing_cluster_or_404, filter_clusters
from showcase.api.clusters.schemas import ClusterArgsSchema, ClusterQueryArgsSchema
from showcase.api.innovations.queries import filter_innovations
from showcase.api.innovations.schemas import InnovationQueryArgsSchema
from showcase.api.listing import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SelectPage
from showcase.api.projects.queries import filter_projects
from showcase.api.projects.schemas import ProjectQueryArgsSchema
from showcase.api.writes import RecordWrites
from showcase.schemas import ClusterSchema, InnovationSchema, ProjectSchema

blp = Blueprint("clusters", __name__, url_prefix="/api/v1/clusters", description="The 15 Spitzencluster.")

# The write views, alike for every resource (showcase.api.writes).
WRITES = RecordWrites(blp, "clusters", ClusterSchema, find=cluster_or_404,
                      location="clusters.ClustersBySlug", label="a cluster")


@blp.route("")
class Clusters(MethodView):
    @blp.etag
    @blp.arguments(ClusterQueryArgsSchema, location="query")
    @blp.response(200, ClusterSchema(many=True))
    @blp.paginate(SelectPage, page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args):
        """List clusters"""
        return filter_clusters(args)

    post = WRITES.create_view()


@blp.route("/<slug>")
class ClustersBySlug(MethodView):
    @blp.etag
    @blp.arguments(ClusterArgsSchema, location="query")
    @blp.response(200, ClusterSchema)
    def get(self, args, slug):
        """Get a cluster"""
        return cluster_or_404(slug, args["representation"])

    put = WRITES.replace_view()
    patch = WRITES.patch_view()
    delete = WRITES.delete_view()


@blp.route("/<slug>/projects")
class ClusterProjects(MethodView):
    @blp.etag
    @blp.arguments(ProjectQueryArgsSchema, location="query")
    @blp.response(200, ProjectSchema(many=True))
    @blp.paginate(SelectPage, page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args, slug):
        """List a cluster's projects"""
        args["cluster"] = existing_cluster_or_404(slug)
        return filter_projects(args)


@blp.route("/<slug>/innovations")
class ClusterInnovations(MethodView):
    @blp.etag
    @blp.arguments(InnovationQueryArgsSchema, location="query")
    @blp.response(200, InnovationSchema(many=True))
    @blp.paginate(SelectPage, page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args, slug):
        """List a cluster's innovations"""
        args["cluster"] = existing_cluster_or_404(slug)
        return filter_innovations(args)
