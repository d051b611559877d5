"""The views of a directory resource from one place: list and get, create, replace, patch and delete.

What every write shares: a key with a role, JSON bodies, ETags, dependants on delete.

Writes read and answer in the canonical representation (both languages, links as keys), whatever
`Accept-Language` says, so the ETag an update needs in `If-Match` is the one a GET with `lang=all`
(or without Accept-Language) returns, and it covers every field an editor can change.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, wraps
from http import HTTPStatus
from typing import NoReturn

import marshmallow as ma
from flask import request, url_for
from flask.views import MethodView
from flask_smorest import abort
from sqlalchemy import select

from showcase.api.access import actor_name
from showcase.api.blueprint import Blueprint
from showcase.api.listing import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SelectPage
from showcase.errors import ValidationFailed
from showcase.extensions import db
from showcase.services.records import (
    RECORD_KINDS,
    HasDependants,
    RecordKind,
    create_record,
    delete_record,
    patched_data,
    update_record,
)
from showcase.services.transaction import transaction

BODY_METHODS = ("POST", "PUT", "PATCH")
# What a view with a body may answer besides the errors of its role: too large, not JSON, invalid.
BODY_ERRORS = (413, 415, 422)


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


def write_access(blp: Blueprint, role: str = "editor", *, media_types=is_json):
    """Guard a write: a key with the role (401/403), a JSON body (415), the canonical representation.

    The spec says so; a view that takes a body (named post, put or patch) also documents 413, 415 and 422.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if request.method in BODY_METHODS and not media_types(request.mimetype):
                abort(415, message="Send the body as JSON (Content-Type: application/json).")
            return view(*args, **kwargs)

        documented = wrapper
        if view.__name__.upper() in BODY_METHODS:
            for status in BODY_ERRORS:
                documented = blp.alt_response(status, response=HTTPStatus(status).name)(documented)
        return blp.requires_role(role)(documented)

    return decorator


def decorated(view: Callable, *decorators: Callable) -> Callable:
    """The view under the decorators, the first one outermost, as if stacked with @ above it."""
    for decorator in reversed(decorators):
        view = decorator(view)
    return view


def method_view(name: str, summary: str, view: Callable) -> Callable:
    """Name a generated function as the MethodView method it becomes; its docstring is the summary."""
    view.__name__ = view.__qualname__ = name
    view.__doc__ = summary
    return view


def dependants_conflict(error: HasDependants) -> NoReturn:
    """The 409 of a delete that records still refer to, naming them by kind."""
    abort(409, message=error.detail,
          errors={"dependants": {name: [f"Refers to it: {', '.join(keys)}."] for name, keys in error.by_kind.items()}})


