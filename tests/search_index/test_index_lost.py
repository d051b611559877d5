"""An index lost or damaged under an open searcher: the open generation answers, condition() says what happened."""

import os
import shutil
from dataclasses import replace

import search_index.index as index_module
import search_index.schema as schema_module
from search_index import SearchIndex
from tests.search_index.test_index_storage import keys, segment_files, session


def built(tmp_path) -> SearchIndex:
    index = SearchIndex(tmp_path / "index")
    index.rebuild([session(number) for number in range(30)], {"cursor": 30})
    return index


def test_a_deleted_directory_leaves_the_open_generation_answering(tmp_path):
    index = built(tmp_path)
    before = index.search("podiumsdiskussion", page_size=50)
    assert before.total == 30 and index.condition() == "sound"
    shutil.rmtree(index.path)
    assert index.condition() == "lost"
    after = index.search("podiumsdiskussion", page_size=50)
    assert (after.total, keys(after)) == (before.total, keys(before))
    assert index.search("zebrafisch7").total == 1  # a query never asked before, read from the open files
    assert index.suggest("Podium")
    assert index.state() == {"cursor": 30}


def test_deleted_files_or_a_replaced_segment_leave_the_open_generation_answering(tmp_path):
    index = built(tmp_path)
    before = keys(index.search("zebrafisch3"))
    [segment] = segment_files(index)
    replacement = segment.with_name("replacement")
    replacement.write_bytes(b"garbage" * 100)
    os.replace(replacement, segment)  # a new file under the old name
    assert index.condition() == "lost"
    assert keys(index.search("zebrafisch3")) == before
    for path in segment.parent.iterdir():
        path.unlink()
    assert index.generation() == "" and index.condition() == "lost"
    assert keys(index.search("zebrafisch3")) == before


def test_a_segment_changed_in_place_is_damaged(tmp_path):
    index = built(tmp_path)
    index.search("zebrafisch3")
    [segment] = segment_files(index)
    with open(segment, "r+b") as handle:
        handle.seek(segment.stat().st_size // 2)
        handle.write(os.urandom(64))
    assert index.condition() == "damaged"


def test_without_an_index_on_disk_or_open_it_is_missing_and_a_rebuild_makes_it_sound(tmp_path):
    index = SearchIndex(tmp_path / "index")
    assert index.condition() == "missing"
    index.rebuild([session(1)], {})
    assert index.condition() == "sound"
    index.search("zebrafisch1")
    index.apply([session(2)], [], {})  # a newer commit is not damage
    assert index.condition() == "sound"
    assert index.search("zebrafisch2").total == 1 and index.condition() == "sound"


def test_an_index_of_another_stored_format_is_not_sound_and_a_rebuild_makes_it_so(tmp_path, monkeypatch):
    """Hits read stored fields an older index lacks: at start such an index is rebuilt like a damaged one."""
    index = built(tmp_path)
    assert index.check()
    # What a later version of the code would write and expect.
    monkeypatch.setattr(index_module, "STORED_FORMAT", schema_module.STORED_FORMAT + 1)
    monkeypatch.setattr(schema_module, "STORED_FORMAT", schema_module.STORED_FORMAT + 1)
    assert not index.check()
    index.rebuild([session(1)], {})
    assert index.check()


def test_what_a_document_shows_comes_back_on_its_hits(tmp_path):
    index = SearchIndex(tmp_path / "index")
    shown = {"source": "https://example.org/podium", "room": "Saal 1", "clusters": ["its-owl"]}
    index.rebuild([replace(session(1), shown=shown), session(2)], {})
    hits = {hit.slug: hit for hit in index.search("zebrafisch").hits}
    assert hits["podium-1"].shown == shown
    assert hits["podium-2"].shown == {}
