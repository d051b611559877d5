"""Read and write endpoints of the organisations resource."""

from flask.views import MethodView

from showcase.api.blueprint import Blueprint
from showcase.api.listing import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SelectPage
from showcase.api.organisations.queries import filter_organisations, organisation_or_404
from showcase.api.organisations.schemas import OrganisationArgsSchema, OrganisationQueryArgsSchema
from showcase.api.writes import RecordWrites
from showcase.schemas import OrganisationSchema

blp = Blueprint("organisations", __name__, url_prefix="/api/v1/organisations",
                description="Companies, universities, institutes and public bodies in the clusters.")

# The write views, alike for every resource (showcase.api.writes).
WRITES = RecordWrites(blp, "organisations", OrganisationSchema, find=organisation_or_404,
                      location="organisations.OrganisationsBySlug", label="an organisation")


@blp.route("")
class Organisations(MethodView):
    @blp.etag
    @blp.arguments(OrganisationQueryArgsSchema, location="query")
    @blp.response(200, OrganisationSchema(many=True))
    @blp.paginate(SelectPage, page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args):
        """List organisations"""
        return filter_organisations(args)

    post = WRITES.create_view()


@blp.route("/<slug>")
class OrganisationsBySlug(MethodView):
    @blp.etag
    @blp.arguments(OrganisationArgsSchema, location="query")
    @blp.response(200, OrganisationSchema)
    def get(self, args, slug):
        """Get an organisation"""
        return organisation_or_404(slug, args["representation"])

    put = WRITES.replace_view()
    patch = WRITES.patch_view()
    delete = WRITES.delete_view()
