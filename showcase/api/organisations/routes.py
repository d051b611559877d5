"""Read and write endpoints of the organisations resource."""

from flask.views import MethodView
from sqlalchemy import func, select

from showcase.api import writes
from showcase.api.blueprint import Blueprint
from showcase.api.listing import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SelectPage, apply_sort
from showcase.api.organisations.schemas import OrganisationArgsSchema, OrganisationQueryArgsSchema
from showcase.api.writes import DeleteArgsSchema, write_access
from showcase.extensions import db
from showcase.models import Cluster, Organisation
from showcase.schemas import OrganisationSchema

blp = Blueprint("organisations", __name__, url_prefix="/api/v1/organisations",
                description="Companies, universities, institutes and public bodies in the clusters.")

SORT_COLUMNS = {
    "name": func.lower(Organisation.name),
    "city": Organisation.city,
    "type": Organisation.type,
    "slug": Organisation.slug,
}


def organisation_or_404(slug: str) -> Organisation:
    return db.one_or_404(select(Organisation).where(Organisation.slug == slug),
                         description=f"There is no organisation {slug!r}.")


@blp.route("")
class Organisations(MethodView):
    @blp.etag
    @blp.arguments(OrganisationQueryArgsSchema, location="query")
    @blp.response(200, OrganisationSchema(many=True))
    @blp.paginate(SelectPage, page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args):
        """List organisations"""
        statement = select(Organisation)
        if "type" in args:
            statement = statement.where(Organisation.type == args["type"])
        if "city" in args:
            statement = statement.where(func.lower(Organisation.city) == args["city"].strip().lower())
        if "cluster" in args:
            statement = statement.where(Organisation.clusters.any(Cluster.slug == args["cluster"]))
        return apply_sort(statement, args["sort"], SORT_COLUMNS, Organisation.id, args["representation"].lang)

    @write_access("editor")
    @blp.etag
    @blp.arguments(writes.input_schema(OrganisationSchema))
    @blp.response(201, OrganisationSchema)
    def post(self, data):
        """Create an organisation"""
        organisation = writes.create("organisations", data)
        return writes.created(organisation, "organisations.OrganisationsBySlug", slug=organisation.slug)


@blp.route("/<slug>")
class OrganisationsBySlug(MethodView):
    @blp.etag
    @blp.arguments(OrganisationArgsSchema, location="query")
    @blp.response(200, OrganisationSchema)
    def get(self, args, slug):
        """Get an organisation"""
        return organisation_or_404(slug)

    @write_access("editor")
    @blp.etag
    @blp.arguments(writes.input_schema(OrganisationSchema))
    @blp.response(200, OrganisationSchema)
    def put(self, data, slug):
        """Replace an organisation"""
        organisation = organisation_or_404(slug)
        blp.check_etag(organisation, OrganisationSchema)
        return writes.replace("organisations", organisation, data)

    @write_access("editor")
    @blp.etag
    @blp.doc(requestBody=writes.patch_body(OrganisationSchema))
    @blp.response(200, OrganisationSchema)
    def patch(self, slug):
        """Change some fields of an organisation"""
        organisation = organisation_or_404(slug)
        blp.check_etag(organisation, OrganisationSchema)
        return writes.patch("organisations", organisation)

    @write_access("editor")
    @blp.etag
    @blp.arguments(DeleteArgsSchema, location="query")
    @blp.response(204)
    @blp.alt_response(409, response="CONFLICT")
    def delete(self, args, slug):
        """Delete an organisation"""
        organisation = organisation_or_404(slug)
        blp.check_etag(organisation, OrganisationSchema)
        writes.delete("organisations", organisation, args["cascade"])
