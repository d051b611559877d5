"""A slot of the conference programme: a keynote, panel, forum, matchmaking or get-together."""

import datetime as dt
import uuid

from sqlalchemy import JSON, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from showcase.models.base import Base

SESSION_KINDS = (
    "registration", "opening", "keynote", "panel", "forum", "matchmaking",
    "break", "get_together", "exhibition", "closing",
)
CONFERENCE_DAYS = (dt.date(2015, 6, 30), dt.date(2015, 7, 1))
CONFERENCE_TIMEZONE = "Europe/Berlin"
# A session's guid is uuid5 over this namespace and its slug at creation: the seed gives every host the same guids.
SESSION_GUID_NAMESPACE = uuid.UUID("6f1c2a4e-3b1d-5c8e-9a07-2015063007f1")


class ProgrammeSession(Base):
    __tablename__ = "programme_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The old slug is loaded before a rename: the change feed records its deletion.
    slug: Mapped[str] = mapped_column(String(80), unique=True, active_history=True)
    # Made once when the session is created and never changed, so conference apps keep it across slug renames.
    guid: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    title_de: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    description_de: Mapped[str] = mapped_column(Text)
    description_en: Mapped[str] = mapped_column(Text)
    # Local Berlin time, as printed in the programme.
    starts_at: Mapped[dt.datetime] = mapped_column(index=True)
    ends_at: Mapped[dt.datetime]
    room: Mapped[str] = mapped_column(String(120))
    languages: Mapped[list[str]] = mapped_column(JSON)
    topic_de: Mapped[str | None] = mapped_column(String(200))
    topic_en: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(300))
    source_date: Mapped[str] = mapped_column(String(10))
    # The announcement gave days and order, not clock times or rooms: true until a source gives them.
    times_provisional: Mapped[bool] = mapped_column(default=True)

    @property
    def day(self) -> dt.date:
        return self.starts_at.date()

    def __repr__(self) -> str:
        return f"<ProgrammeSession {self.slug}>"
