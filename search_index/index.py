"""The search index as the app sees it: documents in, ranked hits and suggestions out.

On disk, the index is a directory this module owns entirely::

    <path>/current -> gen-<id>        symlink, replaced atomically by rebuild()
    <path>/gen-<id>/                   a Whoosh index plus manifest-<toc>.json checksums

``apply`` commits into the current generation under Whoosh's write lock; ``rebuild`` builds a
new generation beside it and swaps the link, so searches keep answering from the old one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
import zlib
from pathlib import Path
from typing import Iterable, Sequence

from whoosh import index as whoosh_index
from whoosh.index import LockError

from search_index.analysis import (
    COMMON_WORDS,
    MAX_PREFIX_LENGTH,
    STOPWORDS,
    frequent_words,
    word_spans,
    words,
)
from search_index.errors import IndexLocked, QueryTooLong, SearchIndexError
from search_index.highlight import count_matches, make_snippet
from search_index.models import KINDS, LANGUAGES, Document, SearchHit, SearchResults, Suggestion
from search_index.query import (
    MAX_QUERY_LENGTH,
    ParsedQuery,
    QueryPlan,
    build_plan,
    fuzzy_terms,
    parse_query,
)
from search_index.schema import (
    NAME_ENTRY,
    STATE_KEY,
    VOCABULARY_SEPARATOR,
    build_schema,
    document_fields,
    document_frequencies,
    state_fields,
)
from search_index.scoring import best
from search_index.snapshot import Snapshot, open_snapshot

#: Name of the symlink that points at the generation searches use.
CURRENT = "current"
#: Largest page a search returns.
MAX_PAGE_SIZE = 100
#: Below this many matches, a spelling correction is tried for ``did_you_mean``.
FEW_RESULTS = 3
#: Seconds a blocking ``apply(wait=True)`` waits for the write lock before raising IndexLocked.
LOCK_TIMEOUT = 10.0
#: A generation directory left by a crashed rebuild is removed after this many seconds.
STALE_BUILD_SECONDS = 3600
#: Suggestions consider this many times ``limit`` vocabulary entries (some merge as spellings).
SUGGEST_OVERFETCH = 4
#: At most this share of the suggestions are document titles.
TITLE_SUGGESTIONS = 3

_GENERATION_DIR = re.compile(r"^gen-[0-9a-f]+-\d+$")
_TOC = re.compile(r"^_MAIN_(\d+)\.toc$")
_MANIFEST = re.compile(r"^manifest-(\d+)\.json$")
_KIND_ORDER = {kind: position for position, kind in enumerate(KINDS)}


def _latest_toc(directory: Path) -> int:
    """Read the Whoosh commit number of a generation from its file names (no file is opened)."""
    latest = -1
    for name in os.listdir(directory):
        match = _TOC.match(name)
        if match:
            latest = max(latest, int(match.group(1)))
    return latest


def _crc32(path: Path) -> int:
    """Checksum a file in chunks, for the manifest that lets check() spot damage."""
    crc = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def _write_manifest(directory: Path) -> None:
    """Record size and checksum of every index file of the latest commit, reusing known entries.

    Whoosh segment files are written once and never changed, so only new files are read.
    """
    toc = _latest_toc(directory)
    known: dict[str, list[int]] = {}
    for name in os.listdir(directory):
        if _MANIFEST.match(name):
            try:
                known.update(json.loads((directory / name).read_text())["files"])
            except (OSError, ValueError, KeyError):
                pass
    files = {}
    for name in sorted(os.listdir(directory)):
        if name.endswith((".seg", ".toc")) and not name.startswith("."):
            size = (directory / name).stat().st_size
            entry = known.get(name)
            if entry is None or entry[0] != size or name.endswith(".toc"):
                entry = [size, _crc32(directory / name)]
            files[name] = entry
    temporary = directory / f".manifest-{os.getpid()}-{threading.get_ident()}.tmp"
    temporary.write_text(json.dumps({"toc": toc, "files": files}))
    os.replace(temporary, directory / f"manifest-{toc}.json")
    for name in os.listdir(directory):
        match = _MANIFEST.match(name)
        if match and int(match.group(1)) < toc:
            (directory / name).unlink(missing_ok=True)


def _as_int(value, default: int) -> int:
    """Read a paging number leniently: anything that is not a number means the default."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _normalise_kinds(kinds) -> tuple[str, ...] | None:
    """Accept one kind, several, or None."""
    if kinds is None or kinds == "" or kinds == ():
        return None
    if isinstance(kinds, str):
        return (kinds,)
    return tuple(sorted(set(kinds))) or None


