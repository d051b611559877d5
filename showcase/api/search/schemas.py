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


class SuggestArgsSchema(LanguageArgsSchema):
    q = ma.fields.String(required=True, validate=ma.validate.Length(max=MAX_QUERY_LENGTH))
    lang = ma.fields.String(validate=ma.validate.OneOf(LANGUAGES))
    limit = ma.fields.Integer(load_default=8, validate=ma.validate.Range(1, 8))


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


class FacetValueSchema(ma.Schema):
    value = ma.fields.String()
    count = ma.fields.Integer()
    label = ma.fields.Raw(metadata={"description": "Display label: bilingual text, or one language with lang."})


class SearchResultsSchema(ma.Schema):
    query = ma.fields.String()
    total = ma.fields.Integer()
    page = ma.fields.Integer()
    page_size = ma.fields.Integer()
    hits = ma.fields.List(ma.fields.Nested(SearchHitSchema))
    facets = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.List(ma.fields.Nested(FacetValueSchema)),
                            metadata={"description": "Counts per kind, cluster, round and field over the whole "
                                                     "result set, each ignoring its own filter."})
    did_you_mean = ma.fields.String(allow_none=True)


class SuggestionSchema(ma.Schema):
    text = ma.fields.String()
    kind = ma.fields.String(metadata={"description": "title or term"})


class SuggestionsSchema(ma.Schema):
    query = ma.fields.String()
    suggestions = ma.fields.List(ma.fields.Nested(SuggestionSchema))
