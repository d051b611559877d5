"""The clusters a read names, loaded with everything ClusterSchema dumps in a fixed number of queries."""

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from showcase.api.listing import apply_sort
from showcase.extensions import db
from showcase.models import Cluster, ClusterState
from showcase.schemas import CANONICAL, Representation

SORT_COLUMNS = {
    "name": func.lower(Cluster.short_name),
    "round": Cluster.round,
    "year": Cluster.year,
    "slug": Cluster.slug,
    "city": Cluster.seat_city,
}


def cluster_loading(representation: Representation) -> list:
    """Loader options for a cluster as ClusterSchema dumps it: its stand joined, its states in one more query.

    Members are dumped only with `expand=organisations`, and only then loaded: one query more.
    """
    options = [joinedload(Cluster.stand), selectinload(Cluster.state_rows)]
    if "organisations" in representation.expand:
        options.append(selectinload(Cluster.organisations))
    return options


def filter_clusters(args: dict) -> Select:
    """The clusters matching a list request's filters, in its order, with what their dump needs."""
    representation = args["representation"]
    statement = select(Cluster).options(*cluster_loading(representation))
    if "round" in args:
        statement = statement.where(Cluster.round == args["round"])
    if "year" in args:
        statement = statement.where(Cluster.year == args["year"])
    if "state" in args:
        statement = statement.where(Cluster.state_rows.any(func.lower(ClusterState.name) == args["state"].lower()))
    if "field" in args:
        pattern = f"%{args['field'].lower()}%"
        statement = statement.where(or_(func.lower(Cluster.field_de).like(pattern),
                                        func.lower(Cluster.field_en).like(pattern)))
    return apply_sort(statement, args["sort"], SORT_COLUMNS, Cluster.id, representation.lang)


def cluster_or_404(slug: str, representation: Representation = CANONICAL) -> Cluster:
    """The cluster with this slug, loaded for a dump in the representation, or a 404."""
    return db.one_or_404(select(Cluster).where(Cluster.slug == slug).options(*cluster_loading(representation)),
                         description=f"There is no cluster {slug!r}.")


def existing_cluster_or_404(slug: str) -> str:
    """The slug of an existing cluster, or a 404: what a cluster's lists check, loading nothing more."""
    return db.one_or_404(select(Cluster.slug).where(Cluster.slug == slug),
                         description=f"There is no cluster {slug!r}.")


def cluster_with_projects_or_404(slug: str) -> Cluster:
    """The cluster with its stand and projects, as its schema.org description names them, or a 404."""
    return db.one_or_404(select(Cluster).where(Cluster.slug == slug).options(
        joinedload(Cluster.stand), selectinload(Cluster.projects)), description=f"There is no cluster {slug!r}.")
