"""A Spitzencluster: one of the 15 winners of the BMBF's Spitzencluster-Wettbewerb."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from showcase.models.associations import cluster_organisation
from showcase.models.base import Base

if TYPE_CHECKING:
    from showcase.models.innovation import Innovation
    from showcase.models.organisation import Organisation
    from showcase.models.project import Project
    from showcase.models.stand import Stand


class Cluster(Base):
    __tablename__ = "cluster"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The old slug is loaded before a rename: the change feed records its deletion.
    slug: Mapped[str] = mapped_column(String(80), unique=True, active_history=True)
    name_de: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(60))
    round: Mapped[int]
    year: Mapped[int]
    field_de: Mapped[str] = mapped_column(String(300))
    field_en: Mapped[str] = mapped_column(String(300))
    region: Mapped[str] = mapped_column(String(120))
    seat_city: Mapped[str] = mapped_column(String(120))
    seat_lat: Mapped[float] = mapped_column(Float)
    seat_lon: Mapped[float] = mapped_column(Float)
    description_de: Mapped[str] = mapped_column(Text)
    description_en: Mapped[str] = mapped_column(Text)
    website: Mapped[str] = mapped_column(String(300))
    managing_body: Mapped[str] = mapped_column(String(300))

    state_rows: Mapped[list[ClusterState]] = relationship(
        back_populates="cluster", cascade="all, delete-orphan", order_by="ClusterState.position"
    )
    projects: Mapped[list[Project]] = relationship(back_populates="cluster", order_by="Project.slug")
    innovations: Mapped[list[Innovation]] = relationship(back_populates="cluster", order_by="Innovation.slug")
    organisations: Mapped[list[Organisation]] = relationship(
        secondary=cluster_organisation, back_populates="clusters", order_by="Organisation.slug"
    )
    stand: Mapped[Stand | None] = relationship(back_populates="cluster")

    @property
    def states(self) -> list[str]:
        return [row.name for row in self.state_rows]

    @property
    def seat(self) -> dict:
        return {"city": self.seat_city, "lat": self.seat_lat, "lon": self.seat_lon}

    def __repr__(self) -> str:
        return f"<Cluster {self.slug}>"


class ClusterState(Base):
    """A federal state a cluster spans; a row each so clusters can be filtered by state in SQL."""

    __tablename__ = "cluster_state"

    cluster_id: Mapped[int] = mapped_column(ForeignKey("cluster.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), index=True)

    cluster: Mapped[Cluster] = relationship(back_populates="state_rows")
