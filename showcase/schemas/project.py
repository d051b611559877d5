"""The validated shape of projects: what the API, the importer and the seed loader accept."""

import marshmallow as ma

from showcase.config import LANGUAGES
from showcase.schemas.dumping import RecordSchema
from showcase.schemas.fields import Reference, ReferenceList, Slug, Source, SourceDate, Translated
from showcase.schemas.representation import current, localise

TOPIC = ma.fields.String(validate=ma.validate.Length(1, 60))


class TopicsSchema(RecordSchema):
    de = ma.fields.List(TOPIC, load_default=list, validate=ma.validate.Length(max=12))
    en = ma.fields.List(TOPIC, load_default=list, validate=ma.validate.Length(max=12))


class Topics(ma.fields.Nested):
    """Keywords per language; flattened to the chosen language like any bilingual text."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {}).setdefault("x-translated", True)
        super().__init__(TopicsSchema, **kwargs)

    def _serialize(self, nested_obj, attr, obj, **kwargs):
        # What TopicsSchema dumps (each language's list of keywords), without a nested dump per record.
        if nested_obj is None:
            return None
        topics = {lang: list(nested_obj[lang]) for lang in LANGUAGES if lang in nested_obj}
        return localise(topics, current().lang)


class ProjectSummarySchema(RecordSchema):
    """A project as other records inline it."""

    slug = Slug()
    title = Translated(200)
    cluster = Reference("ClusterSummarySchema")


class ProjectSchema(RecordSchema):
    slug = Slug(required=True)
    cluster = Reference("ClusterSummarySchema", required=True)
    title = Translated(200, required=True)
    summary = Translated(4000, required=True)
    topics = Topics(load_default=lambda: {"de": [], "en": []})
    funding_start = ma.fields.Date(load_default=None, allow_none=True)
    funding_end = ma.fields.Date(load_default=None, allow_none=True)
    organisations = ReferenceList("OrganisationSummarySchema", load_default=list,
                                  metadata={"description": "Partner organisations."})
    website = ma.fields.URL(load_default=None, allow_none=True, schemes={"http", "https"},
                            validate=ma.validate.Length(max=300))
    source = Source(required=True)
    source_date = SourceDate(required=True)
    innovations = ReferenceList("InnovationSummarySchema", dump_only=True)

    @ma.validates_schema
    def funding_in_order(self, data, **kwargs):
        start, end = data.get("funding_start"), data.get("funding_end")
        if start and end and end < start:
            raise ma.ValidationError("Funding ends before it starts.", "funding_end")