class SearchIndex:
    """A bilingual, typo-tolerant search index in a directory; hold one per worker process.

    :param path: the directory the index lives in; the library owns it entirely.
    :param cache_size: results and suggestions remembered per index generation (0 disables).
    :param refresh_interval: seconds between checks for a newer generation (0: every search).
    :param build_processes: processes a rebuild indexes with (Whoosh's multiprocessing writer;
        each makes one segment). 1 is right for the app's few thousand documents.
    """

    def __init__(
        self,
        path: str | os.PathLike,
        *,
        cache_size: int = 256,
        refresh_interval: float = 0.0,
        build_processes: int = 1,
    ):
        self.path = Path(path)
        self.build_processes = max(int(build_processes), 1)
        self.cache_size = cache_size
        self.refresh_interval = refresh_interval
        self._lock = threading.RLock()
        self._snapshot: Snapshot | None = None
        self._checked_at = float("-inf")

    # Storage

    def _current_dir(self) -> Path | None:
        """The generation directory the ``current`` link points at, or None."""
        try:
            target = os.readlink(self.path / CURRENT)
        except OSError:
            return None
        directory = self.path / target
        return directory if directory.is_dir() else None

    def exists(self) -> bool:
        """Tell whether an index has been built (it may still be damaged; see :meth:`check`)."""
        directory = self._current_dir()
        return directory is not None and whoosh_index.exists_in(str(directory))

    def generation(self) -> str:
        """Name the state of the index on disk; changes with every commit and every swap.

        Cheap: one ``readlink`` and one directory listing, no file is opened.
        """
        directory = self._current_dir()
        if directory is None:
            return ""
        try:
            return f"{directory.name}/{_latest_toc(directory)}"
        except OSError:
            return ""

    def check(self) -> bool:
        """Open the index and read it through; False if it is missing or damaged, never raises."""
        try:
            directory = self._current_dir()
            if directory is None or not whoosh_index.exists_in(str(directory)):
                return False
            toc = _latest_toc(directory)
            manifest_path = directory / f"manifest-{toc}.json"
            if manifest_path.exists():
                manifest = json.loads(manifest_path.read_text())
                for name, (size, crc) in manifest["files"].items():
                    file_path = directory / name
                    if file_path.stat().st_size != size or _crc32(file_path) != crc:
                        return False
            ix = whoosh_index.open_dir(str(directory))
            with ix.searcher() as searcher:
                reader = searcher.reader()
                for leaf, _ in reader.leaf_readers():
                    count = leaf.doc_count_all()
                    if count:
                        leaf.stored_fields(0)
                        leaf.stored_fields(count - 1)
                for fieldname in ("key", "kind", "exact"):
                    for position, term in enumerate(reader.lexicon(fieldname)):
                        list(reader.postings(fieldname, term).all_ids())
                        if position > 50:
                            break
                docnum = searcher.document_number(key=STATE_KEY)
                if docnum is None:
                    return False
                json.loads(searcher.stored_fields(docnum)["state"])
            return True
        except Exception:  # noqa: BLE001 - any failure to read means damaged, by contract
            return False

    def _new_generation_dir(self) -> Path:
        """Create a fresh, uniquely named generation directory."""
        self.path.mkdir(parents=True, exist_ok=True)
        directory = self.path / f"gen-{time.time_ns():x}-{os.getpid()}"
        directory.mkdir()
        (directory / ".building").touch()
        return directory

    def _swap(self, directory: Path) -> None:
        """Point ``current`` at a finished generation in one atomic rename."""
        temporary = self.path / f".current-{os.getpid()}-{threading.get_ident()}"
        temporary.unlink(missing_ok=True)
        os.symlink(directory.name, temporary)
        os.replace(temporary, self.path / CURRENT)

    def _remove_old_generations(self, keep: set[str]) -> None:
        """Delete generations no searcher should still need: all but current and the one before.

        The previous generation is kept so workers that have not yet noticed the swap keep
        answering from it; it goes with the next rebuild. Unfinished builds are left alone
        unless they are older than :data:`STALE_BUILD_SECONDS` (a crashed rebuild).
        """
        now = time.time()
        for entry in os.scandir(self.path):
            if not entry.is_dir(follow_symlinks=False) or not _GENERATION_DIR.match(entry.name):
                continue
            if entry.name in keep:
                continue
            marker = Path(entry.path) / ".building"
            if marker.exists() and now - marker.stat().st_mtime < STALE_BUILD_SECONDS:
                continue
            shutil.rmtree(entry.path, ignore_errors=True)

    def rebuild(self, documents: Iterable[Document], state: dict) -> None:
        """Build a complete new index from ``documents`` and swap it in atomically.

        Searches keep answering from the old generation until the swap; ``state`` is stored in
        the same commit as the documents.

        :param documents: every document the index should hold.
        :param state: the app's JSON-serialisable cursor as of ``documents``.
        """
        json.dumps(state)
        documents = list(documents)
        for document in documents:
            _validate(document)
        frequent = frequent_words(document_frequencies(documents), len(documents))
        directory = self._new_generation_dir()
        try:
            ix = whoosh_index.create_in(str(directory), build_schema())
            if self.build_processes > 1:
                writer = ix.writer(procs=self.build_processes, multisegment=True, limitmb=256)
            else:
                writer = ix.writer(limitmb=256)
            seen: set[str] = set()
            try:
                for document in documents:
                    if document.key in seen:
                        writer.update_document(**document_fields(document, frequent))
                    else:
                        writer.add_document(**document_fields(document, frequent))
                    seen.add(document.key)
                writer.add_document(**state_fields(state, frequent))
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            ix.close()
            _write_manifest(directory)
        except BaseException:
            shutil.rmtree(directory, ignore_errors=True)
            raise
        previous = self._current_dir()
        self._swap(directory)
        (directory / ".building").unlink(missing_ok=True)
        keep = {directory.name} | ({previous.name} if previous else set())
        self._remove_old_generations(keep)
        self._checked_at = float("-inf")

    def apply(
        self,
        upserts: Iterable[Document],
        deletes: Iterable[str],
        state: dict,
        *,
        wait: bool = False,
    ) -> bool:
        """Add or replace documents, delete others and store ``state``, all in one commit.

        :param upserts: documents to add or replace (by key).
        :param deletes: keys of documents to remove; an upsert of the same key wins.
        :param state: the app's cursor after these changes, committed with them.
        :param wait: block until the write lock is free (up to :data:`LOCK_TIMEOUT` seconds).
        :return: True when committed; False when another writer holds the lock and ``wait`` is False.
        :raises IndexLocked: when ``wait`` is True and the lock stays taken.
        """
        json.dumps(state)
        latest: dict[str, Document] = {}
        for document in upserts:
            _validate(document)
            latest[document.key] = document
        removed = [key for key in dict.fromkeys(deletes) if key not in latest and key != STATE_KEY]
        if not self.exists():
            self.rebuild([], {})
        directory = self._current_dir()
        ix = whoosh_index.open_dir(str(directory))
        try:
            try:
                writer = ix.writer(timeout=LOCK_TIMEOUT if wait else 0.0, delay=0.05)
            except LockError:
                if wait:
                    raise IndexLocked(f"the index at {self.path} stayed locked for {LOCK_TIMEOUT} s")
                return False
            try:
                frequent = _frequent_words_of(writer)
                for key in removed:
                    writer.delete_by_term("key", key)
                for document in latest.values():
                    writer.update_document(**document_fields(document, frequent))
                writer.update_document(**state_fields(state, frequent))
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
        finally:
            ix.close()
        _write_manifest(directory)
        self._checked_at = float("-inf")
        return True

    def state(self) -> dict:
        """The state stored by the last commit or rebuild (``{}`` for a missing index)."""
        with self._lock:
            snapshot = self._current_snapshot(force=True)
            return snapshot.state() if snapshot else {}

    def close(self) -> None:
        """Close the open searcher; the object can still be used and reopens on demand."""
        with self._lock:
            if self._snapshot is not None:
                self._snapshot.close()
                self._snapshot = None
            self._checked_at = float("-inf")

    # Reading

    def _current_snapshot(self, force: bool = False) -> Snapshot | None:
        """Return the open searcher, reopening it only when the generation changed."""
        now = time.monotonic()
        if (
            not force
            and self._snapshot is not None
            and now - self._checked_at < self.refresh_interval
        ):
            return self._snapshot
        generation = self.generation()
        self._checked_at = now
        if self._snapshot is not None and self._snapshot.generation == generation:
            return self._snapshot
        if self._snapshot is not None:
            self._snapshot.close()
            self._snapshot = None
        if not generation:
            return None
        directory = self.path / generation.split("/")[0]
        try:
            ix = whoosh_index.open_dir(str(directory))
            self._snapshot = open_snapshot(ix, generation, self.cache_size)
        except FileNotFoundError:
            return None  # swapped away under us; the next call sees the new generation
        except Exception as error:  # noqa: BLE001 - Whoosh raises many kinds on damaged files
            raise SearchIndexError(f"the index at {directory} cannot be opened: {error}") from error
        return self._snapshot

    def search(
        self,
        q: str,
        *,
        kinds: str | Sequence[str] | None = None,
        cluster: str | None = None,
        round: int | None = None,
        lang: str | None = None,
        page: int = 1,
        page_size: int = 20,
    ) -> SearchResults:
        """Search everything for what a person typed.

        Words are ANDed (ORed when AND finds nothing), the last word counts as a prefix unless
        followed by a space, quoted phrases match as phrases, misspelt words of 4+ letters
        match words one edit away (8+ letters: two). Nothing typed raises but over-long input.

        :param q: the raw query text, at most :data:`MAX_QUERY_LENGTH` characters.
        :param kinds: only these kinds (one kind or a sequence).
        :param cluster: only documents of this cluster slug.
        :param round: only documents of this competition round.
        :param lang: language of the snippets (``"de"``/``"en"``); by default the better match.
        :param page: 1-based page number.
        :param page_size: hits per page, 1 to :data:`MAX_PAGE_SIZE`.
        :return: the page of hits, the total, facets over all matches regardless of the
            kind/cluster/round filters, and a spelling suggestion when little was found.
        :raises QueryTooLong: when ``q`` is too long.
        :raises SearchIndexError: when the index is damaged (:meth:`check` is then False).
        """
        parsed = parse_query(q)
        kinds = _normalise_kinds(kinds)
        page = max(_as_int(page, 1), 1)
        page_size = min(max(_as_int(page_size, 20), 1), MAX_PAGE_SIZE)
        lang = lang if lang in LANGUAGES else None
        round = None if round in (None, "") else round
        cluster = None if cluster in (None, "") else cluster
        with self._lock:
            snapshot = self._current_snapshot()
            if snapshot is None or parsed.empty:
                return SearchResults(0, [], _empty_facets(), None, page, page_size)
            key = (q, kinds, cluster, round, lang, page, page_size)
            cached = snapshot.results.lookup(key)
            if cached is not None:
                return cached
            try:
                results = self._search(snapshot, parsed, kinds, cluster, round, lang, page, page_size)
            except (OSError, EOFError, ValueError, KeyError, IndexError, zlib.error) as error:
                raise SearchIndexError(f"the index at {self.path} could not be read: {error}") from error
            snapshot.results.remember(key, results)
            return results

    def _search(self, snapshot, parsed, kinds, cluster, round, lang, page, page_size) -> SearchResults:
        """Run a parsed query against one snapshot (the caller holds the lock)."""
        plan = build_plan(parsed, snapshot)
        matched = snapshot.plan_bits(plan, conjunction=True)
        if not matched and len(plan.clauses) > 1:  # nothing has every word: any word will do
            matched = snapshot.plan_bits(plan, conjunction=False)
        facets = snapshot.facet_counts(matched)
        allowed = snapshot.filter_bits(kinds, cluster, round)
        selected = matched if allowed is None else matched & allowed
        total = selected.bit_count()
        hits: list[SearchHit] = []
        start = (page - 1) * page_size
        if start < total:
            ranked = self._ranked(snapshot, plan, selected, start + page_size, total)
            for score, docnum, stored in ranked[start : start + page_size]:
                hits.append(_make_hit(snapshot, docnum, stored, score, plan, lang))
        did_you_mean = None
        if matched.bit_count() < FEW_RESULTS:
            did_you_mean = self._correction(snapshot, parsed, matched.bit_count())
        return SearchResults(total, hits, facets, did_you_mean, page, page_size)

    @staticmethod
    def _ranked(snapshot: Snapshot, plan: QueryPlan, selected: int, limit: int, total: int):
        """Score, sort with a stable tie-break (kind, then key) and return ``limit`` hits or more.

        When scores tie across the page boundary, more are fetched until they do not, so the
        order never depends on Whoosh's internal document numbers.
        """
        scores = snapshot.bm25.scores(plan, selected, snapshot.frequent)
        fetch = min(limit + 1, total)
        while True:
            top = best(scores, fetch)
            if len(top) < fetch or fetch >= total:
                break
            if round(top[-1][0], 6) != round(top[limit - 1][0], 6):
                break
            fetch = min(fetch * 2, total)
        entries = []
        for score, docnum in top:
            stored = snapshot.stored(docnum)
            entries.append((score, docnum, stored))
        entries.sort(
            key=lambda entry: (
                -round(entry[0], 6),
                _KIND_ORDER.get(entry[2]["kind"], len(_KIND_ORDER)),
                entry[2]["kind"],
                entry[2]["key"],
            )
        )
        return entries

    def _correction(self, snapshot: Snapshot, parsed: ParsedQuery, found: int) -> str | None:
        """Propose the query with misspelt words replaced, if that finds more than ``found``.

        Unlike the fuzzy matching inside a search, the first letter may be wrong here
        (``nedizin`` -> ``medizin``); to stay cheap, only one edit is allowed then.
        """
        corrected = []
        changed = False
        for word in parsed.words:
            best = None
            if len(word) >= 3 and word.isalpha() and not snapshot.has_term("exact", word):
                candidates = fuzzy_terms(snapshot.reader, word) + fuzzy_terms(snapshot.reader, word, 1, 0)
                if candidates:
                    best = min(candidates, key=lambda candidate: candidate[1])[0]
            corrected.append(best or word)
            changed = changed or best is not None
        if not changed:
            return None
        plan = build_plan(ParsedQuery(corrected, parsed.phrases, False), snapshot, fuzzy=False)
        count = snapshot.plan_bits(plan).bit_count() or snapshot.plan_bits(plan, False).bit_count()
        if count <= found:
            return None
        shown = [_display_word(snapshot, word) for word in corrected]
        shown.extend('"' + " ".join(phrase) + '"' for phrase in parsed.phrases)
        return " ".join(shown)

    def suggest(self, prefix: str, *, limit: int = 8, lang: str | None = None) -> list[Suggestion]:
        """Complete the word being typed from titles, names and keywords, most useful first.

        :param prefix: the text typed so far; its last word is completed.
        :param limit: at most this many suggestions (1 to 20).
        :param lang: complete from this language's vocabulary only (``"de"``/``"en"``).
        :return: suggestions deduplicated case-insensitively; terms by document frequency,
            then titles of the best-matching documents.
        :raises QueryTooLong: when ``prefix`` is longer than :data:`MAX_QUERY_LENGTH`.
        :raises SearchIndexError: when the index is damaged (:meth:`check` is then False).
        """
        if prefix is None:
            return []
        if len(prefix) > MAX_QUERY_LENGTH:
            raise QueryTooLong(len(prefix), MAX_QUERY_LENGTH)
        typed = words(prefix)
        if not typed or prefix[-1:].isspace():
            return []
        word = typed[-1]
        limit = min(max(int(limit or 8), 1), 20)
        lang = lang if lang in LANGUAGES else None
        with self._lock:
            snapshot = self._current_snapshot()
            if snapshot is None:
                return []
            key = (word, limit, lang)
            cached = snapshot.suggestions.lookup(key)
            if cached is not None:
                return list(cached)
            try:
                result = _suggest(snapshot, word, limit, lang)
            except (OSError, EOFError, ValueError, KeyError, IndexError, zlib.error) as error:
                raise SearchIndexError(f"the index at {self.path} could not be read: {error}") from error
            snapshot.suggestions.remember(key, tuple(result))
            return result


