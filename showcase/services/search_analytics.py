"""What visitors search for: counted in memory per worker, written in bulk, nothing personal kept.

A search costs a dictionary update under a lock; a background thread of each worker writes what it
counted every `SHOWCASE_SEARCH_ANALYTICS_FLUSH_SECONDS` (sooner after `FLUSH_AFTER` counts) in one
transaction of upserts. The rows are not indexed records, so they never reach the outbox and never
change the directory's data version. A query that looks like an email address or a phone number is
dropped before it is counted; counts older than `SHOWCASE_SEARCH_ANALYTICS_DAYS` are pruned.
"""

import atexit
import datetime as dt
import logging
import re
import threading
import unicodedata
from collections import Counter

from flask import Flask, current_app
from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite

from showcase.extensions import db
from showcase.models import SearchCount, SearchOpenCount
from showcase.services.transaction import transaction

log = logging.getLogger(__name__)

# Counts after which a worker writes at once instead of waiting for its timer.
FLUSH_AFTER = 1000
# Distinct rows a worker keeps when the database cannot take them, until it can.
MAX_BUFFERED = 20_000
MAX_QUERY_LENGTH = 200
EMAIL_LIKE = re.compile(r"[^\s@]+@[^\s@]+")
# A run of digits, possibly broken by the separators phone numbers are written with.
DIGIT_RUN = re.compile(r"\+?\d[\d\s()./-]*\d")
PHONE_DIGITS = 7
SEARCH_COLUMNS = ("searches", "cached", "without_hits")
UPSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def normalised(query: str) -> str:
    """The form a query is counted under: Unicode-normalised, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", query).casefold().split())[:MAX_QUERY_LENGTH]


def looks_personal(query: str) -> bool:
    """An email address or a phone number: such a query is never stored."""
    if EMAIL_LIKE.search(query):
        return True
    return any(sum(char.isdigit() for char in run) >= PHONE_DIGITS for run in DIGIT_RUN.findall(query))


def today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


class SearchAnalytics:
    """A worker's counts of searches and opened hits not yet written to the database."""

    def __init__(self, app: Flask):
        self.app = app
        self.enabled = app.config["SHOWCASE_SEARCH_ANALYTICS"]
        self.lock = threading.Lock()
        # (day, lang, query) -> [searches, cached, without_hits, hits of the latest]
        self.searches: dict[tuple, list[int]] = {}
        # (day, query, kind, slug) -> times opened
        self.opens: Counter = Counter()
        self.pending = 0
        self.wake = threading.Event()
        self.timer: threading.Thread | None = None
        self.pruned_on: dt.date | None = None

    def count_search(self, query: str, lang: str | None, hits: int, cached: bool) -> None:
        """Count one search a visitor made (not one made while typing)."""
        if not self.enabled:
            return
        query = normalised(query)
        if not query or looks_personal(query):
            return
        key = (today(), lang or "", query)
        with self.lock:
            row = self.searches.get(key)
            if row is None:
                row = self.searches[key] = [0, 0, 0, 0]
            row[0] += 1
            row[1] += cached
            row[2] += hits == 0
            row[3] = hits
            self.pending += 1
        self.noted()

    def count_open(self, query: str, kind: str, slug: str) -> None:
        """Count that a hit found by `query` was opened."""
        if not self.enabled:
            return
        query = normalised(query)
        if not query or looks_personal(query):
            return
        with self.lock:
            self.opens[(today(), query, kind, slug)] += 1
            self.pending += 1
        self.noted()

    def noted(self) -> None:
        """Start the timer on the first count (after gunicorn forked); write early once many are waiting."""
        if self.timer is None and self.app.config["SHOWCASE_SEARCH_ANALYTICS_FLUSH_SECONDS"] > 0:
            self.start_timer()
        if self.pending >= FLUSH_AFTER:
            if self.timer is not None:
                self.wake.set()
            else:
                self.flush()

    def take(self) -> tuple[dict, Counter]:
        with self.lock:
            searches, opens = self.searches, self.opens
            self.searches, self.opens, self.pending = {}, Counter(), 0
        return searches, opens

    def give_back(self, searches: dict, opens: Counter) -> None:
        """Keep counts a failed write did not store, as long as the buffer stays bounded."""
        with self.lock:
            for key, row in searches.items():
                if key not in self.searches and len(self.searches) >= MAX_BUFFERED:
                    continue
                mine = self.searches.setdefault(key, [0, 0, 0, row[3]])
                for position in range(3):
                    mine[position] += row[position]
            for key, opened in opens.items():
                if key in self.opens or len(self.opens) < MAX_BUFFERED:
                    self.opens[key] += opened

    def flush(self) -> int:
        """Write this worker's counts in one transaction; prune old ones once a day. The rows written.

        Rows go in key order, so workers upserting the same rows at once lock them in the same order.
        """
        searches, opens = self.take()
        if not searches and not opens and self.pruned_on == today():
            return 0
        try:
            with transaction() as session:
                upsert = UPSERTS[session.get_bind().dialect.name]
                if searches:
                    session.execute(searches_upsert(upsert), [
                        {"day": day, "lang": lang, "query": query, "searches": row[0], "cached": row[1],
                         "without_hits": row[2], "hits": row[3]}
                        for (day, lang, query), row in sorted(searches.items())])
                if opens:
                    session.execute(opens_upsert(upsert), [
                        {"day": day, "query": query, "kind": kind, "slug": slug, "opened": opened}
                        for (day, query, kind, slug), opened in sorted(opens.items())])
                if self.pruned_on != today():
                    prune_before(session, today() - dt.timedelta(days=self.app.config["SHOWCASE_SEARCH_ANALYTICS_DAYS"] - 1))
        except Exception:
            self.give_back(searches, opens)
            raise
        self.pruned_on = today()
        return len(searches) + len(opens)

    def start_timer(self) -> None:
        with self.lock:
            if self.timer is not None:
                return
            self.timer = threading.Thread(target=self.flush_forever, daemon=True, name="search-analytics-flush")
        self.timer.start()
        atexit.register(self.flush_at_exit)

    def flush_forever(self) -> None:
        while True:
            self.wake.wait(self.app.config["SHOWCASE_SEARCH_ANALYTICS_FLUSH_SECONDS"])
            self.wake.clear()
            self.flush_in_context()

    def flush_in_context(self) -> None:
        with self.app.app_context():
            try:
                self.flush()
            except Exception:
                log.exception("writing search analytics failed; the counts are kept for the next try")
            finally:
                db.session.remove()

    def flush_at_exit(self) -> None:
        """A worker that stops writes what it counted since its last write."""
        if self.searches or self.opens:
            self.flush_in_context()


def searches_upsert(upsert):
    statement = upsert(SearchCount)
    return statement.on_conflict_do_update(
        index_elements=["day", "lang", "query"],
        set_={**{name: getattr(SearchCount, name) + getattr(statement.excluded, name) for name in SEARCH_COLUMNS},
              "hits": statement.excluded.hits})


def opens_upsert(upsert):
    statement = upsert(SearchOpenCount)
    return statement.on_conflict_do_update(
        index_elements=["day", "query", "kind", "slug"],
        set_={"opened": SearchOpenCount.opened + statement.excluded.opened})


def prune_before(session, first_kept: dt.date) -> None:
    for model in (SearchCount, SearchOpenCount):
        session.execute(delete(model).where(model.day < first_kept))


def init_app(app: Flask) -> SearchAnalytics:
    analytics = SearchAnalytics(app)
    app.extensions["showcase_search_analytics"] = analytics
    return analytics


def search_analytics() -> SearchAnalytics:
    return current_app.extensions["showcase_search_analytics"]
