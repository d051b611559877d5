"""Spelling variants a visitor may type for a word the content spells otherwise, in both directions.

German writes many words with ph or f (Photographie/Fotografie, Graphik/Grafik) and older words with c
where newer ones have z or k (Centrum/Zentrum, Carbon/Karbon); English is British or American
(optimise/optimize, centre/center). Each rule rewrites a folded word; the query keeps only variants the
index holds, so guessing costs a few term lookups and never a wrong match.
"""

from __future__ import annotations

import re

#: (pattern, replacement) on folded words; each applied on its own, all its matches at once.
RULES = (
    (re.compile(r"ph"), "f"),
    (re.compile(r"f"), "ph"),
    (re.compile(r"c(?![hk])"), "z"),
    (re.compile(r"c(?![hk])"), "k"),
    (re.compile(r"z"), "c"),
    (re.compile(r"(?<![c])k"), "c"),
    (re.compile(r"is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"iz(e|ed|es|ing|ation|ations|er|ers)$"), r"is\1"),
    (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"yz(e|ed|es|ing)$"), r"ys\1"),
    (re.compile(r"([^aeiou])re(s?)$"), r"\1er\2"),
    (re.compile(r"([^aeiou])er(s?)$"), r"\1re\2"),
)
#: Words shorter than this are left alone: too many short words are one letter from another.
MIN_VARIANT_LENGTH = 4
#: At most this many variants of one word are looked up.
MAX_VARIANTS = 8


def spelling_variants(word: str) -> list[str]:
    """Other spellings of a folded word, by :data:`RULES`, without the word itself."""
    if len(word) < MIN_VARIANT_LENGTH or not word.isalpha():
        return []
    variants: list[str] = []
    for pattern, replacement in RULES:
        variant = pattern.sub(replacement, word)
        if variant != word and variant not in variants:
            variants.append(variant)
    return variants[:MAX_VARIANTS]
