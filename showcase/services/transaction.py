"""One write, one transaction: the unit of work the API, the CLI and the importer all use.

Every service that writes runs inside `transaction()`. The search outbox is written in that same
transaction (see `showcase.search.record_changes`); after the commit, `transaction()` itself brings
this worker's search index up to date, so a write is searchable when its caller hears it succeeded.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app
from sqlalchemy.orm import Session

from showcase import database, search
from showcase.extensions import db

# Marks a session inside a transaction() block, so nested blocks join the outermost one.
IN_TRANSACTION = "showcase_unit_of_work"


@contextmanager
def transaction() -> Iterator[Session]:
    """Run the block as one transaction: committed when it ends, rolled back when it raises.

    A block inside another joins it. What the session read before the outermost block began is
    let go, so a write reads what it changes in its own transaction (on SQLite, under the write lock).
    After the commit the index catches up, waiting at most `SHOWCASE_INDEX_WAIT_SECONDS` for the
    index lock; a failed or timed-out catch-up never fails the write: the outbox keeps the change
    for the next drain.

    :raises sqlalchemy.exc.IntegrityError: a constraint refused the change (nothing was written).
    :raises sqlalchemy.exc.OperationalError: the database could not be reached (nothing was written).
    """
    session = db.session()
    if session.info.get(IN_TRANSACTION):
        yield session
        return
    if session.in_transaction():
        session.rollback()
    session.info[IN_TRANSACTION] = True
    try:
        with database.writing(), session.begin():
            yield session
    except BaseException:
        session.info.pop(search.OUTBOX_WRITTEN, None)
        session.info.pop(search.REBUILD_AFTER_COMMIT, None)
        raise
    finally:
        session.info.pop(IN_TRANSACTION, None)
    rebuild = session.info.pop(search.REBUILD_AFTER_COMMIT, False)
    if session.info.pop(search.OUTBOX_WRITTEN, False):
        database.count_change()
        started = time.perf_counter()
        if rebuild:
            search.rebuild_after_commit()
        else:
            search.catch_up(current_app.config["SHOWCASE_INDEX_WAIT_SECONDS"])
        session.info[search.INDEXED_SECONDS] = time.perf_counter() - started
