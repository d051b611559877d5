"""Hits as the app shows them: a snippet of stored text with the matched words marked, all else escaped."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from search_index.analysis import word_spans
from search_index.models import LANGUAGES, SearchHit
from search_index.query import MatchedForms, QueryPlan

if TYPE_CHECKING:
    from search_index.snapshot import Snapshot

#: Characters of text a snippet shows around the matches.
SNIPPET_LENGTH = 200
#: Characters of context kept before the first match in the window.
LEAD_IN = 40
#: Marks put around a matched word.
MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"
ELLIPSIS = "…"


Spans = tuple[tuple[int, int, str], ...]


def count_matches(spans: Spans, forms: MatchedForms) -> int:
    """Count the words of a text the query matched, to pick the better-matching language."""
    matches = forms.matches
    return sum(1 for _, _, word in spans if matches(word))


def make_snippet(
    text: str, forms: MatchedForms, spans: Spans | None = None, length: int = SNIPPET_LENGTH
) -> str:
    """Cut the part of ``text`` with the most matches and mark them; safe to embed as HTML.

    :param text: stored plain text (may contain ``<`` and ``&``; it is escaped).
    :param forms: the forms the query matched.
    :param spans: the text's words as :func:`search_index.analysis.word_spans` finds them.
    :param length: roughly how many characters of text to show.
    :return: HTML with matched words wrapped in ``<mark>`` and all other text escaped.
    """
    if spans is None:
        spans = word_spans(text)
    matches = forms.matches
    hits = [index for index, (_, _, word) in enumerate(spans) if matches(word)]
    start = 0
    if hits and len(text) > length:
        best_first, best_count = hits[0], 0
        last = 0
        for position, first in enumerate(hits[:32]):
            window_end = spans[first][0] + length - LEAD_IN
            last = max(last, position)
            while last + 1 < len(hits) and spans[hits[last + 1]][1] <= window_end:
                last += 1
            if last - position + 1 > best_count:
                best_first, best_count = first, last - position + 1
        lead = spans[best_first][0] - LEAD_IN
        start = next((s for s, _, _ in spans if s >= lead), 0) if lead > 0 else 0
    end = len(text)
    if end - start > length:
        end = start + length
        inside = [e for s, e, _ in spans if s >= start and e <= end]
        end = inside[-1] if inside else end
    hit_spans = {spans[index][:2] for index in hits}
    pieces = [ELLIPSIS] if start > 0 else []
    cursor = start
    for span_start, span_end, _ in spans:
        if span_start < start or span_end > end:
            continue
        if (span_start, span_end) in hit_spans:
            pieces.append(escape(text[cursor:span_start]))
            pieces.append(MARK_OPEN + escape(text[span_start:span_end]) + MARK_CLOSE)
            cursor = span_end
    pieces.append(escape(text[cursor:end]))
    if end < len(text):
        pieces.append(ELLIPSIS)
    return "".join(pieces).strip()


def snippet_language(snapshot: Snapshot, docnum: int, doc: dict, plan: QueryPlan) -> str:
    """Pick the language whose stemmed field matched more query words; titles break ties."""
    matched = dict.fromkeys(LANGUAGES, 0)
    for clause in plan.clauses:
        for language in LANGUAGES:
            if any(
                alternative.fieldname == language
                and alternative.bits is None
                and snapshot.term_bits(language, alternative.term) >> docnum & 1
                for alternative in clause.alternatives
            ):
                matched[language] += 1
    if matched["de"] == matched["en"]:
        for language in LANGUAGES:
            matched[language] += count_matches(word_spans(doc["titles"].get(language) or ""), plan.forms)
    return max(LANGUAGES, key=lambda language: matched[language])


def make_hit(
    snapshot: Snapshot, docnum: int, stored: dict, score: float, plan: QueryPlan, lang: str | None
) -> SearchHit:
    """Render a hit: titles, and a snippet in the requested or the better-matching language."""
    doc = stored["doc"]
    titles, texts = doc["titles"], doc["texts"]
    if lang is None:
        lang = snippet_language(snapshot, docnum, doc, plan)
    text = texts.get(lang) or titles.get(lang) or ""
    snippet = make_snippet(text, plan.forms)
    if MARK_OPEN not in snippet and doc.get("related"):
        snippet = related_line(doc, plan.forms, titles.get(lang) or "") or snippet
    return SearchHit(
        kind=doc["kind"],
        key=stored["key"],
        slug=doc["slug"],
        score=float(score),
        titles=dict(titles),
        snippet=snippet,
        lang=lang,
        shown=dict(doc.get("shown") or {}),
    )


def related_line(doc: dict, forms: MatchedForms, title: str) -> str | None:
    """For a hit found only by a related name: that name, labelled and marked ("Partner: <mark>Daimler</mark> AG")."""
    if count_matches(word_spans(title), forms):
        return None
    for label, names in doc["related"].items():
        for name in names:
            spans = word_spans(name)
            if count_matches(spans, forms):
                return f"{escape(label)}: {make_snippet(name, forms, spans)}"
    return None


