"""Paging and sorting of list endpoints over SQLAlchemy select() statements."""

import marshmallow as ma
from flask_smorest import Page
from sqlalchemy import Select, func, select
from webargs.fields import DelimitedList

from showcase.extensions import db

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class SelectPage(Page):
    """A page of a select(): the database does the slicing and the counting."""

    @property
    def items(self):
        params = self.page_params
        return db.session.scalars(self.collection.limit(params.page_size).offset(params.first_item)).unique().all()

    @property
    def item_count(self):
        return db.session.scalar(select(func.count()).select_from(self.collection.order_by(None).subquery()))


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
