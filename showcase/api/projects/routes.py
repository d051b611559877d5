"""Read and write endpoints of the projects resource."""

from flask.views import MethodView
from sqlalchemy import Select, func, select

from showcase.api import writes
from showcase.api.blueprint import Blueprint
from showcase.api.listing import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SelectPage, apply_sort
from showcase.api.projects.schemas import ProjectArgsSchema, ProjectQueryArgsSchema
from showcase.api.writes import DeleteArgsSchema, write_access
from showcase.extensions import db
from showcase.models import Cluster, Organisation, Project, ProjectTopic
from showcase.schemas import ProjectSchema

blp = Blueprint("projects", __name__, url_prefix="/api/v1/projects", description="The clusters' funded projects.")

SORT_COLUMNS = {
    "title": {"de": func.lower(Project.title_de), "en": func.lower(Project.title_en)},
    "slug": Project.slug,
    "funding_start": Project.funding_start,
    "funding_end": Project.funding_end,
    "cluster": Cluster.slug,
}


def filter_projects(args: dict) -> Select:
    """The projects matching a list request's filters, in its order."""
    statement = select(Project).join(Project.cluster)
    if "cluster" in args:
        statement = statement.where(Cluster.slug == args["cluster"])
    if "topic" in args:
        statement = statement.where(Project.topic_rows.any(ProjectTopic.label_folded == args["topic"].strip().lower()))
    if "organisation" in args:
        statement = statement.where(Project.organisations.any(Organisation.slug == args["organisation"]))
    if "organisation_type" in args:
        statement = statement.where(Project.organisations.any(Organisation.type == args["organisation_type"]))
    return apply_sort(statement, args["sort"], SORT_COLUMNS, Project.id, args["representation"].lang)


def project_or_404(slug: str) -> Project:
    return db.one_or_404(select(Project).where(Project.slug == slug),
                         description=f"There is no project {slug!r}.")


@blp.route("")
class Projects(MethodView):
    @blp.etag
    @blp.arguments(ProjectQueryArgsSchema, location="query")
    @blp.response(200, ProjectSchema(many=True))
    @blp.paginate(SelectPage, page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args):
        """List projects"""
        return filter_projects(args)

    @write_access("editor")
    @blp.etag
    @blp.arguments(writes.input_schema(ProjectSchema))
    @blp.response(201, ProjectSchema)
    def post(self, data):
        """Create a project"""
        project = writes.create("projects", data)
        return writes.created(project, "projects.ProjectsBySlug", slug=project.slug)


@blp.route("/<slug>")
class ProjectsBySlug(MethodView):
    @blp.etag
    @blp.arguments(ProjectArgsSchema, location="query")
    @blp.response(200, ProjectSchema)
    def get(self, args, slug):
        """Get a project"""
        return project_or_404(slug)

    @write_access("editor")
    @blp.etag
    @blp.arguments(writes.input_schema(ProjectSchema))
    @blp.response(200, ProjectSchema)
    def put(self, data, slug):
        """Replace a project"""
        project = project_or_404(slug)
        blp.check_etag(project, ProjectSchema)
        return writes.replace("projects", project, data)

    @write_access("editor")
    @blp.etag
    @blp.doc(requestBody=writes.patch_body(ProjectSchema))
    @blp.response(200, ProjectSchema)
    def patch(self, slug):
        """Change some fields of a project"""
        project = project_or_404(slug)
        blp.check_etag(project, ProjectSchema)
        return writes.patch("projects", project)

    @write_access("editor")
    @blp.etag
    @blp.arguments(DeleteArgsSchema, location="query")
    @blp.response(204)
    @blp.alt_response(409, response="CONFLICT")
    def delete(self, args, slug):
        """Delete a project"""
        project = project_or_404(slug)
        blp.check_etag(project, ProjectSchema)
        writes.delete("projects", project, args["cascade"])
