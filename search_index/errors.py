"""Exceptions raised by the search index, one small tree the app can catch at its root."""


class SearchIndexError(Exception):
    """Base of every error the search index raises on purpose."""


class IndexLocked(SearchIndexError):
    """Another writer held the index lock for longer than we were willing to wait."""


class QueryTooLong(SearchIndexError):
    """The query text is longer than :data:`search_index.MAX_QUERY_LENGTH`; the app answers 422."""

    def __init__(self, length: int, limit: int):
        super().__init__(f"query is {length} characters long, the limit is {limit}")
        self.length = length
        self.limit = limit
