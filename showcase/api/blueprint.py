"""flask-smorest's Api and Blueprint, adjusted to this API's conventions (problem+json, Link, fields=)."""

import hashlib
import http
import json
from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

import flask_smorest
import marshmallow as ma
from flask import Response, current_app, request
from flask_smorest import abort
from flask_smorest.pagination import PaginationMetadataSchema
from flask_smorest.utils import get_appcontext, prepare_response
from webargs.flaskparser import FlaskParser

from showcase.api.access import SECURITY_SCHEME, require_role, role_description
from showcase.api.openapi import field_properties
from showcase.api.problems import PROBLEM_MEDIA_TYPE, problem_from_http_exception
from showcase.schemas import CANONICAL, RECORD_SCHEMAS, Representation, represented_as
from showcase.schemas.representation import current, trim


# Far past any page of the directory; keeps `page * page_size` a number every database takes as an offset.
MAX_PAGE = 1_000_000


class ProblemFieldSchema(ma.Schema):
    location = ma.fields.String(metadata={"description": "Where the field was sent: query, json, path, file."})
    field = ma.fields.String(metadata={"description": "Path of the failing field, such as `title.en`."})
    message = ma.fields.String()
    file = ma.fields.String(metadata={"description": "Imports: the file the problem is in."})
    row = ma.fields.Integer(metadata={"description": "CSV imports: the line of the file (the header is line 1)."})
    path = ma.fields.String(metadata={"description": "JSON imports: where the record is, such as `projects[3]`."})


class ProblemSchema(ma.Schema):
    """RFC 9457 problem details, the body of every error."""

    type = ma.fields.String()
    title = ma.fields.String()
    status = ma.fields.Integer()
    detail = ma.fields.String()
    instance = ma.fields.String()
    errors = ma.fields.List(ma.fields.Nested(ProblemFieldSchema))


class ProblemApi(flask_smorest.Api):
    """The Api, answering every HTTP error as RFC 9457 problem+json."""

    def handle_http_exception(self, error):
        return problem_from_http_exception(error)

    ERROR_SCHEMA = ProblemSchema

    def _init_spec(self, **kwargs):
        super()._init_spec(**kwargs)
        self.ma_plugin.converter.add_attribute_function(field_properties)
        self.ma_plugin.converter.schema2jsonschema = record_schema_without_required(
            self.ma_plugin.converter.schema2jsonschema)
        self.spec.components.security_scheme(SECURITY_SCHEME, {
            "type": "http", "scheme": "bearer",
            "description": "An editor's or administrator's API key: `Authorization: Bearer <key>`.",
        })

    def _register_responses(self):
        """Document every error response as what it is: problem+json."""
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_MEDIA_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Any other error, as RFC 9457 problem details.", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_MEDIA_TYPE)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, response, lazy=True)

    def _register_pagination_header(self):
        """X-Pagination is a JSON text: documented as content, not as an object-typed header."""
        self.spec.components.header("PAGINATION", {
            "description": "Paging metadata as JSON: total, total_pages, first_page, last_page, page, "
                           "previous_page, next_page.",
            "content": {"application/json": {"schema": PaginationMetadataSchema}},
        }, lazy=True)


def record_schema_without_required(schema2jsonschema):
    """Wrap apispec's converter: a directory record as answered lists no field as required.

    `fields=` may leave any field out of an answer, so only request bodies (`<Record>Input`) say
    which fields are required.
    """

    def convert(schema):
        json_schema = schema2jsonschema(schema)
        if type(schema) in RECORD_SCHEMAS.values():
            json_schema.pop("required", None)
        return json_schema

    return convert


