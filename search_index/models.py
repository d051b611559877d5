"""Plain value objects that cross the boundary between the app and the index."""

from __future__ import annotations

from dataclasses import dataclass, field as dataclass_field
from typing import Mapping, Sequence

#: Kinds of record the directory indexes, in the order facets and tie-breaks use.
KINDS = ("cluster", "project", "innovation", "organisation", "session")

#: Languages every text comes in.
LANGUAGES = ("de", "en")


@dataclass(frozen=True)
class Document:
    """One searchable record as the app hands it over: no database, no HTTP, just text.

    :param kind: one of :data:`KINDS`.
    :param key: unique id of the document in the index, e.g. ``"project:12"``.
    :param slug: the record's slug, returned with hits so the app can link them.
    :param titles: title per language, ``{"de": ..., "en": ...}``.
    :param texts: body text per language.
    :param names: proper names and acronyms found exactly and by prefix (``"it's OWL"``, ``"m4"``).
    :param keywords: topics per language.
    :param cluster: cluster slug, a facet and a filter.
    :param round: competition round 1, 2 or 3, a facet and a filter.
    :param field: technology field label, a facet.
    :param related: names of related records by label (``{"Partner": ["Daimler AG"], "Cluster": [...]}``):
        found, weighted below the document's own text; a hit found only there shows the labelled name.
    :param shown: what the app shows with a hit besides its titles and snippet (JSON values, such as where
        its facts come from): stored and handed back on the hit, never searched.
    """

    kind: str
    key: str
    slug: str
    titles: Mapping[str, str]
    texts: Mapping[str, str] = dataclass_field(default_factory=dict)
    names: Sequence[str] = ()
    keywords: Mapping[str, Sequence[str]] = dataclass_field(default_factory=dict)
    cluster: str | None = None
    round: int | None = None
    field: str | None = None
    related: Mapping[str, Sequence[str]] = dataclass_field(default_factory=dict)
    shown: Mapping[str, object] = dataclass_field(default_factory=dict)


@dataclass
class SearchHit:
    """One ranked result, with enough stored text to render it without the database."""

    kind: str
    key: str
    slug: str
    score: float
    titles: dict[str, str]
    snippet: str
    lang: str
    shown: dict = dataclass_field(default_factory=dict)


@dataclass
class SearchResults:
    """One page of hits plus facet counts over everything the query matched."""

    total: int
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]]
    did_you_mean: str | None = None
    page: int = 1
    page_size: int = 20


@dataclass(frozen=True)
class Suggestion:
    """A completion of the word being typed; ``kind`` is ``"title"`` or ``"term"``."""

    text: str
    kind: str
