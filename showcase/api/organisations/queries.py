"""The organisations a read names, loaded with everything OrganisationSchema dumps in a fixed number of queries."""

from types import SimpleNamespace

from sqlalchemy import Row, Select, Subquery, bindparam, func, select
from sqlalchemy.orm import selectinload

from showcase.api.listing import Listing, PlainList, in_order, json_rows
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


def page_of_organisations(page: Subquery) -> Select:
    """What OrganisationSchema dumps of the organisations of a page, in the page's order."""
    return (select(*LISTED_COLUMNS, *ORGANISATION_LINKS, page.c.total)
            .select_from(page).join(Organisation, Organisation.id == page.c.id).order_by(page.c.position))


def listed_organisations(rows: list[Row]) -> list[SimpleNamespace]:
    """A page's rows as OrganisationSchema dumps them."""
    organisations = []
    for row in rows:
        organisation = SimpleNamespace(**row._mapping)
        organisation.clusters = in_order(organisation.clusters)
        organisation.projects = in_order(organisation.projects)
        organisations.append(organisation)
    return organisations


ORGANISATIONS = PlainList(
    matching=select(Organisation.id),
    filters={
        "type": Organisation.type == bindparam("type"),
        "city": func.lower(Organisation.city) == bindparam("city"),
        "cluster": Organisation.clusters.any(Cluster.slug == bindparam("cluster")),
    },
    sort_columns=SORT_COLUMNS, tie_break=Organisation.id, columns=page_of_organisations,
    complete=listed_organisations)


def organisation_or_404(slug: str, representation: Representation = CANONICAL) -> Organisation:
    """The organisation with this slug, loaded for a dump in the representation, or a 404."""
    statement = select(Organisation).where(Organisation.slug == slug).options(*organisation_loading(representation))
    return db.one_or_404(statement, description=f"There is no organisation {slug!r}.")
