"""Text analysis shared by indexing, querying and highlighting, so all three see the same words.

Every word goes through :func:`fold_word` (case folding, accents and umlauts stripped, ``ß`` to
``ss``, apostrophes dropped so ``it's`` is ``its``); the language fields then stem the folded word
with the Snowball German or English stemmer. Umlauts written as ``ae``/``oe``/``ue`` are handled on
the query side by :func:`umlaut_variant`, which keeps the index free of guesses about spelling.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import OSA
from whoosh.lang.snowball.english import EnglishStemmer
from whoosh.lang.snowball.german import GermanStemmer

#: A word: letters and digits, with inner apostrophes kept so ``it's`` stays one word.
WORD_PATTERN = re.compile(r"[^\W_]+(?:['’`´ʼ][^\W_]+)*")

#: Longest word we index or look up; longer "words" are noise (hashes, pasted junk).
MAX_WORD_LENGTH = 40

#: Edge n-grams run from this many characters ...
MIN_PREFIX_LENGTH = 2
#: ... up to this many; a longer typed prefix is looked up in the vocabulary instead.
MAX_PREFIX_LENGTH = 10

#: Stemmed German words at least this long are split into their tails for compound matching.
MIN_COMPOUND_LENGTH = 9
#: A compound part (tail) must be at least this long to be indexed or looked up.
MIN_COMPOUND_PART = 4
#: ... and must start at least this far into the word, so the word itself is not a "part".
MIN_COMPOUND_HEAD = 4

#: Words that carry no meaning on their own; dropped from queries that have other words.
STOPWORDS = frozenset(
    """
    a an and are as at be by for from has have in into is it of on or that the their this to
    was were will with without within via der die das den dem des ein eine einer eines einem
    einen und oder in im ist sind mit fur von vom zu zum zur auf aus bei als auch an am wie
    wird werden nicht sich es um uber durch nach vor so dass
    """.split()
)

#: Words so frequent that a pair of them is indexed as one term (after Solr's "common grams"):
#: checking the positions of ``in der`` would read most of the index for every phrase.
COMMON_WORDS = frozenset(
    """
    der die das und in den von zu mit sich des auf fur ist im dem nicht ein eine als auch es an
    werden aus bei einer um am sind zum zur the of and to a is that for it as with be by on are
    or from at an this
    """.split()
)

#: A word in this share of the documents (and at least this many) is frequent: positions of a
#: pair of such words are too costly to check at query time, so the pair is indexed.
FREQUENT_SHARE = 0.01
FREQUENT_MINIMUM = 50
MAX_FREQUENT_WORDS = 512

_APOSTROPHES = re.compile(r"['’`´ʼ]")
_FOLDED_WORD = re.compile(r"[^\W_]+")
_UMLAUT_DIGRAPHS = re.compile(r"ae|oe|ue")
_GERMAN = GermanStemmer()
_ENGLISH = EnglishStemmer()


@lru_cache(maxsize=400_000)
def fold_word(word: str) -> str:
    """Fold one word so spelling variants of case, accents, umlauts and ß compare equal.

    :param word: a word as matched by :data:`WORD_PATTERN`.
    :return: the folded word, possibly empty.
    """
    folded = _APOSTROPHES.sub("", word).casefold()
    if not folded.isascii():
        folded = "".join(
            char for char in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(char)
        )
    return folded[:MAX_WORD_LENGTH]


def _latin_folding_table() -> dict[int, str]:
    """Map accented Latin letters to their base letters, for folding whole texts in C."""
    table = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        if base != char:
            table[code] = base
    for apostrophe in "'’`´ʼ":
        table[ord(apostrophe)] = None
    return table


_LATIN_FOLDING = _latin_folding_table()


def fold_text(text: str) -> str:
    """Fold a whole text like :func:`fold_word` folds a word, fast for Latin scripts."""
    folded = text.casefold().translate(_LATIN_FOLDING)
    if not folded.isascii():
        folded = "".join(
            char for char in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(char)
        )
    return folded


def words(text: str) -> list[str]:
    """Split text into folded words, the unit every field is built from.

    Apostrophes are removed before splitting, so ``it's`` is the word ``its``.

    :param text: any text; control characters, punctuation and emoji are separators.
    :return: folded words in order.
    """
    return [word[:MAX_WORD_LENGTH] for word in _FOLDED_WORD.findall(fold_text(text))]


@lru_cache(maxsize=4096)
def word_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """Locate words in the original text so a snippet can mark exactly what matched.

    Cached by text: the same stored texts are cut into snippets for query after query.

    :param text: the stored text.
    :return: ``(start, end, folded word)`` per word.
    """
    spans = []
    for match in WORD_PATTERN.finditer(text):
        folded = fold_word(match.group())
        if folded:
            spans.append((match.start(), match.end(), folded))
    return tuple(spans)


@lru_cache(maxsize=400_000)
def stem_de(word: str) -> str:
    """Reduce a folded German word to its stem so inflected forms meet (cached: Snowball is slow)."""
    return _GERMAN.stem(word)


@lru_cache(maxsize=400_000)
def stem_en(word: str) -> str:
    """Reduce a folded English word to its stem so inflected forms meet (cached: Snowball is slow)."""
    return _ENGLISH.stem(word)


def umlaut_variant(word: str) -> str | None:
    """Spell ``ae``/``oe``/``ue`` as the folded umlaut would be, for people without an umlaut key.

    :param word: a folded query word such as ``elektromobilitaet``.
    :return: ``elektromobilitat``, or None when the word has no such digraph.
    """
    variant = _UMLAUT_DIGRAPHS.sub(lambda match: match.group()[0], word)
    return variant if variant != word else None


def edge_grams(word: str, minimum: int = MIN_PREFIX_LENGTH) -> list[str]:
    """List the prefixes of a word so that a typed prefix becomes one term lookup.

    :param word: a folded word.
    :param minimum: shortest prefix to produce.
    :return: prefixes from ``minimum`` up to :data:`MAX_PREFIX_LENGTH` characters.
    """
    top = min(len(word), MAX_PREFIX_LENGTH)
    return [word[:size] for size in range(minimum, top + 1)]


def prefix_term(word: str) -> str:
    """Cut a typed prefix to the longest edge n-gram the index holds."""
    return word[:MAX_PREFIX_LENGTH]


def compound_parts(stem: str) -> list[str]:
    """List the tails of a long German stem, so a compound is found by its later parts.

    ``leichtbauteil`` yields ``bauteil`` and ``teil`` (among tails that are not words, which cost
    a little index space but never match a real query word by accident often enough to matter).

    :param stem: a stemmed, folded German word.
    :return: tails of at least :data:`MIN_COMPOUND_PART` characters, or nothing for short words.
    """
    if len(stem) < MIN_COMPOUND_LENGTH or not stem.isalpha():
        return []
    return [stem[start:] for start in range(MIN_COMPOUND_HEAD, len(stem) - MIN_COMPOUND_PART + 1)]


def common_pairs(terms: list[str], frequent: frozenset[str] = COMMON_WORDS) -> list[str]:
    """List adjacent pairs of frequent words (``"in der"``, ``"of the"``) as single terms.

    Only pairs of two frequent words are worth a term: a phrase pair with one rarer word is
    checked by position among the few documents holding that word.

    :param terms: folded words of one part of a document, in order.
    :param frequent: the index's frequent words (see :func:`frequent_words`).

    """
    return [
        f"{first} {second}"
        for first, second in zip(terms, terms[1:])
        if first in frequent and second in frequent
    ]


def frequent_words(document_frequencies: dict[str, int], documents: int) -> frozenset[str]:
    """Choose the words whose pairs are indexed: function words plus the corpus's most frequent.

    A word counts as frequent when it is in at least :data:`FREQUENT_SHARE` of the documents
    (and :data:`FREQUENT_MINIMUM` of them); at most :data:`MAX_FREQUENT_WORDS` are taken.

    :param document_frequencies: folded word -> number of documents containing it.
    :param documents: number of documents.
    """
    threshold = max(FREQUENT_MINIMUM, documents * FREQUENT_SHARE)
    ranked = sorted(
        (word for word, count in document_frequencies.items() if count >= threshold),
        key=lambda word: (-document_frequencies[word], word),
    )
    return COMMON_WORDS | frozenset(ranked[:MAX_FREQUENT_WORDS])


def damerau_distance(left: str, right: str, limit: int) -> int:
    """Count edits (insert, delete, substitute, swap neighbours) between two words, up to limit+1.

    rapidfuzz's optimal string alignment distance, which is this count, in C.

    :param left: one word.
    :param right: the other word.
    :param limit: stop counting beyond this; the result is then ``limit + 1``.
    """
    return OSA.distance(left, right, score_cutoff=limit)
