"""Bulk import of bundles (JSON) and CSV files: everything checked, then all written or nothing.

The API (`POST /api/v1/import`) and `flask import` share this. Records are created or updated by
their key (never deleted), in dependency order. Clusters, organisations, projects and innovations go
in batches: each batch's existing records and the records it refers to are looked up in one query per
kind, its records written with one flush; a record that fails is left out, so the problems of the next
are still found. Stands, programme sessions and kiosks (few, with rules reading other rows) go one by
one, each in a savepoint. Any problem rolls the whole import back. A dry run does all of it, reports
what it would write, and rolls back. Each record an import creates or changes gets its own audit entry
(action `import`, before and after). The whole import is one transaction, the search outbox included;
an import writing more than `REBUILD_ABOVE` records rebuilds the index after its commit.
"""

import csv
import io
import json
import time
from dataclasses import dataclass, field

import marshmallow as ma
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from showcase import search
from showcase.errors import ValidationFailed, flatten_errors
from showcase.extensions import db
from showcase.schemas.synonyms import SynonymsSchema
from showcase.services.audit import record_change, record_many_changes
from showcase.services.synonyms import SYNONYMS_SECTION, read_synonyms, replace_synonyms
from showcase.services.transaction import transaction
from showcase.services.csv_format import column_of, columns, row_to_record, sniff_delimiter
from showcase.services.records import (
    RECORD_KINDS,
    PreloadedReferences,
    RecordKind,
    find,
    loadable_schema,
    record_key,
    reload,
    save_record,
    snapshot,
)

BODY = "body"


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong in an import: the file, where in it (a CSV row or a JSON path), the field, why."""

    file: str
    message: str
    row: int | None = None
    path: str | None = None
    field: str | None = None

    def as_dict(self) -> dict:
        found = {"file": self.file, "row": self.row, "path": self.path, "field": self.field, "message": self.message}
        return {key: value for key, value in found.items() if value is not None}

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.path:
            where.append(self.path)
        if self.field:
            where.append(self.field)
        return ": ".join([*where, self.message])


class ImportInvalid(Exception):
    """An import that cannot be written; carries every problem found."""

    def __init__(self, problems: list[ImportProblem]):
        super().__init__(f"{len(problems)} problem(s) in the import")
        self.problems = problems


@dataclass
class ImportItem:
    """One record as read from a file, before validation; `kind` None for a bundle's search synonyms."""

    kind: RecordKind | None
    file: str
    raw: object
    row: int | None = None
    path: str | None = None
    data: dict = field(default_factory=dict)

    def problem(self, message: str, schema_path: str | None = None) -> ImportProblem:
        if self.row is not None:
            return ImportProblem(self.file, message, row=self.row, field=column_of(self.kind, schema_path))
        return ImportProblem(self.file, message, path=self.path, field=schema_path or None)


@dataclass
class ImportReport:
    dry_run: bool
    counts: dict[str, dict[str, int]]
    # Validation, writes and commit; and the index's work after the commit (None if there was none).
    database_seconds: float = 0.0
    index_seconds: float | None = None

    @property
    def rebuilt(self) -> bool:
        """Whether the index was rebuilt after the commit rather than brought up to date from the outbox."""
        return not self.dry_run and self.written > REBUILD_ABOVE

    @property
    def written(self) -> int:
        return sum(c["created"] + c["updated"] for c in self.counts.values())

    def summary(self) -> str:
        parts = []
        for kind_name, count in self.counts.items():
            if any(count.values()):
                parts.append(f"{kind_name}: {count['created']} created, {count['updated']} updated, "
                             f"{count['unchanged']} unchanged")
        return "; ".join(parts) or "nothing"