@dataclass(frozen=True)
class RecordViews:
    """The views of one resource: list, get, create, replace, patch and delete, the same for every kind.

    A resource declares what differs and routes its collection and item URLs::

        VIEWS = RecordViews(blp, "projects", ProjectSchema, find=project_or_404, label="a project")
        VIEWS.route("", "Projects", ProjectQueryArgsSchema, filter_projects, ProjectArgsSchema, listing="projects")

    Reads are public and dumped in the representation their query arguments chose. Every write needs
    an editor's key. Replace, patch and delete look the record up, check `If-Match` against it and
    write in one transaction, so no other writer comes between the check and the write; the answer
    is dumped after the commit.
    """

    blp: Blueprint
    # The kind's name in RECORD_KINDS; its key (`slug`, `number`) is the item URL's variable.
    kind_name: str
    schema: type[ma.Schema]
    # The record the item URL names, called with the URL's variable (`find(slug=...)`) and optionally the
    # representation to load it for; a 404 otherwise.
    find: Callable
    # How the summaries name one record: "a project", "an organisation".
    label: str
    role: str = "editor"

    def route(self, url: str, name: str, list_args: type[ma.Schema], query: Callable, item_args: type[ma.Schema],
              *, listing: str, item_get: Callable | None = None) -> None:
        """Route the collection (`url`, a MethodView `name`) and its items (`url/<key>`, `<name>By<Key>`).

        `item_get` replaces the item's standard GET (`item_view`), for a resource with more representations.
        """
        key = self.kind.key
        self.blp.route(url)(type(name, (MethodView,), {
            "get": self.list_view(list_args, query, f"List {listing}"), "post": self.create_view(f"{name}By{key.title()}"),
        }))
        self.blp.route(f"{url}/<{key}>")(type(f"{name}By{key.title()}", (MethodView,), {
            "get": item_get or self.item_view(item_args), "put": self.replace_view(), "patch": self.patch_view(),
            "delete": self.delete_view(),
        }))

    def list_view(self, args_schema: type[ma.Schema], query: Callable, summary: str, *, schema=None,
                  scope: Callable | None = None) -> Callable:
        """A page of the records `query(args)` selects; `scope(args, **url)` first narrows it to the URL's owner."""

        def get(_view, args, **url):
            if scope is not None:
                scope(args, **url)
            return query(args)

        return decorated(method_view("get", summary, get), self.blp.etag,
                         self.blp.arguments(args_schema, location="query"),
                         self.blp.response(200, (schema or self.schema)(many=True)),
                         self.blp.paginate(SelectPage, page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE))

    def item_view(self, args_schema: type[ma.Schema]) -> Callable:
        def get(_view, args, **key):
            return self.find(**key, representation=args["representation"])

        return decorated(method_view("get", f"Get {self.label}", get), self.blp.etag,
                         self.blp.arguments(args_schema, location="query"), self.blp.response(200, self.schema))

    @property
    def kind(self) -> RecordKind:
        return RECORD_KINDS[self.kind_name]

    def checked(self, key: dict):
        """The record the URL names, locked for this transaction, if `If-Match` matches it (412 or 428 otherwise).

        The row is locked before it is read (SELECT ... FOR UPDATE; on SQLite the transaction holds the
        write lock already), so no other writer changes the record between the check and the write.
        """
        model, value = self.kind.model, key[self.kind.key]
        db.session.execute(select(model.id).where(getattr(model, self.kind.key) == value).with_for_update())
        record = self.find(**key)
        self.blp.check_etag(record, self.schema)
        return record

    def create_view(self, item_endpoint: str) -> Callable:
        def post(_view, data):
            with transaction():
                record = create_record(self.kind, data, actor_name())
                key = self.kind.key
                location = url_for(f"{self.blp.name}.{item_endpoint}", **{key: getattr(record, key)})
                return record, 201, {"Location": location}

        return decorated(method_view("post", f"Create {self.label}", post),
                         write_access(self.blp, self.role), self.blp.etag,
                         self.blp.arguments(input_schema(self.schema)), self.blp.response(201, self.schema))

    def replace_view(self) -> Callable:
        def put(_view, data, **key):
            with transaction():
                return update_record(self.kind, self.checked(key), data, actor_name())

        return decorated(method_view("put", f"Replace {self.label}", put),
                         write_access(self.blp, self.role), self.blp.etag,
                         self.blp.arguments(input_schema(self.schema)), self.blp.response(200, self.schema))

    def patch_view(self) -> Callable:
        def patch(_view, **key):
            # The body is merged onto the record (RFC 7396) and the result validated whole.
            with transaction():
                record = self.checked(key)
                changes = request.get_json(silent=True)
                if not isinstance(changes, dict):
                    raise ValidationFailed({"_schema": ["Expected a JSON object."]})
                return update_record(self.kind, record, patched_data(self.kind, record, changes), actor_name())

        return decorated(method_view("patch", f"Change some fields of {self.label}", patch),
                         write_access(self.blp, self.role), self.blp.etag,
                         self.blp.doc(requestBody=patch_body(self.schema)), self.blp.response(200, self.schema))

    def delete_view(self) -> Callable:
        def delete(_view, args, **key):
            with transaction():
                try:
                    delete_record(self.kind, self.checked(key), actor_name(), cascade=args["cascade"])
                except HasDependants as error:
                    dependants_conflict(error)

        return decorated(method_view("delete", f"Delete {self.label}", delete),
                         write_access(self.blp, self.role), self.blp.etag,
                         self.blp.arguments(DeleteArgsSchema, location="query"), self.blp.response(204),
                         self.blp.alt_response(409, response="CONFLICT"))


__all__ = ["DeleteArgsSchema", "RecordViews", "input_schema", "is_json", "patch_body", "write_access"]
