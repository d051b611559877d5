"""An innovation a cluster presents: a product, prototype, service, method or platform."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from showcase.models.base import Base

if TYPE_CHECKING:
    from showcase.models.cluster import Cluster
    from showcase.models.project import Project

INNOVATION_KINDS = ("product", "prototype", "service", "method", "platform")
MATURITY_LEVELS = ("research", "prototype", "pilot", "market")


class Innovation(Base):
    __tablename__ = "innovation"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The old slug is loaded before a rename: the change feed records its deletion.
    slug: Mapped[str] = mapped_column(String(80), unique=True, active_history=True)
    cluster_id: Mapped[int] = mapped_column(ForeignKey("cluster.id"), index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("project.id"), index=True)
    title_de: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    description_de: Mapped[str] = mapped_column(Text)
    description_en: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    maturity: Mapped[str] = mapped_column(String(20))
    image_url: Mapped[str | None] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(300))
    # When the source was published, as precisely as it says: YYYY, YYYY-MM or YYYY-MM-DD.
    source_date: Mapped[str] = mapped_column(String(10))
    # Chosen by the editors for the kiosk's attract screen.
    featured: Mapped[bool] = mapped_column(default=False)

    cluster: Mapped[Cluster] = relationship(back_populates="innovations")
    project: Mapped[Project | None] = relationship(back_populates="innovations")

    def __repr__(self) -> str:
        return f"<Innovation {self.slug}>"
