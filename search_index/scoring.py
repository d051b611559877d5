"""BM25 over the already known set of matching documents, reading Whoosh's posting blocks directly.

Whoosh's collector scores through a tree of matcher objects, a few microseconds per posting;
its block-max skipping rarely applies here because title words make every block "good". Since
the search already knows which documents match (as a bit set), scoring is a flat loop over each
query term's posting blocks that adds BM25 for matching documents: the same formula as
Whoosh's ``BM25F`` (per-field length normalisation, IDF ``log(N / (df + 1)) + 1``) at a
fraction of the cost.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from math import log

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length, length_to_byte

from search_index import bitsets
from search_index.query import PHRASE_BOOST, QueryPlan, phrase_links

#: BM25 term-frequency saturation and length normalisation.
K1 = 1.2
B = 0.75
#: Below one candidate per this many postings, only the blocks holding candidates are decoded.
SPARSE_RATIO = 8


def _length_bytes(leaf, fieldname: str) -> bytes:
    """The one-byte encoded length of ``fieldname`` for every document of a segment."""
    try:
        column = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    except AttributeError:  # not a W3 segment: ask document by document
        column = None
    size = leaf.doc_count_all()
    if column is None:
        return bytes(length_to_byte(leaf.doc_field_length(docnum, fieldname) or 0) for docnum in range(size))
    count = column._count
    data = column._dbfile.get(column._basepos, count) if count else b""
    return data + bytes(max(size - len(data), 0))


def posting_blocks(leaf, fieldname: str, text: str, with_weights: bool = True):
    """Yield ``(ids, weights)`` per posting block of a term in one segment, deleted documents included.

    Reads Whoosh's W3 blocks directly (one array per block instead of one method call per
    posting); other matchers are read posting by posting. ``weights`` is None unless asked for.
    """
    try:
        matcher = leaf.postings(fieldname, text)
    except TermNotFound:
        return
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child  # callers drop deleted documents themselves
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            if matcher._ids is None:
                matcher._read_ids()
            if with_weights and matcher._weights is None:
                matcher._read_weights()
            yield matcher._ids, matcher._weights if with_weights else None
            matcher._next_block()
    else:
        ids, weights = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        yield ids, weights if with_weights else None


class Bm25:
    """Scores for one snapshot; keeps the per-field length tables it has read."""

    def __init__(self, reader, leaves):
        """
        :param reader: the snapshot's (possibly multi-segment) reader.
        :param leaves: ``(segment reader, offset, size, deleted)`` per segment.
        """
        self.reader = reader
        self.leaves = leaves
        self.documents = reader.doc_count_all()
        self._norms: dict[str, list[float]] = {}
        self._lengths: dict[tuple[int, str], bytes] = {}

    def _norm_table(self, fieldname: str) -> list[float]:
        """``K1 * (1 - B + B * length / average)`` for each of the 256 length bytes."""
        table = self._norms.get(fieldname)
        if table is None:
            average = self.reader.field_length(fieldname) / max(self.reader.doc_count(), 1) or 1.0
            table = [K1 * (1 - B + B * byte_to_length(code) / average) for code in range(256)]
            self._norms[fieldname] = table
        return table

    def _segment_lengths(self, leaf, fieldname: str) -> bytes:
        key = (id(leaf), fieldname)
        lengths = self._lengths.get(key)
        if lengths is None:
            lengths = _length_bytes(leaf, fieldname)
            self._lengths[key] = lengths
        return lengths

    def _add_term(
        self, scores: dict, candidates: list["Candidates"], fieldname: str, text: str, boost: float
    ) -> None:
        """Add one term's BM25 (times ``boost``) to the scores of the candidate documents."""
        frequency = self.reader.doc_frequency(fieldname, text)
        if not frequency:
            return
        factor = (log(self.documents / (frequency + 1)) + 1) * boost * (K1 + 1)
        norms = self._norm_table(fieldname)
        get = scores.get
        for (leaf, offset, _, _), wanted in zip(self.leaves, candidates):
            if not wanted.count:
                continue
            lengths = self._segment_lengths(leaf, fieldname)
            if wanted.count * SPARSE_RATIO < frequency:
                found = _sparse_postings(leaf, fieldname, text, wanted.ids())
            else:
                allowed = wanted.bytes
                found = (
                    (docnum, weight)
                    for ids, weights in posting_blocks(leaf, fieldname, text)
                    for docnum, weight in zip(ids, weights)
                    if allowed[docnum >> 3] >> (docnum & 7) & 1
                )
            for docnum, weight in found:
                key = docnum + offset
                scores[key] = get(key, 0.0) + factor * weight / (weight + norms[lengths[docnum]])

    def scores(self, plan: QueryPlan, candidates: int, frequent: frozenset[str]) -> dict[int, float]:
        """Score every candidate document for a plan.

        :param plan: the query plan; every alternative (and every phrase pair) adds its score.
        :param candidates: the documents to rank (matched and passing the filters), a bit set.
        :param frequent: the index's frequent words (which phrase pairs are indexed).
        :return: document number -> score, for every candidate.
        """
        per_segment = [Candidates(candidates, offset, size) for _, offset, size, _ in self.leaves]
        scores: dict[int, float] = {}
        for clause in plan.clauses:
            for alternative in clause.alternatives:
                if alternative.bits is not None:
                    for docnum in bitsets.to_ids(alternative.bits & candidates):
                        scores[docnum] = scores.get(docnum, 0.0) + alternative.boost
                else:
                    field, term, boost = alternative.fieldname, alternative.term, alternative.boost
                    self._add_term(scores, per_segment, field, term, boost)
            for phrase in clause.phrases:
                # A pair term holds exactly the documents with the pair: cheaper than its words;
                # of other pairs only the rarer words score (a frequent word adds next to nothing).
                for common, pair in phrase_links(phrase, frequent):
                    if common:
                        self._add_term(scores, per_segment, "pairs", pair, PHRASE_BOOST)
                    else:
                        for word in pair:
                            if word not in frequent:
                                self._add_term(scores, per_segment, "exact", word, PHRASE_BOOST)
        if len(scores) < candidates.bit_count():  # matched by a part that does not score
            for docnum in bitsets.to_ids(candidates):
                scores.setdefault(docnum, 0.0)
        return scores


