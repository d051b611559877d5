"""The synonyms editors declare for search: one row, versioned, applied when a query is planned."""

from sqlalchemy import JSON
from sqlalchemy.orm import Mapped, mapped_column

from showcase.models.base import Base


class SearchSynonyms(Base):
    __tablename__ = "search_synonyms"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Raised by every write: workers compare it (at most once a second) to know their rules are stale.
    version: Mapped[int] = mapped_column(default=1)
    sets: Mapped[list] = mapped_column(JSON, default=list)
    one_way: Mapped[list] = mapped_column(JSON, default=list)

    def __repr__(self) -> str:
        return f"<SearchSynonyms v{self.version}>"
