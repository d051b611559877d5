"""Completions of the word being typed."""


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
