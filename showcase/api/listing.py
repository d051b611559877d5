"""Paging and sorting of list endpoints over SQLAlchemy select() statements."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from types import SimpleNamespace

import marshmallow as ma
from flask_smorest import Page
from sqlalchemy import Integer, Row, ScalarSelect, Select, bindparam, func, literal_column, select
from webargs.fields import DelimitedList

from showcase.database import json_array_agg, json_object
from showcase.extensions import db

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@dataclass(frozen=True, eq=False)
class PlainList:
    """How a resource's list pages are read as plain rows, in one query a page, each statement built once.

    ORM objects, and building and hashing a statement for every request, were most of an uncached
    page's time. `matching` selects the ids of all records (with the joins its filters and sort keys
    need), `filters` holds each filter's condition with its value bound as `bindparam(name)`, and
    `columns(page, **variant)` selects what a page dumps for that page's ids alone (a subquery with
    `id`, `total` and `position`), collections included as JSON; `complete` turns its rows into
    values the schema dumps.
    """

    matching: Select
    filters: dict
    sort_columns: dict
    tie_break: object
    columns: Callable[..., Select]
    complete: Callable[[list[Row]], list]

    def listing(self, args: dict, values: dict, **variant) -> "Listing":
        """The list a request asks for: the statements of its shape and the values of its filters."""
        shape = (tuple(name for name in self.filters if name in values), tuple(args["sort"]),
                 args["representation"].lang, tuple(sorted(variant.items())))
        return Listing(*page_statements(self, *shape), values, self.complete)


@lru_cache(maxsize=1024)
def page_statements(plain: PlainList, filters: tuple, sort: tuple, lang: str | None, variant: tuple):
    """The page and count statements of one shape of list (filters used, sort, language, variant)."""
    matching = plain.matching.where(*(plain.filters[name] for name in filters))
    order = sort_clauses(list(sort), plain.sort_columns, plain.tie_break, lang)
    page = (matching.add_columns(func.count().over().label("total"),
                                 func.row_number().over(order_by=order).label("position"))
            .order_by(*order).limit(bindparam("page_size", type_=Integer))
            .offset(bindparam("first_item", type_=Integer)).subquery("page"))
    return plain.columns(page, **dict(variant)), select(func.count()).select_from(matching.subquery())


@dataclass(frozen=True)
class Listing:
    """A list to page: its page and count statements, its filters' values, and what its rows dump as."""

    page: Select
    count: Select
    values: dict
    complete: Callable[[list[Row]], list]


class SelectPage(Page):
    """A page of a Listing or an ORM select(): the database slices it and counts the whole in the same query.

    Each row carries the total (`count(*) OVER ()`), so a page costs one query (plus an ORM
    select's loader options' own); only a page past the end, which has no row to carry the total,
    asks for it apart. An ORM select's many-to-one links may be joined; collections belong in
    `selectinload`, which loads them for the whole page at once.
    """

    _page: tuple[list, int] | None = None

    def _fetch(self) -> tuple[list, int]:
        if self._page is None:
            collection, params = self.collection, self.page_params
            if isinstance(collection, Listing):
                rows = db.session.execute(collection.page, {**collection.values, "page_size": params.page_size,
                                                            "first_item": params.first_item}).all()
                items = collection.complete(rows) if rows else []
                count, values = collection.count, collection.values
            else:
                statement = collection.add_columns(func.count().over().label("total"))
                rows = db.session.execute(statement.limit(params.page_size).offset(params.first_item)).all()
                items = [row[0] for row in rows]
                count, values = select(func.count()).select_from(collection.order_by(None).subquery()), {}
            if rows:
                total = rows[0].total
            elif params.first_item == 0:
                total = 0
            else:
                total = db.session.scalar(count, values)
            self._page = items, total
        return self._page

    @property
    def items(self):
        return self._fetch()[0]

    @property
    def item_count(self):
        return self._fetch()[1]


def json_record(**fields) -> json_object:
    """A JSON object of named columns (or nested records), built by the database: a dict a schema dumps."""
    return json_object(*chain.from_iterable((literal_column(f"'{name}'"), value) for name, value in fields.items()))


def json_texts(de, en) -> json_object:
    """A bilingual text's two columns as the `{"de", "en"}` object `Translated` dumps."""
    return json_record(de=de, en=en)


def json_rows(record: json_object, owner, where, *, select_from=None) -> ScalarSelect:
    """A subquery answering, for each row of `owner` (a model), the matching rows' records as one JSON array.

    A collection in one column of a page's query. An empty array may come back as None (PostgreSQL);
    the order is not the database's to keep: `in_order` sorts.
    """
    return json_one(json_array_agg(record), owner, where, select_from=select_from)


def json_one(record, owner, where, *, select_from=None) -> ScalarSelect:
    """A subquery answering, for each row of `owner`, the one matching record as JSON (or None)."""
    statement = select(record)
    if select_from is not None:
        statement = statement.select_from(select_from)
    # Only the owner comes from the page's query: a model both name (such as Cluster) is the subquery's own.
    return statement.where(where).correlate(owner).scalar_subquery()


def listed_records(rows: list[Row]) -> list[SimpleNamespace]:
    """A page's rows as their schema dumps them, where no collection needs sorting."""
    return [SimpleNamespace(**row._mapping) for row in rows]


def in_order(records: list[dict] | None, key: str = "slug") -> list[dict]:
    """The records of a `json_rows` column in the order their relationship keeps."""
    return sorted(records, key=itemgetter(key)) if records else []


def sort_field(keys: tuple[str, ...], default: str) -> DelimitedList:
    """A `sort=` parameter: comma-separated keys, each optionally prefixed by `-` for descending."""
    allowed = tuple(keys) + tuple(f"-{key}" for key in keys)
    return DelimitedList(
        ma.fields.String(validate=ma.validate.OneOf(allowed)),
        load_default=[default],
        metadata={"description": "Sort keys, `-` for descending: " + ", ".join(keys)},
    )


def apply_sort(statement: Select, requested: list[str], keys: dict, tie_break, lang: str | None = None) -> Select:
    """Order by the requested keys, then by a unique column so pages never overlap."""
    return statement.order_by(*sort_clauses(requested, keys, tie_break, lang))


def sort_clauses(requested: list[str], keys: dict, tie_break, lang: str | None = None) -> list:
    """The requested keys' order, then a unique column's; a key mapped to `{"de": …, "en": …}` sorts by language."""
    lang = lang or "en"
    clauses = []
    for key in requested:
        descending = key.startswith("-")
        column = keys[key.lstrip("-")]
        if isinstance(column, dict):
            column = column[lang]
        clauses.append(column.desc() if descending else column.asc())
    return [*clauses, tie_break]
