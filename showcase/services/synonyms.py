"""The editors' search synonyms: read, replaced in one audited transaction, and kept current in every worker.

A worker keeps the rules it applies in memory and asks the database for their version at most once per
`SHOWCASE_READ_CACHE_VERSION_SECONDS` (and at once after it committed a change itself), so a change is
applied by every worker and every host on the same database within that second, with no rebuild.
"""

import threading
import time

from flask import Flask, current_app
from sqlalchemy import select

from search_index import Synonyms
from showcase import database
from showcase.extensions import db
from showcase.models import SearchSynonyms
from showcase.search import OUTBOX_WRITTEN
from showcase.services.audit import record_change

# The one row the rules live in.
SYNONYMS_ID = 1
AUDIT_KIND = "search_synonyms"
# The section of an import/export bundle that holds them (an object, not a list of records).
SYNONYMS_SECTION = "synonyms"
AUDIT_KEY = "synonyms"


def init_app(app: Flask) -> None:
    app.extensions["showcase_synonyms"] = SynonymCache(app.config["SHOWCASE_READ_CACHE_VERSION_SECONDS"])


def rules_of(row: SearchSynonyms | None) -> dict:
    """The rules as the API shows them: `{"sets": [...], "one_way": [...]}`."""
    if row is None:
        return {"sets": [], "one_way": []}
    return {"sets": list(row.sets or []), "one_way": list(row.one_way or [])}


def read_synonyms() -> dict:
    return rules_of(db.session.get(SearchSynonyms, SYNONYMS_ID))


def locked_synonyms() -> dict:
    """The rules, their row locked for the caller's transaction so no other writer comes between check and write."""
    return rules_of(locked_row())


def locked_row() -> SearchSynonyms | None:
    return db.session.scalar(select(SearchSynonyms).where(SearchSynonyms.id == SYNONYMS_ID).with_for_update())


def as_stored(data: dict) -> dict:
    """Loaded rules as stored and shown."""
    return {"sets": [list(terms) for terms in data.get("sets", [])],
            "one_way": [{"from": rule["from"], "to": list(rule["to"])} for rule in data.get("one_way", [])]}


def replace_synonyms(data: dict, actor: str) -> dict:
    """Replace every rule and raise the version, with an audit entry; in the caller's transaction."""
    row = locked_row()
    before = rules_of(row) if row is not None else None
    after = as_stored(data)
    if row is None:
        row = SearchSynonyms(id=SYNONYMS_ID, version=1, **after)
        db.session.add(row)
    elif before != after:
        row.sets, row.one_way, row.version = after["sets"], after["one_way"], row.version + 1
    record_change(actor, "create" if before is None else "update", AUDIT_KIND, AUDIT_KEY, before, after)
    # A committed change as far as this process's caches go: they re-read their versions at once.
    db.session.info[OUTBOX_WRITTEN] = True
    return after


class SynonymCache:
    """A worker's current rules, re-read when the stored version moved."""

    def __init__(self, version_seconds: float):
        self.version_seconds = version_seconds
        self.lock = threading.Lock()
        self.synonyms = Synonyms()
        self.version: int | None = None
        self.checked_at = float("-inf")
        self.changes_seen = -1

    def current(self) -> Synonyms:
        now = time.monotonic()
        changes = database.changes_committed()
        if changes == self.changes_seen and now - self.checked_at < self.version_seconds:
            return self.synonyms
        with self.lock:
            version = db.session.scalar(select(SearchSynonyms.version).where(SearchSynonyms.id == SYNONYMS_ID)) or 0
            if version != self.version:
                rules = read_synonyms()
                self.synonyms = Synonyms.from_rules(rules["sets"], rules["one_way"], version=str(version))
                self.version = version
            self.checked_at, self.changes_seen = now, changes
        return self.synonyms


def current_synonyms() -> Synonyms:
    """The rules this worker applies now (at most a second old)."""
    return current_app.extensions["showcase_synonyms"].current()
