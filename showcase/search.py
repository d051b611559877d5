"""Glue between the directory and search_index: documents from models, the outbox, reindexing.

The database is the truth and the index a derived copy. Every flush that changes an indexed record
appends to the outbox in the same transaction; after commit the writing worker drains the outbox into
the index if it can take the index lock at once, and otherwise leaves it to the next drain (a later
write, the background timer, or `flask index-worker`). The index stores the outbox cursor it has
applied in the same commit as the documents, so it can always tell how far behind it is.
"""

import datetime as dt
import logging
import threading
import time
from itertools import chain

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import delete, event, func, insert, or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from search_index import Document, SearchIndex
from showcase import database
from showcase.extensions import db
from showcase.models import (
    Cluster,
    ClusterState,
    Innovation,
    Kiosk,
    Organisation,
    OutboxEntry,
    ProgrammeSession,
    Project,
    ProjectTopic,
    Stand,
)

log = logging.getLogger(__name__)

INDEXED_KINDS = {
    Cluster: "cluster",
    Project: "project",
    Innovation: "innovation",
    Organisation: "organisation",
    ProgrammeSession: "session",
}
MODELS_BY_KIND = {kind: model for model, kind in INDEXED_KINDS.items()}
# Rows that belong to an indexed record: a change to them is a change to their owner. A stand is not
# searched, but its change must still raise the directory's data version (see read_cache).
OWNERS = {
    ClusterState: lambda row: ("cluster", row.cluster_id),
    ProjectTopic: lambda row: ("project", row.project_id),
    Stand: lambda row: ("cluster", row.cluster_id),
}
# Records that are not searched but shown by public reads: a change raises the data version only.
VERSIONED_ONLY = {Kiosk: "kiosk"}
DRAIN_BATCH = 500
ORGANISATION_TYPE_LABELS = {
    "company": ("Unternehmen", "company"),
    "sme": ("KMU", "SME"),
    "university": ("Hochschule Universität", "university"),
    "research_institute": ("Forschungsinstitut", "research institute"),
    "public_body": ("öffentliche Einrichtung", "public body"),
    "association": ("Verein Verband", "association"),
}


# Set on a session whose transaction appended to the outbox.
OUTBOX_WRITTEN = "showcase_outbox_written"


def init_app(app: Flask) -> None:
    # On the directory's own sessions (not every SQLAlchemy Session in the process).
    if not event.contains(db.session, "after_flush", record_changes):
        event.listen(db.session, "after_flush", record_changes)
    service = SearchService(app)
    app.extensions["showcase_search"] = service
    app.cli.add_command(reindex_command)
    app.cli.add_command(index_worker_command)
    app.before_request(service.start_timer)


def record_changes(session: Session, flush_context) -> None:
    """Append an outbox entry for every indexed record this flush inserted, changed or deleted."""
    changed: set[tuple[str, int]] = set()
    for record in chain(session.new, session.dirty, session.deleted):
        kind = INDEXED_KINDS.get(type(record))
        if kind is not None:
            if record in session.dirty and not session.is_modified(record):
                continue
            changed.add((kind, record.id))
        elif type(record) in OWNERS:
            kind, owner_id = OWNERS[type(record)](record)
            if owner_id is not None:
                changed.add((kind, owner_id))
        elif type(record) in VERSIONED_ONLY:
            changed.add((VERSIONED_ONLY[type(record)], 0))
    if changed:
        session.execute(insert(OutboxEntry), [{"kind": kind, "record_id": record_id}
                                              for kind, record_id in sorted(changed)])
        session.info[OUTBOX_WRITTEN] = True


def document_key(kind: str, record_id: int) -> str:
    return f"{kind}:{record_id}"


def cluster_facets(cluster: Cluster | None) -> dict:
    if cluster is None:
        return {}
    return {"cluster": cluster.slug, "round": cluster.round, "field": cluster.field_en}


def cluster_document(cluster: Cluster) -> Document:
    return Document(
        kind="cluster", key=document_key("cluster", cluster.id), slug=cluster.slug,
        titles={"de": cluster.name_de, "en": cluster.name_en},
        texts={"de": f"{cluster.description_de} {cluster.field_de} {cluster.region} {cluster.seat_city}",
               "en": f"{cluster.description_en} {cluster.field_en} {cluster.region} {cluster.seat_city}"},
        names=[cluster.short_name],
        keywords={"de": [cluster.field_de], "en": [cluster.field_en]},
        **cluster_facets(cluster),
    )


def project_document(project: Project) -> Document:
    return Document(
        kind="project", key=document_key("project", project.id), slug=project.slug,
        titles={"de": project.title_de, "en": project.title_en},
        texts={"de": project.summary_de, "en": project.summary_en},
        keywords=project.topics,
        **cluster_facets(project.cluster),
    )


def innovation_document(innovation: Innovation) -> Document:
    return Document(
        kind="innovation", key=document_key("innovation", innovation.id), slug=innovation.slug,
        titles={"de": innovation.title_de, "en": innovation.title_en},
        texts={"de": innovation.description_de, "en": innovation.description_en},
        keywords={"de": [], "en": [innovation.kind]},
        **cluster_facets(innovation.cluster),
    )


