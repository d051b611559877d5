"""The `lang`, `fields` and `expand` query arguments, read once into a Representation value.

A resource's query-args schema hands the value to the view as `args["representation"]`; the
Blueprint dumps the view's result in it (see `Blueprint.response`).
"""

import marshmallow as ma
from flask import request
from webargs.fields import DelimitedList

from showcase.config import LANGUAGES
from showcase.schemas.representation import Representation


def language_from_header() -> str | None:
    """The language Accept-Language prefers, or None (both languages) when it names neither."""
    if not request.accept_languages:
        return None
    return request.accept_languages.best_match(LANGUAGES)


def chosen_language(lang: str | None) -> str | None:
    """`de` or `en` as asked; `all` for both; nothing asked: what Accept-Language prefers."""
    if lang == "all":
        return None
    return lang or language_from_header()


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
        def representation(self, data, **kwargs):
            data["representation"] = Representation(
                lang=chosen_language(data.pop("lang", None)),
                fields=frozenset(data.pop("fields", None) or ()) or None,
                expand=frozenset(data.pop("expand", None) or ()),
            )
            return data

    return RepresentationArgsSchema
