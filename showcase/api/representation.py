"""How a client wants a read shaped: which language, which fields, which links inlined.

The choice is made once per request from `lang`, `fields`, `expand` and Accept-Language, kept on
`flask.g`, and read by the schema fields that dump bilingual texts and references.
"""

from dataclasses import dataclass, field

import marshmallow as ma
from flask import g, has_request_context, request
from webargs.fields import DelimitedList

from showcase.config import LANGUAGES


@dataclass(frozen=True)
class Representation:
    lang: str | None = None
    fields: frozenset[str] | None = None
    expand: frozenset[str] = field(default_factory=frozenset)


def current() -> Representation:
    """The representation of this request; both languages and everything when nothing was asked."""
    if not has_request_context():
        return Representation()
    chosen = g.get("representation")
    if chosen is None:
        chosen = Representation(lang=language_from_header())
        g.representation = chosen
    return chosen


def language_from_header() -> str | None:
    """The language Accept-Language prefers, or None (both languages) when it names neither."""
    if not request.accept_languages:
        return None
    return request.accept_languages.best_match(LANGUAGES)


def localise(texts: dict[str, str | None]) -> dict | str | None:
    """Both languages, or the chosen one flattened, falling back to the other where it is missing."""
    lang = current().lang
    if lang is None:
        return texts
    other = next(code for code in LANGUAGES if code != lang)
    return texts.get(lang) or texts.get(other)


def trim(data):
    """Keep only the top-level fields a client named in `fields=`."""
    wanted = current().fields
    if not wanted:
        return data
    if isinstance(data, list):
        return [trim(item) for item in data]
    if isinstance(data, dict):
        return {key: value for key, value in data.items() if key in wanted}
    return data


def representation_args(response_schema: type[ma.Schema], expandable: tuple[str, ...] = ()) -> type[ma.Schema]:
    """A query-args schema with `lang`, `fields` and `expand` validated against the resource's schema."""
    field_names = tuple(sorted(name for name, f in response_schema().fields.items() if not f.load_only))

    class RepresentationArgsSchema(ma.Schema):
        class Meta:
            unknown = ma.EXCLUDE

        lang = ma.fields.String(
            validate=ma.validate.OneOf((*LANGUAGES, "all")),
            metadata={"description": "`de` or `en` flattens every text to that language (falling back to the "
                                     "other where one is missing); `all` keeps both. Default: Accept-Language, "
                                     "else both."},
        )
        fields = DelimitedList(
            ma.fields.String(validate=ma.validate.OneOf(field_names)),
            metadata={"description": "Comma-separated top-level fields to return: " + ", ".join(field_names)},
        )
        expand = DelimitedList(
            ma.fields.String(validate=ma.validate.OneOf(expandable or ("",))),
            metadata={"description": "Linked objects to inline: " + (", ".join(expandable) or "none")},
        )

        @ma.post_load
        def choose_representation(self, data, **kwargs):
            lang = data.pop("lang", None)
            lang = None if lang == "all" else (lang or language_from_header())
            g.representation = Representation(
                lang=lang,
                fields=frozenset(data.pop("fields")) if data.get("fields") else None,
                expand=frozenset(data.pop("expand", ()) or ()),
            )
            data.pop("fields", None)
            return data

    return RepresentationArgsSchema
