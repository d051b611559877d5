"""A funded project of a cluster, carried out by partner organisations."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from showcase.models.associations import project_organisation
from showcase.models.base import Base

if TYPE_CHECKING:
    from showcase.models.cluster import Cluster
    from showcase.models.innovation import Innovation
    from showcase.models.organisation import Organisation


class Project(Base):
    __tablename__ = "project"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The old slug is loaded before a rename: the change feed records its deletion.
    slug: Mapped[str] = mapped_column(String(80), unique=True, active_history=True)
    cluster_id: Mapped[int] = mapped_column(ForeignKey("cluster.id"), index=True)
    title_de: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    summary_de: Mapped[str] = mapped_column(Text)
    summary_en: Mapped[str] = mapped_column(Text)
    funding_start: Mapped[dt.date | None]
    funding_end: Mapped[dt.date | None]
    website: Mapped[str | None] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(300))
    # When the source was published, as precisely as it says: YYYY, YYYY-MM or YYYY-MM-DD.
    source_date: Mapped[str] = mapped_column(String(10))

    cluster: Mapped[Cluster] = relationship(back_populates="projects")
    topic_rows: Mapped[list[ProjectTopic]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="(ProjectTopic.lang, ProjectTopic.position)"
    )
    organisations: Mapped[list[Organisation]] = relationship(
        secondary=project_organisation, back_populates="projects", order_by="Organisation.slug"
    )
    innovations: Mapped[list[Innovation]] = relationship(back_populates="project", order_by="Innovation.slug")

    @property
    def topics(self) -> dict[str, list[str]]:
        by_lang: dict[str, list[str]] = {"de": [], "en": []}
        for row in self.topic_rows:
            by_lang.setdefault(row.lang, []).append(row.label)
        return by_lang

    def __repr__(self) -> str:
        return f"<Project {self.slug}>"


class ProjectTopic(Base):
    """A project's keyword in one language; a row each so projects can be filtered by topic in SQL."""

    __tablename__ = "project_topic"

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), primary_key=True)
    lang: Mapped[str] = mapped_column(String(2), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(60))
    # Lower-cased label, so the topic filter is case-insensitive on every database.
    label_folded: Mapped[str] = mapped_column(String(60), index=True)

    project: Mapped[Project] = relationship(back_populates="topic_rows")