class SchemaReusingParser(FlaskParser):
    """webargs' parser, loading each argument schema class with one instance instead of a new one a request.

    marshmallow 4 schemas keep no per-load state, so one instance serves every request (and thread).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._instances: dict[type, ma.Schema] = {}

    def _get_schema(self, argmap, req):
        if isinstance(argmap, type) and issubclass(argmap, ma.Schema):
            schema = self._instances.get(argmap)
            if schema is None:
                schema = self._instances.setdefault(argmap, argmap())
            return schema
        return super()._get_schema(argmap, req)


class PaginationParser(SchemaReusingParser):
    """Pagination arguments, with pages beyond MAX_PAGE refused as a 422 naming `page`."""

    def parse(self, *args, **kwargs):
        params = super().parse(*args, **kwargs)
        if params.page > MAX_PAGE:
            abort(422, message="The request has invalid fields: page",
                  errors={"query": {"page": [f"Must be at most {MAX_PAGE}."]}})
        return params


class Blueprint(flask_smorest.Blueprint):
    """A resource's blueprint: adds an RFC 8288 Link header to pages and trims responses to `fields=`."""

    ARGUMENTS_PARSER = SchemaReusingParser()
    PAGINATION_ARGUMENTS_PARSER = PaginationParser()

    def __init__(self, *args, never_cached: bool = False, **kwargs):
        """`never_cached`: answers for one person (an administrator, a participant) or a beacon's stay out
        of every cache."""
        super().__init__(*args, **kwargs)
        if never_cached:
            self.after_request(no_store)

    def _check_not_modified(self, etag):
        """Leave If-None-Match to `http_policy.answer_conditionally`, the one place a read becomes a 304."""

    @staticmethod
    def _generate_etag(etag_data, extra_data=None):
        """The ETag of data: the hash of the JSON body it is answered as, and of the headers in `extra_data`.

        What `check_etag` compares `If-Match` with: the ETag a GET of the record in both languages and
        every field (a write's own answer too) was sent with.
        """
        return body_etag(current_app.json.response(etag_data).get_data(), extra_data)

    def _set_etag_in_response(self, response):
        """A response's ETag from its body as sent: the data is not serialised a second time to hash it.

        So the tag follows exactly what a client got, `lang=` and `fields=` included.
        """
        if request.method in self.METHODS_ALLOWING_SET_ETAG and not get_appcontext().get("etag", {}).get("etag"):
            extra = tuple((name, value) for name, value in response.headers if name in self.ETAG_INCLUDE_HEADERS)
            response.set_etag(body_etag(response.get_data(), extra))
        else:
            super()._set_etag_in_response(response)

    @staticmethod
    def _make_pagination_metadata(page, page_size, item_count):
        """flask-smorest's metadata, built as a plain dict: its schema dump showed up in profiles."""
        metadata = {"total": item_count, "total_pages": 0}
        if item_count:
            last_page = (item_count - 1) // page_size + 1
            metadata.update(total_pages=last_page, first_page=1, last_page=last_page)
            if page <= last_page:
                metadata["page"] = page
                if page > 1:
                    metadata["previous_page"] = page - 1
                if page < last_page:
                    metadata["next_page"] = page + 1
        return metadata

    def _set_pagination_metadata(self, page_params, result, headers):
        headers = headers if headers is not None else {}
        metadata = self._make_pagination_metadata(page_params.page, page_params.page_size, page_params.item_count)
        headers[self.PAGINATION_HEADER_NAME] = json.dumps(metadata)
        links = []
        url_of = page_urls(page_params.page_size)
        for rel, key in (("first", "first_page"), ("prev", "previous_page"), ("next", "next_page"), ("last", "last_page")):
            if key in metadata:
                links.append(f'<{url_of(metadata[key])}>; rel="{rel}"')
        if links:
            headers["Link"] = ", ".join(links)
        return result, headers

    def response(self, status_code, schema=None, **options):
        """flask-smorest's response, dumped in the representation the view's query arguments chose.

        Views without such arguments (writes) answer in the canonical one.
        """
        documented = super().response(status_code, schema, **options)

        def decorator(view):
            answer = documented(view)

            @wraps(answer)
            def wrapper(*args, **kwargs):
                with represented_as(representation_in(args)):
                    return answer(*args, **kwargs)

            return wrapper

        return decorator

    def _prepare_response_content(self, data):
        return trim(data, current().fields)

    def read(self, schema, *, args=None, errors: tuple[int, ...] = ()):
        """A GET view's decorators in one: its ETag, its query arguments, its answer and the errors it documents."""

        def decorator(view):
            view = self.response(200, schema)(self.documents_errors(errors)(view))
            if args is not None:
                view = self.arguments(args, location="query")(view)
            return self.etag(view)

        return decorator

    def documents_errors(self, errors: tuple[int, ...]):
        """Document the problem+json answers a view can give, in the order named."""

        def decorator(view):
            for status in reversed(errors):
                view = self.alt_response(status, response=http.HTTPStatus(status).name)(view)
            return view

        return decorator

    def needs_credential(self, scheme: str, *, description: str | None = None, errors=(401, 403)):
        """Document that an operation needs a credential: its security scheme, a description, its errors.

        Only the spec: the view checks the credential itself (or under a guard such as `requires_role`).
        """
        manual = {"security": [{scheme: []}]}
        if description:
            manual["description"] = description

        def decorator(view):
            return self.doc(**manual)(self.documents_errors(errors)(view))

        return decorator

    def requires_role(self, role: str):
        """Let a view run only for an API key with the role (or one above it), 401 or 403 otherwise, and say so."""
        documented = self.needs_credential(SECURITY_SCHEME, description=role_description(role))

        def decorator(view):
            return documented(require_role(role)(view))

        return decorator


def no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


def body_etag(body: bytes, headers: tuple = ()) -> str:
    """SHA-1 of a JSON body and of the (name, value) headers that describe it, such as X-Pagination."""
    digest = hashlib.sha1(body)
    for name, value in headers or ():
        digest.update(f"\n{name}: {value}".encode())
    return digest.hexdigest()


def representation_in(view_args: tuple) -> Representation:
    """The Representation a view's query arguments carry, or the canonical one."""
    for value in view_args:
        if isinstance(value, dict) and isinstance(value.get("representation"), Representation):
            return value["representation"]
    return CANONICAL


def page_urls(page_size: int) -> Callable[[int], str]:
    """The current request's URL with another page, by page: what a client follows from the Link header."""
    base = request.base_url
    kept = urlencode([(key, value) for key, value in request.args.items(multi=True) if key not in ("page", "page_size")])
    prefix = f"{base}?{kept}&" if kept else f"{base}?"
    return lambda page: f"{prefix}{urlencode([('page', str(page)), ('page_size', str(page_size))])}"


__all__ = ["Blueprint", "ProblemApi", "PROBLEM_MEDIA_TYPE"]
