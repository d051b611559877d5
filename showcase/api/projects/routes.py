"""Read and write endpoints of the projects resource."""

from flask.views import MethodView

from showcase.api.blueprint import Blueprint
from showcase.api.listing import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SelectPage
from showcase.api.projects.queries import filter_projects, project_or_404
from showcase.api.projects.schemas import ProjectArgsSchema, ProjectQueryArgsSchema
from showcase.api.writes import RecordWrites
from showcase.schemas import ProjectSchema

blp = Blueprint("projects", __name__, url_prefix="/api/v1/projects", description="The clusters' funded projects.")

# The write views, alike for every resource (showcase.api.writes).
WRITES = RecordWrites(blp, "projects", ProjectSchema, find=project_or_404,
                      location="projects.ProjectsBySlug", label="a project")


@blp.route("")
class Projects(MethodView):
    @blp.etag
    @blp.arguments(ProjectQueryArgsSchema, location="query")
    @blp.response(200, ProjectSchema(many=True))
    @blp.paginate(SelectPage, page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args):
        """List projects"""
        return filter_projects(args)

    post = WRITES.create_view()


@blp.route("/<slug>")
class ProjectsBySlug(MethodView):
    @blp.etag
    @blp.arguments(ProjectArgsSchema, location="query")
    @blp.response(200, ProjectSchema)
    def get(self, args, slug):
        """Get a project"""
        return project_or_404(slug, args["representation"])

    put = WRITES.replace_view()
    patch = WRITES.patch_view()
    delete = WRITES.delete_view()
