"""Schema fields for the directory's two recurring shapes: bilingual texts and references by slug."""

import datetime as dt
import re

import marshmallow as ma

from showcase.config import LANGUAGES
from showcase.schemas import representation

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SOURCE_DATE_PATTERN = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


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
        # (language, column) pairs by the name the text is read under, worked out once per name.
        self._columns: dict[str, tuple[tuple[str, str], ...]] = {}

    def columns(self, prefix: str) -> tuple[tuple[str, str], ...]:
        """The record attributes a text named `prefix` is stored in: `(("de", "<prefix>_de"), ("en", ...))`."""
        columns = self._columns.get(prefix)
        if columns is None:
            columns = self._columns[prefix] = tuple((lang, f"{prefix}_{lang}") for lang in LANGUAGES)
        return columns

    def get_value(self, obj, attr, accessor=None, default=ma.missing):
        prefix = self.attribute or attr
        if isinstance(obj, dict):
            return obj.get(prefix, default)
        return {lang: getattr(obj, column) for lang, column in self.columns(prefix)}

    def _serialize(self, value, attr, obj, **kwargs):
        return shaped(value, representation.current().lang)

    def serialize(self, attr, obj, accessor=None, **kwargs):
        """A record's texts read and shaped in one step (what get_value and _serialize give): dumps run it a lot."""
        return self.dumper(attr, representation.current())(obj, dict.get if isinstance(obj, dict) else getattr)

    def dumper(self, name: str, chosen: representation.Representation):
        """The texts of a record (a model's two columns, or a dict's `{"de", "en"}`) in the chosen language."""
        prefix = self.attribute or name
        columns, lang = self.columns(prefix), chosen.lang

        def dump(record, read):
            if read is dict.get:
                texts = record.get(prefix, ma.missing)
                return texts if texts is ma.missing else shaped(texts, lang)
            return shaped({language: read(record, column) for language, column in columns}, lang)

        return dump

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
        self._schema_instance: ma.Schema | None = None
        # Links too many to list by default (a cluster's members) appear only when expanded.
        self.expand_only = expand_only
        description = "Only with expand." if expand_only else f"The linked record's {key}; inlined with expand."
        kwargs.setdefault("metadata", {}).setdefault("description", description)
        super().__init__(**kwargs)

    def serialize(self, attr, obj, accessor=None, **kwargs):
        if self.expand_only and self.name not in representation.current().expand:
            return ma.missing
        return super().serialize(attr, obj, accessor, **kwargs)

    def dumper(self, name: str, chosen: representation.Representation):
        """The link of a record in the chosen representation: its key, or inlined when expanded."""
        expanded = self.name in chosen.expand
        if self.expand_only and not expanded:
            return None
        attribute, linked = self.attribute or name, self.linked

        def dump(record, read):
            value = read(record, attribute, ma.missing)
            return value if value is ma.missing else linked(value, expanded)

        return dump

    def _nested_schema(self) -> ma.Schema:
        """The linked records' schema: one instance for every dump (marshmallow 4 schemas keep no dump state)."""
        if self._schema_instance is None:
            cls = ma.class_registry.get_class(self.schema_ref) if isinstance(self.schema_ref, str) else self.schema_ref
            self._schema_instance = cls()
        return self._schema_instance

    def _serialize(self, value, attr, obj, **kwargs):
        return self.linked(value, self.name in representation.current().expand)

    def linked(self, value, expanded: bool):
        """The linked record as dumped: inlined when expanded, else its key."""
        if value is None:
            return None
        if expanded:
            return self._nested_schema().dump(value)
        return key_of(value, self.key)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str):
            raise ma.ValidationError(f"Expected the {self.key} of a record.")
        if self.key == "slug":
            validate_slug(value)
        return value


class ReferenceList(Reference):
    """Links to several records: their slugs, or the records when expanded."""

    def linked(self, value, expanded: bool):
        if value is None:
            return []
        if expanded:
            return self._nested_schema().dump(value, many=True)
        return [key_of(item, self.key) for item in value]

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


def shaped(texts: dict[str, str | None] | None, lang: str | None) -> dict | str | None:
    """A bilingual text as dumped: None when it has no text, else both languages or the chosen one."""
    if texts is None:
        return None
    if lang is not None:
        return representation.localise(texts, lang)
    for text in texts.values():
        if text is not None:
            return texts
    return None


def key_of(record, key: str):
    """A linked record's key, whether it was read as a model, or by a list page as a dict or as the key itself."""
    if isinstance(record, str):
        return record
    return record[key] if isinstance(record, dict) else getattr(record, key)


class Source(ma.fields.String):
    """Where a record's facts come from: the URL of a public page that backs them."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {}).setdefault("description", "URL of a public page backing the record.")
        super().__init__(validate=[ma.validate.URL(schemes={"http", "https"}), ma.validate.Length(max=300)],
                         **kwargs)


class SourceDate(ma.fields.String):
    """When the source was published, only as precisely as it says: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {}).update(
            description="Publication date of the source: YYYY, YYYY-MM or YYYY-MM-DD.",
            pattern=SOURCE_DATE_PATTERN.pattern)
        super().__init__(validate=validate_source_date, **kwargs)


def validate_source_date(value: str) -> None:
    if not SOURCE_DATE_PATTERN.match(value):
        raise ma.ValidationError("Not a date of the form YYYY, YYYY-MM or YYYY-MM-DD.")
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        try:
            dt.date(*parts)
        except ValueError:
            raise ma.ValidationError("No such day.") from None
