"""One change sent (or being sent) to one webhook subscription, with its attempts."""

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from showcase.models.api_key import utcnow
from showcase.models.base import Base


class WebhookDelivery(Base):
    __tablename__ = "webhook_delivery"
    __table_args__ = (UniqueConstraint("subscription_id", "cursor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("webhook_subscription.id", ondelete="CASCADE"),
                                                 index=True)
    # The change's outbox id.
    cursor: Mapped[int]
    # The `webhook-id` header: the same on every retry, so a receiver can drop duplicates.
    webhook_id: Mapped[str] = mapped_column(String(40))
    attempts: Mapped[int] = mapped_column(default=0)
    status_code: Mapped[int | None]
    # At most 1 KiB: the receiver's answer or why the attempt failed.
    last_error: Mapped[str | None] = mapped_column(String(1024))
    next_attempt_at: Mapped[dt.datetime | None]
    delivered_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    subscription = relationship("WebhookSubscription", back_populates="deliveries")

    @property
    def status(self) -> str:
        if self.delivered_at is not None:
            return "delivered"
        return "failing" if self.attempts else "pending"

    def __repr__(self) -> str:
        return f"<WebhookDelivery {self.id} sub {self.subscription_id} cursor {self.cursor} {self.status}>"