def organisation_document(organisation: Organisation) -> Document:
    type_de, type_en = ORGANISATION_TYPE_LABELS.get(organisation.type, ("", organisation.type))
    first_cluster = organisation.clusters[0] if organisation.clusters else None
    return Document(
        kind="organisation", key=document_key("organisation", organisation.id), slug=organisation.slug,
        titles={"de": organisation.name, "en": organisation.name},
        texts={"de": f"{type_de} in {organisation.city}", "en": f"{type_en} in {organisation.city}"},
        names=[organisation.name],
        **cluster_facets(first_cluster),
    )


def session_document(session: ProgrammeSession) -> Document:
    return Document(
        kind="session", key=document_key("session", session.id), slug=session.slug,
        titles={"de": session.title_de, "en": session.title_en},
        texts={"de": f"{session.description_de} {session.topic_de or ''}",
               "en": f"{session.description_en} {session.topic_en or ''}"},
        keywords={"de": [session.topic_de] if session.topic_de else [],
                  "en": [session.topic_en] if session.topic_en else []},
    )


DOCUMENT_BUILDERS = {
    "cluster": cluster_document,
    "project": project_document,
    "innovation": innovation_document,
    "organisation": organisation_document,
    "session": session_document,
}


def dependents(kind: str, record) -> list[tuple[str, object]]:
    """Records whose documents carry facts of this one: a cluster's name and round are on its projects."""
    if kind == "cluster":
        return ([("project", p) for p in record.projects] + [("innovation", i) for i in record.innovations]
                + [("organisation", o) for o in record.organisations])
    if kind == "project":
        return [("innovation", i) for i in record.innovations]
    return []


def documents_for(changes: set[tuple[str, int]]) -> tuple[list[Document], list[str]]:
    """Current documents of changed records, read from the database; records now gone become deletes."""
    upserts: dict[str, Document] = {}
    deletes: list[str] = []
    for kind, record_id in sorted(changes):
        if kind not in MODELS_BY_KIND:
            continue
        record = db.session.get(MODELS_BY_KIND[kind], record_id)
        if record is None:
            deletes.append(document_key(kind, record_id))
            continue
        for each_kind, each in [(kind, record), *dependents(kind, record)]:
            key = document_key(each_kind, each.id)
            upserts.setdefault(key, DOCUMENT_BUILDERS[each_kind](each))
    return list(upserts.values()), deletes


def all_documents():
    """Every indexed record of the directory as documents, for a full rebuild."""
    for model, kind in INDEXED_KINDS.items():
        for record in db.session.scalars(select(model).order_by(model.id)):
            yield DOCUMENT_BUILDERS[kind](record)


def follow_outbox(state: dict, now: float, gap_seconds: int) -> tuple[list, dict]:
    """The outbox entries after the cursor, and the cursor after them.

    On PostgreSQL an entry can commit after entries with higher ids. An id skipped over is kept as a
    gap and asked for again on every drain until it appears or is older than `gap_seconds` (then its
    transaction rolled back, since no transaction stays open that long).
    """
    cursor = int(state.get("cursor", 0))
    gaps = {int(entry_id): seen for entry_id, seen in state.get("gaps", {}).items()}
    condition = OutboxEntry.id > cursor
    if gaps:
        condition = or_(condition, OutboxEntry.id.in_(gaps))
    entries = db.session.execute(
        select(OutboxEntry.id, OutboxEntry.kind, OutboxEntry.record_id)
        .where(condition).order_by(OutboxEntry.id).limit(DRAIN_BATCH)
    ).all()
    seen = {entry.id for entry in entries}
    new_cursor = max([cursor, *(entry.id for entry in entries if entry.id > cursor)])
    for missing in range(cursor + 1, new_cursor):
        if missing not in seen:
            gaps.setdefault(missing, now)
    gaps = {entry_id: first_seen for entry_id, first_seen in gaps.items()
            if entry_id not in seen and now - first_seen < gap_seconds}
    return entries, {"cursor": new_cursor, "gaps": {str(k): v for k, v in sorted(gaps.items())}}


