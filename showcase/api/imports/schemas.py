"""Schemas of the bulk import."""

import marshmallow as ma

from showcase.services.records import RECORD_KINDS


class ImportArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    dry_run = ma.fields.Boolean(load_default=False, metadata={
        "description": "Check everything and report what would be written, then write nothing."})


class ImportCountSchema(ma.Schema):
    created = ma.fields.Integer()
    updated = ma.fields.Integer()
    unchanged = ma.fields.Integer()


class ImportReportSchema(ma.Schema):
    dry_run = ma.fields.Boolean(metadata={"description": "True when nothing was written."})
    written = ma.fields.Integer(metadata={"description": "Records created or updated (or that would be)."})
    counts = ma.fields.Dict(keys=ma.fields.String(validate=ma.validate.OneOf(tuple(RECORD_KINDS))),
                            values=ma.fields.Nested(ImportCountSchema),
                            metadata={"description": "Per kind of record."})


def request_body_doc() -> dict:
    """The two shapes an import takes: a JSON bundle, or CSV (or bundle) files in a multipart form."""
    bundle = {
        "type": "object",
        "additionalProperties": False,
        "properties": {name: {"type": "array", "items": {"$ref": f"#/components/schemas/{kind.schema.__name__[:-6]}"}}
                       for name, kind in RECORD_KINDS.items()},
    }
    files = {
        "type": "object",
        "properties": {name: {"type": "string", "format": "binary",
                              "description": f"`{name}.csv`, with the header docs/data-format.md gives."}
                       for name in RECORD_KINDS},
    }
    return {
        "required": True,
        "description": "A bundle (the seed and export format), or CSV files, one per kind of record.",
        "content": {"application/json": {"schema": bundle}, "multipart/form-data": {"schema": files}},
    }