class Candidates:
    """The candidate documents of one segment, as bytes for membership and (lazily) as sorted ids."""

    def __init__(self, candidates: int, offset: int, size: int):
        local = (candidates >> offset) & ((1 << size) - 1)
        self.count = local.bit_count()
        self.bytes = local.to_bytes((size >> 3) + 1, "little") if local else b""
        self._local = local
        self._ids: list[int] | None = None

    def ids(self) -> list[int]:
        """Sorted segment-local document numbers."""
        if self._ids is None:
            self._ids = bitsets.to_ids(self._local)
        return self._ids


def _sparse_postings(leaf, fieldname: str, text: str, wanted: list[int]):
    """Yield ``(docnum, weight)`` for the wanted documents only, decoding only blocks that hold one.

    Block headers carry the block's last document number, so blocks without a wanted document
    are passed over undecoded: for a few hundred candidates of a term in tens of thousands of
    documents this reads a fraction of the postings.
    """
    try:
        matcher = leaf.postings(fieldname, text)
    except TermNotFound:
        return
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    if not isinstance(matcher, W3LeafMatcher):
        allowed = set(wanted)
        while matcher.is_active():
            if matcher.id() in allowed:
                yield matcher.id(), matcher.weight()
            matcher.next()
        return
    position, count = 0, len(wanted)
    while matcher.is_active() and position < count:
        last = matcher.block_max_id()
        if wanted[position] <= last:
            if matcher._ids is None:
                matcher._read_ids()
            if matcher._weights is None:
                matcher._read_weights()
            ids, weights = matcher._ids, matcher._weights
            while position < count and wanted[position] <= last:
                docnum = wanted[position]
                index = bisect_left(ids, docnum)
                if index < len(ids) and ids[index] == docnum:
                    yield docnum, weights[index]
                position += 1
        matcher._next_block()


def best(scores: dict[int, float], limit: int) -> list[tuple[float, int]]:
    """The ``limit`` best ``(score, docnum)``, best first, ties by document number."""
    return [
        (score, docnum)
        for docnum, score in heapq.nlargest(limit, scores.items(), key=lambda item: (item[1], -item[0]))
    ]
