"""Read endpoints of the organisations resource."""

from flask.views import MethodView
from sqlalchemy import func, select

from showcase.api.blueprint import Blueprint
from showcase.api.listing import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SelectPage, apply_sort
from showcase.api.organisations.schemas import (
    OrganisationArgsSchema,
    OrganisationQueryArgsSchema,
    OrganisationSchema,
)
from showcase.extensions import db
from showcase.models import Cluster, Organisation

blp = Blueprint("organisations", __name__, url_prefix="/api/v1/organisations",
                description="Companies, universities, institutes and public bodies in the clusters.")

SORT_COLUMNS = {
    "name": func.lower(Organisation.name),
    "city": Organisation.city,
    "type": Organisation.type,
    "slug": Organisation.slug,
}


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
        return apply_sort(statement, args["sort"], SORT_COLUMNS, Organisation.id)


@blp.route("/<slug>")
class OrganisationsBySlug(MethodView):
    @blp.etag
    @blp.arguments(OrganisationArgsSchema, location="query")
    @blp.response(200, OrganisationSchema)
    def get(self, args, slug):
        """Get an organisation"""
        return db.one_or_404(select(Organisation).where(Organisation.slug == slug),
                             description=f"There is no organisation {slug!r}.")
