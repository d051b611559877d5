"""Counting what visitors search for, POST /search/opened, and GET /search/analytics for editors.

A search is counted where the read cache answers (`read_cache.read_answered`), so a cached answer
counts as much as a fresh one; searches sent with `as_you_type=1`, later pages and searches narrowed
by a facet are not counted. Nothing that tells visitors apart is looked at.
"""

import json

from flask import Response, current_app, request
from flask.views import MethodView
from flask_smorest import abort
from webargs import core

from showcase.api.blueprint import Blueprint, SchemaReusingParser
from showcase.api.representation import chosen_language
from showcase.api.search_analytics.queries import figures
from showcase.api.search_analytics.schemas import AnalyticsArgsSchema, AnalyticsSchema, OpenedSchema
from showcase.read_cache import read_answered
from showcase.services.search_analytics import search_analytics

SEARCH_PATH = "/api/v1/search"
# Query arguments that make a request a later look at a search already counted.
NARROWING = ("page", "kind", "cluster", "round")
TRUE = ("1", "true", "yes", "on")
BEACON_MEDIA_TYPES = ("application/json", "text/plain")
MAX_BEACON_BYTES = 2048


class BeaconParser(SchemaReusingParser):
    """JSON bodies sent as `text/plain` too, which is what `navigator.sendBeacon` sends a string as."""

    def _raw_load_json(self, req):
        if req.mimetype == "text/plain":
            return core.parse_json(req.get_data(cache=True))
        return super()._raw_load_json(req)


class BeaconBlueprint(Blueprint):
    ARGUMENTS_PARSER = BeaconParser()


blp = BeaconBlueprint("search_analytics", __name__, never_cached=True, url_prefix="/api/v1",
                      description="What visitors search for: opened hits, and figures for editors.")


def count_search(app, response, cached: bool) -> None:
    """Count a visitor's search from its request and its answer (the total is in X-Pagination)."""
    if request.path != SEARCH_PATH or request.method != "GET" or not isinstance(response, Response):
        return
    args = request.args
    if response.status_code != 200 or args.get("as_you_type", "").lower() in TRUE:
        return
    if any(args.get(name, "1" if name == "page" else "") not in ("", "1") for name in NARROWING):
        return
    total = json.loads(response.headers.get("X-Pagination") or "{}").get("total", 0)
    search_analytics().count_search(args.get("q", ""), chosen_language(args.get("lang")), total, cached)


@blp.record_once
def listen(state) -> None:
    read_answered.connect(count_search, state.app)


@blp.route("/search/opened")
class Opened(MethodView):
    @blp.arguments(OpenedSchema, location="json")
    @blp.doc(requestBody={"content": {"text/plain": {"schema": {"$ref": "#/components/schemas/Opened"}}}})
    @blp.response(204)
    @blp.alt_response(413, response="REQUEST_ENTITY_TOO_LARGE")
    @blp.alt_response(415, response="UNSUPPORTED_MEDIA_TYPE")
    def post(self, opened):
        """Record that a visitor opened a search hit

        Public and open to every origin (the widget calls it from other sites), with a rate budget of
        its own. The body is JSON, sent as `application/json` or as `text/plain` (`navigator.sendBeacon`).
        Only the counts per day, query, kind and slug are kept.
        """
        search_analytics().count_open(opened["q"], opened["kind"], opened["slug"])


@blp.before_request
def beacon_body() -> None:
    """A small JSON body (as JSON or plain text), checked before it is parsed."""
    if request.method != "POST":
        return
    if request.mimetype not in BEACON_MEDIA_TYPES:
        abort(415, message="Send the body as JSON (Content-Type: application/json or text/plain).")
    if (request.content_length or 0) > MAX_BEACON_BYTES:
        abort(413, message=f"The body may have at most {MAX_BEACON_BYTES} bytes.")


@blp.route("/search/analytics")
class Analytics(MethodView):
    @blp.requires_role("editor")
    @blp.read(AnalyticsSchema, args=AnalyticsArgsSchema)
    def get(self, args):
        """What visitors searched for

        Top queries, top queries without hits, the share of searches without hits and the rate of
        opened hits, per day in UTC from `from` to `to`. This worker's counts are written first.
        """
        search_analytics().flush()
        answer = figures(args["start"], args["end"], args["limit"])
        config = current_app.config
        return {**answer, "enabled": config["SHOWCASE_SEARCH_ANALYTICS"],
                "retention_days": config["SHOWCASE_SEARCH_ANALYTICS_DAYS"]}

