"""OpenAPI for what apispec cannot read from the directory's own schema fields."""

import marshmallow as ma

from showcase.config import LANGUAGES
from showcase.schemas.fields import Reference, ReferenceList, Translated


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
