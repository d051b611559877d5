"""Completions of the word being typed."""

from tests.search_index.test_index_storage import session


def texts(suggestions) -> list[str]:
    """The texts of suggestions, in order."""
    return [suggestion.text for suggestion in suggestions]


def test_suggest_completes_title_and_keyword_words(built_index):
    found = texts(built_index.suggest("leich"))
    assert "Leichtbau" in found
    assert any("Leichtbauteile" in text for text in found)


def test_suggest_completes_names(built_index):
    suggestions = built_index.suggest("it")
    assert suggestions[0].text == "it's OWL"
    assert suggestions[0].kind == "title"
    assert "it's OWL" in texts(built_index.suggest("ow"))


def test_suggest_folds_umlauts_and_keeps_the_written_form(built_index):
    for typed in ("elektrom", "Elektrom", "elektromö"[:8]):
        assert "Elektromobilität" in texts(built_index.suggest(typed))


def test_suggest_completes_only_the_last_word(built_index):
    assert "Luftfahrt" in texts(built_index.suggest("carbon luft"))


def test_suggest_orders_terms_by_document_frequency(built_index):
    terms = [s.text for s in built_index.suggest("m", limit=20) if s.kind == "term"]
    assert terms.index("Mobilität") < terms.index("Mikroelektronik") < terms.index("Medizin")


def test_suggest_dedupes_case_insensitively_and_respects_limit(built_index):
    suggestions = built_index.suggest("c", limit=3)
    assert len(suggestions) <= 3
    folded = [text.casefold() for text in texts(built_index.suggest("c", limit=20))]
    assert len(folded) == len(set(folded))


def test_suggest_by_language(built_index):
    assert "Aircraft" not in texts(built_index.suggest("luft", lang="en"))
    assert "aviation" in [text.casefold() for text in texts(built_index.suggest("avi", lang="en"))]
    assert "aviation" not in [text.casefold() for text in texts(built_index.suggest("avi", lang="de"))]


def test_suggest_after_a_space_or_for_nothing_is_empty(built_index):
    assert built_index.suggest("") == []
    assert built_index.suggest("carbon ") == []
    assert built_index.suggest("qqqq") == []


def whoosh_vocabulary(snapshot, fieldname: str) -> dict[str, int]:
    """The vocabulary as Whoosh's reader over all segments gives it: term to document frequency."""
    return {
        (term.decode("utf-8") if isinstance(term, bytes) else term): info.doc_frequency()
        for term, info in snapshot.reader.iter_field(fieldname)
    }


def test_after_commits_the_per_segment_vocabularies_give_what_whoosh_reads_over_all_segments(fresh_index):
    fresh_index.search("warm ")
    before = fresh_index._current_snapshot()
    for number in range(3):
        fresh_index.apply([session(70 + number, "Leichtbauforum")], ["cluster:2"], {"cursor": 20 + number})
    snapshot = fresh_index._current_snapshot(force=True)
    assert snapshot is not before and len(snapshot._leaves) > 1
    for fieldname in ("vocabulary_de", "vocabulary_en"):
        vocabulary = whoosh_vocabulary(snapshot, fieldname)
        for prefix in ("le", "leichtbau", "p", "e", "zz"):
            expected = sorted((term for term in vocabulary if term.startswith(prefix)),
                              key=lambda term: (-vocabulary[term], term))[:5]
            assert [term for term, _ in snapshot.completions(fieldname, prefix, 5)] == expected
            assert all(frequency == vocabulary[term] for term, frequency in snapshot.completions(fieldname, prefix, 5))
    exact = whoosh_vocabulary(snapshot, "exact")
    near = {term: (distance, frequency) for term, distance, frequency in snapshot.near_terms("leichtbaufroum", 2, 1)}
    assert "leichtbauforum" in near
    assert near["leichtbauforum"][1] == exact["leichtbauforum"] == 3
    assert "Leichtbauforum" in texts(fresh_index.suggest("leichtbaufo"))


def test_a_commit_reads_only_its_own_segments_vocabulary(fresh_index):
    first = fresh_index._current_snapshot()
    rebuilt_segment = first._vocabularies["exact"][0]
    fresh_index.apply([session(80)], [], {"cursor": 30})
    after = fresh_index._current_snapshot(force=True)
    assert any(vocabulary is rebuilt_segment for vocabulary in after._vocabularies["exact"])
    assert len(after._vocabularies["exact"]) == 2
