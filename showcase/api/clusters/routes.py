"""Read and write endpoints of the clusters resource and of the records that belong to a cluster."""

import json

from flask import Response, request
from flask.views import MethodView

from showcase.api.blueprint import Blueprint
from showcase.api.clusters.queries import (
    cluster_or_404,
    cluster_with_projects_or_404,
    existing_cluster_or_404,
    filter_clusters,
)
from showcase.api.clusters.schemas import ClusterArgsSchema, ClusterQueryArgsSchema
from showcase.api.innovations.queries import filter_innovations
from showcase.api.innovations.schemas import InnovationQueryArgsSchema
from showcase.api.projects.queries import filter_projects
from showcase.api.projects.schemas import ProjectQueryArgsSchema
from showcase.api.writes import RecordViews, decorated, method_view
from showcase.schemas import ClusterSchema, InnovationSchema, ProjectSchema
from showcase.services.linked_data import MEDIA_TYPE as LINKED_DATA, cluster_linked_data

blp = Blueprint("clusters", __name__, url_prefix="/api/v1/clusters", description="The 15 Spitzencluster.")

VIEWS = RecordViews(blp, "clusters", ClusterSchema, find=cluster_or_404, label="a cluster")


def get_cluster(_view, args, slug: str):
    """Answer JSON, or schema.org JSON-LD to `Accept: application/ld+json`; either way `Vary: Accept`."""
    representation = args["representation"]
    if request.accept_mimetypes.best_match(("application/json", LINKED_DATA)) != LINKED_DATA:
        return cluster_or_404(slug, representation), 200, {"Vary": "Accept"}
    linked_data = cluster_linked_data(cluster_with_projects_or_404(slug), representation.lang, request.host_url)
    return Response(json.dumps(linked_data, ensure_ascii=False), mimetype=LINKED_DATA, headers={"Vary": "Accept"})


LINKED_DATA_DOC = {"responses": {200: {"content": {LINKED_DATA: {"schema": {
    "type": "object",
    "description": "With `Accept: application/ld+json`: schema.org JSON-LD, an `@graph` of the cluster as an "
                   "Organization (its projects as ResearchProject, its stand as a Place) and the exhibition as "
                   "an ExhibitionEvent at WECC Berlin on both days. `lang=` gives one language, else both "
                   "as language-tagged values.",
}}}}}}
VIEWS.route("", "Clusters", ClusterQueryArgsSchema, filter_clusters, ClusterArgsSchema, listing="clusters",
            item_get=decorated(method_view("get", "Get a cluster", get_cluster), blp.etag,
                               blp.arguments(ClusterArgsSchema, location="query"),
                               blp.response(200, ClusterSchema), blp.doc(**LINKED_DATA_DOC)))


def in_cluster(args: dict, slug: str) -> None:
    """Narrow a list to the cluster the URL names (a 404 if there is none)."""
    args["cluster"] = existing_cluster_or_404(slug)


blp.route("/<slug>/projects")(type("ClusterProjects", (MethodView,), {"get": VIEWS.list_view(
    ProjectQueryArgsSchema, filter_projects, "List a cluster's projects", schema=ProjectSchema, scope=in_cluster)}))
blp.route("/<slug>/innovations")(type("ClusterInnovations", (MethodView,), {"get": VIEWS.list_view(
    InnovationQueryArgsSchema, filter_innovations, "List a cluster's innovations", schema=InnovationSchema,
    scope=in_cluster)}))
