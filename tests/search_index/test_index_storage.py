"""Writing, state, locking, generations, atomic rebuilds and damage detection, on a real disk."""

import os
import threading
import time
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

import search_index.index as index_module
from search_index import Document, IndexLocked, SearchIndex, SearchIndexError


def session(number: int, title: str = "Podiumsdiskussion") -> Document:
    """A programme session with a distinctive word, easy to find after a write."""
    return Document(
        kind="session",
        key=f"session:{100 + number}",
        slug=f"podium-{number}",
        titles={"de": f"{title} {number}", "en": f"Panel {number}"},
        texts={"de": f"Zebrafisch{number} im Gespräch.", "en": f"Zebrafish{number} in conversation."},
    )


def keys(results) -> list[str]:
    """The keys of a page of hits, in rank order."""
    return [hit.key for hit in results.hits]


def whoosh_writer(index: SearchIndex):
    """Take the Whoosh write lock the way a second, independent writer would."""
    return whoosh_index.open_dir(str(index.path / "current")).writer()


def segment_files(index: SearchIndex) -> list[Path]:
    """The Whoosh segment files of the current generation."""
    return sorted((index.path / "current").resolve().glob("*.seg"))


def test_new_index_does_not_exist_and_has_no_state(tmp_path):
    index = SearchIndex(tmp_path / "nothing")
    assert not index.exists()
    assert not index.check()
    assert index.state() == {}
    assert index.generation() == ""
    assert index.search("carbon").total == 0
    assert index.suggest("car") == []


def test_rebuild_creates_a_checked_index_with_state(fresh_index):
    assert fresh_index.exists()
    assert fresh_index.check()
    assert fresh_index.state() == {"cursor": 14}


def test_apply_adds_replaces_and_deletes_in_one_commit(fresh_index):
    assert fresh_index.apply([session(1)], ["project:1"], {"cursor": 15})
    assert keys(fresh_index.search("zebrafisch1 ")) == ["session:101"]
    assert fresh_index.search("Luftfahrt ").total == 0
    assert fresh_index.state() == {"cursor": 15}

    assert fresh_index.apply([session(1, title="Kaffeepause")], [], {"cursor": 16})
    assert fresh_index.search("kaffeepause ").total == 1
    assert fresh_index.search("podiumsdiskussion ").total == 0
    assert fresh_index.search("zebrafisch1 ").total == 1  # replaced, not duplicated


def test_upsert_wins_over_delete_of_the_same_key(fresh_index):
    assert fresh_index.apply([session(2)], ["session:102"], {"cursor": 15})
    assert fresh_index.search("zebrafisch2 ").total == 1


def test_apply_creates_a_missing_index(tmp_path):
    index = SearchIndex(tmp_path / "index")
    assert index.apply([session(3)], [], {"cursor": 1})
    assert index.exists() and index.check()
    assert keys(index.search("zebrafisch3 ")) == ["session:103"]
    assert index.state() == {"cursor": 1}


def test_generation_changes_with_every_commit_and_not_with_reads(fresh_index):
    before = fresh_index.generation()
    fresh_index.search("carbon")
    fresh_index.suggest("car")
    assert fresh_index.generation() == before
    fresh_index.apply([session(4)], [], {"cursor": 15})
    after_apply = fresh_index.generation()
    assert after_apply != before
    fresh_index.rebuild([session(5)], {"cursor": 16})
    assert fresh_index.generation() not in (before, after_apply)


def test_apply_returns_false_while_another_writer_holds_the_lock(fresh_index):
    writer = whoosh_writer(fresh_index)
    try:
        generation = fresh_index.generation()
        started = time.monotonic()
        assert fresh_index.apply([session(6)], [], {"cursor": 99}) is False
        assert time.monotonic() - started < 1.0
        assert fresh_index.generation() == generation
        assert fresh_index.state() == {"cursor": 14}
        assert fresh_index.search("zebrafisch6 ").total == 0
    finally:
        writer.cancel()
    assert fresh_index.apply([session(6)], [], {"cursor": 99}) is True
    assert fresh_index.search("zebrafisch6 ").total == 1


