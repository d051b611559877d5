"""Nothing a person or a script types makes search or suggest raise, except over-long input."""

import random

import pytest

from search_index import MAX_QUERY_LENGTH, QueryTooLong

HOSTILE = [
    "",
    " ",
    '"',
    '""',
    '"""',
    '"(*~',
    "(*~",
    "*",
    "?",
    "~2",
    "AND OR",
    "AND",
    "NOT",
    "OR OR OR",
    "a:b",
    "kind:project",
    "title:(x OR y)",
    "[a TO z]",
    "{}",
    "\\",
    "\\\\\"",
    "'",
    "it''s",
    "😀",
    "🇩🇪 Carbon 😀",
    "\x00",
    "\x00\x01\x02\x1b[31m",
    "\ud800",  # lone surrogate
    "e\u0301",  # combining accent
    "\u200b\u200d\ufeff",
    "ﬁ ligature ½",
    "Ελληνικά Русский 中文 العربية",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%s %d {0}",
    "carbon -leichtbau +m4",
    "\"unterminated phrase",
    "phrase\" in the middle",
    "„deutsche Anführungszeichen“",
    "x" * MAX_QUERY_LENGTH,
    "ab " * (MAX_QUERY_LENGTH // 3),
    "Elektromobilität" * 12,
    "ä" * MAX_QUERY_LENGTH,
    "-" * MAX_QUERY_LENGTH,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(built_index, query):
    results = built_index.search(query)
    assert results.total >= 0 and results.total >= len(results.hits)
    for hit in results.hits:
        assert isinstance(hit.snippet, str)
    assert isinstance(built_index.suggest(query), list)


@pytest.mark.parametrize("seed", range(5))
def test_random_input_never_raises(built_index, seed):
    alphabet = 'abcäöüßxyz AEIOU"*~?:()[]{}^-+!\\/\'\x00\x07\n\t😀\u0301\u200bæ0123456789'
    generator = random.Random(seed)
    for _ in range(200):
        query = "".join(generator.choice(alphabet) for _ in range(generator.randint(0, 60)))
        built_index.search(query, page=generator.randint(-2, 5), page_size=generator.randint(-5, 500))
        built_index.suggest(query)


@pytest.mark.parametrize("length", [MAX_QUERY_LENGTH + 1, 5000])
def test_over_long_queries_raise_query_too_long(built_index, length):
    with pytest.raises(QueryTooLong):
        built_index.search("x" * length)
    with pytest.raises(QueryTooLong):
        built_index.suggest("x" * length)


@pytest.mark.parametrize(
    "arguments",
    [
        {"page": 0},
        {"page": -3},
        {"page_size": 0},
        {"page_size": 10_000},
        {"kinds": []},
        {"kinds": ["no-such-kind"]},
        {"cluster": "no-such-cluster"},
        {"round": 99},
        {"lang": "fr"},
        {"page": "2"},
        {"page": "zwei", "page_size": None},
        {"round": "3"},
        {"kinds": "project"},
    ],
)
def test_odd_arguments_are_clamped_or_give_empty_results(built_index, arguments):
    results = built_index.search("carbon", **arguments)
    assert 1 <= results.page_size <= 100 and results.page >= 1
    assert results.total >= 0
