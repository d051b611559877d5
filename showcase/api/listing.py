"""Paging and sorting of list endpoints over SQLAlchemy select() statements."""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from types import SimpleNamespace

import marshmallow as ma
from flask_smorest import Page
from sqlalchemy import Integer, Row, ScalarSelect, Select, Subquery, bindparam, func, literal_column, select
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
    need) and `filters` holds each filter's condition with its value bound as `bindparam(name)`. A
    page then selects `columns` of `model` (collections included as JSON; a link the request expands
    as its `expandable` columns instead of the column of its name, such as its records' summaries
    instead of their slugs, or as well where it has none) for that page's ids alone, joining the many-to-one `joins` the
    columns read; its rows become records with the `ordered` collections sorted by slug, `finish`
    shaping each record further for its schema.
    """

    model: type
    matching: Select
    filters: dict
    sort_columns: dict
    columns: tuple
    joins: tuple = ()
    expandable: dict = field(default_factory=dict)
    ordered: tuple[str, ...] = ()
    finish: Callable[[SimpleNamespace], None] | None = None

    def listing(self, args: dict, values: dict, expand: tuple[str, ...] = ()) -> "Listing":
        """The list a request asks for: the statements of its shape and the values of its filters."""
        shape = (tuple(name for name in self.filters if name in values), tuple(args["sort"]),
                 args["representation"].lang, tuple(name for name in self.expandable if name in expand))
        return Listing(*page_statements(self, *shape), values, self.records)

    def page_of(self, page: Subquery, expanded: tuple[str, ...] = ()) -> Select:
        """What a page dumps of the records of `page` (a subquery of `id`, `total` and `position`), in its order."""
        columns = chain((column for column in self.columns if column.name not in expanded),
                        *(self.expandable[name] for name in expanded))
        statement = select(*columns, page.c.total).select_from(page).join(self.model, self.model.id == page.c.id)
        for link in self.joins:
            statement = statement.join(link)
        return statement.order_by(page.c.position)

    def records(self, rows: list[Row] | list[tuple], names: tuple[str, ...] | None = None) -> list[SimpleNamespace]:
        """A page's rows (or tuples of the columns `names`) as the schema dumps them."""
        if names is None:
            names = rows[0]._fields if rows else ()
        ordered = [name for name in self.ordered if name in names]
        records = []
        for row in rows:
            record = SimpleNamespace()
            values = record.__dict__
            values.update(zip(names, row))  # a row's `_mapping` costs more than the row's query
            for name in ordered:
                values[name] = in_order(values[name])
            if self.finish is not None:
                self.finish(record)
            records.append(record)
        return records


@lru_cache(maxsize=1024)
def page_statements(plain: PlainList, filters: tuple, sort: tuple, lang: str | None, expanded: tuple):
    """The page and count statements of one shape of list (filters used, sort, language, what is expanded)."""
    matching = plain.matching.where(*(plain.filters[name] for name in filters))
    order = sort_clauses(list(sort), plain.sort_columns, plain.model.id, lang)
    page = (matching.add_columns(func.count().over().label("total"),
                                 func.row_number().over(order_by=order).label("position"))
            .order_by(*order).limit(bindparam("page_size", type_=Integer))
            .offset(bindparam("first_item", type_=Integer)).subquery("page"))
    return plain.page_of(page, expanded), select(func.count()).select_from(matching.subquery())


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
                # Plain rows: the session's connection runs it as Core, without the ORM's result machinery.
                rows = db.session.connection().execute(
                    collection.page, {**collection.values, "page_size": params.page_size,
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


def in_order(records: list[dict] | list[str] | None, key: str = "slug") -> list:
    """The records (or the bare keys) of a `json_rows` column in the order their relationship keeps."""
    if not records:
        return []
    return sorted(records, key=itemgetter(key) if isinstance(records[0], dict) else None)


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
