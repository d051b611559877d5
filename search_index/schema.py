"""The Whoosh schema and the conversion of a :class:`Document` into its field values.

Field weights (names and titles above keywords above body) are built into the term weights of
one field per analysis rather than spread over one field per source: a title word counts as
three occurrences, a keyword as two, a body word as one. That is the weighted term frequency
BM25F is defined on, and it keeps a query word to one posting list per analysis instead of
one per source field, which is what makes search fast in Whoosh.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Iterable, Sequence

from whoosh import fields, formats
from whoosh.analysis import IDTokenizer
from whoosh.system import pack_uint

from search_index.analysis import (
    COMMON_WORDS,
    STOPWORDS,
    WORD_PATTERN,
    common_pairs,
    compound_parts,
    edge_grams,
    fold_word,
    stem_de,
    stem_en,
    words,
)
from search_index.models import LANGUAGES, Document

#: Weight of a word by where it stands in the document.
NAME_WEIGHT = 4.0
TITLE_WEIGHT = 3.0
KEYWORD_WEIGHT = 2.0
BODY_WEIGHT = 1.0
#: Names of related records (a project's partners, its cluster): below the document's own words.
RELATED_WEIGHT = 0.5

#: Positions skipped between sources so a phrase never spans a title and a body.
POSITION_GAP = 100

#: Key of the one stored document that carries the app's state (its outbox cursor).
STATE_KEY = "\x00state"
#: Kind of that document; never returned by a search.
STATE_KIND = "\x00meta"
#: What that document says of the stored fields; an index of another format is rebuilt. 2: hits carry `shown`.
STORED_FORMAT = 2

#: Separates the folded form of a word from its spelling in the suggestion vocabulary.
VOCABULARY_SEPARATOR = "\x1f"
#: Marks a vocabulary entry as a single word or as a whole name (suggested as a title).
WORD_ENTRY, NAME_ENTRY = "w", "t"

#: Fields counted as facets; each is also a :class:`Document` attribute of the same name.
FACET_FIELDS = ("kind", "cluster", "round", "field")

#: The value bytes of small frequencies, shared by every posting that has them.
FREQUENCY_VALUES = tuple(pack_uint(frequency) for frequency in range(256))

#: A part of a document: its words (already analysed) and the weight each occurrence carries.
WeightedPart = tuple[Sequence[str], float]


class WeightedTerms(fields.FieldType):
    """A field fed pre-analysed words with a weight per part, so one field can rank titles above body."""

    def __init__(self, positions: bool = False, scorable: bool = True):
        self.format = formats.Positions() if positions else formats.Frequency()
        self.analyzer = IDTokenizer()
        self.scorable = scorable
        self.stored = False
        self.unique = False
        self.vector = None
        self.positions = positions

    def index(self, value: Sequence[WeightedPart], **kwargs):
        """Turn weighted parts into Whoosh postings ``(term bytes, frequency, weight, value bytes)``."""
        for term, frequency, weight, encoded in self.analysed(value):
            yield term.encode("utf-8"), frequency, weight, encoded

    def analysed(self, value: Sequence[WeightedPart]) -> list[tuple[str, int, float, bytes]]:
        """The postings of weighted parts with the term as text: ``(term, frequency, weight, value bytes)``.

        Counted a part at a time (``Counter`` counts in C), since a rebuild runs this for every posting.
        """
        weights: dict[str, float] = defaultdict(float)
        if self.positions:
            positions: dict[str, list[int]] = defaultdict(list)
            position = 0
            for terms, weight in value:
                for offset, term in enumerate(terms, position):
                    positions[term].append(offset)
                    weights[term] += weight
                position += len(terms) + POSITION_GAP
            encode = self.format.encode
            return [(term, len(places), weights[term], encode(places)) for term, places in positions.items()]
        frequencies: Counter[str] = Counter()
        for terms, weight in value:
            counts = Counter(terms)
            frequencies.update(counts)
            for term, count in counts.items():
                weights[term] += weight * count
        return [
            (term, frequency, weights[term], FREQUENCY_VALUES[frequency] if frequency < 256 else pack_uint(frequency))
            for term, frequency in frequencies.items()
        ]

    def self_parsing(self) -> bool:
        """Tell Whoosh not to run its query parser on this field; we build queries ourselves."""
        return True


def build_schema() -> fields.Schema:
    """Declare every field the index holds; only ``key``, ``kind`` and ``doc`` are stored."""
    return fields.Schema(
        key=fields.ID(stored=True, unique=True),
        kind=fields.ID(stored=True),
        cluster=fields.ID,
        round=fields.ID,
        field=fields.ID,
        # Unstemmed folded words of names, titles, keywords and body: exact matches, phrases, fuzzy.
        exact=WeightedTerms(positions=True),
        # Adjacent pairs with a common word ("der carbon"): phrases without reading positions.
        pairs=WeightedTerms(),
        # Stemmed words per language.
        de=WeightedTerms(),
        en=WeightedTerms(),
        # Edge n-grams of name, title and keyword words: a typed prefix is one term lookup.
        prefix=WeightedTerms(),
        # Tails of long German stems of titles and keywords: compounds found by their later parts.
        parts=WeightedTerms(),
        # "folded<US><w|t>Display" for title, name and keyword words: term suggestions with their spelling.
        vocabulary_de=WeightedTerms(scorable=False),
        vocabulary_en=WeightedTerms(scorable=False),
        doc=fields.STORED,
        state=fields.STORED,
        frequent=fields.STORED,
        format=fields.STORED,
    )


def _name_words(names: Iterable[str]) -> list[str]:
    """Fold names into words plus each name run together, so ``itsowl`` and ``maicarbon`` match too."""
    result: list[str] = []
    for name in names:
        name_words = words(name)
        result.extend(name_words)
        if len(name_words) > 1:
            result.append("".join(name_words))
    return result


def _vocabulary_entries(texts: Iterable[str]) -> list[str]:
    """Pair each word's folded form with how it is written, for suggestions that read well."""
    entries = []
    for text in texts:
        for written in WORD_PATTERN.findall(text):
            folded = fold_word(written)
            if len(folded) > 1 and folded not in STOPWORDS:
                entries.append(f"{folded}{VOCABULARY_SEPARATOR}{WORD_ENTRY}{written}")
    return entries


