"""CSV files of directory records: one file per kind, one row per record, a header row naming the columns.

The columns follow the kind's schema (docs/data-format.md lists them): a plain field is one column;
a bilingual text is two, `<field>_de` and `<field>_en`; an object is one column per member
(`seat_city`, `seat_lat`, `seat_lon`; `topics_de`, `topics_en`); a list is one column with its items
separated by `|`. An empty cell is a missing value: null where the field allows it, the default where
it has one, an error where it is required.
"""

import csv
import io
from dataclasses import dataclass

import marshmallow as ma

from showcase.schemas.fields import ReferenceList, Translated
from showcase.config import LANGUAGES
from showcase.services.records import RecordKind, loadable_schema

LIST_SEPARATOR = "|"


@dataclass(frozen=True)
class Column:
    name: str
    field: str
    # The language or member of an object field the column holds; None for a plain field.
    part: str | None
    is_list: bool
    required: bool


def is_list_field(field: ma.fields.Field) -> bool:
    return isinstance(field, (ma.fields.List, ReferenceList))


def columns(kind: RecordKind) -> list[Column]:
    """The kind's CSV columns, in the order an export writes them."""
    found = []
    for name, field in loadable_schema(kind).fields.items():
        if isinstance(field, Translated):
            found.extend(Column(f"{name}_{lang}", name, lang, False, field.required) for lang in LANGUAGES)
        elif isinstance(field, ma.fields.Nested):
            found.extend(Column(f"{name}_{member}", name, member, is_list_field(sub), field.required)
                         for member, sub in field.schema.fields.items())
        else:
            found.append(Column(name, name, None, is_list_field(field), field.required))
    return found


def split_list(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip()]


def row_to_record(kind: RecordKind, row: dict[str, str]) -> dict:
    """The record a row describes, as the kind's schema loads it; validation is the schema's job."""
    fields = loadable_schema(kind).fields
    record: dict = {}
    grouped: dict[str, dict] = {}
    for column in columns(kind):
        if column.name not in row:
            continue
        cell = (row[column.name] or "").strip()
        value = split_list(cell) if column.is_list else cell
        if column.part is None:
            if value == "":
                if fields[column.field].allow_none:
                    record[column.field] = None
                continue
            record[column.field] = value
        else:
            group = grouped.setdefault(column.field, {})
            if value != "":
                group[column.part] = value
    for name, members in grouped.items():
        field = fields[name]
        if members:
            record[name] = members
        elif field.allow_none:
            record[name] = None
    return record


def column_of(kind: RecordKind, path: str | None) -> str | None:
    """The CSV column a schema error path points at: `name.en` is `name_en`, `states[2]` is `states`."""
    if not path:
        return None
    parts = [part.split("[")[0] for part in path.split(".")]
    names = {column.name for column in columns(kind)}
    if len(parts) > 1 and f"{parts[0]}_{parts[1]}" in names:
        return f"{parts[0]}_{parts[1]}"
    if parts[0] in names:
        return parts[0]
    matching = [column.name for column in columns(kind) if column.field == parts[0]]
    return ", ".join(matching) if matching else path


def record_to_row(kind: RecordKind, record: dict) -> dict[str, str]:
    """One exported record (a dump of the kind's schema) as a CSV row."""
    row = {}
    for column in columns(kind):
        value = record.get(column.field)
        if column.part is not None:
            value = (value or {}).get(column.part)
        if value is None:
            row[column.name] = ""
        elif column.is_list:
            row[column.name] = LIST_SEPARATOR.join(str(item) for item in value)
        else:
            row[column.name] = str(value)
    return row


def write_csv(kind: RecordKind, records: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[column.name for column in columns(kind)], lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(record_to_row(kind, record))
    return out.getvalue()


def sniff_delimiter(header_line: str) -> str:
    """Comma, or semicolon for files saved by a spreadsheet set to German."""
    return ";" if header_line.count(";") > header_line.count(",") else ","