class SearchService:
    """The worker's one SearchIndex, kept in step with the database."""

    def __init__(self, app: Flask):
        self.app = app
        self.index = SearchIndex(app.config["SHOWCASE_INDEX_DIR"])
        self.ready = False
        self.ready_lock = threading.Lock()
        self.timer: threading.Thread | None = None

    def ensure_ready(self, *, wait: bool = False) -> None:
        """On first use: rebuild an index that is missing or damaged, then catch up with the outbox.

        :param wait: wait for the index lock to catch up; requests never wait, the CLI does.
        """
        if self.ready:
            return
        with self.ready_lock:
            if self.ready:
                return
            if not self.index.check():
                log.warning("search index at %s is missing or damaged: rebuilding from the database",
                            self.app.config["SHOWCASE_INDEX_DIR"])
                self.rebuild()
            self.drain(wait=wait)
            self.ready = True

    def recover(self) -> None:
        """After the index failed to read: check it again, rebuilding it from the database if damaged."""
        log.warning("search index at %s failed to read: checking it", self.app.config["SHOWCASE_INDEX_DIR"])
        with self.ready_lock:
            self.ready = False
        self.ensure_ready()

    def rebuild(self) -> int:
        """Build the index anew from the database and swap it in; searches keep answering meanwhile."""
        db.session.rollback()
        newest = db.session.scalar(select(func.max(OutboxEntry.id))) or 0
        recent = set(db.session.scalars(select(OutboxEntry.id).where(OutboxEntry.id > newest - DRAIN_BATCH)))
        now = time.time()
        gaps = {str(i): now for i in range(max(1, newest - DRAIN_BATCH + 1), newest + 1) if i not in recent}
        documents = list(all_documents())
        db.session.rollback()
        self.index.rebuild(documents, {"cursor": newest, "gaps": gaps})
        return len(documents)

    def drain(self, *, wait: bool | float = False) -> int:
        """Apply outbox entries to the index; 0 if there were none or another writer holds the lock.

        :param wait: how long to wait for the index lock (see `SearchIndex.apply`).
        """
        total = 0
        while True:
            db.session.rollback()
            entries, state = follow_outbox(self.index.state(), time.time(),
                                           self.app.config["SHOWCASE_OUTBOX_GAP_SECONDS"])
            if not entries and state == self.index.state():
                break
            upserts, deletes = documents_for({(entry.kind, entry.record_id) for entry in entries})
            db.session.rollback()
            if not self.index.apply(upserts, deletes, state, wait=wait):
                break
            total += len(entries)
            if len(entries) < DRAIN_BATCH:
                break
        return total

    def catch_up(self, wait_seconds: float) -> None:
        """After a commit: index what it wrote, waiting at most `wait_seconds` for the index lock.

        Never raises: the write is committed, and the outbox keeps the change for the next drain.
        """
        try:
            self.ensure_ready()
            self.drain(wait=wait_seconds)
        except Exception:
            log.exception("indexing a committed write failed; the next drain will retry it")

    def prune(self) -> int:
        """Delete outbox entries older than the configured days: by age, never by what an index has read."""
        cutoff = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(
            days=self.app.config["SHOWCASE_OUTBOX_KEEP_DAYS"])
        db.session.rollback()
        with database.writing(), db.session.begin():
            result = db.session.execute(delete(OutboxEntry).where(OutboxEntry.created_at < cutoff))
        return result.rowcount or 0

    def start_timer(self) -> None:
        """Start this worker's background drain on its first request (after gunicorn forked it)."""
        seconds = self.app.config["SHOWCASE_INDEX_DRAIN_SECONDS"]
        if seconds <= 0 or self.timer is not None:
            return
        self.timer = threading.Thread(target=self.drain_forever, args=(seconds,), daemon=True,
                                      name="search-outbox-drain")
        self.timer.start()

    def drain_forever(self, seconds: float) -> None:
        while True:
            time.sleep(seconds)
            with self.app.app_context():
                try:
                    self.ensure_ready()
                    self.drain(wait=False)
                except Exception:
                    log.exception("background drain of the search outbox failed")
                finally:
                    db.session.remove()

    def health(self) -> dict:
        state = self.index.state() if self.index.exists() else {}
        return {"ready": self.ready, "cursor": state.get("cursor"), "pending_gaps": len(state.get("gaps", {}))}


def catch_up(wait_seconds: float) -> None:
    """Bring this worker's index up to date with what was just committed (see SearchService.catch_up)."""
    current_app.extensions["showcase_search"].catch_up(wait_seconds)


def search_service() -> SearchService:
    service = current_app.extensions["showcase_search"]
    service.ensure_ready()
    return service


@click.command("reindex")
@with_appcontext
def reindex_command():
    """Rebuild the search index from the database into a new directory and swap it in atomically."""
    database.create_schema()
    count = current_app.extensions["showcase_search"].rebuild()
    click.echo(f"Indexed {count} documents into {current_app.config['SHOWCASE_INDEX_DIR']}")


@click.command("index-worker")
@click.option("--interval", default=1.0, show_default=True, help="Seconds between drains.")
@click.option("--once", is_flag=True, help="Drain what is there, prune old entries and exit.")
@with_appcontext
def index_worker_command(interval: float, once: bool):
    """Follow the outbox and keep the search index in step (waits for the index lock)."""
    service = current_app.extensions["showcase_search"]
    service.ensure_ready(wait=True)
    while True:
        try:
            applied = service.drain(wait=True)
            if applied:
                click.echo(f"applied {applied} outbox entries")
            if once:
                pruned = service.prune()
                click.echo(f"pruned {pruned} outbox entries")
                return
        except SQLAlchemyError:
            log.exception("database error while draining; retrying")
            db.session.rollback()
        time.sleep(interval)
