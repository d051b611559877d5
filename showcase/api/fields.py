"""Schema fields for the directory's two recurring shapes: bilingual texts and references by slug."""

import re

import marshmallow as ma

from showcase.api import representation
from showcase.config import LANGUAGES

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SOURCE_ILLUSTRATIVE = "illustrative"


def validate_slug(value: str) -> None:
    if len(value) > 80 or not SLUG_PATTERN.match(value):
        raise ma.ValidationError("Not a slug: lower-case letters, digits and single hyphens, at most 80 characters.")


class Slug(ma.fields.String):
    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {}).setdefault("pattern", SLUG_PATTERN.pattern)
        super().__init__(validate=validate_slug, **kwargs)


class Translated(ma.fields.Field):
    """A text in German and English, stored as `<name>_de` and `<name>_en` columns.

    Loads `{"de": ..., "en": ...}` with both languages required (unless `optional_languages`);
    dumps both, or the language the request chose, flattened.
    """

    def __init__(self, max_length: int, *, optional_languages: bool = False, **kwargs):
        self.max_length = max_length
        self.optional_languages = optional_languages
        metadata = kwargs.setdefault("metadata", {})
        metadata.setdefault("x-translated", True)
        super().__init__(**kwargs)

    def get_value(self, obj, attr, accessor=None, default=ma.missing):
        prefix = self.attribute or attr
        if isinstance(obj, dict):
            return obj.get(prefix, default)
        return {lang: getattr(obj, f"{prefix}_{lang}") for lang in LANGUAGES}

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None or all(text is None for text in value.values()):
            return None
        return representation.localise(value)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, dict):
            raise ma.ValidationError('Expected an object with "de" and "en" texts.')
        errors: dict[str, list[str]] = {}
        for key in value:
            if key not in LANGUAGES:
                errors[key] = ["Unknown language: only de and en."]
        texts = {}
        for lang in LANGUAGES:
            text = value.get(lang)
            if text is None or (isinstance(text, str) and not text.strip()):
                if not self.optional_languages:
                    errors[lang] = ["Missing text: both languages are required."]
                texts[lang] = None
            elif not isinstance(text, str):
                errors[lang] = ["Not a string."]
            elif len(text) > self.max_length:
                errors[lang] = [f"Longer than {self.max_length} characters."]
            else:
                texts[lang] = text.strip()
        if errors:
            raise ma.ValidationError(errors)
        return texts


class Reference(ma.fields.Field):
    """A link to another record: its slug, or the record itself when the request asks to `expand` it."""

    def __init__(self, schema: str | type[ma.Schema], *, key: str = "slug", expand_only: bool = False, **kwargs):
        self.schema_ref = schema
        self.key = key
        # Links too many to list by default (a cluster's members) appear only when expanded.
        self.expand_only = expand_only
        description = "Only with expand." if expand_only else f"The linked record's {key}; inlined with expand."
        kwargs.setdefault("metadata", {}).setdefault("description", description)
        super().__init__(**kwargs)

    def serialize(self, attr, obj, accessor=None, **kwargs):
        if self.expand_only and self.name not in representation.current().expand:
            return ma.missing
        return super().serialize(attr, obj, accessor, **kwargs)

    def _nested_schema(self) -> ma.Schema:
        if isinstance(self.schema_ref, str):
            return ma.class_registry.get_class(self.schema_ref)()
        return self.schema_ref()

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return None
        if self.name in representation.current().expand:
            return self._nested_schema().dump(value)
        return getattr(value, self.key)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str):
            raise ma.ValidationError(f"Expected the {self.key} of a record.")
        if self.key == "slug":
            validate_slug(value)
        return value


class ReferenceList(Reference):
    """Links to several records: their slugs, or the records when expanded."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return []
        if self.name in representation.current().expand:
            return self._nested_schema().dump(value, many=True)
        return [getattr(item, self.key) for item in value]

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, list):
            raise ma.ValidationError("Expected a list.")
        errors = {}
        slugs = []
        for position, item in enumerate(value):
            try:
                slugs.append(super()._deserialize(item, attr, data, **kwargs))
            except ma.ValidationError as error:
                errors[position] = error.messages
        if errors:
            raise ma.ValidationError(errors)
        if len(set(slugs)) != len(slugs):
            raise ma.ValidationError("Lists a record twice.")
        return slugs


class Source(ma.fields.String):
    """Where a record's facts come from: a URL, or "illustrative" for plausible but unsourced content."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {}).setdefault(
            "description", 'URL of a public page backing the record, or "illustrative".'
        )
        super().__init__(validate=validate_source, **kwargs)


def validate_source(value: str) -> None:
    if value == SOURCE_ILLUSTRATIVE:
        return
    ma.validate.URL(schemes={"http", "https"})(value)
    if len(value) > 300:
        raise ma.ValidationError("Longer than 300 characters.")


def field_properties(self, field: ma.fields.Field, ret: dict, **kwargs) -> dict:
    """OpenAPI for what apispec cannot read from these fields; an apispec attribute function.

    A bilingual text is an object with `de` and `en`, or one string when a request chose a language;
    a reference is a key, or the linked record when expanded.
    """
    if isinstance(field, Translated):
        text = {"type": ["string", "null"] if field.optional_languages else "string", "maxLength": field.max_length}
        both = {"type": "object", "properties": {"de": text, "en": text}, "additionalProperties": False}
        if not field.optional_languages:
            both["required"] = list(LANGUAGES)
        choices = [both, {"type": "string", "description": "The chosen language's text (lang or Accept-Language)."}]
        if field.allow_none or field.dump_only:
            choices.append({"type": "null"})
        return {"oneOf": choices}
    if isinstance(field, Reference):
        key = {"type": "string", "description": f"The linked record's {field.key}."}
        expanded = self.resolve_nested_schema(field.schema_ref)
        if isinstance(field, ReferenceList):
            return {"type": "array", "items": {"oneOf": [key, expanded]}}
        choices = [key, expanded]
        if field.allow_none or field.dump_only:
            choices.append({"type": "null"})
        return {"oneOf": choices}
    if isinstance(field, ma.fields.NaiveDateTime):
        # Local time without offset: JSON Schema's date-time requires an offset, so a pattern instead.
        ret.pop("format", None)
        return {"pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"}
    if isinstance(field, ma.fields.Nested) and field.metadata.get("x-translated"):
        whole = {"$ref": ret.pop("$ref")} if "$ref" in ret else {"allOf": ret.pop("allOf", [])}
        return {"oneOf": [whole, {"type": "array", "items": {"type": "string"},
                                  "description": "The chosen language's entries (lang or Accept-Language)."}]}
    return {}
