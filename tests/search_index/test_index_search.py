"""Search behaviour over the fixture corpus: matching, ranking, facets, filters, snippets."""

import pytest


def keys(results) -> list[str]:
    """The keys of a page of hits, in rank order."""
    return [hit.key for hit in results.hits]


@pytest.mark.parametrize(
    "query", ["Elektromobilität", "elektromobilitaet", "elektromobilitat", "ELEKTROMOBILITÄT"]
)
def test_umlaut_spellings_all_find_the_same_documents(built_index, query):
    found = keys(built_index.search(query))
    assert {"cluster:3", "project:2"} <= set(found)


@pytest.mark.parametrize("query", ["Straßenbau", "strassenbau", "STRASSENBAU", "Großmann", "grossmann"])
def test_sharp_s_and_ss_match_each_other(built_index, query):
    assert keys(built_index.search(query))[:1] == ["organisation:1"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("leichtb", "project:1"),
        ("elektrom", "project:2"),
        ("funkse", "innovation:1"),
        ("carbon luftf", "project:1"),
        ("selbstopt", "project:3"),
        ("selbstoptimieren", "project:3"),  # longer than the longest indexed n-gram
        ("ladeinfrastru", "project:2"),
    ],
)
def test_last_word_is_a_prefix(built_index, query, expected):
    assert expected in keys(built_index.search(query))


def test_last_word_after_a_space_is_not_a_prefix(built_index):
    assert "innovation:1" in keys(built_index.search("funk"))
    assert built_index.search("funk ").total == 0


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Silicn", "cluster:5"),  # one deletion, 6 letters
        ("Luftfahrd", "project:1"),  # one substitution
        ("Sensro", "innovation:1"),  # swapped neighbours, 6 letters
        ("Luftfarht", "project:1"),  # swapped neighbours, 9 letters
        ("Maschnenbuu", "cluster:1"),  # two edits, 11 letters
        ("Elektromobilitäät", "project:2"),  # one insertion
        ("persnalisierte medizn", "cluster:4"),  # two misspelt words
    ],
)
def test_typos_are_tolerated(built_index, query, expected):
    assert expected in keys(built_index.search(query + " "))


def test_short_words_do_not_tolerate_two_typos(built_index):
    assert "cluster:5" not in keys(built_index.search("Slcn "))


def test_words_are_anded(built_index):
    results = built_index.search("carbon luftfahrt ")
    assert keys(results) == ["project:1"]


def test_and_falls_back_to_or_when_nothing_has_all_words(built_index):
    results = built_index.search("luftfahrt medizin ")
    assert {"project:1", "cluster:4"} <= set(keys(results))


def test_quoted_phrase_matches_words_in_order_only(built_index):
    assert keys(built_index.search('"technische systeme"')) == ["cluster:1"]
    assert built_index.search('"systeme technische"').total == 0


def test_phrases_with_common_words_match_in_order_only(built_index):
    assert keys(built_index.search('"der Konferenz"')) == ["session:1"]
    assert built_index.search('"Konferenz der"').total == 0
    assert keys(built_index.search('"Elektromobilität im ländlichen Raum"')) == ["project:2"]
    assert built_index.search('"im Elektromobilität"').total == 0


def test_phrase_and_words_combine(built_index):
    assert keys(built_index.search('carbon "für die Luftfahrt"')) == ["project:1"]


@pytest.mark.parametrize("query", ["its owl", "it's OWL", "ITS OWL", "it's", "owl", "itsowl"])
def test_names_are_found_exactly(built_index, query):
    assert keys(built_index.search(query))[:1] == ["cluster:1"]


@pytest.mark.parametrize("query", ["m4", "M4"])
def test_short_names_are_found(built_index, query):
    assert keys(built_index.search(query))[:1] == ["cluster:4"]


@pytest.mark.parametrize("query", ["MAI Carbon", "mai carb", "mai"])
def test_names_are_found_by_prefix(built_index, query):
    assert keys(built_index.search(query))[:1] == ["cluster:2"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Leichtbau ", "project:1"),  # head of Carbon-Leichtbauteile, a complete word
        ("Leichtbau Luftfahrt", "project:1"),
        ("Bauteile ", "project:1"),  # tail of the compound
        ("Mobilität ", "project:2"),  # tail of Elektromobilität
        ("Infrastruktur ", "project:2"),  # tail of Ladeinfrastruktur
    ],
)
def test_german_compounds_are_found_by_their_parts(built_index, query, expected):
    assert expected in keys(built_index.search(query))


