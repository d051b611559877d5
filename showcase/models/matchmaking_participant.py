"""A visitor registered for the matchmaking: personal data, kept only for the clusters they ask to meet.

Nothing here is ever part of the public directory (reads, search, snapshot, exports); the visitor
manages it with a secret token of which only the SHA-256 is stored, and deletes it whenever they like.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from showcase.models.api_key import utcnow
from showcase.models.base import Base

if TYPE_CHECKING:
    from showcase.models.cluster import Cluster
    from showcase.models.meeting_request import MeetingRequest

PARTICIPANT_ORGANISATION_TYPES = (
    "company", "sme", "university", "research_institute", "public_body", "other",
)

# The clusters a participant is interested in (not yet a request to meet them).
participant_cluster = Table(
    "matchmaking_participant_cluster",
    Base.metadata,
    Column("participant_id", ForeignKey("matchmaking_participant.id", ondelete="CASCADE"), primary_key=True),
    Column("cluster_id", ForeignKey("cluster.id", ondelete="CASCADE"), primary_key=True),
)


class MatchmakingParticipant(Base):
    __tablename__ = "matchmaking_participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    organisation: Mapped[str] = mapped_column(String(200))
    organisation_type: Mapped[str] = mapped_column(String(30))
    # ISO 3166-1 alpha-2, upper case.
    country: Mapped[str] = mapped_column(String(2))
    # Normalised (trimmed, lower case, internationalised domain as Unicode); not unique, so a second
    # registration with the same address never tells anyone that the first exists.
    email: Mapped[str] = mapped_column(String(254), index=True)
    # ISO 639-1 codes of the languages the participant can meet in.
    languages: Mapped[list[str]] = mapped_column(JSON)
    topics: Mapped[list[str]] = mapped_column(JSON)
    # When the participant agreed to share these details with the clusters they ask to meet.
    consent_at: Mapped[dt.datetime]
    # SHA-256 of the management token, hex, and its first characters to find the row.
    token_prefix: Mapped[str] = mapped_column(String(16), index=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    clusters: Mapped[list[Cluster]] = relationship(secondary=participant_cluster, order_by="Cluster.slug")
    requests: Mapped[list[MeetingRequest]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", passive_deletes=True,
        order_by="MeetingRequest.id",
    )

    def __repr__(self) -> str:
        # Never the name or address: a repr ends up in logs and tracebacks.
        return f"<MatchmakingParticipant {self.id}>"
