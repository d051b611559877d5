"""The kiosks a read names, and the places a route joins."""

from flask_smorest import abort
from sqlalchemy import Select, select

from showcase.api.listing import apply_sort
from showcase.extensions import db
from showcase.models import Kiosk, Stand
from showcase.schemas import CANONICAL, Representation
from showcase.services.wayfinding import Endpoint, kiosk_endpoint, stand_endpoint

SORT_COLUMNS = {"id": Kiosk.id}


def filter_kiosks(args: dict) -> Select:
    """Every kiosk, in the request's order."""
    return apply_sort(select(Kiosk), args["sort"], SORT_COLUMNS, Kiosk.id, args["representation"].lang)


def kiosk_or_404(id: str, representation: Representation = CANONICAL) -> Kiosk:
    """The kiosk with this id, or a 404."""
    return db.one_or_404(select(Kiosk).where(Kiosk.id == id), description=f"There is no kiosk {id!r}.")


def place_or_404(place: str, argument: str) -> Endpoint:
    """Where `kiosk:<id>` or `stand:<number>` is; a 404 naming the argument when there is no such record."""
    kind, _, key = place.partition(":")
    model, column = (Kiosk, Kiosk.id) if kind == "kiosk" else (Stand, Stand.number)
    record = db.session.scalar(select(model).where(column == key))
    if record is None:
        abort(404, message=f"There is no {kind} {key!r} (`{argument}`).")
    return kiosk_endpoint(record) if kind == "kiosk" else stand_endpoint(record)


def all_stands() -> list[Stand]:
    return list(db.session.scalars(select(Stand).order_by(Stand.number)))
