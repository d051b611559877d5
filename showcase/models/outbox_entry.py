"""The outbox: one row per changed record, written in the writing transaction.

Two readers follow it by id: the search index (by the record's index owner, `kind` and `record_id`)
and the public change feed (by the record itself, `subject_kind`, `subject_slug` and `action`).
"""

import datetime as dt

from sqlalchemy import String, func
from sqlalchemy.orm import Mapped, mapped_column

from showcase.models.base import Base

CHANGE_ACTIONS = ("created", "updated", "deleted")
# The kinds of the change feed, named as the API and the search name them.
# Where the API serves each kind's records: `/api/v1/<collection>/<slug>`.
COLLECTION_OF_KIND = {"cluster": "clusters", "stand": "stands", "project": "projects", "innovation": "innovations",
                      "organisation": "organisations", "session": "programme", "kiosk": "kiosks"}
CHANGE_KINDS = tuple(COLLECTION_OF_KIND)


class OutboxEntry(Base):
    __tablename__ = "outbox_entry"
    # AUTOINCREMENT on SQLite so an id is never reused after a rollback or a prune.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    # The search document the change touches (a project's topics are the project's); none for a stand.
    kind: Mapped[str | None] = mapped_column(String(20))
    record_id: Mapped[int | None]
    # The record that changed, as the change feed names it; its slug (a stand's number) is kept for deletions.
    subject_kind: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[int | None]
    subject_slug: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.current_timestamp(), index=True)

    def __repr__(self) -> str:
        return f"<OutboxEntry {self.id} {self.action} {self.subject_kind}:{self.subject_slug}>"


class OutboxRetention(Base):
    """How far the outbox was pruned: a change feed cursor below it cannot be served whole."""

    __tablename__ = "outbox_retention"

    id: Mapped[int] = mapped_column(primary_key=True)
    pruned_through: Mapped[int] = mapped_column(default=0)
