"""The whole snapshot, built once per data version per host and kept as files every worker serves.

Built from plain rows (the list endpoints' `PlainList` queries over every record), each section dumped
by the snapshot's own fields and encoded once, with sorted keys: those encodings are both the hashed
canonical form (`content_version`) and the body, written plain and gzipped beside the search index.
A file lock makes one worker build while the others wait for its files.
"""

import ctypes
import ctypes.util
import datetime as dt
import fcntl
import gc
import gzip
import hashlib
import json
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from sqlalchemy import Select, func, literal, select

from showcase.api.clusters import queries as clusters
from showcase.api.innovations.queries import INNOVATIONS
from showcase.api.listing import PlainList, json_record
from showcase.api.organisations import queries as organisations
from showcase.api.projects import queries as projects
from showcase.api.snapshot.schemas import CONFERENCE, SnapshotSchema
from showcase.api.stands.queries import floor_plan
from showcase.extensions import db
from showcase.models import (
    CONFERENCE_DAYS,
    Cluster,
    Innovation,
    Organisation,
    OutboxEntry,
    ProgrammeSession,
    Project,
    ProjectTopic,
)
from showcase.models.associations import cluster_organisation, project_organisation
from showcase.models.programme_session import CONFERENCE_TIMEZONE
from showcase.read_cache import data_version
from showcase.schemas import CANONICAL
from showcase.services.change_feed import current_cursor
from showcase.services.conference import VENUE

# The body's order of sections; the canonical form that is hashed sorts them.
SECTIONS = ("cursor", "conference", "clusters", "projects", "innovations", "organisations", "programme", "floor_plan")
# Built snapshots kept on disk: the newest and the one before it (a worker may still be sending it).
KEPT = 2
# Half the time of the default level 6 for a tenth more bytes (2.7 MB for 20,000 records).
GZIP_LEVEL = 4
SNAPSHOT_FIELDS = SnapshotSchema().fields
# glibc's malloc_trim hands the build's freed memory back to the system (the worker's RSS); None elsewhere.
MALLOC_TRIM = getattr(ctypes.CDLL(ctypes.util.find_library("c")), "malloc_trim", None)


@dataclass(frozen=True)
class StoredSnapshot:
    """A built snapshot: its content version and its two files."""

    version: str
    plain: Path
    gzipped: Path


def stored_snapshot() -> StoredSnapshot:
    """The snapshot of the current data version: found in this worker's memo, on disk, or built now."""
    key = data_version()
    memo = current_app.extensions.setdefault("showcase_snapshot_files", {})
    stored = memo.get(key)
    if stored is None:
        memo.clear()
        stored = memo[key] = find_or_build(snapshot_dir())
    return stored


def snapshot_dir() -> Path:
    config = current_app.config
    return Path(config.get("SHOWCASE_SNAPSHOT_DIR") or Path(config["SHOWCASE_INDEX_DIR"]).parent / "snapshot")


def current_stem() -> str:
    """The file name of the data version as read now: the outbox's newest id, its count and that entry's
    time, so that a recreated database never meets the files of an earlier one."""
    newest = select(OutboxEntry.created_at).order_by(OutboxEntry.id.desc()).limit(1).scalar_subquery()
    newest_id, count, created_at = db.session.execute(
        select(func.coalesce(func.max(OutboxEntry.id), 0), func.count(), newest)).one()
    stamp = created_at.strftime("%Y%m%dT%H%M%S%f") if isinstance(created_at, dt.datetime) else created_at or "empty"
    return f"snapshot-{newest_id}-{count}-{stamp}"


def find_or_build(directory: Path) -> StoredSnapshot:
    """The files of the data version as read now, once the host's lock is ours: built if no worker has yet."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".build-lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        db.session.rollback()  # read the data as it is once the lock is ours, not as it was before the wait
        stem = current_stem()
        stored = found(directory, stem)
        if stored is None:
            stored = build(directory, stem)
            forget_older(directory)
            release_memory()
    return stored


def release_memory() -> None:
    """Give back what the build held, so a worker that built stays as small as one that only serves."""
    gc.collect()
    if MALLOC_TRIM is not None:
        MALLOC_TRIM(0)


def found(directory: Path, stem: str) -> StoredSnapshot | None:
    """A data version's files, if built (the version file is written last)."""
    try:
        version = (directory / f"{stem}.version").read_text()
    except FileNotFoundError:
        return None
    return StoredSnapshot(version, directory / f"{stem}.json", directory / f"{stem}.json.gz")


def build(directory: Path, stem: str) -> StoredSnapshot:
    """Encode each section once, hash the canonical form of them all, write the body plain and gzipped."""
    encoded = {name: json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
               for name, value in sections()}
    canonical = hashlib.sha256()
    for number, name in enumerate(sorted(encoded)):
        canonical.update(f'{"," if number else "{"}"{name}":'.encode())
        canonical.update(encoded[name].encode("utf-8"))
    canonical.update(b"}")
    version = canonical.hexdigest()[:20]
    plain, gzipped = directory / f"{stem}.json", directory / f"{stem}.json.gz"
    with written(plain) as plain_file, written(gzipped) as gzipped_file, \
            gzip.GzipFile(fileobj=gzipped_file, mode="wb", compresslevel=GZIP_LEVEL, mtime=0) as gzip_file:
        for text in body(version, encoded):
            chunk = text.encode("utf-8")
            plain_file.write(chunk)
            gzip_file.write(chunk)
    with written(directory / f"{stem}.version") as version_file:
        version_file.write(version.encode())
    return StoredSnapshot(version, plain, gzipped)