def test_title_match_ranks_above_body_match(built_index):
    found = keys(built_index.search("Aluminium "))
    assert found.index("project:5") == 0
    found = keys(built_index.search("Leichtbau "))
    assert found.index("cluster:2") < found.index("project:5")  # facet word in title vs body


def test_exact_word_ranks_above_stemmed_form(built_index):
    found = keys(built_index.search("Maschinen "))
    assert found.index("project:3") < found.index("project:4")


def test_exact_match_scores_above_fuzzy_match(built_index):
    exact = built_index.search("Luftfahrt ").hits[0]
    fuzzy = built_index.search("Luftfahrd ").hits[0]
    assert exact.key == fuzzy.key == "project:1"
    assert exact.score > 2 * fuzzy.score


def test_ranking_is_stable_and_ties_break_by_kind_then_key(built_index):
    first = built_index.search("cluster ")
    second = built_index.search("cluster ")
    assert keys(first) == keys(second)
    scored = [(round(hit.score, 6), hit.key) for hit in first.hits]
    for (score, key), (next_score, next_key) in zip(scored, scored[1:]):
        assert score > next_score or (score == next_score and key < next_key) or (
            score == next_score and key.split(":")[0] != next_key.split(":")[0]
        )


def test_facets_count_the_whole_result_set(built_index):
    results = built_index.search("mobilität", page_size=1)
    assert results.total == sum(results.facets["kind"].values())
    assert len(results.hits) == 1
    assert results.facets["cluster"]["emobil-sw"] >= 2
    assert results.facets["round"] == {"3": results.total}


def test_facets_are_not_narrowed_by_the_requests_own_filters(built_index):
    unfiltered = built_index.search("leichtbau ")
    filtered = built_index.search("leichtbau ", kinds="project")
    assert filtered.facets["kind"] == unfiltered.facets["kind"]
    assert filtered.facets["kind"]["cluster"] >= 1
    assert {hit.kind for hit in filtered.hits} == {"project"}
    assert filtered.total == unfiltered.facets["kind"]["project"]


def test_each_facet_is_narrowed_by_the_other_filters(built_index):
    unfiltered = built_index.search("leichtbau ")
    projects = built_index.search("leichtbau ", kinds="project")
    for cluster, count in projects.facets["cluster"].items():
        assert built_index.search("leichtbau ", kinds="project", cluster=cluster).total == count
    assert sum(projects.facets["cluster"].values()) == projects.total < unfiltered.total
    one_cluster = next(iter(unfiltered.facets["cluster"]))
    by_cluster = built_index.search("leichtbau ", cluster=one_cluster)
    assert sum(by_cluster.facets["kind"].values()) == by_cluster.total


@pytest.mark.parametrize(
    "filters, allowed",
    [
        ({"kinds": ["cluster", "innovation"]}, lambda hit: hit.kind in ("cluster", "innovation")),
        ({"cluster": "its-owl"}, lambda hit: hit.key in ("cluster:1", "project:3", "project:4", "innovation:2")),
        ({"round": 2}, lambda hit: hit.key in ("cluster:4", "cluster:5", "innovation:1")),
    ],
)
def test_filters_restrict_hits_and_total(built_index, filters, allowed):
    everything = built_index.search("die der the and für for", page_size=100)
    filtered = built_index.search("die der the and für for", page_size=100, **filters)
    assert filtered.total == len(filtered.hits) > 0
    assert filtered.total < everything.total
    assert all(allowed(hit) for hit in filtered.hits)


def test_filters_combine(built_index):
    results = built_index.search("maschine", kinds="project", cluster="its-owl", round=3)
    assert set(keys(results)) == {"project:3", "project:4"}
    assert built_index.search("maschine", kinds="project", cluster="m4").total == 0


def test_pagination_splits_the_ranking_without_overlap(built_index):
    whole = built_index.search("the ", page_size=100)
    assert whole.total == 5
    pages = [built_index.search("the ", page=page, page_size=2) for page in (1, 2, 3)]
    assert [len(page.hits) for page in pages] == [2, 2, 1]
    assert [key for page in pages for key in keys(page)] == keys(whole)
    assert all(page.total == whole.total for page in pages)
    beyond = built_index.search("the ", page=50, page_size=2)
    assert beyond.hits == [] and beyond.total == whole.total and beyond.page == 50