def decode(name: str, content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportInvalid([ImportProblem(name, "Not UTF-8 text.")]) from None


def read_bundle(name: str, text: str) -> list[ImportItem]:
    """The records of a bundle (the seed and export format)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportInvalid([ImportProblem(name, f"Not valid JSON: {error.msg}.",
                                           path=f"line {error.lineno} column {error.colno}")]) from None
    if not isinstance(document, dict):
        raise ImportInvalid([ImportProblem(name, 'Expected an object with lists of records, such as {"clusters": [...]}.')])
    problems = [ImportProblem(name, "Unknown kind of record; expected one of " + ", ".join(RECORD_KINDS) + ".",
                              path=kind_name)
                for kind_name in document if kind_name not in RECORD_KINDS and kind_name != SYNONYMS_SECTION]
    items = []
    if SYNONYMS_SECTION in document:
        items.append(ImportItem(None, name, document[SYNONYMS_SECTION], path=SYNONYMS_SECTION))
    for kind_name, kind in RECORD_KINDS.items():
        records = document.get(kind_name, [])
        if not isinstance(records, list):
            problems.append(ImportProblem(name, "Expected a list of records.", path=kind_name))
            continue
        items.extend(ImportItem(kind, name, raw, path=f"{kind_name}[{position}]")
                     for position, raw in enumerate(records))
    if problems:
        raise ImportInvalid(problems)
    return items


def csv_kind(name: str, hint: str | None = None) -> RecordKind:
    """The kind a CSV file holds: named by `hint` (a form field), else by the file's name (`projects.csv`)."""
    for candidate in (hint, name.rsplit("/", 1)[-1].rsplit(".", 1)[0]):
        if candidate in RECORD_KINDS:
            return RECORD_KINDS[candidate]
    raise ImportInvalid([ImportProblem(name, "Cannot tell which kind of record the file holds: name it (or its "
                                             "form field) after the kind, one of " + ", ".join(RECORD_KINDS) + ".")])


def read_csv(name: str, text: str, kind: RecordKind) -> list[ImportItem]:
    """The records of one CSV file; a header that does not fit the kind is reported column by column."""
    header_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=sniff_delimiter(header_line))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportInvalid([ImportProblem(name, "The file is empty; it needs a header row.", row=1)]) from None
    except csv.Error as error:
        raise ImportInvalid([ImportProblem(name, f"Not valid CSV: {error}.", row=1)]) from None
    header = [column.strip() for column in header]
    known = {column.name: column for column in columns(kind)}
    problems = []
    for column in header:
        if column not in known:
            problems.append(ImportProblem(name, "Unknown column; the columns of " + kind.name + " are "
                                          + ", ".join(known) + ".", row=1, field=column or "(empty)"))
        elif header.count(column) > 1:
            problems.append(ImportProblem(name, "The column appears twice.", row=1, field=column))
    problems.extend(ImportProblem(name, "Missing column.", row=1, field=column.name)
                    for column in known.values() if column.required and column.name not in header)
    if problems:
        raise ImportInvalid(sorted(set(problems), key=lambda p: (p.field or "", p.message)))
    items = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                problems.append(ImportProblem(name, f"Has {len(cells)} cells; the header has {len(header)}.", row=line))
                continue
            items.append(ImportItem(kind, name, row_to_record(kind, dict(zip(header, cells))), row=line))
    except csv.Error as error:
        problems.append(ImportProblem(name, f"Not valid CSV: {error}.", row=reader.line_num))
    if problems:
        raise ImportInvalid(problems)
    return items


def validate(items: list[ImportItem]) -> list[ImportProblem]:
    """Check each record with its kind's schema, and that no key is given twice; fills item.data."""
    problems: list[ImportProblem] = []
    seen: dict[tuple[str, str], ImportItem] = {}
    for item in items:
        if item.kind is None:
            problems.extend(validate_synonyms(item))
            continue
        try:
            item.data = loadable_schema(item.kind).load(item.raw)
        except ma.ValidationError as error:
            problems.extend(item.problem(e["message"], e.get("field")) for e in flatten_errors(error.messages))
            given = item.raw.get(item.kind.key) if isinstance(item.raw, dict) else None
            if isinstance(given, str):
                seen.setdefault((item.kind.name, given), item)
            continue
        key = (item.kind.name, str(item.data[item.kind.key]))
        if key in seen:
            first = seen[key]
            where = f"row {first.row}" if first.row is not None else first.path
            problems.append(item.problem(f"{key[1]!r} is given twice; also in {first.file} at {where}.", item.kind.key))
            continue
        seen[key] = item
    return problems


