"""Turn what a person typed into a query plan, without ever handing their text to a query parser.

The text is split into words and quoted phrases; each word becomes a clause that ORs its exact,
stemmed, prefix, compound-part and (bounded) fuzzy forms, each with its own boost so that exact
matches rank above stemmed above fuzzy ones. Clauses are ANDed; the caller falls back to OR
when AND finds nothing. Only terms that exist in the index make it into the plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from whoosh.reading import IndexReader

from search_index.analysis import (
    MAX_PREFIX_LENGTH,
    MIN_COMPOUND_PART,
    STOPWORDS,
    prefix_term,
    stem_de,
    stem_en,
    umlaut_variant,
    words,
)
from search_index.errors import QueryTooLong
from search_index.synonyms import NO_SYNONYMS, Synonyms
from search_index.variants import spelling_variants

#: Longest query text accepted; longer input raises :class:`QueryTooLong` (the app answers 422).
MAX_QUERY_LENGTH = 200
#: Most words (and phrases) of a query that are used; the rest is ignored.
MAX_CLAUSES = 8
#: Most words one phrase may have.
MAX_PHRASE_WORDS = 8

#: Boosts per kind of match: exact above stemmed above prefix above fuzzy.
EXACT_BOOST = 2.0
STEM_BOOST = 1.0
PREFIX_BOOST = 0.8
PHRASE_BOOST = 2.0
COMPOUND_BOOST = 0.3
FUZZY_BOOST = {1: 0.5, 2: 0.3}
#: A synonym's words count this much of the typed word's own (exact, stemmed).
SYNONYM_SHARE = 0.8

#: Words this long tolerate one typo, and the second threshold two.
ONE_TYPO_LENGTH = 4
TWO_TYPOS_LENGTH = 8
#: Fuzzy candidates must share this many leading characters with the typed word (one typo,
#: two typos): fewer far-fetched matches, and fewer words to measure.
FUZZY_PREFIX = {1: 1, 2: 2}
#: At most this many vocabulary words stand in for one misspelt word.
MAX_FUZZY_TERMS = 6
#: A non-final word this long is also looked up as a prefix, so it finds compounds it heads.
MIN_COMPOUND_PREFIX = 5
#: A typed prefix this long is also looked for in body words (through the vocabulary).
MIN_BODY_PREFIX = 4
#: Score of a document matched only by a body word starting with the prefix.
BODY_PREFIX_BOOST = 0.5

_QUOTES = re.compile(r"[\"“”„«»]")
_PHRASE = re.compile(r"[\"“”„«»]([^\"“”„«»]*)[\"“”„«»]")


@dataclass
class ParsedQuery:
    """What the person typed, as folded words and phrases; the last word may be unfinished."""

    words: list[str]
    phrases: list[list[str]]
    last_is_prefix: bool

    @property
    def empty(self) -> bool:
        """True when nothing searchable is left (only punctuation, emoji or stopwords' absence)."""
        return not self.words and not self.phrases


@dataclass
class Alternative:
    """One way a clause can match: a term in a field, weighted by how good a match it is.

    With ``bits`` set, the alternative is a precomputed set of documents that all score
    ``boost`` (body words starting with a prefix); ``fieldname`` and ``term`` then only describe it.
    A ``score_only`` alternative adds to the score of documents matched otherwise but matches
    nothing by itself (a truncated n-gram, which would match more than the typed prefix).
    """

    fieldname: str
    term: str
    boost: float
    bits: int | None = None
    score_only: bool = False


@dataclass
class Clause:
    """A query word (or phrase) and every form in which it may match."""

    alternatives: list[Alternative] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when no form of the word exists in the index, so the clause matches nothing."""
        return not self.phrases and all(alt.score_only for alt in self.alternatives)


def phrase_links(phrase: list[str], frequent: frozenset[str]) -> list[tuple[bool, object]]:
    """Split a phrase into adjacent pairs: ``(True, "a b")`` for a pair term, ``(False, (a, b))`` else.

    A pair of two frequent words is one lookup in the ``pairs`` field; any other pair is checked
    by position, which is cheap enough because few documents hold its rarer word. A phrase of
    three or more words matches documents that hold all its pairs.

    :param phrase: folded words.
    :param frequent: the index's frequent words.
    """
    links: list[tuple[bool, object]] = []
    for first, second in zip(phrase, phrase[1:]):
        if first in frequent and second in frequent:
            links.append((True, f"{first} {second}"))
        else:
            links.append((False, (first, second)))
    return links


@dataclass
class MatchedForms:
    """The analysed forms a query matches, used to mark words in snippets."""

    exact: set[str] = field(default_factory=set)
    de: set[str] = field(default_factory=set)
    en: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    parts: set[str] = field(default_factory=set)
    _known: dict[str, bool] = field(default_factory=dict, repr=False)
    _stem_heads: frozenset[str] | None = field(default=None, repr=False)

    def matches(self, word: str) -> bool:
        """Tell whether a folded word of a stored text is one the query matched (memoised).

        Stemming is the expensive part, so it is only tried for words that begin like one of
        the query's stems (a stem is a prefix of its word but for the last letters).
        """
        known = self._known.get(word)
        if known is None:
            if self._stem_heads is None:
                self._stem_heads = frozenset(stem[:3] for stem in self.de | self.en)
            known = (
                word in self.exact
                or (word[:3] in self._stem_heads and (stem_de(word) in self.de or stem_en(word) in self.en))
                or (bool(self.prefixes) and word.startswith(tuple(self.prefixes)))
                or (
                    bool(self.parts)
                    and any(part[:4] in word for part in self.parts)
                    and stem_de(word).endswith(tuple(self.parts))
                )
            )
            self._known[word] = known
        return known


@dataclass
class QueryPlan:
    """The clauses to AND (or OR) and the forms to highlight."""

    clauses: list[Clause]
    forms: MatchedForms


def parse_query(text: str) -> ParsedQuery:
    """Split raw user input into words and phrases; never raises except for over-long input.

    :param text: anything a person (or a script) typed.
    :raises QueryTooLong: when ``text`` is longer than :data:`MAX_QUERY_LENGTH`.
    """
    if text is None:
        text = ""
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryTooLong(len(text), MAX_QUERY_LENGTH)
    phrases = []
    for match in _PHRASE.finditer(text):
        phrase_words = words(match.group(1))[:MAX_PHRASE_WORDS]
        if phrase_words:
            phrases.append(phrase_words)
    rest = _QUOTES.sub(" ", _PHRASE.sub(" ", text))
    query_words = words(rest)
    stripped = rest.rstrip()
    last_is_prefix = bool(query_words) and stripped == rest and not text.rstrip().endswith(
        ('"', "“", "”", "«", "»")
    )
    if len(query_words) > 1 or phrases:
        content = [word for word in query_words if word not in STOPWORDS]
        if last_is_prefix and query_words[-1] in STOPWORDS:
            content.append(query_words[-1])
        if content or phrases:
            query_words = content
    unique_words: list[str] = []
    for word in query_words:
        if word not in unique_words:
            unique_words.append(word)
    if last_is_prefix and len(unique_words) > 1 and len(unique_words[-1]) == 1:
        unique_words.pop()
    room = max(MAX_CLAUSES - len(phrases), 1)
    if len(unique_words) > room:
        last = unique_words[-1]
        unique_words = unique_words[: room - 1] + [last]
    return ParsedQuery(unique_words, phrases[:MAX_CLAUSES], last_is_prefix)


def fuzzy_terms(view: IndexView, word: str, maxdist: int | None = None, prefix: int | None = None) -> list[tuple[str, int]]:
    """Find the vocabulary words a misspelt word may stand for, bounded in distance and number.

    :param view: the open index whose ``exact`` vocabulary is searched.
    :param word: a folded word.
    :param maxdist: edits allowed (a swap of neighbours is one); by default by word length (4+ letters: 1, 8+: 2).
    :param prefix: leading characters candidates must share with ``word``; default :data:`FUZZY_PREFIX`.
    :return: up to :data:`MAX_FUZZY_TERMS` ``(term, distance)``, closest and most frequent first.
    """
    if len(word) < ONE_TYPO_LENGTH or not word.isalpha():
        return []
    if maxdist is None:
        maxdist = 2 if len(word) >= TWO_TYPOS_LENGTH else 1
    if prefix is None:
        prefix = FUZZY_PREFIX[maxdist]
    ranked = sorted((distance, -frequency, term) for term, distance, frequency in view.near_terms(word, maxdist, prefix))
    return [(term, distance) for distance, _, term in ranked[:MAX_FUZZY_TERMS]]


class IndexView(Protocol):
    """What building a plan needs from an open index (see :class:`search_index.snapshot.Snapshot`)."""

    reader: IndexReader
    frequent: frozenset[str]

    def has_term(self, fieldname: str, text: str) -> bool: ...

    def prefix_bits(self, prefix: str) -> int: ...

    def near_terms(self, word: str, maxdist: int, prefix: int) -> list[tuple[str, int, int]]: ...


def build_plan(parsed: ParsedQuery, view: IndexView, fuzzy: bool = True,
               synonyms: Synonyms = NO_SYNONYMS) -> QueryPlan:
    """Build the clauses for a parsed query, keeping only alternatives that exist in the index.

    :param parsed: the parsed query.
    :param view: the open index: term existence, fuzzy expansion, body prefixes.
    :param fuzzy: whether misspellings are expanded.
    :param synonyms: the editors' synonyms; each word also matches what it stands for.
    """
    has_term = view.has_term
    forms = MatchedForms()
    clauses = []
    for position, word in enumerate(parsed.words):
        is_last = position == len(parsed.words) - 1
        as_prefix = is_last and parsed.last_is_prefix
        clause = Clause()
        spellings = [word]
        variant = umlaut_variant(word)
        if variant:
            spellings.append(variant)
        respelt = indexed_variants(word, view, as_prefix)
        spellings.extend(respelt)
        for spelling in spellings:
            candidates = [
                Alternative("exact", spelling, EXACT_BOOST),
                Alternative("de", stem_de(spelling), STEM_BOOST),
                Alternative("en", stem_en(spelling), STEM_BOOST),
            ]
            forms.exact.add(spelling)
            forms.de.add(stem_de(spelling))
            forms.en.add(stem_en(spelling))
            if len(spelling) > 1 and (as_prefix or len(spelling) >= MIN_COMPOUND_PREFIX):
                boost = PREFIX_BOOST if as_prefix else COMPOUND_BOOST
                longer = len(spelling) > MAX_PREFIX_LENGTH  # the n-gram is a superset: rank only
                candidates.append(Alternative("prefix", prefix_term(spelling), boost, score_only=longer))
                forms.prefixes.add(spelling)
                if len(spelling) >= MIN_BODY_PREFIX and spelling.isalnum():
                    body = view.prefix_bits(spelling)
                    if body:
                        body_boost = BODY_PREFIX_BOOST if as_prefix else COMPOUND_BOOST
                        clause.alternatives.append(Alternative("exact", spelling + "*", body_boost, body))
            if len(spelling) >= MIN_COMPOUND_PART and spelling.isalpha():
                candidates.append(Alternative("parts", stem_de(spelling), COMPOUND_BOOST))
            for candidate in candidates:
                if has_term(candidate.fieldname, candidate.term):
                    clause.alternatives.append(candidate)
                    if candidate.fieldname == "parts":
                        forms.parts.add(candidate.term)
        typed_on = as_prefix and any(not alt.score_only for alt in clause.alternatives)
        known = has_term("exact", word) or bool(variant and has_term("exact", variant))
        if fuzzy and not known and not typed_on:  # a word still being typed is no typo yet
            for term, distance in fuzzy_terms(view, word):
                clause.alternatives.append(Alternative("exact", term, FUZZY_BOOST[distance]))
                forms.exact.add(term)
        if synonyms:
            add_terms(clause, synonyms.of((word,)), view, forms)
        clauses.append(clause)
    if synonyms:
        add_span_synonyms(clauses, parsed.words, view, synonyms, forms)
    for phrase in parsed.phrases:
        clause = Clause()
        if len(phrase) == 1:
            word = phrase[0]
            for alternative in (
                Alternative("exact", word, EXACT_BOOST),
                Alternative("de", stem_de(word), STEM_BOOST),
                Alternative("en", stem_en(word), STEM_BOOST),
            ):
                if has_term(alternative.fieldname, alternative.term):
                    clause.alternatives.append(alternative)
        elif all(has_term("exact", word) for word in phrase) and all(
            has_term("pairs", pair) for common, pair in phrase_links(phrase, view.frequent) if common
        ):
            clause.phrases.append(phrase)
        forms.exact.update(phrase)
        clauses.append(clause)
    return QueryPlan(clauses, forms)


def indexed_variants(word: str, view: IndexView, as_prefix: bool) -> list[str]:
    """The spelling variants of a word (ph/f, c/z/k, -ise/-ize, -re/-er) that the index holds, as word or stem.

    A word being typed keeps a variant that the index holds as a prefix of a name, title or keyword (up to the
    n-grams' length: a longer one would only rank).
    """
    found = []
    for variant in spelling_variants(word):
        if (view.has_term("exact", variant) or view.has_term("de", stem_de(variant))
                or view.has_term("en", stem_en(variant))
                or (as_prefix and len(variant) <= MAX_PREFIX_LENGTH and view.has_term("prefix", prefix_term(variant)))):
            found.append(variant)
    return found


#: Longest run of query words looked up as one synonym term ("carbon fibre reinforced plastic").
MAX_SYNONYM_WORDS = 5


def add_span_synonyms(clauses: list[Clause], query_words: list[str], view: IndexView, synonyms: Synonyms,
                      forms: MatchedForms) -> None:
    """Let a run of query words that a rule names also match what it stands for.

    ``(a and b) or s`` is ``(a or s) and (b or s)``: each word's clause takes the synonym, its weight shared.
    """
    for length in range(2, min(MAX_SYNONYM_WORDS, len(query_words)) + 1):
        for start in range(len(query_words) - length + 1):
            targets = synonyms.of(tuple(query_words[start:start + length]))
            for clause in clauses[start:start + length] if targets else ():
                add_terms(clause, targets, view, forms, SYNONYM_SHARE / length)


def add_terms(clause: Clause, terms, view: IndexView, forms: MatchedForms, share: float = SYNONYM_SHARE) -> None:
    """Let a clause also match the terms a synonym rule says it stands for: words as words, terms as phrases."""
    for term in terms:
        if len(term) == 1:
            synonym = term[0]
            for candidate in (
                Alternative("exact", synonym, EXACT_BOOST * share),
                Alternative("de", stem_de(synonym), STEM_BOOST * share),
                Alternative("en", stem_en(synonym), STEM_BOOST * share),
            ):
                if view.has_term(candidate.fieldname, candidate.term):
                    clause.alternatives.append(candidate)
            forms.exact.add(synonym)
            forms.de.add(stem_de(synonym))
            forms.en.add(stem_en(synonym))
        elif all(view.has_term("exact", each) for each in term) and all(
            view.has_term("pairs", pair) for common, pair in phrase_links(list(term), view.frequent) if common
        ):
            clause.phrases.append(list(term))
            forms.exact.update(term)