def _frequent_words_of(writer) -> frozenset[str]:
    """Read the frequent words the generation was built with, so new documents pair the same."""
    with writer.searcher() as searcher:
        stored = searcher.document(key=STATE_KEY) or {}
    return frozenset(stored.get("frequent") or COMMON_WORDS)


def _validate(document: Document) -> None:
    """Refuse documents the index could not tell apart or would mistake for its own state."""
    if not document.key or document.key == STATE_KEY:
        raise SearchIndexError(f"invalid document key {document.key!r}")


def _empty_facets() -> dict[str, dict[str, int]]:
    """Facets of an empty result."""
    return {"kind": {}, "cluster": {}, "round": {}, "field": {}}


def _snippet_language(snapshot: Snapshot, docnum: int, doc: dict, plan: QueryPlan) -> str:
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


def _make_hit(snapshot: Snapshot, docnum: int, stored: dict, score: float, plan: QueryPlan, lang: str | None) -> SearchHit:
    """Render a hit: titles, and a snippet in the requested or the better-matching language."""
    doc = stored["doc"]
    titles, texts = doc["titles"], doc["texts"]
    if lang is None:
        lang = _snippet_language(snapshot, docnum, doc, plan)
    text = texts.get(lang) or titles.get(lang) or ""
    return SearchHit(
        kind=doc["kind"],
        key=stored["key"],
        slug=doc["slug"],
        score=float(score),
        titles=dict(titles),
        snippet=make_snippet(text, plan.forms),
        lang=lang,
    )


