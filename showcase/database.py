"""The request's unit of work: committed once if the response succeeded, rolled back otherwise."""

from contextlib import contextmanager
from contextvars import ContextVar

from flask import Flask, Response, current_app, has_request_context, request
from sqlalchemy import event, inspect
from sqlalchemy.exc import IntegrityError, OperationalError

from showcase.errors import problem
from showcase.extensions import db
from showcase.models import Base


def init_app(app: Flask) -> None:
    app.after_request(commit_or_rollback)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            configure_sqlite(db.engine)


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
        # A transaction that may write takes the write lock up front: a deferred one that read first
        # would fail at once with "database is locked" when another process committed meanwhile.
        connection.exec_driver_sql("BEGIN IMMEDIATE" if may_write() else "BEGIN")


# Set by reading code paths outside requests (the outbox drain) so SQLite need not lock for them.
READ_ONLY: ContextVar[bool] = ContextVar("showcase_read_only", default=False)


def may_write() -> bool:
    """Whether the transaction about to begin may write: not for GET and HEAD, nor in read_only()."""
    if READ_ONLY.get():
        return False
    if has_request_context():
        return request.method not in ("GET", "HEAD", "OPTIONS")
    return True


@contextmanager
def read_only():
    """Declare that the transactions begun inside only read."""
    token = READ_ONLY.set(True)
    try:
        yield
    finally:
        READ_ONLY.reset(token)


def commit_or_rollback(response: Response) -> Response:
    """Commit what a successful request wrote; a failed one leaves nothing behind."""
    if not db.session.registry.has():
        return response
    session = db.session()
    if not (session.new or session.dirty or session.deleted or session.in_transaction()):
        return response
    if response.status_code >= 400:
        session.rollback()
        return response
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        current_app.logger.warning("commit refused by a constraint", exc_info=True)
        return problem(409, "The change conflicts with another record (a slug or number already taken).")
    except OperationalError:
        session.rollback()
        current_app.logger.exception("commit failed")
        return problem(503, "The database is not reachable. Try again in a moment.")
    for callback in current_app.extensions.get("showcase_after_commit", []):
        callback()
    return response


def create_schema() -> None:
    """Create the tables that do not exist yet; existing data is left alone."""
    Base.metadata.create_all(db.engine)


def schema_exists() -> bool:
    return inspect(db.engine).has_table("cluster")
