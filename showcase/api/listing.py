"""Paging and sorting of list endpoints over SQLAlchemy select() statements."""

from collections.abc import Callable
from dataclasses import dataclass

import marshmallow as ma
from flask_smorest import Page
from sqlalchemy import Select, func, select
from webargs.fields import DelimitedList

from showcase.extensions import db

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Listing:
    """What a list view may hand the pager instead of a bare select(): the select, and how a page is completed.

    `complete` gets the records of one page, loaded with the select's options, and returns what is
    dumped: data too slow to load as ORM objects (many small rows) comes in one query for the page.
    """

    statement: Select
    complete: Callable[[list], list]


class SelectPage(Page):
    """A page of a select() (or a Listing): the database slices it and counts the whole in the same query.

    Each row carries the total (`count(*) OVER ()`), so a page costs one query plus its loader
    options' own; only a page past the end, which has no row to carry the total, asks for it apart.
    The select's many-to-one links may be joined; collections belong in `selectinload`, which
    loads them for the whole page at once.
    """

    def __init__(self, collection, page_params):
        self._page: tuple[list, int] | None = None
        self._complete = None
        if isinstance(collection, Listing):
            collection, self._complete = collection.statement, collection.complete
        super().__init__(collection, page_params)

    def _fetch(self) -> tuple[list, int]:
        if self._page is None:
            params = self.page_params
            statement = self.collection.add_columns(func.count().over())
            rows = db.session.execute(statement.limit(params.page_size).offset(params.first_item)).all()
            if rows:
                total = rows[0][-1]
            elif params.first_item == 0:
                total = 0
            else:
                total = db.session.scalar(select(func.count()).select_from(self.collection.order_by(None).subquery()))
            items = [row[0] for row in rows]
            if self._complete is not None and items:
                items = self._complete(items)
            self._page = items, total
        return self._page

    @property
    def items(self):
        return self._fetch()[0]

    @property
    def item_count(self):
        return self._fetch()[1]


def sort_field(keys: tuple[str, ...], default: str) -> DelimitedList:
    """A `sort=` parameter: comma-separated keys, each optionally prefixed by `-` for descending."""
    allowed = tuple(keys) + tuple(f"-{key}" for key in keys)
    return DelimitedList(
        ma.fields.String(validate=ma.validate.OneOf(allowed)),
        load_default=[default],
        metadata={"description": "Sort keys, `-` for descending: " + ", ".join(keys)},
    )


def apply_sort(statement: Select, requested: list[str], keys: dict, tie_break, lang: str | None = None) -> Select:
    """Order by the requested keys, then by a unique column so pages never overlap.

    A key mapped to `{"de": column, "en": column}` sorts by the language the request chose.
    """
    lang = lang or "en"
    clauses = []
    for key in requested:
        descending = key.startswith("-")
        column = keys[key.lstrip("-")]
        if isinstance(column, dict):
            column = column[lang]
        clauses.append(column.desc() if descending else column.asc())
    return statement.order_by(*clauses, tie_break)
