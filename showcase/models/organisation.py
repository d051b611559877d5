"""A partner organisation: a company, university, institute or public body in a cluster."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from showcase.models.associations import cluster_organisation, project_organisation
from showcase.models.base import Base

if TYPE_CHECKING:
    from showcase.models.cluster import Cluster
    from showcase.models.project import Project

ORGANISATION_TYPES = ("company", "sme", "university", "research_institute", "public_body", "association")


class Organisation(Base):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The old slug is loaded before a rename: the change feed records its deletion.
    slug: Mapped[str] = mapped_column(String(80), unique=True, active_history=True)
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(30), index=True)
    city: Mapped[str] = mapped_column(String(120))
    website: Mapped[str | None] = mapped_column(String(300))

    clusters: Mapped[list[Cluster]] = relationship(
        secondary=cluster_organisation, back_populates="organisations", order_by="Cluster.slug"
    )
    projects: Mapped[list[Project]] = relationship(
        secondary=project_organisation, back_populates="organisations", order_by="Project.slug"
    )

    def __repr__(self) -> str:
        return f"<Organisation {self.slug}>"
