"""An API key of an editor or an administrator; only its hash is stored."""

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from showcase.models.base import Base

# `cluster` (an editor bound to one cluster through cluster_id) is planned; it is not accepted yet.
KEY_ROLES = ("editor", "admin")


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
    # Reserved for the later `cluster` role: the one cluster such a key may edit.
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("cluster.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None]

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def __repr__(self) -> str:
        return f"<ApiKey {self.name} {self.role}>"