def test_snippet_marks_matches_and_escapes_everything_else(built_index):
    hit = built_index.search("script ").hits[0]
    assert hit.key == "innovation:2"
    assert "<mark>script</mark>" in hit.snippet
    assert "&lt;" in hit.snippet and "&amp;" in hit.snippet
    without_marks = hit.snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in without_marks and ">" not in without_marks
    assert hit.titles["de"] == "Filter gegen <script> Angriffe"


def test_snippet_language_follows_lang_or_the_better_match(built_index):
    assert built_index.search("aircraft ").hits[0].lang == "en"
    assert built_index.search("Flugzeuge ").hits[0].lang == "de"
    hit = built_index.search("Flugzeuge ", lang="en").hits[0]
    assert hit.lang == "en" and "aircraft" in hit.snippet


def test_snippet_marks_umlaut_and_prefix_matches(built_index):
    hit = built_index.search("ladeinfra", lang="de").hits[0]
    assert "<mark>Ladeinfrastruktur</mark>" in hit.snippet
    hit = built_index.search("strasse ", kinds="project", lang="de").hits[0]
    assert "<mark>Straße</mark>" in hit.snippet


def test_hit_carries_kind_slug_titles_and_score(built_index):
    hit = built_index.search("m4").hits[0]
    assert (hit.kind, hit.slug) == ("cluster", "m4")
    assert hit.titles == {"de": "m4 Personalisierte Medizin", "en": "m4 Personalised Medicine"}
    assert hit.score > 0


def test_did_you_mean_offers_a_correction_when_nothing_is_found(built_index):
    results = built_index.search("nedizin ")
    assert results.total == 0
    assert results.did_you_mean == "medizin"


def test_did_you_mean_is_absent_when_the_query_finds_enough(built_index):
    assert built_index.search("cluster ").did_you_mean is None


def test_empty_query_finds_nothing(built_index):
    results = built_index.search("")
    assert results.total == 0 and results.hits == []
    assert set(results.facets) == {"kind", "cluster", "round", "field"}


def test_phrases_of_frequent_words_use_indexed_pairs(tmp_path):
    from search_index import Document, SearchIndex

    documents = [
        Document(
            kind="project",
            key=f"project:{number}",
            slug=f"p{number}",
            titles={"de": f"Vorhaben {number}", "en": f"Project {number}"},
            texts={
                "de": "Sensor und Netz" if number % 2 else "Netz und Sensor",
                "en": "sensor grid" if number % 3 else "grid sensor",
            },
        )
        for number in range(120)
    ]
    index = SearchIndex(tmp_path / "index")
    index.rebuild(documents, {})
    assert {"sensor", "netz", "grid"} <= index._current_snapshot().frequent
    assert index.search('"sensor und netz"', page_size=100).total == 60
    assert index.search('"netz und sensor"', page_size=100).total == 60
    assert index.search('"grid sensor"', page_size=100).total == 40
    index.apply([Document("project", "project:999", "x", {"de": "x", "en": "x"}, {"en": "grid sensor"})], [], {})
    assert index._current_snapshot().frequent >= {"sensor", "grid"}  # kept by later commits
    assert index.search('"grid sensor"', page_size=100).total == 41
    index.close()


def test_a_hit_scores_the_same_with_or_without_filters(tmp_path):
    from search_index import Document, SearchIndex

    documents = [
        Document(
            kind="project",
            key=f"project:{number}",
            slug=f"p{number}",
            titles={"de": f"Sensorik {number}", "en": f"Sensors {number}"},
            texts={"de": "Sensor " * (1 + number % 4) + "Netz", "en": "sensor grid"},
            cluster="m4" if number % 50 == 0 else "its-owl",
        )
        for number in range(400)
    ]
    index = SearchIndex(tmp_path / "index", cache_size=0)
    index.rebuild(documents, {})
    unfiltered = {
        hit.key: hit.score for page in range(1, 5) for hit in index.search("sensor ", page=page, page_size=100).hits
    }
    few = index.search("sensor ", cluster="m4", page_size=100)  # 8 of 400 candidates: sparse scoring
    assert few.total == 8 and len(unfiltered) == 400
    for hit in few.hits:
        assert abs(unfiltered[hit.key] - hit.score) < 1e-9
    index.close()
