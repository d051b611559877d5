"""Schemas of the opened-hit beacon and of the editors' search figures."""

import datetime as dt

import marshmallow as ma

from showcase.api.search.schemas import MAX_QUERY_LENGTH, SEARCH_KINDS
from showcase.schemas.fields import Slug

DEFAULT_DAYS = 30


class OpenedSchema(ma.Schema):
    """A hit the visitor opened from the results of a search."""

    class Meta:
        unknown = ma.EXCLUDE

    q = ma.fields.String(required=True, validate=ma.validate.Length(1, MAX_QUERY_LENGTH),
                         metadata={"description": "The query whose results the hit was opened from."})
    kind = ma.fields.String(required=True, validate=ma.validate.OneOf(SEARCH_KINDS))
    slug = Slug(required=True)


class AnalyticsArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    start = ma.fields.Date(data_key="from", metadata={
        "description": f"First day (UTC, YYYY-MM-DD); default: {DEFAULT_DAYS - 1} days before `to`."})
    end = ma.fields.Date(data_key="to", metadata={"description": "Last day (UTC, YYYY-MM-DD); default: today."})
    limit = ma.fields.Integer(load_default=20, validate=ma.validate.Range(1, 100),
                              metadata={"description": "Entries of each top list."})

    @ma.post_load
    def default_days(self, data, **kwargs):
        data.setdefault("end", dt.datetime.now(dt.timezone.utc).date())
        data.setdefault("start", data["end"] - dt.timedelta(days=DEFAULT_DAYS - 1))
        if data["start"] > data["end"]:
            raise ma.ValidationError("Must not be after `to`.", field_name="from")
        return data


class TopQuerySchema(ma.Schema):
    query = ma.fields.String(metadata={"description": "The query as counted: case-folded, single spaces."})
    searches = ma.fields.Integer()
    without_hits = ma.fields.Integer(metadata={"description": "Of those, searches that found nothing."})
    hits = ma.fields.Integer(metadata={"description": "Most hits one of those searches found."})
    opened = ma.fields.Integer(metadata={"description": "Hits opened from its results."})


class OpenedHitSchema(ma.Schema):
    kind = ma.fields.String()
    slug = ma.fields.String()
    opened = ma.fields.Integer()


class AnalyticsSchema(ma.Schema):
    start = ma.fields.Date(data_key="from")
    end = ma.fields.Date(data_key="to")
    enabled = ma.fields.Boolean(metadata={"description": "Whether searches are being counted now."})
    retention_days = ma.fields.Integer(metadata={"description": "Days counts are kept."})
    searches = ma.fields.Integer(metadata={"description": "Searches counted: first pages without filters, "
                                                          "not those made while typing (`as_you_type`)."})
    answered_from_cache = ma.fields.Integer()
    searches_without_hits = ma.fields.Integer()
    no_hit_share = ma.fields.Float(allow_none=True, metadata={
        "description": "Share of searches that found nothing (null without searches)."})
    opened = ma.fields.Integer(metadata={"description": "Hits opened from search results."})
    opened_hit_rate = ma.fields.Float(allow_none=True, metadata={
        "description": "Hits opened per counted search (null without searches)."})
    languages = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Integer(), metadata={
        "description": "Searches per answer language: `de`, `en`, `all` (both)."})
    top_queries = ma.fields.List(ma.fields.Nested(TopQuerySchema))
    top_queries_without_hits = ma.fields.List(ma.fields.Nested(TopQuerySchema))
    top_opened = ma.fields.List(ma.fields.Nested(OpenedHitSchema))
