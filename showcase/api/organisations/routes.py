"""Read and write endpoints of the organisations resource."""

from showcase.api.blueprint import Blueprint
from showcase.api.organisations.queries import filter_organisations, organisation_or_404
from showcase.api.organisations.schemas import OrganisationArgsSchema, OrganisationQueryArgsSchema
from showcase.api.writes import RecordViews
from showcase.schemas import OrganisationSchema

blp = Blueprint("organisations", __name__, url_prefix="/api/v1/organisations",
                description="Companies, universities, institutes and public bodies in the clusters.")

VIEWS = RecordViews(blp, "organisations", OrganisationSchema, find=organisation_or_404, label="an organisation")
VIEWS.route("", "Organisations", OrganisationQueryArgsSchema, filter_organisations, OrganisationArgsSchema,
            listing="organisations")
