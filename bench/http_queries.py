"""Distinct search and suggest queries built from the seed content's own vocabulary, for bench/http_bench.py.

Queries are what kiosk visitors type: prefixes of words (2+ letters), single-letter typos of 5+ letter
words (substitution, deletion, transposition of neighbours), umlaut spellings (ä as ae and as a, ß as
ss) and word pairs (the second word complete or still being typed). Every query is distinct from every
other after folding (case, accents, ß), so neither a read cache nor the search index's result cache
can answer one from an earlier one; the categories are interleaved, so any slice of the list has the
same mix.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from itertools import cycle
from pathlib import Path

# The fields of the seed files that hold text a visitor might search for.
TEXT_FIELDS = {"name", "short_name", "title", "summary", "description", "field", "region", "states", "city",
               "topics", "topic", "room", "hall_area", "managing_body"}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
UMLAUTS = {"ä": ("ae", "a"), "ö": ("oe", "o"), "ü": ("ue", "u"), "ß": ("ss",)}
LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Share of each kind in the interleaved list, per endpoint (suggest is typed, so mostly prefixes).
MIX = {
    "search": {"prefix": 3, "typo": 3, "umlaut": 1, "pair": 3},
    "suggest": {"prefix": 4, "typo": 3, "umlaut": 1, "pair": 2},
}


def fold(query: str) -> str:
    """What the search layer would see: case and accents folded, ß as ss, spaces collapsed."""
    text = unicodedata.normalize("NFKD", query.casefold().replace("ß", "ss"))
    return " ".join("".join(char for char in text if not unicodedata.combining(char)).split())


def seed_texts(seed_dir: Path) -> list[str]:
    """Every searchable string of the seed files, in both languages."""
    texts: list[str] = []

    def walk(value, wanted: bool) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, wanted or key in TEXT_FIELDS)
        elif isinstance(value, list):
            for item in value:
                walk(item, wanted)
        elif isinstance(value, str) and wanted and not value.startswith("http"):
            texts.append(value)

    for path in sorted(seed_dir.glob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")), False)
    return texts


def vocabulary(texts: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Distinct lower-case words (2+ letters) and distinct adjacent word pairs, in first-seen order."""
    words: dict[str, None] = {}
    pairs: dict[tuple[str, str], None] = {}
    for text in texts:
        found = [word.lower() for word in WORD.findall(text) if len(word) >= 2]
        words.update(dict.fromkeys(found))
        pairs.update(dict.fromkeys(zip(found, found[1:])))
    return list(words), list(pairs)


def prefixes(words: list[str]) -> list[str]:
    return [word[:length] for word in words for length in range(2, len(word) + 1)]


def typos(words: list[str], rng: random.Random) -> list[str]:
    """Every single-letter substitution, deletion and neighbour transposition of each 5+ letter word."""
    found = []
    for word in words:
        if len(word) < 5:
            continue
        for i in range(len(word)):
            found.append(word[:i] + word[i + 1:])
            if i + 1 < len(word) and word[i] != word[i + 1]:
                found.append(word[:i] + word[i + 1] + word[i] + word[i + 2:])
            found.extend(word[:i] + letter + word[i + 1:] for letter in LETTERS if letter != word[i])
    rng.shuffle(found)  # otherwise one word's typos would follow each other
    return found


def umlaut_spellings(words: list[str]) -> list[str]:
    """Each word with an umlaut or ß spelled without it (ä as ae, ä as a), whole and as typed (3+ letters)."""
    found = []
    for word in words:
        if not any(char in UMLAUTS for char in word):
            continue
        for way in (0, 1):
            spelled = "".join(UMLAUTS[char][min(way, len(UMLAUTS[char]) - 1)] if char in UMLAUTS else char
                              for char in word)
            found.extend(spelled[:length] for length in range(3, len(spelled) + 1))
    return found


def word_pairs(pairs: list[tuple[str, str]]) -> list[str]:
    """Two neighbouring words: complete, and with the second one still being typed."""
    found = []
    for first, second in pairs:
        found.append(f"{first} {second}")
        found.extend(f"{first} {second[:length]}" for length in range(2, len(second)))
    return found


def build_queries(seed_dir: Path, count: int, endpoint: str, seed: int = 2015) -> list[str]:
    """`count` queries for `endpoint` ("search" or "suggest"), all distinct after folding.

    Raises ValueError when the seed vocabulary cannot give that many.
    """
    rng = random.Random(f"{seed}-{endpoint}")
    words, pairs = vocabulary(seed_texts(seed_dir))
    kinds = {"prefix": prefixes(words), "typo": typos(words, rng), "umlaut": umlaut_spellings(words),
             "pair": word_pairs(pairs)}
    for name, items in kinds.items():
        if name != "typo":
            rng.shuffle(items)
    pools = {name: iter(items) for name, items in kinds.items()}
    pattern = [name for name, weight in MIX[endpoint].items() for _ in range(weight)]
    rng.shuffle(pattern)
    seen: set[str] = set()
    queries: list[str] = []
    for name in cycle(pattern):
        if not pools:
            raise ValueError(f"the seed vocabulary gives only {len(queries)} distinct {endpoint} queries, "
                             f"{count} wanted")
        if name not in pools:
            continue
        for query in pools[name]:
            key = fold(query)
            if len(key) >= 2 and key not in seen:
                seen.add(key)
                queries.append(query)
                break
        else:
            del pools[name]
            continue
        if len(queries) == count:
            return queries
    raise AssertionError("unreachable")


if __name__ == "__main__":  # a look at what the bench sends
    import sys

    root = Path(__file__).resolve().parent.parent
    for query in build_queries(root / "seed_data", int(sys.argv[1]) if len(sys.argv) > 1 else 40,
                               sys.argv[2] if len(sys.argv) > 2 else "search"):
        print(query)