def _name_entries(names: Iterable[str]) -> list[str]:
    """Suggest a whole name from the start of any of its words (``owl`` completes to ``it's OWL``)."""
    entries = []
    for name in names:
        name_words = words(name)
        for start in range(len(name_words)):
            folded = " ".join(name_words[start:])
            entries.append(f"{folded}{VOCABULARY_SEPARATOR}{NAME_ENTRY}{name}")
    return entries


def document_fields(document: Document, frequent: frozenset[str] = COMMON_WORDS) -> dict[str, object]:
    """Analyse a document into the values :meth:`whoosh.writing.IndexWriter.add_document` takes.

    :param document: the document to index.
    :param frequent: the index's frequent words, whose pairs are indexed for phrases.
    :return: keyword arguments for ``add_document``.
    """
    name_words = _name_words(document.names)
    titles = {lang: words(document.titles.get(lang) or "") for lang in LANGUAGES}
    bodies = {lang: words(document.texts.get(lang) or "") for lang in LANGUAGES}
    keywords = {
        lang: [words(keyword) for keyword in (document.keywords.get(lang) or ())]
        for lang in LANGUAGES
    }
    if document.field:
        keywords["de"].append(words(document.field))  # the technology field is searchable, too

    exact: list[WeightedPart] = [(name_words, NAME_WEIGHT)]
    for lang in LANGUAGES:
        exact.append((titles[lang], TITLE_WEIGHT))
        exact.extend((keyword, KEYWORD_WEIGHT) for keyword in keywords[lang])
        exact.append((bodies[lang], BODY_WEIGHT))

    related_words = related_parts(document)
    exact.extend((terms, RELATED_WEIGHT) for terms in related_words)

    pairs = [(common_pairs(terms, frequent), weight) for terms, weight in exact]

    stemmed: dict[str, list[WeightedPart]] = {}
    for lang, stem in (("de", stem_de), ("en", stem_en)):
        stemmed[lang] = [
            ([stem(word) for word in titles[lang]], TITLE_WEIGHT),
            ([stem(word) for keyword in keywords[lang] for word in keyword], KEYWORD_WEIGHT),
            ([stem(word) for word in bodies[lang]], BODY_WEIGHT),
        ]

    # Edge n-grams and compound tails only for names, titles and keywords: for every body word
    # they made 1,870 postings per document instead of about 500 (measured: 220 s to index
    # 10k documents, 222 MB); body words are found by prefix through a bounded vocabulary walk.
    head_terms = [(terms, weight) for terms, weight in exact if weight > BODY_WEIGHT]
    prefixes = [
        ([gram for word in set(terms) for gram in edge_grams(word)], weight) for terms, weight in head_terms
    ]
    parts: list[WeightedPart] = []
    for terms, weight in stemmed["de"]:
        if weight > BODY_WEIGHT:
            parts.append(([part for stem in set(terms) for part in compound_parts(stem)], weight))

    vocabulary = {}
    for lang in LANGUAGES:
        sources = [document.titles.get(lang) or "", *(document.keywords.get(lang) or ())]
        if document.field:
            sources.append(document.field)
        entries = _vocabulary_entries(sources) + _name_entries(document.names)
        vocabulary[lang] = [(entries, 1.0)]

    stored = {
        "kind": document.kind,
        "slug": document.slug,
        "titles": {lang: document.titles.get(lang) or "" for lang in LANGUAGES},
        "texts": {lang: document.texts.get(lang) or "" for lang in LANGUAGES},
        "names": list(document.names),
    }
    if document.related:
        stored["related"] = {label: list(names) for label, names in document.related.items()}
    if document.shown:
        stored["shown"] = dict(document.shown)
    values: dict[str, object] = {
        "key": document.key,
        "kind": document.kind,
        "exact": exact,
        "pairs": pairs,
        "de": stemmed["de"],
        "en": stemmed["en"],
        "prefix": prefixes,
        "parts": parts,
        "vocabulary_de": vocabulary["de"],
        "vocabulary_en": vocabulary["en"],
        "doc": stored,
    }
    if document.cluster:
        values["cluster"] = document.cluster
    if document.round is not None:
        values["round"] = str(document.round)
    if document.field:
        values["field"] = document.field
    return values


def related_parts(document: Document) -> list[list[str]]:
    """The folded words of each related name, one part each, so a phrase never spans two names."""
    return [words(name) for names in document.related.values() for name in names]


def state_fields(state: dict, frequent: frozenset[str]) -> dict[str, object]:
    """Build the stored document that carries the app's state inside the same commit as the content.

    It also records the generation's frequent words, so that later commits pair the same words.

    :param state: any JSON-serialisable dict.
    :param frequent: the frequent words chosen when the generation was built.
    """
    return {
        "key": STATE_KEY,
        "kind": STATE_KIND,
        "state": json.dumps(state, sort_keys=True),
        "frequent": sorted(frequent),
        "format": STORED_FORMAT,
    }


def document_frequencies(documents: Iterable[Document]) -> dict[str, int]:
    """Count in how many documents each folded word occurs, to choose the frequent words."""
    counts: dict[str, int] = defaultdict(int)
    for document in documents:
        texts = [*document.titles.values(), *document.texts.values(), *document.names]
        texts.extend(keyword for keywords in document.keywords.values() for keyword in keywords)
        for word in set(words(" ".join(text or "" for text in texts))):
            counts[word] += 1
    return counts
