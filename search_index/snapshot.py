"""One open searcher over one index generation, with the caches that are only valid for it."""

from __future__ import annotations

import bisect
import heapq
import json
from collections import OrderedDict
from typing import Hashable

from rapidfuzz import process
from rapidfuzz.distance import OSA
from whoosh import query as wq
from whoosh.searching import Searcher

from search_index import bitsets
from search_index.analysis import COMMON_WORDS
from search_index.query import Clause, QueryPlan, phrase_links
from search_index.schema import FACET_FIELDS, STATE_KEY, STATE_KIND
from search_index.scoring import Bm25, posting_blocks

#: Posting sets kept per generation (each at most one bit per document).
TERM_CACHE_SIZE = 1024
#: Title suggestions look at this many postings of the prefix, keeping the heaviest (titles).
MAX_TITLE_SCAN = 512
#: A prefix walks at most this many vocabulary words ...
MAX_PREFIX_SCAN = 1000
#: ... and reads the postings of the most frequent of them: at most this many words ...
MAX_PREFIX_TERMS = 24
#: ... and at most this many postings in all.
MAX_PREFIX_POSTINGS = 20_000


#: The fields whose whole vocabulary a snapshot holds in memory: typo candidates and suggestions.
VOCABULARY_FIELDS = ("exact", "vocabulary_de", "vocabulary_en")

#: One segment's terms of a field, sorted, and the number of documents holding each.
Vocabulary = tuple[list[str], list[int]]


def segment_vocabulary(leaf, fieldname: str) -> Vocabulary:
    """Read a segment's vocabulary of a field with document frequencies (deleted documents counted, as in Whoosh)."""
    terms, frequencies = [], []
    if fieldname in leaf.schema:
        for term, info in leaf.iter_field(fieldname):
            terms.append(term.decode("utf-8") if isinstance(term, bytes) else term)
            frequencies.append(info.doc_frequency())
    return terms, frequencies


class LRU(OrderedDict):
    """A bounded mapping that forgets the least recently used entry."""

    def __init__(self, capacity: int):
        super().__init__()
        self.capacity = capacity

    def lookup(self, key: Hashable):
        """Return the cached value (or None) and mark it recently used."""
        value = self.get(key)
        if value is not None:
            self.move_to_end(key)
        return value

    def remember(self, key: Hashable, value) -> None:
        """Store a value, dropping the oldest entries beyond capacity."""
        if self.capacity <= 0:
            return
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.capacity:
            self.popitem(last=False)


def _segment_ids(leaf, fieldname: str, text: str):
    """Yield a segment's document numbers for a term, deleted ones included."""
    for ids, _ in posting_blocks(leaf, fieldname, text, with_weights=False):
        yield from ids


