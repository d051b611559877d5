"""Load and dump the directory as bundles: the seed files, the import and the export share this format."""

import json
from dataclasses import dataclass
from pathlib import Path

import marshmallow as ma
from sqlalchemy import select

from showcase.errors import ValidationFailed, flatten_errors
from showcase.extensions import db
from showcase.schemas.synonyms import SynonymsSchema
from showcase.services.audit import command_actor
from showcase.services.synonyms import SYNONYMS_SECTION, read_synonyms, replace_synonyms
from showcase.services.transaction import transaction
from showcase.services.records import RECORD_KINDS, loadable_schema, upsert_record


@dataclass(frozen=True)
class BundleProblem:
    """One thing wrong in a bundle, named by file, path inside it, and reason."""

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.message}" if self.path else f"{self.file}: {self.message}"

    def as_dict(self) -> dict:
        return {"file": self.file, "path": self.path, "message": self.message}


class BundleInvalid(Exception):
    """A bundle that cannot be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: list[BundleProblem]):
        super().__init__(f"{len(problems)} problem(s) in the bundle")
        self.problems = problems


@dataclass(frozen=True)
class BundleRecord:
    kind: str
    file: str
    path: str
    data: dict


def read_bundle_file(path: Path) -> object:
    """Parse one file; a syntax error is a problem with its line and column."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise BundleInvalid([BundleProblem(path.name, f"line {error.lineno} column {error.colno}",
                                           f"Not valid JSON: {error.msg}.")]) from None
    except UnicodeDecodeError:
        raise BundleInvalid([BundleProblem(path.name, "", "Not UTF-8 text.")]) from None


def validate_bundles(documents: list[tuple[str, object]]) -> list[BundleRecord]:
    """Validate parsed bundles with the API's schemas; every problem is collected before raising."""
    problems: list[BundleProblem] = []
    records: list[BundleRecord] = []
    seen: dict[tuple[str, str], str] = {}
    for file, document in documents:
        if not isinstance(document, dict):
            problems.append(BundleProblem(file, "", "Expected an object with lists of records, such as "
                                                    '{"clusters": [...]}.'))
            continue
        records.extend(validate_synonyms(file, document, problems))
        for kind_name in document:
            if kind_name not in RECORD_KINDS and kind_name != SYNONYMS_SECTION:
                problems.append(BundleProblem(file, kind_name, "Unknown kind of record; expected one of "
                                              + ", ".join(RECORD_KINDS) + "."))
        for kind_name, kind in RECORD_KINDS.items():
            items = document.get(kind_name, [])
            if not isinstance(items, list):
                problems.append(BundleProblem(file, kind_name, "Expected a list of records."))
                continue
            schema = loadable_schema(kind)
            for position, item in enumerate(items):
                path = f"{kind_name}[{position}]"
                try:
                    data = schema.load(item)
                except ma.ValidationError as error:
                    problems.extend(BundleProblem(file, join_path(path, e.get("field")), e["message"])
                                    for e in flatten_errors(error.messages))
                    continue
                key = (kind_name, data[kind.key])
                if key in seen:
                    problems.append(BundleProblem(file, f"{path}.{kind.key}",
                                                  f"{data[kind.key]!r} is defined twice; also at {seen[key]}."))
                    continue
                seen[key] = f"{file}: {path}"
                records.append(BundleRecord(kind_name, file, path, data))
    if problems:
        raise BundleInvalid(problems)
    return records


def validate_synonyms(file: str, document: dict, problems: list[BundleProblem]) -> list[BundleRecord]:
    """A bundle's search synonyms, if it has them, validated like PUT /search/synonyms."""
    if SYNONYMS_SECTION not in document:
        return []
    try:
        data = SynonymsSchema().load(document[SYNONYMS_SECTION])
    except ma.ValidationError as error:
        problems.extend(BundleProblem(file, join_path(SYNONYMS_SECTION, e.get("field")), e["message"])
                        for e in flatten_errors(error.messages))
        return []
    return [BundleRecord(SYNONYMS_SECTION, file, SYNONYMS_SECTION, data)]


def join_path(path: str, field: str | None) -> str:
    if not field:
        return path
    return f"{path}{field}" if field.startswith("[") else f"{path}.{field}"


def apply_bundle(records: list[BundleRecord]) -> dict[str, int]:
    """Create or update every record in dependency order, in the caller's transaction.

    Each record is written in a savepoint, so a record that fails leaves nothing behind and the
    remaining records are still checked; any failure raises BundleInvalid and the caller rolls back.
    """
    problems: list[BundleProblem] = []
    counts = {kind_name: 0 for kind_name in RECORD_KINDS}
    for kind_name, kind in RECORD_KINDS.items():
        for record in (r for r in records if r.kind == kind_name):
            try:
                with db.session.begin_nested():
                    upsert_record(kind, record.data)
                counts[kind_name] += 1
            except ValidationFailed as error:
                problems.extend(BundleProblem(record.file, join_path(record.path, e.get("field")), e["message"])
                                for e in flatten_errors(error.errors))
    if problems:
        raise BundleInvalid(problems)
    for record in (r for r in records if r.kind == SYNONYMS_SECTION):
        replace_synonyms(record.data, command_actor())
    return counts


def load_directory(paths: list[Path]) -> dict[str, int]:
    """Read, validate and apply bundle files as one directory, in one transaction: all or nothing."""
    problems: list[BundleProblem] = []
    documents = []
    for path in paths:
        try:
            documents.append((path.name, read_bundle_file(path)))
        except BundleInvalid as error:
            problems.extend(error.problems)
    if problems:
        raise BundleInvalid(problems)
    with transaction():
        return apply_bundle(validate_bundles(documents))


def dump_directory() -> dict[str, list[dict]]:
    """The whole directory as one bundle, in the order an import needs."""
    bundle = {}
    for kind_name, kind in RECORD_KINDS.items():
        key_column = getattr(kind.model, kind.key)
        records = db.session.scalars(select(kind.model).order_by(key_column)).all()
        bundle[kind_name] = loadable_schema(kind).dump(records, many=True)
    bundle[SYNONYMS_SECTION] = read_synonyms()
    return bundle
