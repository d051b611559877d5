"""Spelling variants and synonyms, on a real index on disk: found in both directions, marked in snippets."""

import pytest

from search_index import Document, SearchIndex, Synonyms
from search_index.variants import spelling_variants


def doc(key: str, de: str, en: str) -> Document:
    return Document(kind="project", key=f"project:{key}", slug=key, titles={"de": de, "en": en},
                    texts={"de": de, "en": en})


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> SearchIndex:
    index = SearchIndex(tmp_path_factory.mktemp("variants"))
    index.rebuild([
        doc("photonik", "Photonik für die Medizin", "Photonics for medicine"),
        doc("grafik", "Grafik und Fotografie", "Graphics and photography"),
        doc("zentrum", "Ein Zentrum für Holz", "A centre for wood"),
        doc("optimise", "Prozesse optimieren", "Optimising processes"),
        doc("optimize", "Anlagen verbessern", "Optimizing plants"),
        doc("fiber", "Fasern", "Carbon fiber parts"),
        doc("cfk", "CFK-Bauteile", "CFRP parts"),
    ], {})
    return index


def slugs(index, q, **options) -> set[str]:
    return {hit.slug for hit in index.search(q, **options).hits}


@pytest.mark.parametrize("typed, slug", [
    ("Fotonik", "photonik"), ("Photonik", "photonik"), ("Fotoni", "photonik"),
    ("Graphik", "grafik"), ("Photographie", "grafik"), ("Centrum", "zentrum"),
    ("optimizing ", "optimise"), ("optimising ", "optimize"), ("centre ", "zentrum"), ("center ", "zentrum"),
    ("fibre ", "fiber"),
])
def test_spelling_variants_find_the_other_spelling(index, typed, slug):
    assert slug in slugs(index, typed)


def test_a_variant_is_marked_in_the_snippet(index):
    hit = next(hit for hit in index.search("Fotonik", lang="de").hits if hit.slug == "photonik")
    assert "<mark>Photonik</mark>" in hit.snippet


def test_variants_are_rewrites_in_both_directions():
    assert "fotografie" in spelling_variants("photografie") and "photographie" in spelling_variants("fotographie")
    assert "optimize" in spelling_variants("optimise") and "optimise" in spelling_variants("optimize")
    assert "centre" in spelling_variants("center") and "center" in spelling_variants("centre")
    assert spelling_variants("cfk") == []  # too short to guess at


def test_synonyms_apply_at_query_time_and_are_cached_by_version(index):
    assert slugs(index, "Kohlefaser ") == set()
    synonyms = Synonyms.from_rules([["CFK", "Kohlefaser"]], version="1")
    assert slugs(index, "Kohlefaser ", synonyms=synonyms) == {"cfk"}
    assert slugs(index, "Kohlefaser ") == set()


def test_a_one_way_rule_expands_only_its_from(index):
    synonyms = Synonyms.from_rules([], [{"from": "Leichtbau", "to": ["carbon fiber"]}], version="2")
    assert slugs(index, "Leichtbau ", synonyms=synonyms) == {"fiber"}
    assert "cfk" not in slugs(index, "carbon fiber ", synonyms=synonyms)


def test_a_multi_word_term_triggers_its_set(index):
    synonyms = Synonyms.from_rules([["CFK", "carbon fibre reinforced plastic"]], version="3")
    assert "cfk" in slugs(index, "carbon fibre reinforced plastic ", synonyms=synonyms)


def test_a_term_with_a_stopword_triggers_its_set_as_typed(index):
    synonyms = Synonyms.from_rules([["CFK", "Teile aus der Faser"]], version="4")
    assert "cfk" in slugs(index, "Teile aus der Faser ", synonyms=synonyms)
    assert "cfk" not in slugs(index, "Teile aus der Faser ")