class Snapshot:
    """A searcher over one generation plus posting-set, facet and result caches tied to it."""

    def __init__(
        self, generation: str, searcher: Searcher, cache_size: int, segment_vocabularies: dict | None = None
    ):
        self.generation = generation
        self.searcher = searcher
        self.reader = searcher.reader()
        self.size = self.reader.doc_count_all()
        self.results = LRU(cache_size)
        self.suggestions = LRU(cache_size)
        self._term_bits = LRU(TERM_CACHE_SIZE)
        self._facets: dict[str, dict[str, int]] | None = None
        self._leaves = [
            (leaf, offset, leaf.doc_count_all(), leaf.deleted_docs_set if leaf.has_deletions() else ())
            for leaf, offset in self.reader.leaf_readers()
        ]
        self._live_bits = [
            ~bitsets.from_ids(deleted, size) if deleted else -1 for _, _, size, deleted in self._leaves
        ]
        self.bm25 = Bm25(self.reader, self._leaves)
        self._vocabularies = self._open_vocabularies({} if segment_vocabularies is None else segment_vocabularies)
        meta = self._meta()
        self.frequent = frozenset(meta.get("frequent") or COMMON_WORDS)

    def close(self) -> None:
        """Release the searcher's files."""
        self.searcher.close()

    # Document sets

    def term_bits(self, fieldname: str, text: str) -> int:
        """The documents containing a term, as a bit set (cached for this generation)."""
        key = (fieldname, text)
        bits = self._term_bits.lookup(key)
        if bits is None:
            bits = 0
            for (leaf, offset, size, _), live in zip(self._leaves, self._live_bits):
                segment = bitsets.from_ids(_segment_ids(leaf, fieldname, text), size) & live
                bits |= segment << offset
            self._term_bits.remember(key, bits)
        return bits

    def has_term(self, fieldname: str, text: str) -> bool:
        """Tell whether any live document holds the term, so dead query branches are dropped."""
        if (fieldname, text) in self._term_bits:
            return self._term_bits[(fieldname, text)] != 0
        return self.reader.doc_frequency(fieldname, text) > 0

    def prefix_bits(self, prefix: str) -> int:
        """The documents with a word starting with ``prefix``, from a bounded vocabulary walk.

        At most :data:`MAX_PREFIX_SCAN` words are looked at, and the most frequent of them are
        used, up to :data:`MAX_PREFIX_TERMS` words and :data:`MAX_PREFIX_POSTINGS` postings, so
        even a short prefix costs bounded work (rare completions of a very common prefix may be
        left out; names, titles and keywords are complete through the ``prefix`` n-grams).
        """
        key = ("\x00prefix", prefix)
        bits = self._term_bits.lookup(key)
        if bits is None:
            candidates = []
            for position, (term, info) in enumerate(self.reader.iter_prefix("exact", prefix)):
                if position >= MAX_PREFIX_SCAN:
                    break
                candidates.append((info.doc_frequency(), term))
            bits = 0
            budget = MAX_PREFIX_POSTINGS
            for frequency, term in heapq.nlargest(MAX_PREFIX_TERMS, candidates):
                budget -= frequency
                if budget < 0:
                    break
                bits |= self.term_bits("exact", term.decode("utf-8") if isinstance(term, bytes) else term)
            self._term_bits.remember(key, bits)
        return bits

    def pair_bits(self, pair: tuple[str, str]) -> int:
        """The documents in which two words stand side by side, checked by position (cached)."""
        key = ("\x00phrase",) + tuple(pair)
        bits = self._term_bits.lookup(key)
        if bits is None:
            bits = bitsets.from_ids(wq.Phrase("exact", list(pair)).docs(self.searcher), self.size)
            self._term_bits.remember(key, bits)
        return bits

    def clause_bits(self, clause: Clause) -> int:
        """The documents a clause matches."""
        bits = 0
        for alternative in clause.alternatives:
            if alternative.score_only:
                continue
            if alternative.bits is not None:
                bits |= alternative.bits
                continue
            bits |= self.term_bits(alternative.fieldname, alternative.term)
        for phrase in clause.phrases:
            phrase_bits = -1
            for common, pair in phrase_links(phrase, self.frequent):
                phrase_bits &= self.term_bits("pairs", pair) if common else self.pair_bits(pair)
            bits |= max(phrase_bits, 0)
        return bits

    def plan_bits(self, plan: QueryPlan, conjunction: bool = True) -> int:
        """The documents a plan matches with its clauses ANDed, or ORed for the fallback."""
        if conjunction:
            if any(clause.empty for clause in plan.clauses):
                return 0
            result = -1
            for clause in plan.clauses:
                result &= self.clause_bits(clause)
                if not result:
                    return 0
            return max(result, 0)
        result = 0
        for clause in plan.clauses:
            result |= self.clause_bits(clause)
        return result

    # Suggestions

    def _open_vocabularies(self, known: dict) -> dict[str, list[Vocabulary]]:
        """Every suggestion and typo vocabulary, per segment, read now rather than on the first keystroke.

        Segments never change once written, so ``known`` (the index's cache, keyed by generation
        directory and segment) gives the ones an earlier snapshot read: after a commit only the
        commit's small new segment is read. ``known`` is left holding this snapshot's segments only.
        """
        directory = self.generation.split("/")[0]
        vocabularies: dict[str, list[Vocabulary]] = {fieldname: [] for fieldname in VOCABULARY_FIELDS}
        kept = {}
        for leaf, _, _, _ in self._leaves:
            for fieldname in VOCABULARY_FIELDS:
                key = (directory, leaf.segment().segment_id(), fieldname)
                vocabulary = known.get(key)
                if vocabulary is None:
                    vocabulary = segment_vocabulary(leaf, fieldname)
                kept[key] = vocabulary
                if vocabulary[0]:
                    vocabularies[fieldname].append(vocabulary)
        known.clear()
        known.update(kept)
        return vocabularies

    def near_terms(self, word: str, maxdist: int, prefix: int) -> list[tuple[str, int, int]]:
        """Words of the ``exact`` vocabulary within ``maxdist`` edits of ``word`` that share its first ``prefix`` letters.

        As ``(term, distance, document frequency)``; a swap of neighbours is one edit. Each segment's
        sorted vocabulary gives the words with the prefix by bisection, rapidfuzz measures them in C,
        and a word in several segments counts the documents of all of them.
        """
        found: dict[str, list[int]] = {}
        for terms, frequencies in self._vocabularies["exact"]:
            low, high = 0, len(terms)
            if prefix:
                low = bisect.bisect_left(terms, word[:prefix])
                high = bisect.bisect_left(terms, word[:prefix] + "\U0010ffff", low)
            matches = process.extract(word, terms[low:high], scorer=OSA.distance, score_cutoff=maxdist, limit=None)
            for term, distance, position in matches:
                if term != word:
                    entry = found.setdefault(term, [distance, 0])
                    entry[1] += frequencies[low + position]
        return [(term, distance, frequency) for term, (distance, frequency) in found.items()]

    def completions(self, fieldname: str, prefix: str, limit: int) -> list[tuple[str, int]]:
        """The ``limit`` most frequent vocabulary entries starting with ``prefix``: two bisections a segment."""
        segments = self._vocabularies[fieldname]
        if len(segments) == 1:
            terms, frequencies = segments[0]
            low = bisect.bisect_left(terms, prefix)
            high = bisect.bisect_left(terms, prefix + "\U0010ffff", low)
            best = heapq.nlargest(limit, range(low, high), key=frequencies.__getitem__)
            return [(terms[position], frequencies[position]) for position in best]
        counted: dict[str, int] = {}
        for terms, frequencies in segments:
            low = bisect.bisect_left(terms, prefix)
            high = bisect.bisect_left(terms, prefix + "\U0010ffff", low)
            for position in range(low, high):
                counted[terms[position]] = counted.get(terms[position], 0) + frequencies[position]
        return heapq.nlargest(limit, sorted(counted.items()), key=lambda item: item[1])

    def heaviest(self, fieldname: str, text: str, limit: int) -> list[int]:
        """Documents with the highest weight for a term among its first postings (bounded scan)."""
        found = []
        for leaf, offset, _, deleted in self._leaves:
            for ids, weights in posting_blocks(leaf, fieldname, text):
                found.extend(
                    (weight, -(docnum + offset)) for docnum, weight in zip(ids, weights) if docnum not in deleted
                )
                if len(found) >= MAX_TITLE_SCAN:
                    break
        return [-negative for _, negative in heapq.nlargest(limit, found)]

    # Facets and filters

    def facet_bits(self) -> dict[str, dict[str, int]]:
        """Per facet field, the documents holding each value (computed once per generation)."""
        if self._facets is None:
            facets: dict[str, dict[str, int]] = {}
            for fieldname in FACET_FIELDS:
                values = {}
                for raw in self.reader.lexicon(fieldname):
                    value = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                    if value == STATE_KIND:
                        continue
                    bits = self.term_bits(fieldname, value)
                    if bits:
                        values[value] = bits
                facets[fieldname] = values
            self._facets = facets
        return self._facets

    def facet_counts(self, matched: int, fieldname: str) -> dict[str, int]:
        """Count the matched documents per value of one facet, most frequent first."""
        counts = {}
        for value, bits in self.facet_bits()[fieldname].items():
            count = (matched & bits).bit_count()
            if count:
                counts[value] = count
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    def filter_bits(self, kinds, cluster, round) -> int | None:
        """The documents passing the request's filters, or None when there are none."""
        facets = self.facet_bits()
        result = None
        if kinds:
            bits = 0
            for kind in kinds:
                bits |= facets["kind"].get(kind, 0)
            result = bits
        if cluster is not None:
            bits = facets["cluster"].get(str(cluster), 0)
            result = bits if result is None else result & bits
        if round is not None:
            bits = facets["round"].get(str(round), 0)
            result = bits if result is None else result & bits
        return result

    # Stored data

    def stored(self, docnum: int) -> dict:
        """The stored fields of a document."""
        return self.searcher.stored_fields(docnum)

    def _meta(self) -> dict:
        """The stored fields of the document that carries state and frequent words."""
        docnum = self.searcher.document_number(key=STATE_KEY)
        return {} if docnum is None else self.stored(docnum)

    def state(self) -> dict:
        """The state committed together with this generation's content."""
        return json.loads(self._meta().get("state") or "{}")


def open_snapshot(index, generation: str, cache_size: int, segment_vocabularies: dict | None = None) -> Snapshot:
    """Open a searcher on a Whoosh index (ranking is :mod:`search_index.scoring`'s, not Whoosh's).

    :param segment_vocabularies: the vocabularies of segments an earlier snapshot read (see Snapshot).
    """
    return Snapshot(generation, index.searcher(), cache_size, segment_vocabularies)
