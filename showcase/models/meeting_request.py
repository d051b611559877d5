"""A participant's request to meet one cluster, and the cluster's answer: a slot and a table.

A slot is a stretch of SHOWCASE_MATCHMAKING_SLOT_MINUTES within a programme session of kind
`matchmaking`; a table is a number from 1 to SHOWCASE_MATCHMAKING_TABLES. The database refuses a
second meeting at the same table in the same slot, whatever raced to assign it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from showcase.models.api_key import utcnow
from showcase.models.base import Base

if TYPE_CHECKING:
    from showcase.models.cluster import Cluster
    from showcase.models.matchmaking_participant import MatchmakingParticipant
    from showcase.models.programme_session import ProgrammeSession

MEETING_STATUSES = ("pending", "accepted", "declined", "cancelled")

# The matchmaking sessions a participant would prefer to meet in.
meeting_request_preference = Table(
    "meeting_request_preference",
    Base.metadata,
    Column("request_id", ForeignKey("meeting_request.id", ondelete="CASCADE"), primary_key=True),
    Column("session_id", ForeignKey("programme_session.id", ondelete="CASCADE"), primary_key=True),
)


class MeetingRequest(Base):
    __tablename__ = "meeting_request"
    __table_args__ = (
        UniqueConstraint("participant_id", "cluster_id", name="uq_meeting_request_participant_cluster"),
        UniqueConstraint("slot_session_id", "slot_start", "table_number", name="uq_meeting_request_slot_table"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("matchmaking_participant.id", ondelete="CASCADE"), index=True)
    cluster_id: Mapped[int] = mapped_column(ForeignKey("cluster.id", ondelete="CASCADE"), index=True)
    message: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    # The assigned slot: its session and start (local Berlin time), and the table; all or none are set.
    slot_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("programme_session.id", ondelete="SET NULL"), index=True)
    slot_start: Mapped[dt.datetime | None]
    table_number: Mapped[int | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[dt.datetime | None]

    participant: Mapped[MatchmakingParticipant] = relationship(back_populates="requests")
    cluster: Mapped[Cluster] = relationship()
    preferred_sessions: Mapped[list[ProgrammeSession]] = relationship(
        secondary=meeting_request_preference, order_by="ProgrammeSession.starts_at")
    slot_session: Mapped[ProgrammeSession | None] = relationship()

    def __repr__(self) -> str:
        return f"<MeetingRequest {self.id} {self.status}>"
