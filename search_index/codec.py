"""How a rebuild writes its segment: Whoosh's W3 format, with the per-posting work we never read left out.

The files are plain W3 segments (their table of contents names :class:`whoosh.codec.whoosh3.W3Codec`),
so every reader and every later commit handles them as any other segment. What differs from Whoosh's
own writer, each measured on a rebuild of 3,743 records (1.3 million postings):

* no per-posting field length lookup: Whoosh reads each document's length for every posting only to
  record block minimum and maximum lengths, which serve its own scorers' block skipping; ranking here
  is :mod:`search_index.scoring`'s, which reads the length column itself;
* terms with few postings keep them inline in the term table instead of a block of their own;
* postings are pooled per term in document order and written a block at a time, instead of one
  tuple each sorted in a pool (Whoosh checks types and order and estimates sizes posting by posting).
"""

from __future__ import annotations

from array import array

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3PostingsWriter, W3Segment
from whoosh.writing import PostingPool, SegmentWriter

from search_index.schema import WeightedTerms

#: A term with fewer postings than this keeps them in its term-table entry (Whoosh's default: 1).
INLINE_POSTINGS = 8


class InliningPostingsWriter(W3PostingsWriter):
    """Whoosh's postings writer with its inline branch repaired (it calls a method W3TermInfo lacks)."""

    def finish_postings(self):
        """Inline a short posting list into its term info; write longer ones as blocks."""
        if self.written() or len(self) >= self._inlinelimit:
            return super().finish_postings()
        terminfo = self._terminfo
        terminfo.add_block(self)
        terminfo.set_inlined(self._ids, self._weights, self._values or [b""] * len(self._ids))
        self._terminfo = None
        return terminfo


class RebuildFieldWriter(W3FieldWriter):
    """Writes a :class:`RebuildPool`'s posting lists term by term, a block of ids and weights at a time."""

    def write_pool(self, schema, pool: "RebuildPool") -> None:
        """Write every term's postings, fields and terms in order (docnums are in order already).

        Terms are sorted as text: code point order is the order of their UTF-8 bytes.
        """
        limit = self._codec._blocklimit
        for fieldname in sorted(pool.fields):
            self.start_field(fieldname, schema[fieldname])
            for term, (ids, weights, values) in sorted(pool.fields[fieldname].items()):
                self.start_term(term.encode("utf-8"))
                writer = self._postwriter
                for start in range(0, len(ids), limit):
                    if start:
                        writer._write_block()
                    writer._ids = ids[start : start + limit]
                    writer._weights = weights[start : start + limit]
                    writer._values = values[start : start + limit]
                    writer._maxweight = max(writer._weights)
                self.finish_term()
            self.finish_field()


class RebuildPool(PostingPool):
    """Postings held per field and term in memory, in document order: no sort of every posting, no runs on disk.

    Ids and weights go into arrays (8 bytes a posting); the value bytes of small frequencies are shared.
    """

    def __init__(self, tempstore, segment, **kwargs):
        super().__init__(tempstore, segment, **kwargs)
        self.fields: dict[str, dict[str, tuple[array, array, list]]] = {}

    def add(self, item):
        """Pool one ``(fieldname, term bytes, docnum, weight, value bytes)`` posting (docnums ascending).

        Whoosh pools this way when it merges segments into a writer; a new generation has none to merge.
        """
        fieldname, text, docnum, weight, value = item
        self.add_postings(fieldname, docnum, [(text.decode("utf-8"), 1, weight, value)])

    def add_postings(self, fieldname: str, docnum: int, postings) -> None:
        """Pool one document's ``(term, frequency, weight, value bytes)`` postings of a field."""
        terms = self.fields.setdefault(fieldname, {})
        for term, _, weight, value in postings:
            lists = terms.get(term)
            if lists is None:
                lists = terms[term] = (array("I"), array("f"), [])
            lists[0].append(docnum)
            lists[1].append(weight)
            if value:
                lists[2].append(value)


class RebuildCodec(W3Codec):
    """W3 segments written without length statistics, rare terms inlined."""

    length_stats = False

    def __init__(self):
        super().__init__(inlinelimit=INLINE_POSTINGS)

    def new_segment(self, storage, indexname):
        """Record Whoosh's own codec in the segment, so readers and merges need nothing of ours."""
        return W3Segment(W3Codec(), indexname)

    def field_writer(self, storage, segment):
        """Write postings with the lean loop."""
        return RebuildFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        """Write posting lists with the inline branch working."""
        return InliningPostingsWriter(
            dbfile, blocklimit=self._blocklimit, byteids=byteids,
            compression=self._compression, inlinelimit=self._inlinelimit,
        )


class RebuildWriter(SegmentWriter):
    """The writer of a generation's first commit: the rebuild codec and pool, and a lean ``add_document``.

    Whoosh's ``add_document`` handles boosts, term vectors and spelling fields, which this schema
    has none of, and pools postings one call each; here a field's postings are pooled in one call.
    """

    def __init__(self, ix, limitmb: int):
        super().__init__(ix, limitmb=limitmb, codec=RebuildCodec())
        self.pool = RebuildPool(self._tempstorage, self.newsegment, limitmb=limitmb)
        for name, field in self.schema.items():
            if field.vector or field.separate_spelling():
                raise ValueError(f"field {name!r} needs Whoosh's own writer")

    def add_document(self, **fields):
        """Add one document's fields (no ``_boost`` keywords: the schema weights terms itself)."""
        self._check_state()
        schema, docnum, perdoc = self.schema, self.docnum, self.perdocwriter
        perdoc.start_doc(docnum)
        for fieldname in sorted(fields):
            value = fields[fieldname]
            if value is None:
                continue
            field = schema[fieldname]
            length = 0
            if field.indexed:
                if isinstance(field, WeightedTerms):
                    postings = field.analysed(value)
                else:
                    postings = [(text.decode("utf-8"), frequency, weight, encoded or b"")
                                for text, frequency, weight, encoded in field.index(value)]
                self.pool.add_postings(fieldname, docnum, postings)
                if field.scorable:
                    length = sum(posting[1] for posting in postings)
            perdoc.add_field(fieldname, field, value if field.stored else None, length)
            if field.column_type:
                perdoc.add_column_value(fieldname, field.column_type, field.to_column_value(value))
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self):
        """Write the pooled posting lists straight from the pool."""
        self.perdocwriter.close()
        self.fieldwriter.write_pool(self.schema, self.pool)
        self.fieldwriter.close()
