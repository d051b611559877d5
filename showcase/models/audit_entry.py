"""One committed change of the directory: who, when, what, and the record before and after."""

import datetime as dt

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from showcase.models.api_key import utcnow
from showcase.models.base import Base

AUDIT_ACTIONS = ("create", "update", "delete", "import")


class AuditEntry(Base):
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    # The name of the API key (or `cli:<user>` for commands): names outlive revoked keys.
    key_name: Mapped[str] = mapped_column(String(120), index=True)
    action: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(20), index=True)
    record_key: Mapped[str] = mapped_column(String(80), index=True)
    # The record as the export writes it; null before a create and after a delete.
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)

    def __repr__(self) -> str:
        return f"<AuditEntry {self.id} {self.action} {self.kind}:{self.record_key}>"
