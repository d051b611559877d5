"""An administrator's webhook: a site that is sent each change of the directory after its cursor."""

import datetime as dt

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from showcase.models.api_key import utcnow
from showcase.models.base import Base

WEBHOOK_STATES = ("active", "paused")


class WebhookSubscription(Base):
    __tablename__ = "webhook_subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    # Subsets of the change feed's kinds and actions; a change outside them is passed over.
    kinds: Mapped[list] = mapped_column(JSON)
    actions: Mapped[list] = mapped_column(JSON)
    # `whsec_` and base64: the Standard Webhooks secret; kept, since every delivery is signed with it.
    secret: Mapped[str] = mapped_column(String(60))
    # The outbox id of the last change delivered (or passed over); starts at the newest when registered.
    cursor: Mapped[int] = mapped_column(default=0)
    state: Mapped[str] = mapped_column(String(10), default="active", index=True)
    paused_reason: Mapped[str | None] = mapped_column(String(1200))
    # Where the record links of a delivery point when SHOWCASE_PUBLIC_URL is unset: the host it was registered at.
    api_root: Mapped[str] = mapped_column(String(500), default="")
    # A worker sending to this subscription holds it until then, so no other host sends meanwhile.
    leased_until: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    deliveries = relationship("WebhookDelivery", back_populates="subscription", cascade="all, delete-orphan",
                              passive_deletes=True)

    def __repr__(self) -> str:
        return f"<WebhookSubscription {self.id} {self.state} {self.url}>"
