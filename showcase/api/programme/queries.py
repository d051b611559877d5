"""The programme sessions a read names. A session links to nothing: one query for any number of them."""

import datetime as dt

from sqlalchemy import Select, String, cast, func, select

from showcase.api.listing import apply_sort
from showcase.extensions import db
from showcase.models import ProgrammeSession
from showcase.schemas import CANONICAL, Representation

SORT_COLUMNS = {
    "starts_at": ProgrammeSession.starts_at,
    "title": {"de": func.lower(ProgrammeSession.title_de), "en": func.lower(ProgrammeSession.title_en)},
    "room": ProgrammeSession.room,
}


def filter_programme(args: dict) -> Select:
    """The sessions matching a list request's filters, in its order."""
    statement = select(ProgrammeSession)
    if "day" in args:
        start = dt.datetime.combine(args["day"], dt.time())
        statement = statement.where(ProgrammeSession.starts_at >= start,
                                    ProgrammeSession.starts_at < start + dt.timedelta(days=1))
    if "kind" in args:
        statement = statement.where(ProgrammeSession.kind == args["kind"])
    if "language" in args:
        statement = statement.where(cast(ProgrammeSession.languages, String).like(f'%"{args["language"]}"%'))
    return apply_sort(statement, args["sort"], SORT_COLUMNS, ProgrammeSession.id, args["representation"].lang)


def session_or_404(slug: str, representation: Representation = CANONICAL) -> ProgrammeSession:
    """The session with this slug, or a 404; a session links to nothing, so every representation loads alike."""
    return db.one_or_404(select(ProgrammeSession).where(ProgrammeSession.slug == slug),
                         description=f"There is no programme session {slug!r}.")
