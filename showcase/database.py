"""The database below everything else: schema creation, SQLite made to behave, read and write transactions.

A write transaction is declared by `writing()` (the services' `transaction()` does it); on SQLite it
takes the write lock when it begins, on PostgreSQL an advisory lock that does the same. Everything else reads.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import Flask
from sqlalchemy import JSON, event, inspect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from showcase.extensions import db
from showcase.json_format import decode
from showcase.models import Base

# Set while a write transaction is under way, so SQLite begins it with the write lock.
WRITING: ContextVar[bool] = ContextVar("showcase_writing", default=False)


# PostgreSQL: the advisory lock every write transaction takes first, SQLite's write lock in effect.
WRITE_LOCK_KEY = 0x5C0_0C5E


def engine_options(database_url: str) -> dict:
    """The engine's options for the app's database: JSON columns decoded by orjson, and what its connections need."""
    if database_url.startswith("sqlite"):
        # A file's connection never goes stale, so no ping. Each connection keeps its prepared statements:
        # the list pages alone are over a hundred shapes (sorts, languages), past the driver's default of 128.
        return {"json_deserializer": decode, "connect_args": {"cached_statements": 1024}}
    # A server's connections can go stale between requests.
    return {"json_deserializer": decode, "pool_pre_ping": True}


def init_app(app: Flask) -> None:
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            configure_sqlite(db.engine)
        elif db.engine.dialect.name == "postgresql":
            configure_postgresql(db.engine)


def configure_postgresql(engine) -> None:
    """Let write transactions take turns, as on SQLite: outbox ids then commit in the order they are drawn.

    So a reader of the outbox that saw an id never sees a lower one commit later, and the change feed
    can serve every id it sees. Taken first, before any row lock, so it never deadlocks with them.
    """

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        if WRITING.get():
            take_write_lock(connection)


def take_write_lock(connection) -> None:
    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


def configure_sqlite(engine) -> None:
    """Make SQLite behave like the production database: real transactions, savepoints, foreign keys.

    pysqlite opens transactions lazily on its own; handing BEGIN to SQLAlchemy makes SAVEPOINT work,
    and WAL lets several gunicorn workers read while one writes.
    """

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        # A transaction that writes takes the write lock up front: a deferred one that read first
        # would fail at once with "database is locked" when another process committed meanwhile.
        connection.exec_driver_sql("BEGIN IMMEDIATE" if WRITING.get() else "BEGIN")


# Commits of this process that changed the directory: the read cache re-reads the data version when it grows.
_changes_committed = 0


def count_change() -> None:
    """Note that this process committed a change to the directory."""
    global _changes_committed
    _changes_committed += 1


def changes_committed() -> int:
    return _changes_committed


@contextmanager
def writing() -> Iterator[None]:
    """Declare that the transaction begun inside writes."""
    token = WRITING.set(True)
    try:
        yield
    finally:
        WRITING.reset(token)


def create_schema() -> None:
    """Create the tables and indexes that do not exist yet (an index added later too); existing data is left alone."""
    Base.metadata.create_all(db.engine)
    for table in Base.metadata.sorted_tables:
        for index in table.indexes:
            index.create(db.engine, checkfirst=True)


def schema_exists() -> bool:
    return inspect(db.engine).has_table("cluster")


class json_object(FunctionElement):
    """A JSON object of alternating keys and values, built by the database: how a read gets rows in one column."""

    type = JSON()
    inherit_cache = True


class json_array_agg(FunctionElement):
    """The JSON array of a group's values (an empty group gives NULL on PostgreSQL, `[]` on SQLite)."""

    type = JSON()
    inherit_cache = True


def compiles_by_dialect(function: type[FunctionElement], default: str, **by_dialect: str) -> None:
    """Render a function under its SQL name, `default` unless the dialect has one of its own."""
    for dialect, name in (("default", default), *by_dialect.items()):
        def render(element, compiler, name=name, **kw):
            return f"{name}({compiler.process(element.clauses, **kw)})"

        compiles(function, *(() if dialect == "default" else (dialect,)))(render)


compiles_by_dialect(json_object, "json_object", postgresql="json_build_object")
compiles_by_dialect(json_array_agg, "json_group_array", postgresql="json_agg")