def validate_synonyms(item: ImportItem) -> list[ImportProblem]:
    """Check a bundle's search synonyms as PUT /search/synonyms does; fills item.data."""
    try:
        item.data = SynonymsSchema().load(item.raw)
    except ma.ValidationError as error:
        return [item.problem(e["message"], e.get("field")) for e in flatten_errors(error.messages)]
    return []


def apply_synonyms(items: list[ImportItem], actor: str) -> dict[str, int]:
    """Replace the search synonyms with a bundle's, if it has them (audited by the synonyms service)."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for item in (i for i in items if i.kind is None):
        before = read_synonyms()
        after = replace_synonyms(item.data, actor)
        counts["unchanged" if before == after else "updated"] += 1
    return counts


# An import writing more records than this rebuilds the search index after its commit instead of applying
# its outbox entry by entry (whose documents are read record by record): minutes fewer at thousands.
REBUILD_ABOVE = 1000
# Records written per batch: their existing versions, references and links cost one query each per batch.
BATCH_SIZE = 500


def apply(items: list[ImportItem], actor: str) -> tuple[dict, list[ImportProblem]]:
    """Create or update every record in dependency order, logging each change.

    Kinds whose writes only check references go in batches (see `apply_batch`); the few others (stands,
    programme, kiosks, whose rules read other rows) one by one, each in a savepoint.
    """
    counts = {name: {"created": 0, "updated": 0, "unchanged": 0} for name in RECORD_KINDS}
    problems: list[ImportProblem] = []
    for kind_name, kind in RECORD_KINDS.items():
        of_kind = [i for i in items if i.kind is kind]
        if not kind.batchable:
            for item in of_kind:
                apply_one(kind, item, actor, counts[kind_name], problems)
            continue
        for start in range(0, len(of_kind), BATCH_SIZE):
            apply_batch(kind, of_kind[start:start + BATCH_SIZE], actor, counts[kind_name], problems)
    counts[SYNONYMS_SECTION] = apply_synonyms(items, actor)
    return counts, problems


def apply_one(kind: RecordKind, item: ImportItem, actor: str, counts: dict, problems: list[ImportProblem]) -> None:
    """Write one record in a savepoint, so a failing one leaves nothing behind and the next is still checked."""
    try:
        with db.session.begin_nested():
            existing = find(kind.model, kind.key, item.data[kind.key])
            before = snapshot(kind, existing) if existing is not None else None
            record = save_record(kind, item.data, existing)
            after = snapshot(kind, reload(record))
            record_change(actor, "import", kind.name, record_key(kind, record), before, after)
    except ValidationFailed as error:
        problems.extend(item.problem(e["message"], e.get("field")) for e in flatten_errors(error.errors))
        return
    except IntegrityError:
        problems.append(item.problem("Conflicts with another record (a key already taken).", kind.key))
        return
    counts["created" if before is None else ("unchanged" if before == after else "updated")] += 1


def with_links(kind: RecordKind, statement):
    return statement.options(*(selectinload(getattr(kind.model, link)) for link in kind.links))


def apply_batch(kind: RecordKind, batch: list[ImportItem], actor: str, counts: dict,
                problems: list[ImportProblem]) -> None:
    """Write a batch of records of one kind with one flush, looking up what it needs in a few queries.

    The batch's existing records (with their links) are one query, the records it refers to one per
    kind referred to. A record whose references do not resolve is left out untouched (its apply checks
    before it changes anything), so the batch needs no savepoint per record. A constraint the checks do
    not foresee rolls the batch back and writes it again record by record, to name the record. The child
    rows of new records (a project's topics) and the audit entries are inserted with one executemany each.
    """
    key_column = getattr(kind.model, kind.key)
    keys = [item.data[kind.key] for item in batch]
    existing = {getattr(record, kind.key): record
                for record in db.session.scalars(with_links(kind, select(kind.model).where(key_column.in_(keys))))}
    references = PreloadedReferences(kind, [item.data for item in batch])
    attempt = db.session.begin_nested()
    written = []
    with db.session.no_autoflush:
        for item in batch:
            record = existing.get(item.data[kind.key])
            before = snapshot(kind, record) if record is not None else None
            target = record if record is not None else kind.model()
            errors: dict = {}
            kind.apply(target, item.data if record is not None else without_bulk_children(kind, item.data),
                       errors, references)
            if errors:
                problems.extend(item.problem(e["message"], e.get("field")) for e in flatten_errors(errors))
                continue
            db.session.add(target)
            written.append((target, before, item.data))
    try:
        db.session.flush()
        insert_bulk_children(kind, [(target, data) for target, before, data in written if before is None])
    except IntegrityError:
        attempt.rollback()
        for item in batch:
            apply_one(kind, item, actor, counts, problems)
        return
    attempt.commit()
    # Read back as stored (links in their stored order, child rows inserted above), all at once: the audit's "after".
    ids = [record.id for record, _, _ in written]
    stored = {record.id: record for record in db.session.scalars(
        with_links(kind, select(kind.model).where(kind.model.id.in_(ids))).execution_options(populate_existing=True))}
    changes = []
    for record, before, _ in written:
        after = snapshot(kind, stored[record.id])
        changes.append((record_key(kind, record), before, after))
        counts["created" if before is None else ("unchanged" if before == after else "updated")] += 1
    record_many_changes(actor, "import", kind.name, changes)


def without_bulk_children(kind: RecordKind, data: dict) -> dict:
    """A new record's input without the child rows its batch inserts itself (see `insert_bulk_children`)."""
    if kind.bulk_children is None or kind.bulk_children[0] not in data:
        return data
    return {name: value for name, value in data.items() if name != kind.bulk_children[0]}


def insert_bulk_children(kind: RecordKind, created: list[tuple[object, dict]]) -> None:
    """Insert the child rows of a batch's flushed new records with one executemany.

    Only new records: their creation is in the outbox already, so the rows need no change of their own
    there; an existing record's rows are replaced through the ORM, whose flush records the change.
    """
    if kind.bulk_children is None:
        return
    name, model, foreign_key, values_of = kind.bulk_children
    rows = [{foreign_key: record.id, **values} for record, data in created if name in data
            for values in values_of(data[name])]
    if rows:
        db.session.execute(insert(model), rows)


def import_items(items: list[ImportItem], actor: str, *, dry_run: bool = False) -> ImportReport:
    """Validate and write an import in one transaction: all of it, or (raising) none of it.

    A dry run applies everything inside a savepoint, to find the problems only writing shows, and
    rolls it back.

    :raises ImportInvalid: with every problem found, file by file; nothing was written.
    """
    started = time.perf_counter()
    problems = validate(items)
    if problems:
        raise ImportInvalid(problems)
    db.session.info.pop(search.INDEXED_SECONDS, None)
    with transaction():
        attempt = db.session.begin_nested()
        try:
            counts, problems = apply(items, actor)
        except BaseException:
            attempt.rollback()
            raise
        if problems or dry_run:
            attempt.rollback()
        else:
            attempt.commit()
            if sum(c["created"] + c["updated"] for c in counts.values()) > REBUILD_ABOVE:
                db.session.info[search.REBUILD_AFTER_COMMIT] = True
    if problems:
        raise ImportInvalid(problems)
    index_seconds = db.session.info.pop(search.INDEXED_SECONDS, None)
    return ImportReport(dry_run, counts, time.perf_counter() - started - (index_seconds or 0.0), index_seconds)


def read_files(files: list[tuple[str, bytes, str | None]]) -> list[ImportItem]:
    """Read uploaded or named files: `.csv` as CSV of one kind, anything else as a JSON bundle.

    :param files: (file name, content, kind hint) each; the hint is a form field's name.
    :raises ImportInvalid: with the problems of every file that cannot be read.
    """
    items: list[ImportItem] = []
    problems: list[ImportProblem] = []
    for name, content, hint in files:
        try:
            text = decode(name, content)
            if name.lower().endswith(".csv"):
                items.extend(read_csv(name, text, csv_kind(name, hint)))
            else:
                items.extend(read_bundle(name, text))
        except ImportInvalid as error:
            problems.extend(error.problems)
    if problems:
        raise ImportInvalid(problems)
    return items
