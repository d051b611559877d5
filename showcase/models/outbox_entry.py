"""The change log the search index follows: one row per changed record, written in the writing transaction."""

import datetime as dt

from sqlalchemy import String, func
from sqlalchemy.orm import Mapped, mapped_column

from showcase.models.base import Base


class OutboxEntry(Base):
    __tablename__ = "outbox_entry"
    # AUTOINCREMENT on SQLite so an id is never reused after a rollback or a prune.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int]
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.current_timestamp(), index=True)

    def __repr__(self) -> str:
        return f"<OutboxEntry {self.id} {self.kind}:{self.record_id}>"
