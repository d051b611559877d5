"""The change feed: the outbox read in order, by its ids.

Write transactions take turns on both databases (SQLite's write lock; on PostgreSQL an advisory lock,
see `database.configure_postgresql`), so outbox ids commit in the order they are drawn: once an id is
visible no lower id can still commit, and every id the feed sees can be served. The search drain keeps
its own guard against gaps for writes made without the lock.
"""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from showcase.extensions import db
from showcase.models import OutboxEntry, OutboxRetention


class CursorExpired(Exception):
    """The cursor is older than the oldest change the outbox still keeps."""

    def __init__(self, pruned_through: int):
        super().__init__(f"Changes up to {pruned_through} are no longer kept.")
        self.pruned_through = pruned_through


@dataclass(frozen=True)
class Change:
    cursor: int
    kind: str
    slug: str
    action: str
    at: str
    record_id: int


@dataclass(frozen=True)
class ChangePage:
    changes: list[Change]
    cursor: int
    more: bool


def pruned_through() -> int:
    return db.session.scalar(select(OutboxRetention.pruned_through).where(OutboxRetention.id == 1)) or 0


def as_change(entry: OutboxEntry) -> Change:
    at = entry.created_at.replace(tzinfo=dt.timezone.utc, microsecond=0).isoformat().replace("+00:00", "Z")
    return Change(entry.id, entry.subject_kind, entry.subject_slug, entry.action, at, entry.subject_id)


def check_cursor(since: int) -> None:
    """:raises CursorExpired: when entries after the cursor were pruned; the client reloads the snapshot."""
    pruned = pruned_through()
    if since < pruned:
        raise CursorExpired(pruned)


def changes_since(since: int, limit: int) -> ChangePage:
    """The changes after the cursor, oldest first, at most `limit`.

    :raises CursorExpired: as :func:`check_cursor`.
    """
    check_cursor(since)
    entries = db.session.scalars(
        select(OutboxEntry).where(OutboxEntry.id > since).order_by(OutboxEntry.id).limit(limit + 1)).all()
    served = entries[:limit]
    return ChangePage([as_change(entry) for entry in served], served[-1].id if served else since,
                      len(entries) > limit)


def changes_between(since: int, until: int) -> list[Change]:
    """Every change after `since` up to `until`, oldest first (as :func:`changes_since`, unbounded)."""
    check_cursor(since)
    entries = db.session.scalars(select(OutboxEntry).where(OutboxEntry.id > since, OutboxEntry.id <= until)
                                 .order_by(OutboxEntry.id)).all()
    return [as_change(entry) for entry in entries]


def current_cursor() -> int:
    """The cursor a read made now is complete up to: every change at or below it is in it."""
    return db.session.scalar(select(func.max(OutboxEntry.id))) or 0