def _vocabulary_fields(lang: str | None) -> list[str]:
    """The suggestion vocabularies to consult for a language (both when none is given)."""
    return [f"vocabulary_{language}" for language in ((lang,) if lang else LANGUAGES)]


def _display_word(snapshot: Snapshot, word: str) -> str:
    """Spell a folded word as the documents write it (lower-cased), e.g. ``elektromobilität``."""
    best = None
    for fieldname in _vocabulary_fields(None):
        for term, info in snapshot.reader.iter_prefix(fieldname, word + VOCABULARY_SEPARATOR):
            term = term.decode("utf-8") if isinstance(term, bytes) else term
            shown = term.split(VOCABULARY_SEPARATOR, 1)[1][1:]
            if best is None or info.doc_frequency() > best[0]:
                best = (info.doc_frequency(), shown.lower())
    return best[1] if best else word


def _suggest(snapshot: Snapshot, word: str, limit: int, lang: str | None) -> list[Suggestion]:
    """Collect term and title completions for one folded prefix."""
    terms: dict[str, list] = {}
    for fieldname in _vocabulary_fields(lang):
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
        candidates = list(doc.get("names") or []) + [doc["titles"].get(language, "") for language in languages]
        for candidate in candidates:
            if any(folded.startswith(word) for folded in words(candidate)):
                if candidate not in titles:
                    titles.append(candidate)
                break
        if len(titles) >= limit:
            break
    return titles
