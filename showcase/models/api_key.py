"""An API key of an editor or an administrator; only its hash is stored."""

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from showcase.models.base import Base

# `cluster`: a cluster's matchmaking contact, bound to that one cluster through cluster_id; it may
# see and answer the meeting requests to that cluster, and write nothing in the directory.
KEY_ROLES = ("editor", "admin", "cluster")


def utcnow() -> dt.datetime:
    """Now in UTC without tzinfo, as both databases store it."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class ApiKey(Base):
    __tablename__ = "api_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    # The first characters of the key: shown in listings, used to find the row; not enough to use the key.
    prefix: Mapped[str] = mapped_column(String(16), index=True)
    # SHA-256 of the whole key, hex; the key itself is shown once and never stored.
    key_hash: Mapped[str] = mapped_column(String(64))
    # For the `cluster` role (and only for it): the one cluster whose meeting requests the key may see.
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("cluster.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None]

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def __repr__(self) -> str:
        return f"<ApiKey {self.name} {self.role}>"
