"""The stands a read names, loaded with everything StandSchema dumps in a fixed number of queries."""

from sqlalchemy import Select, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from showcase.api.listing import apply_sort
from showcase.extensions import db
from showcase.models import HALL_DEPTH, HALL_WIDTH, Cluster, Stand
from showcase.schemas import CANONICAL, Representation

SORT_COLUMNS = {"number": Stand.number, "cluster": Cluster.slug}
ENTRANCE = {"x": HALL_WIDTH / 2 - 4, "y": HALL_DEPTH - 1, "width": 8.0, "height": 1.0}


def stand_loading(representation: Representation, *, cluster_joined: bool = False) -> list:
    """Loader options for a stand as StandSchema dumps it: its cluster in its own query, its innovations in one more.

    Expanded, the cluster and the innovations dump only their own columns: `expand` costs nothing more.
    """
    return [
        contains_eager(Stand.cluster) if cluster_joined else joinedload(Stand.cluster, innerjoin=True),
        selectinload(Stand.innovations),
    ]


def filter_stands(args: dict) -> Select:
    """The stands matching a list request's filters, in its order, with what their dump needs."""
    representation = args["representation"]
    statement = select(Stand).join(Stand.cluster).options(*stand_loading(representation, cluster_joined=True))
    if "cluster" in args:
        statement = statement.where(Cluster.slug == args["cluster"])
    return apply_sort(statement, args["sort"], SORT_COLUMNS, Stand.id, representation.lang)


def floor_plan(representation: Representation) -> dict:
    """The hall and every stand in it, by number, as FloorPlanSchema dumps it (/floor-plan and the snapshot)."""
    statement = select(Stand).join(Stand.cluster).options(*stand_loading(representation, cluster_joined=True))
    stands = db.session.scalars(statement.order_by(Stand.number)).all()
    return {"unit": "m", "width": HALL_WIDTH, "depth": HALL_DEPTH, "entrance": ENTRANCE, "stands": stands}


def stand_or_404(number: str, representation: Representation = CANONICAL) -> Stand:
    """The stand with this number, loaded for a dump in the representation, or a 404."""
    return db.one_or_404(select(Stand).where(Stand.number == number).options(*stand_loading(representation)),
                         description=f"There is no stand {number!r}.")
