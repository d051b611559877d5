"""What visitors searched for, counted per day: queries and opened hits, nothing that tells visitors apart.

A row is a day, a language and a normalised query (with the kind and slug of an opened hit): no
address, user agent, session, time of day or anything else that belongs to one visitor.
"""

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from showcase.models.base import Base


class SearchCount(Base):
    """Searches of one normalised query in one language on one day."""

    __tablename__ = "search_count"

    day: Mapped[dt.date] = mapped_column(primary_key=True)
    # `de`, `en`, or "" for an answer in both languages.
    lang: Mapped[str] = mapped_column(String(2), primary_key=True)
    query: Mapped[str] = mapped_column(String(200), primary_key=True)
    searches: Mapped[int] = mapped_column(default=0)
    # Of those, how many were answered from a worker's response cache.
    cached: Mapped[int] = mapped_column(default=0)
    # Of those, how many found nothing.
    without_hits: Mapped[int] = mapped_column(default=0)
    # How many hits the latest of them found.
    hits: Mapped[int] = mapped_column(default=0)


class SearchOpenCount(Base):
    """Hits opened from the results of one normalised query on one day."""

    __tablename__ = "search_open_count"

    day: Mapped[dt.date] = mapped_column(primary_key=True)
    query: Mapped[str] = mapped_column(String(200), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), primary_key=True)
    opened: Mapped[int] = mapped_column(default=0)
