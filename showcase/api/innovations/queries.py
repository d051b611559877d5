"""The innovations a read names, loaded with everything InnovationSchema dumps in a fixed number of queries.

Routes of other resources (a cluster's innovations) build on these functions, never on another
resource's routes.
"""

from sqlalchemy import Select, func, select
from sqlalchemy.orm import contains_eager, joinedload

from showcase.api.listing import apply_sort
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


def innovation_loading(representation: Representation, *, cluster_joined: bool = False) -> list:
    """Loader options for an innovation as InnovationSchema dumps it: its cluster and project in its own query.

    An expanded project dumps its cluster's slug, so `expand=project` joins that cluster too.
    """
    project = joinedload(Innovation.project)
    if "project" in representation.expand:
        project = project.joinedload(Project.cluster, innerjoin=True)
    return [
        contains_eager(Innovation.cluster) if cluster_joined else joinedload(Innovation.cluster, innerjoin=True),
        project,
    ]


def filter_innovations(args: dict) -> Select:
    """The innovations matching a list request's filters, in its order, with what their dump needs."""
    representation = args["representation"]
    statement = (select(Innovation).join(Innovation.cluster)
                 .options(*innovation_loading(representation, cluster_joined=True)))
    if "cluster" in args:
        statement = statement.where(Cluster.slug == args["cluster"])
    if "project" in args:
        statement = statement.where(Innovation.project.has(Project.slug == args["project"]))
    if "kind" in args:
        statement = statement.where(Innovation.kind == args["kind"])
    if "maturity" in args:
        statement = statement.where(Innovation.maturity == args["maturity"])
    return apply_sort(statement, args["sort"], SORT_COLUMNS, Innovation.id, representation.lang)


def innovation_or_404(slug: str, representation: Representation = CANONICAL) -> Innovation:
    """The innovation with this slug, loaded for a dump in the representation, or a 404."""
    statement = select(Innovation).where(Innovation.slug == slug).options(*innovation_loading(representation))
    return db.one_or_404(statement, description=f"There is no innovation {slug!r}.")
