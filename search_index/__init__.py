"""Bilingual, typo-tolerant, search-as-you-type full-text search over the exhibition directory.

Knows nothing of Flask, HTTP or SQL: the app hands over :class:`Document` objects and asks
:class:`SearchIndex` for :class:`SearchResults` and :class:`Suggestion` lists.
"""

from search_index.errors import IndexLocked, QueryTooLong, SearchIndexError
from search_index.index import MAX_PAGE_SIZE, SearchIndex
from search_index.models import KINDS, LANGUAGES, Document, SearchHit, SearchResults, Suggestion
from search_index.query import MAX_QUERY_LENGTH
from search_index.synonyms import NO_SYNONYMS, Synonyms

__all__ = [
    "Document",
    "IndexLocked",
    "KINDS",
    "LANGUAGES",
    "MAX_PAGE_SIZE",
    "MAX_QUERY_LENGTH",
    "NO_SYNONYMS",
    "QueryTooLong",
    "SearchHit",
    "SearchIndex",
    "SearchIndexError",
    "SearchResults",
    "Suggestion",
    "Synonyms",
]
