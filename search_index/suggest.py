"""Completions for the word being typed: vocabulary words by document frequency, then titles."""

from __future__ import annotations

from search_index.analysis import MAX_PREFIX_LENGTH, STOPWORDS, words
from search_index.models import LANGUAGES, Suggestion
from search_index.schema import NAME_ENTRY, VOCABULARY_SEPARATOR
from search_index.snapshot import Snapshot

#: Suggestions consider this many times ``limit`` vocabulary entries (some merge as spellings).
SUGGEST_OVERFETCH = 4
#: At most this many suggestions are document titles.
TITLE_SUGGESTIONS = 3


def vocabulary_fields(lang: str | None) -> list[str]:
    """The suggestion vocabularies to consult for a language (both when none is given)."""
    return [f"vocabulary_{language}" for language in ((lang,) if lang else LANGUAGES)]


def display_word(snapshot: Snapshot, word: str) -> str:
    """Spell a folded word as the documents write it (lower-cased), e.g. ``elektromobilität``."""
    best = None
    for fieldname in vocabulary_fields(None):
        for term, info in snapshot.reader.iter_prefix(fieldname, word + VOCABULARY_SEPARATOR):
            term = term.decode("utf-8") if isinstance(term, bytes) else term
            shown = term.split(VOCABULARY_SEPARATOR, 1)[1][1:]
            if best is None or info.doc_frequency() > best[0]:
                best = (info.doc_frequency(), shown.lower())
    return best[1] if best else word


def complete(snapshot: Snapshot, word: str, limit: int, lang: str | None) -> list[Suggestion]:
    """Collect term and title completions for one folded prefix."""
    terms: dict[str, list] = {}
    for fieldname in vocabulary_fields(lang):
        for term, frequency in snapshot.completions(fieldname, word, limit * SUGGEST_OVERFETCH):
            folded, shown = term.split(VOCABULARY_SEPARATOR, 1)
            kind = "title" if shown[:1] == NAME_ENTRY else "term"
            shown = shown[1:]
            if folded in STOPWORDS:
                continue
            entry = terms.setdefault(shown.casefold(), [0, {}, kind])
            entry[0] += frequency
            entry[1][shown] = entry[1].get(shown, 0) + frequency
    ranked_terms = sorted(terms.items(), key=lambda item: (-item[1][0], item[0]))
    titles = _title_completions(snapshot, word, lang, TITLE_SUGGESTIONS)
    term_room = max(limit - min(len(titles), TITLE_SUGGESTIONS), limit - len(titles), 0)
    result: list[Suggestion] = []
    seen: set[str] = set()
    for folded_key, (_, spellings, kind) in ranked_terms:
        if len(result) >= term_room:
            break
        shown = max(spellings.items(), key=lambda item: (item[1], item[0]))[0]
        seen.add(folded_key)
        result.append(Suggestion(shown, kind))
    for title in titles:
        if len(result) >= limit:
            break
        if title.casefold() not in seen:
            seen.add(title.casefold())
            result.append(Suggestion(title, "title"))
    return result


def _title_completions(snapshot: Snapshot, word: str, lang: str | None, limit: int) -> list[str]:
    """Titles (or names) of documents that have a title or name word starting with ``word``.

    Names and titles weigh most in the ``prefix`` field, so the heaviest postings among the
    first few hundred are documents whose title or name has such a word.
    """
    term = word[:MAX_PREFIX_LENGTH]
    if len(term) < 2:
        return []
    titles: list[str] = []
    languages = (lang,) if lang else LANGUAGES
    for docnum in snapshot.heaviest("prefix", term, limit * 2):
        doc = snapshot.stored(docnum)["doc"]
        candidates = [*(doc.get("names") or []), *(doc["titles"].get(language, "") for language in languages)]
        for candidate in candidates:
            if any(folded.startswith(word) for folded in words(candidate)):
                if candidate not in titles:
                    titles.append(candidate)
                break
        if len(titles) >= limit:
            break
    return titles
