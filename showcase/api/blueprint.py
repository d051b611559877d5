"""flask-smorest's Api and Blueprint, adjusted to this API's conventions (problem+json, Link, fields=)."""

from urllib.parse import urlencode

import flask_smorest
import marshmallow as ma
from flask import request

from showcase.api import representation
from showcase.errors import PROBLEM_MEDIA_TYPE, problem_from_http_exception


class ProblemFieldSchema(ma.Schema):
    location = ma.fields.String(metadata={"description": "Where the field was sent: query, json, path, file."})
    field = ma.fields.String(metadata={"description": "Path of the failing field, such as `title.en`."})
    message = ma.fields.String()


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


class Blueprint(flask_smorest.Blueprint):
    """A resource's blueprint: adds an RFC 8288 Link header to pages and trims responses to `fields=`."""

    def _set_pagination_metadata(self, page_params, result, headers):
        result, headers = super()._set_pagination_metadata(page_params, result, headers)
        metadata = self._make_pagination_metadata(page_params.page, page_params.page_size, page_params.item_count)
        links = []
        for rel, key in (("first", "first_page"), ("prev", "previous_page"), ("next", "next_page"), ("last", "last_page")):
            if key in metadata:
                links.append(f'<{page_url(metadata[key], page_params.page_size)}>; rel="{rel}"')
        if links:
            headers["Link"] = ", ".join(links)
        return result, headers

    def _prepare_response_content(self, data):
        return representation.trim(data)


def page_url(page: int, page_size: int) -> str:
    """The current request's URL with another page: what a client follows from the Link header."""
    args = [(key, value) for key, value in request.args.items(multi=True) if key not in ("page", "page_size")]
    args += [("page", str(page)), ("page_size", str(page_size))]
    return f"{request.base_url}?{urlencode(args)}"


__all__ = ["Blueprint", "ProblemApi", "PROBLEM_MEDIA_TYPE"]
