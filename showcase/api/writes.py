"""What every write endpoint shares: a key with a role, JSON bodies, ETags, dependants on delete.

Writes read and answer in the canonical representation (both languages, links as keys), whatever
`Accept-Language` says, so the ETag an update needs in `If-Match` is the one a GET with `lang=all`
(or without Accept-Language) returns, and it covers every field an editor can change.
"""

from functools import cache, wraps

import marshmallow as ma
from flask import request, url_for
from flask_smorest import abort

from showcase.api.access import actor_name, require_role
from showcase.errors import ValidationFailed
from showcase.services.records import (
    RECORD_KINDS,
    HasDependants,
    create_record,
    delete_record,
    patched_data,
    update_record,
)

BODY_METHODS = ("POST", "PUT", "PATCH")


class DeleteArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    cascade = ma.fields.Boolean(
        load_default=False,
        metadata={"description": "Also delete the records that cannot exist without this one and unlink "
                                 "the others that refer to it; without it, such records make the delete a 409."},
    )


@cache
def input_schema(schema: type[ma.Schema]) -> type[ma.Schema]:
    """The body of a POST or PUT: the resource's schema, documented as `<Resource>Input` with its
    required fields (answers may be trimmed by `fields=`, so the resource's own component has none)."""
    name = schema.__name__.removesuffix("Schema") + "InputSchema"
    return type(name, (schema,), {"__doc__": "A whole record, as a POST creates it and a PUT replaces it."})


def patch_body(schema: type[ma.Schema]) -> dict:
    """The OpenAPI request body of a PATCH: the resource's fields, all optional, as `<Resource>Patch`.

    The body is not parsed against it field by field: it is merged onto the record (RFC 7396) and the
    result is validated whole, so one answer names every field the patched record would break.
    """
    name = schema.__name__.removesuffix("Schema") + "PatchSchema"
    patch_class = type(name, (schema,), {"__doc__": "A JSON merge patch (RFC 7396): the fields to change; "
                                                    "null removes an optional value."})
    media = {"schema": patch_class(partial=True)}
    return {"required": True, "content": {"application/json": media, "application/merge-patch+json": media}}


def is_json(mimetype: str) -> bool:
    return mimetype == "application/json" or (mimetype.startswith("application/") and mimetype.endswith("+json"))


def write_access(role: str = "editor", *, media_types=is_json):
    """Guard a write: a key with the role (401/403), a JSON body (415), the canonical representation."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if request.method in BODY_METHODS and not media_types(request.mimetype):
                abort(415, message="Send the body as JSON (Content-Type: application/json).")
            return view(*args, **kwargs)

        guarded = require_role(role)(wrapper)
        apidoc = guarded._apidoc
        manual = apidoc["manual_doc"]
        if view.__name__.upper() in BODY_METHODS:
            manual["responses"] = {**manual["responses"], 413: "REQUEST_ENTITY_TOO_LARGE",
                                   415: "UNSUPPORTED_MEDIA_TYPE", 422: "UNPROCESSABLE_ENTITY"}
        return guarded

    return decorator


def created(record, endpoint: str, **values):
    """A 201 answer with the new record's URL in Location."""
    return record, 201, {"Location": url_for(endpoint, **values)}


def create(kind_name: str, data: dict):
    return create_record(RECORD_KINDS[kind_name], data, actor_name())


def replace(kind_name: str, record, data: dict):
    return update_record(RECORD_KINDS[kind_name], record, data, actor_name())


def patch(kind_name: str, record):
    """Apply the request's JSON merge patch (already checked field by field) to the record."""
    kind = RECORD_KINDS[kind_name]
    changes = request.get_json(silent=True)
    if not isinstance(changes, dict):
        raise ValidationFailed({"_schema": ["Expected a JSON object."]})
    return update_record(kind, record, patched_data(kind, record, changes), actor_name())


def delete(kind_name: str, record, cascade: bool) -> None:
    try:
        delete_record(RECORD_KINDS[kind_name], record, actor_name(), cascade=cascade)
    except HasDependants as error:
        abort(409, message=error.detail,
              errors={"dependants": {name: [f"Refers to it: {', '.join(keys)}."]
                                     for name, keys in error.by_kind.items()}})


__all__ = ["DeleteArgsSchema", "input_schema", "patch_body", "write_access", "created", "create", "replace", "patch", "delete"]
