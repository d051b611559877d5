"""The organisations a read names, loaded with everything OrganisationSchema dumps in a fixed number of queries."""

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from showcase.api.listing import apply_sort
from showcase.extensions import db
from showcase.models import Cluster, Organisation, Project
from showcase.schemas import CANONICAL, Representation

SORT_COLUMNS = {
    "name": func.lower(Organisation.name),
    "city": Organisation.city,
    "type": Organisation.type,
    "slug": Organisation.slug,
}


def organisation_loading(representation: Representation) -> list:
    """Loader options for an organisation as OrganisationSchema dumps it: its clusters and projects, a query each.

    An expanded project dumps its cluster's slug, so `expand=projects` joins those clusters into the
    projects' query.
    """
    projects = selectinload(Organisation.projects)
    if "projects" in representation.expand:
        projects = projects.joinedload(Project.cluster, innerjoin=True)
    return [selectinload(Organisation.clusters), projects]


def filter_organisations(args: dict) -> Select:
    """The organisations matching a list request's filters, in its order, with what their dump needs."""
    representation = args["representation"]
    statement = select(Organisation).options(*organisation_loading(representation))
    if "type" in args:
        statement = statement.where(Organisation.type == args["type"])
    if "city" in args:
        statement = statement.where(func.lower(Organisation.city) == args["city"].strip().lower())
    if "cluster" in args:
        statement = statement.where(Organisation.clusters.any(Cluster.slug == args["cluster"]))
    return apply_sort(statement, args["sort"], SORT_COLUMNS, Organisation.id, representation.lang)


def organisation_or_404(slug: str, representation: Representation = CANONICAL) -> Organisation:
    """The organisation with this slug, loaded for a dump in the representation, or a 404."""
    statement = select(Organisation).where(Organisation.slug == slug).options(*organisation_loading(representation))
    return db.one_or_404(statement, description=f"There is no organisation {slug!r}.")
