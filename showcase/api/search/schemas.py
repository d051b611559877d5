"""Schemas of search and suggest."""

import marshmallow as ma

from showcase.api.representation import chosen_language
from showcase.schemas.fields import Translated
from showcase.schemas.representation import Representation
from showcase.config import LANGUAGES

SEARCH_KINDS = ("cluster", "project", "innovation", "organisation", "session")
MAX_QUERY_LENGTH = 200


class LanguageArgsSchema(ma.Schema):
    """Query arguments whose `lang` (or Accept-Language) chooses the answer's language."""

    class Meta:
        unknown = ma.EXCLUDE

    @ma.post_load
    def representation(self, data, **kwargs):
        data["representation"] = Representation(lang=chosen_language(data.get("lang")))
        return data


class SearchArgsSchema(LanguageArgsSchema):

    q = ma.fields.String(load_default="", validate=ma.validate.Length(max=MAX_QUERY_LENGTH),
                         metadata={"description": "What the visitor typed; the last word counts as a prefix."})
    kind = ma.fields.String(validate=ma.validate.OneOf(SEARCH_KINDS))
    cluster = ma.fields.String(metadata={"description": "Slug of a cluster."})
    round = ma.fields.Integer(metadata={"description": "Competition round: 1, 2 or 3."})
    as_you_type = ma.fields.Boolean(load_default=False, metadata={
        "description": "1 for searches sent while the visitor is still typing: answered alike, not counted "
                       "in the search analytics."})
    lang = ma.fields.String(validate=ma.validate.OneOf(LANGUAGES),
                            metadata={"description": "Language of titles and snippets; default: both titles, "
                                                     "snippet in the better-matching language."})
    group = ma.fields.String(validate=ma.validate.OneOf(("stand",)), metadata={
        "description": "stand: answer `groups` of hits by the stand they are at, in the order of each group's "
                       "best hit, three hits each, paged by group; hits without a stand form the group "
                       "`stand: null`."})


class SuggestArgsSchema(LanguageArgsSchema):
    q = ma.fields.String(required=True, validate=ma.validate.Length(max=MAX_QUERY_LENGTH))
    lang = ma.fields.String(validate=ma.validate.OneOf(LANGUAGES))
    limit = ma.fields.Integer(load_default=8, validate=ma.validate.Range(1, 8))


class Built(ma.fields.Nested):
    """Documented as its schema; the view builds the value in that shape and language, so the dump hands it on.

    Dumping every hit, place and facet value through nested schemas was a sixth of a search's time.
    """

    def _serialize(self, nested_obj, attr, obj, **kwargs):
        return nested_obj


class HitStandSchema(ma.Schema):
    number = ma.fields.String()
    hall_area = Translated(120, metadata={"description": "Where in the hall, as in the floor plan."})


class HitClusterSchema(ma.Schema):
    slug = ma.fields.String()
    short_name = ma.fields.String()
    name = Translated(200)


class OrganisationClusterSchema(HitClusterSchema):
    stand = ma.fields.Nested(HitStandSchema, allow_none=True)


class SearchHitSchema(ma.Schema):
    kind = ma.fields.String(metadata={"description": "One of: " + ", ".join(SEARCH_KINDS)})
    slug = ma.fields.String()
    title = Translated(200)
    snippet = ma.fields.String(metadata={"description": "HTML: matched terms in <mark>, everything else escaped."})
    snippet_lang = ma.fields.String()
    score = ma.fields.Float()
    url = ma.fields.String(metadata={"description": "Where the record's details are in this API."})
    source = ma.fields.String(allow_none=True, metadata={
        "description": "Projects and innovations: the URL of the public page their facts come from."})
    source_date = ma.fields.String(allow_none=True, metadata={
        "description": "Projects and innovations: when that page was published (YYYY, YYYY-MM or YYYY-MM-DD)."})
    cluster = ma.fields.Nested(HitClusterSchema, allow_none=True, metadata={
        "description": "Projects and innovations: the cluster they belong to."})
    stand = ma.fields.Nested(HitStandSchema, allow_none=True, metadata={
        "description": "Clusters, projects and innovations: the cluster's stand (null before it has one)."})
    clusters = ma.fields.List(ma.fields.Nested(OrganisationClusterSchema), metadata={
        "description": "Organisations: their clusters, each with its stand."})
    day = ma.fields.String(metadata={"description": "Programme sessions: the day (YYYY-MM-DD)."})
    starts_at = ma.fields.String(metadata={"description": "Programme sessions: local time in Berlin."})
    ends_at = ma.fields.String(metadata={"description": "Programme sessions: local time in Berlin."})
    room = ma.fields.String(metadata={"description": "Programme sessions: the room."})


class FacetValueSchema(ma.Schema):
    value = ma.fields.String()
    count = ma.fields.Integer()
    label = ma.fields.Raw(metadata={"description": "Display label: bilingual text, or one language with lang."})


class StandGroupSchema(ma.Schema):
    stand = ma.fields.Nested(HitStandSchema, allow_none=True)
    cluster = ma.fields.Nested(HitClusterSchema, allow_none=True)
    count = ma.fields.Integer(metadata={"description": "Hits at this stand."})
    hits = ma.fields.List(ma.fields.Nested(SearchHitSchema), metadata={"description": "The group's best three."})


class SearchResultsSchema(ma.Schema):
    query = ma.fields.String()
    total = ma.fields.Integer()
    page = ma.fields.Integer()
    page_size = ma.fields.Integer()
    hits = ma.fields.List(Built(SearchHitSchema), metadata={"description": "Without group."})
    group_count = ma.fields.Integer(metadata={"description": "group=stand: the number of groups."})
    groups = ma.fields.List(Built(StandGroupSchema), metadata={
        "description": "group=stand: the groups of this page (page and page_size count groups)."})
    facets = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.List(Built(FacetValueSchema)),
                            metadata={"description": "Counts per kind, cluster, round and field over the whole "
                                                     "result set, each ignoring its own filter."})
    did_you_mean = ma.fields.String(allow_none=True)


class SuggestionSchema(ma.Schema):
    text = ma.fields.String()
    kind = ma.fields.String(metadata={"description": "title or term"})


class SuggestionsSchema(ma.Schema):
    query = ma.fields.String()
    suggestions = ma.fields.List(ma.fields.Nested(SuggestionSchema))