def test_apply_with_wait_blocks_until_the_lock_is_free(fresh_index):
    writer = whoosh_writer(fresh_index)
    releaser = threading.Timer(0.3, writer.cancel)
    releaser.start()
    started = time.monotonic()
    assert fresh_index.apply([session(7)], [], {"cursor": 20}, wait=True) is True
    assert time.monotonic() - started >= 0.25
    releaser.join()
    assert fresh_index.state() == {"cursor": 20}


def test_apply_with_wait_gives_up_with_index_locked(fresh_index, monkeypatch):
    monkeypatch.setattr(index_module, "LOCK_TIMEOUT", 0.2)
    writer = whoosh_writer(fresh_index)
    try:
        with pytest.raises(IndexLocked):
            fresh_index.apply([session(8)], [], {"cursor": 21}, wait=True)
    finally:
        writer.cancel()


def test_a_failing_apply_commits_neither_content_nor_state(fresh_index):
    broken = Document(kind="session", key="session:999", slug="broken", titles=None)
    generation = fresh_index.generation()
    with pytest.raises(Exception):
        fresh_index.apply([session(9), broken], [], {"cursor": 50})
    assert fresh_index.generation() == generation
    assert fresh_index.state() == {"cursor": 14}
    assert fresh_index.search("zebrafisch9 ").total == 0
    assert fresh_index.apply([session(9)], [], {"cursor": 51})  # the lock was released


def test_state_is_committed_with_the_content(fresh_index):
    reader = SearchIndex(fresh_index.path)
    for number in range(10, 15):
        fresh_index.apply([session(number)], [], {"cursor": number})
        state = reader.state()
        # Whatever generation a reader sees, its state names the last document it contains.
        assert state == {"cursor": number}
        assert reader.search(f"zebrafisch{number} ").total == 1
        assert reader.search(f"zebrafisch{number + 1} ").total == 0
    reader.close()


