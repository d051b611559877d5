"""Read and write endpoints of the clusters resource and of the records that belong to a cluster."""

from flask.views import MethodView

from showcase.api.blueprint import Blueprint
from showcase.api.clusters.queries import cluster_or_404, existing_cluster_or_404, filter_clusters
from showcase.api.clusters.schemas import ClusterArgsSchema, ClusterQueryArgsSchema
from showcase.api.innovations.queries import filter_innovations
from showcase.api.innovations.schemas import InnovationQueryArgsSchema
from showcase.api.projects.queries import filter_projects
from showcase.api.projects.schemas import ProjectQueryArgsSchema
from showcase.api.writes import RecordViews
from showcase.schemas import ClusterSchema, InnovationSchema, ProjectSchema

blp = Blueprint("clusters", __name__, url_prefix="/api/v1/clusters", description="The 15 Spitzencluster.")

VIEWS = RecordViews(blp, "clusters", ClusterSchema, find=cluster_or_404, label="a cluster")
VIEWS.route("", "Clusters", ClusterQueryArgsSchema, filter_clusters, ClusterArgsSchema, listing="clusters")


def in_cluster(args: dict, slug: str) -> None:
    """Narrow a list to the cluster the URL names (a 404 if there is none)."""
    args["cluster"] = existing_cluster_or_404(slug)


blp.route("/<slug>/projects")(type("ClusterProjects", (MethodView,), {"get": VIEWS.list_view(
    ProjectQueryArgsSchema, filter_projects, "List a cluster's projects", schema=ProjectSchema, scope=in_cluster)}))
blp.route("/<slug>/innovations")(type("ClusterInnovations", (MethodView,), {"get": VIEWS.list_view(
    InnovationQueryArgsSchema, filter_innovations, "List a cluster's innovations", schema=InnovationSchema,
    scope=in_cluster)}))
