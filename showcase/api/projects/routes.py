"""Read and write endpoints of the projects resource."""

from showcase.api.blueprint import Blueprint
from showcase.api.projects.queries import filter_projects, project_or_404
from showcase.api.projects.schemas import ProjectArgsSchema, ProjectQueryArgsSchema
from showcase.api.writes import RecordViews
from showcase.schemas import ProjectSchema

blp = Blueprint("projects", __name__, url_prefix="/api/v1/projects", description="The clusters' funded projects.")

VIEWS = RecordViews(blp, "projects", ProjectSchema, find=project_or_404, label="a project")
VIEWS.route("", "Projects", ProjectQueryArgsSchema, filter_projects, ProjectArgsSchema, listing="projects")