def test_concurrent_writers_lose_nothing(fresh_index):
    def write(worker: int):
        index = SearchIndex(fresh_index.path)
        for step in range(5):
            number = 200 + worker * 10 + step
            assert index.apply([session(number)], [], {"cursor": number}, wait=True)
        index.close()

    threads = [threading.Thread(target=write, args=(worker,)) for worker in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results = fresh_index.search("podiumsdiskussion ", page_size=100)
    assert results.total == 15


def test_reader_sees_writes_from_another_index_object(fresh_index):
    reader = SearchIndex(fresh_index.path)
    assert reader.search("zebrafisch30 ").total == 0
    writer = SearchIndex(fresh_index.path)
    writer.apply([session(30)], [], {"cursor": 30})
    assert reader.search("zebrafisch30 ").total == 1
    reader.close()
    writer.close()


def test_refresh_interval_defers_reopening(fresh_index):
    reader = SearchIndex(fresh_index.path, refresh_interval=3600, cache_size=0)
    assert reader.search("zebrafisch31 ").total == 0
    SearchIndex(fresh_index.path).apply([session(31)], [], {"cursor": 31})
    assert reader.search("zebrafisch31 ").total == 0  # still the old searcher
    assert reader.state() == {"cursor": 31}  # state() always reads the latest commit
    assert reader.search("zebrafisch31 ").total == 1
    reader.close()


def test_rebuild_swaps_atomically_while_searches_keep_answering(fresh_index):
    searcher = SearchIndex(fresh_index.path, cache_size=0)
    assert searcher.search("Luftfahrt ").total == 1
    replacement = [session(number) for number in range(40, 60)]
    started = threading.Event()

    def slow_documents():
        for document in replacement:
            started.set()
            time.sleep(0.02)
            yield document

    rebuilder = threading.Thread(target=SearchIndex(fresh_index.path).rebuild, args=(slow_documents(), {"cursor": 60}))
    rebuilder.start()
    started.wait()
    answers = []
    while rebuilder.is_alive():
        answers.append(searcher.search("Luftfahrt ").total)
        time.sleep(0.01)
    rebuilder.join()
    assert answers and set(answers) == {1}  # the old generation answered throughout
    assert searcher.search("Luftfahrt ").total == 0
    assert searcher.search("podiumsdiskussion ", page_size=100).total == 20
    assert searcher.state() == {"cursor": 60}
    assert len(list(fresh_index.path.glob("gen-*"))) == 2  # current and the one before
    searcher.close()


def test_a_searcher_opened_before_a_rebuild_still_reads_the_old_generation(fresh_index):
    snapshot = fresh_index._current_snapshot()
    SearchIndex(fresh_index.path).rebuild([session(61)], {"cursor": 61})
    assert snapshot.state() == {"cursor": 14}  # files of the previous generation are kept
    assert fresh_index.search("zebrafisch61 ").total == 1


def test_old_generations_are_removed_after_two_rebuilds(fresh_index):
    first = (fresh_index.path / "current").resolve()
    fresh_index.rebuild([session(62)], {})
    fresh_index.rebuild([session(63)], {})
    assert not first.exists()
    assert len(list(fresh_index.path.glob("gen-*"))) == 2


def test_check_detects_garbage_in_a_segment_file_and_rebuild_repairs_it(fresh_index):
    segment = segment_files(fresh_index)[0]
    data = bytearray(segment.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = os.urandom(64)
    segment.write_bytes(bytes(data))
    assert fresh_index.check() is False
    fresh_index.rebuild([session(70)], {"cursor": 70})
    assert fresh_index.check() is True
    assert fresh_index.search("zebrafisch70 ").total == 1


def test_search_on_a_damaged_index_raises_search_index_error(tmp_path):
    index = SearchIndex(tmp_path / "index")
    index.rebuild([session(number) for number in range(30)], {})
    for segment in segment_files(index):
        segment.write_bytes(b"\x00" * segment.stat().st_size)
    with pytest.raises(SearchIndexError):
        index.search("podiumsdiskussion zebrafisch1")
    assert index.check() is False


def test_check_detects_a_truncated_segment_file(fresh_index):
    segment = segment_files(fresh_index)[0]
    with open(segment, "r+b") as handle:
        handle.truncate(segment.stat().st_size // 3)
    assert fresh_index.check() is False


def test_check_detects_a_deleted_generation(fresh_index):
    directory = (fresh_index.path / "current").resolve()
    for path in directory.iterdir():
        path.unlink()
    assert fresh_index.check() is False
    assert not fresh_index.exists()


def test_check_detects_a_garbage_table_of_contents(fresh_index):
    toc = sorted((fresh_index.path / "current").resolve().glob("_MAIN_*.toc"))[-1]
    toc.write_bytes(b"\x00garbage" * 10)
    assert fresh_index.check() is False


def test_check_passes_after_several_applies(fresh_index):
    for number in range(80, 84):
        fresh_index.apply([session(number)], [f"session:{number + 99}"], {"cursor": number})
    assert fresh_index.check() is True


def test_a_rebuilt_segment_is_plain_whoosh_and_takes_commits(fresh_index):
    """The rebuild's writer leaves W3 segments any Whoosh reader and writer handles, short posting lists inline."""
    ix = whoosh_index.open_dir(str(fresh_index._current_dir()))
    assert [type(segment.codec()).__module__ for segment in ix._segments()] == ["whoosh.codec.whoosh3"]
    with ix.searcher() as searcher:
        assert searcher.document(key="cluster:1")["doc"]["slug"] == "its-owl"
        assert list(searcher.reader().postings("key", "cluster:1").all_ids()) == [searcher.document_number(key="cluster:1")]
    ix.close()
    fresh_index.apply([session(90)], ["cluster:1"], {"cursor": 90})
    assert fresh_index.search("zebrafisch90 ").total == 1
    assert fresh_index.search("OstWestfalenLippe ").total == 0
    assert fresh_index.check()
