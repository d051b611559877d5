"""Folding, stemming helpers and query parsing, without an index."""

import pytest

from search_index import MAX_QUERY_LENGTH, QueryTooLong
from search_index.analysis import (
    MAX_PREFIX_LENGTH,
    compound_parts,
    damerau_distance,
    edge_grams,
    fold_word,
    umlaut_variant,
    words,
)
from search_index.query import parse_query


@pytest.mark.parametrize(
    "written, folded",
    [
        ("Elektromobilität", "elektromobilitat"),
        ("ELEKTROMOBILITÄT", "elektromobilitat"),
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("it's", "its"),
        ("it’s", "its"),
        ("Café", "cafe"),
        ("m4", "m4"),
    ],
)
def test_fold_word_makes_spelling_variants_equal(written, folded):
    assert fold_word(written) == folded


def test_words_split_on_hyphens_punctuation_emoji_and_control_characters():
    assert words("Carbon-Leichtbauteile, it's OWL!\x00😀m4") == ["carbon", "leichtbauteile", "its", "owl", "m4"]


def test_umlaut_variant_turns_digraphs_into_folded_umlauts():
    assert umlaut_variant("elektromobilitaet") == "elektromobilitat"
    assert umlaut_variant("muenchen") == "munchen"
    assert umlaut_variant("carbon") is None


def test_edge_grams_start_at_two_characters_and_are_capped():
    assert edge_grams("carbon") == ["ca", "car", "carb", "carbo", "carbon"]
    assert max(len(gram) for gram in edge_grams("elektromobilitaetsforschung")) == MAX_PREFIX_LENGTH


def test_compound_parts_are_the_tails_of_long_stems():
    parts = compound_parts("leichtbauteil")
    assert "bauteil" in parts and "teil" in parts
    assert "leichtbauteil" not in parts
    assert compound_parts("carbon") == []


@pytest.mark.parametrize(
    "left, right, distance",
    [("carbon", "carbon", 0), ("carbn", "carbon", 1), ("leichtbua", "leichtbau", 1), ("maschnenbuu", "maschinenbau", 2)],
)
def test_damerau_distance_counts_swaps_as_one_edit(left, right, distance):
    assert damerau_distance(left, right, 2) == distance


def test_parse_query_separates_phrases_and_words():
    parsed = parse_query('carbon "technische systeme" leicht')
    assert parsed.phrases == [["technische", "systeme"]]
    assert parsed.words == ["carbon", "leicht"]
    assert parsed.last_is_prefix


def test_parse_query_last_word_is_complete_after_a_space():
    assert not parse_query("carbon ").last_is_prefix


def test_parse_query_drops_stopwords_only_when_other_words_remain():
    assert parse_query("die Maschinen der Zukunft").words == ["maschinen", "zukunft"]
    assert parse_query("die").words == ["die"]


def test_parse_query_ignores_lone_quotes_and_syntax():
    parsed = parse_query('"(*~ AND OR')
    assert parsed.words and set(parsed.words) <= {"and", "or"}
    assert parsed.phrases == []


def test_parse_query_refuses_over_long_input():
    parse_query("x" * MAX_QUERY_LENGTH)
    with pytest.raises(QueryTooLong):
        parse_query("x" * (MAX_QUERY_LENGTH + 1))