def body(version: str, encoded: dict):
    """The snapshot's JSON in pieces, its sections in the documented order."""
    yield f'{{"version":"{version}"'
    for name in SECTIONS:
        yield f',"{name}":'
        yield encoded.pop(name)
    yield "}"


@contextmanager
def written(path: Path):
    """A file written under a temporary name and renamed into place when complete, removed if not."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as file:
            yield file
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def forget_older(directory: Path) -> None:
    """Delete all but the newest built snapshots; a worker still sending one keeps its open file."""
    versions = sorted(directory.glob("snapshot-*.version"), key=lambda path: path.stat().st_mtime, reverse=True)
    for version_file in versions[KEPT:]:
        stem = version_file.name.removesuffix(".version")
        for path in (version_file, directory / f"{stem}.json", directory / f"{stem}.json.gz"):
            path.unlink(missing_ok=True)


def sections():
    """Each section's name and value as the snapshot's schema dumps it, one section in memory at a time."""
    yield "cursor", current_cursor()
    yield "conference", dumped("conference", conference())
    yield "clusters", dumped("clusters", every_cluster())
    yield "projects", dumped("projects", every_project())
    yield "innovations", dumped("innovations", every(INNOVATIONS, Innovation.slug))
    yield "organisations", dumped("organisations", every_organisation())
    yield "programme", dumped("programme", db.session.scalars(
        select(ProgrammeSession).order_by(ProgrammeSession.starts_at, ProgrammeSession.slug)).all())
    yield "floor_plan", dumped("floor_plan", floor_plan(CANONICAL))


def conference() -> dict:
    return {**CONFERENCE, "venue": VENUE, "days": list(CONFERENCE_DAYS), "timezone": CONFERENCE_TIMEZONE}


def dumped(name: str, value):
    return SNAPSHOT_FIELDS[name].serialize(name, {name: value})


def every(plain: PlainList, order) -> list:
    """Every record of a list as its page rows would be, in one query: the list's page without a limit."""
    everything = plain.matching.add_columns(literal(0).label("total"),
                                            func.row_number().over(order_by=order).label("position")).subquery("page")
    return plain.records(db.session.execute(plain.page_of(everything)).all())


def every_linked(statement: Select, complete, links: dict[str, Select]) -> list:
    """Every row of `statement` (its first column the record's id) with each collection of `links`, as the
    list's page rows would hold it, and completed as a page is.

    A collection is one flat query of (record id, the fields a link dumps) for all records, grouped here:
    for the whole directory that is far cheaper than a JSON array built per record, then parsed.
    """
    grouped = {name: linked(query) for name, query in links.items()}
    result = db.session.execute(statement)
    names = (*result.keys(), *grouped)
    return complete([(*row, *(records.get(row[0], []) for records in grouped.values())) for row in result], names)


def linked(query: Select) -> dict[int, list[dict]]:
    """A link query's records (its columns after the first, as dicts) by the id in its first column."""
    result = db.session.execute(query)
    columns = tuple(result.keys())[1:]
    records: dict[int, list[dict]] = {}
    for owner, *values in result:
        records.setdefault(owner, []).append(dict(zip(columns, values)))
    return records


def every_cluster() -> list:
    return every_linked(
        select(Cluster.id.label("record_id"), *clusters.LISTED_COLUMNS, *clusters.CLUSTER_LINKS).order_by(Cluster.slug),
        clusters.CLUSTERS.records,
        {"organisations": select(cluster_organisation.c.cluster_id, Organisation.slug, Organisation.name,
                                 Organisation.type, Organisation.city).join(Organisation)})


def every_project() -> list:
    return every_linked(
        select(Project.id.label("record_id"), *projects.LISTED_COLUMNS, json_record(slug=Cluster.slug).label("cluster"))
        .join(Project.cluster).order_by(Project.slug),
        projects.PROJECTS.records,
        {"organisations": select(project_organisation.c.project_id, Organisation.slug).join(Organisation),
         "innovations": select(Innovation.project_id, Innovation.slug).where(Innovation.project_id.is_not(None)),
         "topics": select(ProjectTopic.project_id, ProjectTopic.lang, ProjectTopic.position, ProjectTopic.label)})


def every_organisation() -> list:
    return every_linked(
        select(Organisation.id.label("record_id"), *organisations.LISTED_COLUMNS).order_by(Organisation.slug),
        organisations.ORGANISATIONS.records,
        {"clusters": select(cluster_organisation.c.organisation_id, Cluster.slug).join(Cluster),
         "projects": select(project_organisation.c.organisation_id, Project.slug).join(Project)})
