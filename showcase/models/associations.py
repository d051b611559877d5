"""Many-to-many link tables between clusters, organisations, projects and innovations."""

from sqlalchemy import Column, ForeignKey, Table

from showcase.models.base import Base

cluster_organisation = Table(
    "cluster_organisation",
    Base.metadata,
    Column("cluster_id", ForeignKey("cluster.id", ondelete="CASCADE"), primary_key=True),
    # Indexed on its own: the key serves lookups by the first column only (an organisation's links, a cascade).
    Column("organisation_id", ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True, index=True),
)

project_organisation = Table(
    "project_organisation",
    Base.metadata,
    Column("project_id", ForeignKey("project.id", ondelete="CASCADE"), primary_key=True),
    # Indexed on its own: the key serves lookups by the first column only (an organisation's links, a cascade).
    Column("organisation_id", ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True, index=True),
)

stand_innovation = Table(
    "stand_innovation",
    Base.metadata,
    Column("stand_id", ForeignKey("stand.id", ondelete="CASCADE"), primary_key=True),
    Column("innovation_id", ForeignKey("innovation.id", ondelete="CASCADE"), primary_key=True, index=True),
)
