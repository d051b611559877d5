"""A cluster's exhibition stand and its place on the hall's floor plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import JSON, Float, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from showcase.models.associations import stand_innovation
from showcase.models.base import Base

if TYPE_CHECKING:
    from showcase.models.cluster import Cluster
    from showcase.models.innovation import Innovation

# The exhibition hall in metres; origin top-left, entrance in the middle of the bottom wall.
HALL_WIDTH = 60.0
HALL_DEPTH = 36.0
# The sides of a stand, the plan's top being north: a visitor enters a stand by its open ones.
STAND_SIDES = ("north", "east", "south", "west")


class Stand(Base):
    __tablename__ = "stand"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(10), unique=True, active_history=True)
    cluster_id: Mapped[int] = mapped_column(ForeignKey("cluster.id"), unique=True)
    hall_area_de: Mapped[str] = mapped_column(String(120))
    hall_area_en: Mapped[str] = mapped_column(String(120))
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)
    width: Mapped[float] = mapped_column(Float)
    height: Mapped[float] = mapped_column(Float)
    # The sides visitors enter by, in STAND_SIDES order.
    open_sides: Mapped[list[str]] = mapped_column(JSON, default=lambda: list(STAND_SIDES))

    cluster: Mapped[Cluster] = relationship(back_populates="stand")
    innovations: Mapped[list[Innovation]] = relationship(secondary=stand_innovation, order_by="Innovation.slug")

    def __repr__(self) -> str:
        return f"<Stand {self.number}>"
