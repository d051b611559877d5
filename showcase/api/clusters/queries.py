"""The clusters a read names, loaded with everything ClusterSchema dumps in a fixed number of queries."""

from types import SimpleNamespace

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from showcase.api.listing import Listing, PlainList, in_order, json_one, json_record, json_rows
from showcase.api.summaries import ORGANISATION_SUMMARY, STAND_SUMMARY
from showcase.extensions import db
from showcase.models import Cluster, ClusterState, Organisation, Stand
from showcase.models.associations import cluster_organisation
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


LISTED_COLUMNS = (Cluster.slug, Cluster.name_de, Cluster.name_en, Cluster.short_name, Cluster.round, Cluster.year,
                  Cluster.field_de, Cluster.field_en, Cluster.region, Cluster.seat_city, Cluster.seat_lat,
                  Cluster.seat_lon, Cluster.description_de, Cluster.description_en, Cluster.website,
                  Cluster.managing_body)
CLUSTER_LINKS = (
    json_one(STAND_SUMMARY, Cluster, Stand.cluster_id == Cluster.id).label("stand"),
    json_rows(json_record(position=ClusterState.position, name=ClusterState.name), Cluster,
              ClusterState.cluster_id == Cluster.id).label("states"),
)
MEMBERS = json_rows(ORGANISATION_SUMMARY, Cluster, cluster_organisation.c.cluster_id == Cluster.id,
                    select_from=cluster_organisation.join(Organisation)).label("organisations")


def filter_clusters(args: dict) -> Listing:
    """The clusters matching a list request's filters, in its order: a page is one query of plain rows."""
    values = {name: args[name] for name in ("round", "year") if name in args}
    if "state" in args:
        values["state"] = args["state"].lower()
    if "field" in args:
        values["field"] = f"%{args['field'].lower()}%"
    return CLUSTERS.listing(args, values, args["representation"].expand)


def seat_and_states(cluster: SimpleNamespace) -> None:
    """A listed cluster's seat and states as ClusterSchema dumps them."""
    cluster.seat = {"city": cluster.seat_city, "lat": cluster.seat_lat, "lon": cluster.seat_lon}
    cluster.states = [state["name"] for state in in_order(cluster.states, "position")]


CLUSTERS = PlainList(
    model=Cluster,
    matching=select(Cluster.id),
    filters={
        "round": Cluster.round == bindparam("round"),
        "year": Cluster.year == bindparam("year"),
        "state": Cluster.state_rows.any(func.lower(ClusterState.name) == bindparam("state")),
        "field": or_(func.lower(Cluster.field_de).like(bindparam("field")),
                     func.lower(Cluster.field_en).like(bindparam("field"))),
    },
    sort_columns=SORT_COLUMNS, columns=(*LISTED_COLUMNS, *CLUSTER_LINKS), expandable={"organisations": (MEMBERS,)},
    ordered=("organisations",), finish=seat_and_states)


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
