"""The innovations a read names, loaded with everything InnovationSchema dumps in a fixed number of queries.

Routes of other resources (a cluster's innovations) build on these functions, never on another
resource's routes.
"""

from sqlalchemy import bindparam, func, join, select
from sqlalchemy.orm import joinedload

from showcase.api.listing import Listing, PlainList, json_one
from showcase.api.summaries import CLUSTER_SUMMARY, PROJECT_SUMMARY
from showcase.extensions import db
from showcase.models import Cluster, Innovation, Project
from showcase.schemas import CANONICAL, Representation

SORT_COLUMNS = {
    "title": {"de": func.lower(Innovation.title_de), "en": func.lower(Innovation.title_en)},
    "slug": Innovation.slug,
    "kind": Innovation.kind,
    "maturity": Innovation.maturity,
    "cluster": Cluster.slug,
}


def innovation_loading(representation: Representation) -> list:
    """Loader options for an innovation as InnovationSchema dumps it: its cluster and project in its own query.

    An expanded project dumps its cluster's slug, so `expand=project` joins that cluster too.
    """
    project = joinedload(Innovation.project)
    if "project" in representation.expand:
        project = project.joinedload(Project.cluster, innerjoin=True)
    return [joinedload(Innovation.cluster, innerjoin=True), project]


LISTED_COLUMNS = (Innovation.slug, Innovation.title_de, Innovation.title_en, Innovation.description_de,
                  Innovation.description_en, Innovation.kind, Innovation.maturity, Innovation.image_url,
                  Innovation.source, Innovation.source_date, Innovation.featured)
INNOVATION_LINKS = (
    CLUSTER_SUMMARY.label("cluster"),
    json_one(PROJECT_SUMMARY, Innovation, Project.id == Innovation.project_id,
             select_from=join(Project, Cluster)).label("project"),
)


def filter_innovations(args: dict) -> Listing:
    """The innovations matching a list request's filters, in its order: a page is one query of plain rows."""
    return INNOVATIONS.listing(args, {name: args[name] for name in INNOVATIONS.filters if name in args})


INNOVATIONS = PlainList(
    model=Innovation,
    matching=select(Innovation.id).join(Innovation.cluster),
    filters={
        "cluster": Cluster.slug == bindparam("cluster"),
        "project": Innovation.project.has(Project.slug == bindparam("project")),
        "kind": Innovation.kind == bindparam("kind"),
        "maturity": Innovation.maturity == bindparam("maturity"),
    },
    sort_columns=SORT_COLUMNS, columns=(*LISTED_COLUMNS, *INNOVATION_LINKS), joins=(Innovation.cluster,))


def innovation_or_404(slug: str, representation: Representation = CANONICAL) -> Innovation:
    """The innovation with this slug, loaded for a dump in the representation, or a 404."""
    statement = select(Innovation).where(Innovation.slug == slug).options(*innovation_loading(representation))
    return db.one_or_404(statement, description=f"There is no innovation {slug!r}.")
