"""The organisations a read names, loaded with everything OrganisationSchema dumps in a fixed number of queries."""

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import selectinload

from showcase.api.listing import Listing, PlainList, json_rows
from showcase.api.summaries import CLUSTER_SUMMARY, PROJECT_SUMMARY
from showcase.extensions import db
from showcase.models import Cluster, Organisation, Project
from showcase.models.associations import cluster_organisation, project_organisation
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


LISTED_COLUMNS = (Organisation.slug, Organisation.name, Organisation.type, Organisation.city, Organisation.website)
ORGANISATION_LINKS = (
    json_rows(CLUSTER_SUMMARY, Organisation, cluster_organisation.c.organisation_id == Organisation.id,
              select_from=cluster_organisation.join(Cluster)).label("clusters"),
    json_rows(PROJECT_SUMMARY, Organisation, project_organisation.c.organisation_id == Organisation.id,
              select_from=project_organisation.join(Project).join(Cluster)).label("projects"),
)


def filter_organisations(args: dict) -> Listing:
    """The organisations matching a list request's filters, in its order: a page is one query of plain rows."""
    values = {name: args[name] for name in ("type", "cluster") if name in args}
    if "city" in args:
        values["city"] = args["city"].strip().lower()
    return ORGANISATIONS.listing(args, values)


ORGANISATIONS = PlainList(
    model=Organisation,
    matching=select(Organisation.id),
    filters={
        "type": Organisation.type == bindparam("type"),
        "city": func.lower(Organisation.city) == bindparam("city"),
        "cluster": Organisation.clusters.any(Cluster.slug == bindparam("cluster")),
    },
    sort_columns=SORT_COLUMNS, columns=(*LISTED_COLUMNS, *ORGANISATION_LINKS), ordered=("clusters", "projects"))


def organisation_or_404(slug: str, representation: Representation = CANONICAL) -> Organisation:
    """The organisation with this slug, loaded for a dump in the representation, or a 404."""
    statement = select(Organisation).where(Organisation.slug == slug).options(*organisation_loading(representation))
    return db.one_or_404(statement, description=f"There is no organisation {slug!r}.")
