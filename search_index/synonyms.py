"""Synonyms applied when a query is planned: equivalent sets and one-way expansions, folded like the index.

A set makes its terms stand for one another; a one-way rule lets its ``from`` stand for its ``to`` terms but
not the other way round. Rules are keyed by the folded words of a term, so ``KI``, ``ki`` and ``Kí`` trigger
the same rule. Applied at query time, a change needs no rebuild.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from search_index.analysis import STOPWORDS, words


@dataclass(frozen=True)
class Synonyms:
    """Folded term -> the folded terms (each a tuple of words) it also stands for.

    :param version: names the rules in result caches; change it with every change of the rules.
    """

    version: str = ""
    expansions: Mapping[tuple[str, ...], tuple[tuple[str, ...], ...]] = field(default_factory=dict)

    @classmethod
    def from_rules(cls, sets: Iterable[Sequence[str]] = (), one_way: Iterable[Mapping] = (),
                   version: str = "") -> Synonyms:
        """Build from editors' rules: ``sets`` of equivalent terms, ``one_way`` ``{"from", "to": [...]}``."""
        expansions: dict[tuple[str, ...], list[tuple[str, ...]]] = {}

        def add(source: tuple[str, ...], targets: Iterable[tuple[str, ...]]) -> None:
            known = expansions.setdefault(source, [])
            for target in targets:
                if target and target != source and target not in known:
                    known.append(target)

        for terms in sets:
            folded = [tuple(words(term)) for term in terms]
            for term in terms:
                if words(term):
                    add(as_queried(term), folded)
        for rule in one_way:
            source = as_queried(rule.get("from") or "")
            if source:
                add(source, (tuple(words(term)) for term in rule.get("to") or ()))
        return cls(version, {source: tuple(targets) for source, targets in expansions.items() if targets})

    def of(self, term: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        """The terms a folded term also stands for (none if no rule names it)."""
        return self.expansions.get(term, ())

    def __bool__(self) -> bool:
        return bool(self.expansions)


def as_queried(term: str) -> tuple[str, ...]:
    """A rule's term as a query's words reach the rules: several words lose their stopwords, as in parse_query."""
    found = words(term)
    if len(found) > 1:
        found = [word for word in found if word not in STOPWORDS] or found
    return tuple(dict.fromkeys(found))


NO_SYNONYMS = Synonyms()
