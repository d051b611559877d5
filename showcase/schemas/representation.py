"""How a client wants a record shaped: which language, which fields, which links inlined.

A `Representation` is a value. The API builds one from a request's arguments and dumps inside
`represented_as(...)`; services that dump for themselves (the audit log, the export) pass their own.
The schema fields read it from marshmallow's dump context, never from request state.
"""

from dataclasses import dataclass, field

from marshmallow.experimental.context import Context

from showcase.config import LANGUAGES


@dataclass(frozen=True)
class Representation:
    lang: str | None = None
    fields: frozenset[str] | None = None
    expand: frozenset[str] = field(default_factory=frozenset)


# Both languages, every field, links as keys: what writes answer, the audit logs and the export writes.
CANONICAL = Representation()


def represented_as(representation: Representation) -> Context:
    """Dump inside this block in the given representation."""
    return Context(representation)


def current() -> Representation:
    """The representation of the dump under way; canonical outside any `represented_as` block."""
    chosen = Context.get(CANONICAL)
    return chosen if isinstance(chosen, Representation) else CANONICAL


def localise(texts: dict[str, str | None], lang: str | None) -> dict | str | None:
    """Both languages, or the chosen one flattened, falling back to the other where it is missing."""
    if lang is None:
        return texts
    other = "en" if lang == "de" else "de"
    return texts.get(lang) or texts.get(other)


def trim(data, wanted: frozenset[str] | None):
    """Keep only the top-level fields a client named in `fields=`."""
    if not wanted:
        return data
    if isinstance(data, list):
        return [trim(item, wanted) for item in data]
    if isinstance(data, dict):
        return {key: value for key, value in data.items() if key in wanted}
    return data


__all__ = ["CANONICAL", "LANGUAGES", "Representation", "current", "localise", "represented_as", "trim"]
