"""Glue between the directory and search_index: documents from models, the outbox, reindexing.

The database is the truth and the index a derived copy. Every flush that changes an indexed record
appends to the outbox in the same transaction; after commit the writing worker drains the outbox into
the index if it can take the index lock at once, and otherwise leaves it to the next drain (a later
write, the background timer, or `flask index-worker`). The index stores the outbox cursor it has
applied in the same commit as the documents, so it can always tell how far behind it is.
"""

import datetime as dt
import fcntl
import logging
import threading
import time
from collections.abc import Callable
from itertools import chain
from pathlib import Path
from typing import TypeVar

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import delete, event, func, insert, inspect, or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, selectinload

from search_index import Document, SearchIndex
from showcase import database
from showcase.config import LANGUAGES
from showcase.extensions import db
from showcase.models import (
    Cluster,
    ClusterState,
    Innovation,
    Kiosk,
    Organisation,
    OutboxEntry,
    OutboxRetention,
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
# Rows that belong to a record: a change to them is a change to their owner.
OWNERS = {
    ClusterState: lambda row: (Cluster, row.cluster_id),
    ProjectTopic: lambda row: (Project, row.project_id),
}
# The records of the change feed, as the API names their kinds, and the field that keys each.
SUBJECT_KINDS = {**INDEXED_KINDS, Stand: "stand", Kiosk: "kiosk"}
SUBJECT_KEYS = {Stand: "number", Kiosk: "id"}
# Links whose other end shows this record in its own representation (a project lists its innovations,
# a cluster its stand): when the link changes, or this record is renamed or deleted, the other end
# changed too. A project's cluster does not list its projects, so moving a project does not change it.
SHOWN_BY = {
    Cluster: ("projects", "innovations", "organisations", "stand"),
    Project: ("organisations", "innovations"),
    Innovation: ("project",),
    Organisation: ("clusters", "projects"),
    Stand: ("cluster",),
    ProgrammeSession: (),
    Kiosk: (),
}
DRAIN_BATCH = 500
T = TypeVar("T")
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
# Set by a write so large (a bulk import) that rebuilding the index after its commit beats applying its outbox.
REBUILD_AFTER_COMMIT = "showcase_rebuild_after_commit"
# Set by transaction() to the seconds its index work after the commit took, so a write can tell its own time apart.
INDEXED_SECONDS = "showcase_indexed_seconds"
# Records created in the session's transaction: their later flushes in it are part of the creation.
CREATED_IN_TRANSACTION = "showcase_outbox_created"
ACTION_STRENGTH = {"updated": 0, "created": 1, "deleted": 1}


def init_app(app: Flask) -> None:
    # On the directory's own sessions (not every SQLAlchemy Session in the process).
    if not event.contains(db.session, "after_flush", record_changes):
        event.listen(db.session, "after_flush", record_changes)
        event.listen(db.session, "before_flush", load_neighbours_of_deleted)
        event.listen(db.session, "after_transaction_end", forget_created)
    service = SearchService(app)
    app.extensions["showcase_search"] = service
    app.cli.add_command(reindex_command)
    app.cli.add_command(index_worker_command)
    app.before_request(service.start_timer)


def subject_key(record) -> str:
    return str(getattr(record, SUBJECT_KEYS.get(type(record), "slug")))


def linked(record, names: tuple[str, ...], history_part: str) -> list:
    """The records at the other end of these links: those added or removed ("changes"), or all of them."""
    state = inspect(record)
    found = []
    for name in names:
        history = state.attrs[name].history
        found.extend([*history.added, *history.deleted] if history_part == "changes" else history.sum())
    return [each for each in found if each is not None]


def flushed_changes(session: Session) -> dict:
    """(model, id) → (action, record) of every record of the feed this flush created, changed or deleted."""
    changes: dict = {}

    def note(record, action: str) -> None:
        key = (type(record), record.id)
        if key not in changes or ACTION_STRENGTH[action] > ACTION_STRENGTH[changes[key][0]]:
            changes[key] = (action, record)

    # Each of these properties builds a new set: read once, not once per record (a bulk import flushes thousands).
    new, dirty, deleted = session.new, session.dirty, session.deleted
    # Records this flush inserted are not in the identity map yet: an owner among them is found here, not queried.
    flushed = {(type(record), record.id): record for record in chain(new, dirty) if type(record) in INDEXED_KINDS}
    for record in chain(new, dirty, deleted):
        model = type(record)
        if model in OWNERS:
            owner_key = OWNERS[model](record)
            owner = flushed.get(owner_key) or (session.get(*owner_key) if owner_key[1] is not None else None)
            if owner is not None:
                note(owner, "updated")
            continue
        if model not in SUBJECT_KINDS:
            continue
        if record in deleted:
            note(record, "deleted")
            neighbours = linked(record, SHOWN_BY[model], "all")
        elif record in new:
            note(record, "created")
            neighbours = linked(record, SHOWN_BY[model], "changes")
        elif session.is_modified(record):
            note(record, "updated")
            renamed = inspect(record).attrs[SUBJECT_KEYS.get(model, "slug")].history.has_changes()
            neighbours = linked(record, SHOWN_BY[model], "all" if renamed else "changes")
        else:
            continue
        for neighbour in neighbours:
            if type(neighbour) in SUBJECT_KINDS:
                note(neighbour, "updated")
    return changes


def load_neighbours_of_deleted(session: Session, flush_context, instances) -> None:
    """Load the links of records about to be deleted while they still exist: their other ends change too."""
    for record in session.deleted:
        for name in SHOWN_BY.get(type(record), ()):
            getattr(record, name)


def record_changes(session: Session, flush_context) -> None:
    """Append an outbox entry for every record this flush created, changed or deleted.

    A renamed record is a deletion of its old slug and a creation of the new one, so a reader that
    keys records by slug follows it. Matchmaking rows are never recorded.
    """
    created = session.info.setdefault(CREATED_IN_TRANSACTION, set())
    rows = []
    for (model, record_id), (action, record) in sorted(flushed_changes(session).items(),
                                                       key=lambda item: (SUBJECT_KINDS[item[0][0]], item[0][1])):
        if action == "updated" and (model, record_id) in created:
            continue
        if action == "created":
            created.add((model, record_id))
        # A kiosk is keyed by its slug alone: it has no numeric id.
        subject = {"subject_kind": SUBJECT_KINDS[model], "subject_id": record_id if isinstance(record_id, int) else None,
                   "action": action,
                   "kind": INDEXED_KINDS.get(model), "record_id": record_id if model in INDEXED_KINDS else None}
        key_history = inspect(record).attrs[SUBJECT_KEYS.get(model, "slug")].history
        if action == "updated" and key_history.deleted and key_history.added:
            rows.append({**subject, "action": "deleted", "subject_slug": str(key_history.deleted[0]),
                         "kind": None, "record_id": None})
            subject["action"] = "created"
        rows.append({**subject, "subject_slug": subject_key(record)})
    if rows:
        if session.get_bind().dialect.name == "postgresql" and not database.WRITING.get():
            # A write outside `transaction()`: it takes its turn now (see database.configure_postgresql).
            database.take_write_lock(session.connection())
        session.execute(insert(OutboxEntry), rows)
        session.info[OUTBOX_WRITTEN] = True


def forget_created(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(CREATED_IN_TRANSACTION, None)


def document_key(kind: str, record_id: int) -> str:
    return f"{kind}:{record_id}"


def cluster_facets(cluster: Cluster | None) -> dict:
    if cluster is None:
        return {}
    return {"cluster": cluster.slug, "round": cluster.round, "field": cluster.field_en}


def record_document(kind: str, record, **fields) -> Document:
    """A record's search document, keyed by its kind and id, linked by its slug."""
    return Document(kind=kind, key=document_key(kind, record.id), slug=record.slug, **fields)


def bilingual(record, name: str, *more: str) -> dict[str, str]:
    """The record's `<name>_de` and `<name>_en` columns (each followed by the `more` columns' text) by language."""
    return {lang: " ".join(filter(None, [getattr(record, f"{name}_{lang}"), *(
        getattr(record, f"{extra}_{lang}") for extra in more)])) for lang in LANGUAGES}


def cluster_document(cluster: Cluster) -> Document:
    places = f"{cluster.region} {cluster.seat_city}"
    return record_document(
        "cluster", cluster, titles=bilingual(cluster, "name"),
        texts={lang: f"{text} {places}" for lang, text in bilingual(cluster, "description", "field").items()},
        names=[cluster.short_name],
        keywords={lang: [field] for lang, field in bilingual(cluster, "field").items()},
        **cluster_facets(cluster),
    )


def related_names(partners: list[Organisation], cluster: Cluster | None) -> dict[str, list[str]]:
    """The partners' and the cluster's names a project or innovation is also found by (weighted below its own text)."""
    related = {"Partner": [organisation.name for organisation in partners]}
    if cluster is not None:
        related["Cluster"] = list(dict.fromkeys([cluster.short_name, cluster.name_de, cluster.name_en]))
    return related


def provenance(record: Project | Innovation) -> dict:
    """What a project's or innovation's hit shows besides its cluster's place: where its facts come from."""
    return {"source": record.source, "source_date": record.source_date, "cluster": record.cluster.slug}


def project_document(project: Project) -> Document:
    return record_document(
        "project", project, titles=bilingual(project, "title"), texts=bilingual(project, "summary"),
        keywords=project.topics, related=related_names(project.organisations, project.cluster),
        shown=provenance(project), **cluster_facets(project.cluster),
    )


def innovation_document(innovation: Innovation) -> Document:
    partners = innovation.project.organisations if innovation.project else []
    return record_document(
        "innovation", innovation, titles=bilingual(innovation, "title"), texts=bilingual(innovation, "description"),
        keywords={"de": [], "en": [innovation.kind]}, related=related_names(partners, innovation.cluster),
        shown=provenance(innovation), **cluster_facets(innovation.cluster),
    )


def organisation_document(organisation: Organisation) -> Document:
    type_de, type_en = ORGANISATION_TYPE_LABELS.get(organisation.type, ("", organisation.type))
    first_cluster = organisation.clusters[0] if organisation.clusters else None
    return record_document(
        "organisation", organisation, titles={"de": organisation.name, "en": organisation.name},
        texts={"de": f"{type_de} in {organisation.city}", "en": f"{type_en} in {organisation.city}"},
        names=[organisation.name], shown={"clusters": sorted(cluster.slug for cluster in organisation.clusters)},
        **cluster_facets(first_cluster),
    )


def session_document(session: ProgrammeSession) -> Document:
    topics = {lang: getattr(session, f"topic_{lang}") for lang in LANGUAGES}
    return record_document(
        "session", session, titles=bilingual(session, "title"), texts=bilingual(session, "description", "topic"),
        keywords={lang: [topic] if topic else [] for lang, topic in topics.items()},
        shown={"day": session.starts_at.date().isoformat(), "starts_at": session.starts_at.isoformat(),
               "ends_at": session.ends_at.isoformat(), "room": session.room},
    )


DOCUMENT_BUILDERS = {
    "cluster": cluster_document,
    "project": project_document,
    "innovation": innovation_document,
    "organisation": organisation_document,
    "session": session_document,
}


def dependents(kind: str, record) -> list[tuple[str, object]]:
    """Records whose documents carry facts of this one: a cluster's name and round are on its projects, a partner's
    name on its projects and their innovations."""
    if kind == "cluster":
        return ([("project", p) for p in record.projects] + [("innovation", i) for i in record.innovations]
                + [("organisation", o) for o in record.organisations])
    if kind == "project":
        return [("innovation", i) for i in record.innovations]
    if kind == "organisation":  # a partner's name is on its projects and their innovations
        return [("project", p) for p in record.projects] + [
            ("innovation", i) for p in record.projects for i in p.innovations]
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


# What a rebuild loads with each kind, so partners' names cost a query per kind, not one per record.
REBUILD_LOADING = {
    Project: [selectinload(Project.organisations), selectinload(Project.cluster), selectinload(Project.topic_rows)],
    Innovation: [selectinload(Innovation.project).selectinload(Project.organisations), selectinload(Innovation.cluster)],
    Organisation: [selectinload(Organisation.clusters)],
}


def all_documents():
    """Every indexed record of the directory as documents, for a full rebuild."""
    for model, kind in INDEXED_KINDS.items():
        statement = select(model).options(*REBUILD_LOADING.get(model, ())).order_by(model.id)
        for record in db.session.scalars(statement):
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
    """The worker's one SearchIndex, kept in step with the database.

    An index lost or damaged while serving is rebuilt at once in the background: searches go on
    answering from the generation this worker holds open where its files are intact, and get a 503
    with Retry-After where they are not (see `answerable`).
    """

    def __init__(self, app: Flask):
        self.app = app
        self.index = SearchIndex(app.config["SHOWCASE_INDEX_DIR"])
        self.ready = False
        self.ready_lock = threading.Lock()
        self.timer: threading.Thread | None = None
        self.rebuilder: threading.Thread | None = None
        self.condition = "sound"
        # build -> (the index generation it was built for, what it built): see kept_for_generation.
        self.kept: dict[Callable, tuple[str, object]] = {}

    @property
    def rebuilding(self) -> bool:
        return self.rebuilder is not None and self.rebuilder.is_alive()

    def ensure_ready(self, *, wait: bool = False) -> None:
        """On first use: rebuild an index that is missing or damaged, then catch up with the outbox.

        Once serving, each use checks the open generation on disk (cheaply) and starts a rebuild at
        once when it was lost or damaged.

        :param wait: wait for the index lock to catch up; requests never wait, the CLI does.
        """
        if self.ready:
            self.watch()
            return
        if self.rebuilding and not wait:
            return  # searches answer 503 until the rebuild under way is done
        with self.ready_lock:
            if self.ready:
                return
            if not self.index.check():
                log.warning("search index at %s is missing or damaged: rebuilding from the database",
                            self.app.config["SHOWCASE_INDEX_DIR"])
                self.rebuild()
            self.drain(wait=wait)
            self.ready = True

    def watch(self) -> str:
        """The open generation's condition on disk; a rebuild starts when it is not sound."""
        self.condition = self.index.condition()
        if self.condition != "sound":
            self.start_rebuild()
        return self.condition

    def kept_for_generation(self, build: Callable[[], T]) -> T:
        """What `build` reads from the database, read again once the index answers from another generation.

        Every commit to the index (each drained outbox entry, each rebuild) makes a new generation, so
        what is kept for the generation the last search answered from is as current as its hits. The
        generation is named before the database is read: a change committed meanwhile is read again
        with the next one.
        """
        generation = self.index.open_generation()
        kept = self.kept.get(build)
        if kept is None or kept[0] != generation or not generation:
            kept = self.kept[build] = (generation, build())
        return kept[1]

    def answerable(self) -> bool:
        """Whether searches can be answered as they would be from a sound index."""
        return self.ready and self.condition in ("sound", "lost")

    def recover(self) -> None:
        """After the index failed to read: rebuild it in the background (searches get 503 meanwhile)."""
        self.condition = "damaged"
        self.start_rebuild()

    def start_rebuild(self) -> None:
        """Check the index and rebuild it from the database, in a thread of its own, unless one runs."""
        with self.ready_lock:
            if self.rebuilding:
                return
            log.warning("search index at %s is lost or damaged: rebuilding it from the database",
                        self.app.config["SHOWCASE_INDEX_DIR"])
            self.rebuilder = threading.Thread(target=self.rebuild_in_background, daemon=True,
                                              name="search-index-rebuild")
            self.rebuilder.start()

    def rebuild_in_background(self) -> None:
        """One worker of the host rebuilds (a file lock beside the index); the others then find it sound."""
        index_dir = Path(self.app.config["SHOWCASE_INDEX_DIR"])
        index_dir.parent.mkdir(parents=True, exist_ok=True)
        with self.app.app_context(), open(index_dir.parent / f".{index_dir.name}.rebuild-lock", "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if not self.index.check():
                    self.rebuild()
                self.index.close()  # the next search opens the sound generation
                self.condition = "sound"
                self.drain(wait=True)
                with self.ready_lock:
                    self.ready = True
            except Exception:
                log.exception("rebuilding the search index failed; the next search tries again")
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
                db.session.remove()

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
        if self.ready and self.watch() != "sound":
            return 0  # never write into a lost or damaged index: the rebuild brings the changes too
        while True:
            db.session.rollback()
            entries, state = follow_outbox(self.index.state(), time.time(),
                                           self.app.config["SHOWCASE_OUTBOX_GAP_SECONDS"])
            if not entries and state == self.index.state():
                break
            upserts, deletes = documents_for({(entry.kind, entry.record_id) for entry in entries
                                              if entry.kind is not None})
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
        """Delete outbox entries older than the configured days: by age, never by what a reader has read.

        The highest id deleted is kept: a change feed cursor below it answers 410.
        """
        cutoff = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(
            days=self.app.config["SHOWCASE_OUTBOX_KEEP_DAYS"])
        db.session.rollback()
        with database.writing(), db.session.begin():
            pruned = db.session.scalars(delete(OutboxEntry).where(OutboxEntry.created_at < cutoff)
                                        .returning(OutboxEntry.id)).all()
            if pruned:
                retention = db.session.get(OutboxRetention, 1) or OutboxRetention(id=1, pruned_through=0)
                retention.pruned_through = max(retention.pruned_through, *pruned)
                db.session.add(retention)
        return len(pruned)

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
        condition = self.watch()
        status = "rebuilding" if self.rebuilding or condition != "sound" else "ok"
        state = self.index.state() if status == "ok" and self.index.exists() else {}
        return {"status": status, "ready": self.ready, "cursor": state.get("cursor"),
                "pending_gaps": len(state.get("gaps", {}))}


def catch_up(wait_seconds: float) -> None:
    """Bring this worker's index up to date with what was just committed (see SearchService.catch_up)."""
    current_app.extensions["showcase_search"].catch_up(wait_seconds)


def rebuild_after_commit() -> None:
    """After a bulk commit: rebuild the index from the database. Never raises: the outbox keeps the changes."""
    try:
        current_app.extensions["showcase_search"].rebuild()
    except Exception:
        log.exception("rebuilding the index after a bulk write failed; the next drain applies the outbox")


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
