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
import shutil
import threading
import time
import zlib
from pathlib import Path
from typing import Iterable, Sequence

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from search_index.analysis import COMMON_WORDS, frequent_words, words
from search_index.codec import RebuildWriter
from search_index.errors import IndexLocked, QueryTooLong, SearchIndexError
from search_index.highlight import make_hit
from search_index.models import KINDS, LANGUAGES, Document, SearchHit, SearchResults, Suggestion
from search_index.query import MAX_QUERY_LENGTH, ParsedQuery, QueryPlan, build_plan, fuzzy_terms, parse_query
from search_index.schema import (
    STATE_KEY,
    STORED_FORMAT,
    build_schema,
    document_fields,
    document_frequencies,
    state_fields,
)
from search_index.scoring import best
from search_index.snapshot import Snapshot, open_snapshot
from search_index.storage import CURRENT, GENERATION_DIR, latest_toc, manifest_matches, write_manifest
from search_index.suggest import complete, display_word
from search_index.synonyms import NO_SYNONYMS, Synonyms

#: Largest page a search returns.
MAX_PAGE_SIZE = 100
#: Below this many matches, a spelling correction is tried for ``did_you_mean``.
FEW_RESULTS = 3
#: Seconds ``apply(wait=True)`` waits for the write lock before raising IndexLocked.
LOCK_TIMEOUT = 10.0
#: A generation directory left by a crashed rebuild is removed after this many seconds.
STALE_BUILD_SECONDS = 3600

_KIND_ORDER = {kind: position for position, kind in enumerate(KINDS)}


def _as_int(value, default: int) -> int:
    """Read a paging number leniently: anything that is not a number means the default."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def open_latest(directory: Path, attempts: int = 5):
    """Open a generation's newest commit; a writer may delete the table of contents we just listed.

    Whoosh finds the newest TOC by listing the directory, then opens it; a concurrent commit that
    cleans up older TOCs in between raises FileNotFoundError. Listing again finds the newer one.
    """
    for attempt in range(attempts):
        try:
            # Without mmap: Whoosh copies each mapped sub-file of a compound segment into a BytesIO, whole
            # (the postings, terms and columns of a 20,000-record directory: 150 MB a worker); read in place instead.
            return FileStorage(str(directory), supports_mmap=False).open_index()
        except FileNotFoundError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.01 * (attempt + 1))


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
        # (inode, size, mtime) of the files the open snapshot reads, to tell a lost or damaged generation.
        self._opened: dict[str, tuple[int, int, int]] = {}
        self._checked_at = float("-inf")
        # Vocabularies of the open generation's segments, kept across commits (segments never change).
        self._segment_vocabularies: dict = {}

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
        """Tell whether an index has been built (it may still be damaged; see :meth:`check`).

        Reads file names only: opening the table of contents could race with a writer deleting it.
        """
        directory = self._current_dir()
        return directory is not None and latest_toc(directory) >= 0

    def generation(self) -> str:
        """Name the state of the index on disk; changes with every commit and every swap.

        Cheap: one ``readlink`` and one directory listing, no file is opened.
        """
        directory = self._current_dir()
        if directory is None:
            return ""
        try:
            toc = latest_toc(directory)
        except OSError:
            return ""
        return f"{directory.name}/{toc}" if toc >= 0 else ""

    def open_generation(self) -> str:
        """The generation the last search answered from (what ``generation`` said then), or the one on disk now."""
        with self._lock:
            snapshot = self._snapshot
        return snapshot.generation if snapshot is not None else self.generation()

    def condition(self) -> str:
        """How the open generation stands on disk; cheap (a readlink, a listing, a stat per file).

        :return: ``"sound"``; ``"lost"`` when the files the open searcher reads were removed or
            replaced (it goes on answering from its own copies: POSIX keeps open files readable);
            ``"damaged"`` when one of them changed in place (its answers cannot be trusted);
            ``"missing"`` when there is no index on disk and none open.
        """
        with self._lock:
            snapshot, opened = self._snapshot, self._opened
        generation = self.generation()
        if snapshot is None:
            return "sound" if generation else "missing"
        if generation and generation != snapshot.generation:
            return "sound"  # a newer commit or rebuild, opened by the next search
        directory = self.path / snapshot.generation.split("/")[0]
        lost = not generation
        for name, (inode, size, mtime) in opened.items():
            try:
                now = os.stat(directory / name)
            except OSError:
                lost = True
                continue
            if now.st_ino != inode:
                lost = True
            elif (now.st_size, now.st_mtime_ns) != (size, mtime):
                return "damaged"
        return "lost" if lost else "sound"

    def check(self) -> bool:
        """Open the index and read it through; False if it is missing, damaged or of an older format, never raises."""
        try:
            directory = self._current_dir()
            if directory is None or latest_toc(directory) < 0:
                return False
            if not manifest_matches(directory):
                return False
            ix = open_latest(directory)
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
                meta = searcher.stored_fields(docnum)
                json.loads(meta["state"])
            return meta.get("format") == STORED_FORMAT
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
            if not entry.is_dir(follow_symlinks=False) or not GENERATION_DIR.match(entry.name):
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
                writer = RebuildWriter(ix, limitmb=256)
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
            write_manifest(directory)
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
        wait: bool | float = False,
    ) -> bool:
        """Add or replace documents, delete others and store ``state``, all in one commit.

        :param upserts: documents to add or replace (by key).
        :param deletes: keys of documents to remove; an upsert of the same key wins.
        :param state: the app's cursor after these changes, committed with them.
        :param wait: how long to wait for the write lock: False for not at all, True for up to
            :data:`LOCK_TIMEOUT` seconds, or a number of seconds.
        :return: True when committed; False when another writer holds the lock and ``wait`` is False.
        :raises IndexLocked: when the lock stays taken for as long as ``wait`` allows.
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
        ix = open_latest(directory)
        try:
            try:
                timeout = LOCK_TIMEOUT if wait is True else float(wait or 0.0)
                writer = ix.writer(timeout=timeout, delay=0.02)
            except LockError:
                if timeout > 0:
                    raise IndexLocked(f"the index at {self.path} stayed locked for {timeout:g} s")
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
        write_manifest(directory)
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
        if self._snapshot is not None and (self._snapshot.generation == generation or not generation):
            return self._snapshot  # unchanged, or gone from disk: the open files still read (see condition())
        if self._snapshot is not None:
            self._snapshot.close()
            self._snapshot = None
        if not generation:
            return None
        directory = self.path / generation.split("/")[0]
        try:
            opened = _file_identities(directory)
            ix = open_latest(directory)
            self._snapshot = open_snapshot(ix, generation, self.cache_size, self._segment_vocabularies)
            self._opened = opened
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
        synonyms: Synonyms = NO_SYNONYMS,
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
        :param synonyms: the editors' synonyms, applied to every query word (cached by their version).
        :return: the page of hits, the total, facets over all matches (each facet under the other
            facets' filters, not its own), and a spelling suggestion when little was found.
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
            key = (q, kinds, cluster, round, lang, page, page_size, synonyms.version)
            cached = snapshot.results.lookup(key)
            if cached is not None:
                return cached
            try:
                results = self._search(snapshot, parsed, kinds, cluster, round, lang, page, page_size, synonyms)
            except (OSError, EOFError, ValueError, KeyError, IndexError, zlib.error) as error:
                raise SearchIndexError(f"the index at {self.path} could not be read: {error}") from error
            snapshot.results.remember(key, results)
            return results

    def _search(self, snapshot, parsed, kinds, cluster, round, lang, page, page_size, synonyms) -> SearchResults:
        """Run a parsed query against one snapshot (the caller holds the lock)."""
        plan = build_plan(parsed, snapshot, synonyms=synonyms)
        matched = snapshot.plan_bits(plan, conjunction=True)
        if not matched and len(plan.clauses) > 1:  # nothing has every word: any word will do
            matched = snapshot.plan_bits(plan, conjunction=False)
        facets = self._facets(snapshot, matched, kinds, cluster, round)
        allowed = snapshot.filter_bits(kinds, cluster, round)
        selected = matched if allowed is None else matched & allowed
        total = selected.bit_count()
        hits: list[SearchHit] = []
        start = (page - 1) * page_size
        if start < total:
            ranked = self._ranked(snapshot, plan, selected, start + page_size, total)
            for score, docnum, stored in ranked[start : start + page_size]:
                hits.append(make_hit(snapshot, docnum, stored, score, plan, lang))
        did_you_mean = None
        if matched.bit_count() < FEW_RESULTS:
            did_you_mean = self._correction(snapshot, parsed, matched.bit_count())
        return SearchResults(total, hits, facets, did_you_mean, page, page_size)

    @staticmethod
    def _facets(snapshot: Snapshot, matched: int, kinds, cluster, round) -> dict[str, dict[str, int]]:
        """Facet counts where each facet ignores only its own filter, so a chip shows what tapping it gives.

        Counting the kind facet under the cluster filter (and the other way round) keeps every chip's
        count equal to the hits the kiosk shows after tapping it.
        """
        without_own = {
            "kind": snapshot.filter_bits(None, cluster, round),
            "cluster": snapshot.filter_bits(kinds, None, round),
            "round": snapshot.filter_bits(kinds, cluster, None),
            "field": snapshot.filter_bits(kinds, cluster, round),
        }
        facets = {}
        for name, allowed in without_own.items():
            base = matched if allowed is None else matched & allowed
            facets[name] = snapshot.facet_counts(base, name)
        return facets

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
                candidates = fuzzy_terms(snapshot, word) + fuzzy_terms(snapshot, word, 1, 0)
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
        shown = [display_word(snapshot, word) for word in corrected]
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
                result = complete(snapshot, word, limit, lang)
            except (OSError, EOFError, ValueError, KeyError, IndexError, zlib.error) as error:
                raise SearchIndexError(f"the index at {self.path} could not be read: {error}") from error
            snapshot.suggestions.remember(key, tuple(result))
            return result


def _file_identities(directory: Path) -> dict[str, tuple[int, int, int]]:
    """(inode, size, mtime) of a generation's segments and tables of contents, which Whoosh never changes."""
    identities = {}
    for entry in os.scandir(directory):
        if entry.name.endswith((".seg", ".toc")):
            status = entry.stat()
            identities[entry.name] = (status.st_ino, status.st_size, status.st_mtime_ns)
    return identities


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
