"""Schema of the directory snapshot: every public record in both languages, with a content version.

The sections reuse the resources' own schemas, each dumped as its resource would answer with
`lang=all` and, for clusters, `expand=stand,organisations`, so a client reads a snapshot exactly
as it reads the API.
"""

import hashlib
import json

import marshmallow as ma

from showcase.config import LANGUAGES
from showcase.schemas import (
    ClusterSchema,
    FloorPlanSchema,
    InnovationSchema,
    OrganisationSchema,
    ProgrammeSessionSchema,
    ProjectSchema,
    Representation,
    represented_as,
)


class Section(ma.fields.Nested):
    """A resource's records, dumped in both languages with the given links inlined."""

    def __init__(self, schema, *, expand: tuple[str, ...] = (), **kwargs):
        self.expand = frozenset(expand)
        super().__init__(schema, **kwargs)

    def _serialize(self, nested_obj, attr, obj, **kwargs):
        with represented_as(Representation(lang=None, expand=self.expand)):
            return super()._serialize(nested_obj, attr, obj, **kwargs)


class ConferenceSchema(ma.Schema):
    name = ma.fields.Dict(metadata={"description": "The conference's name, {de, en}."})
    venue = ma.fields.String()
    days = ma.fields.List(ma.fields.Date(), metadata={"description": "The conference days, in order."})
    timezone = ma.fields.String(metadata={"description": "Programme times are local times in this zone."})
    languages = ma.fields.List(ma.fields.String())


class SnapshotSchema(ma.Schema):
    """The public directory in one document; `version` changes exactly when the content does."""

    version = ma.fields.String(
        metadata={"description": "Content version: a hash of everything below it. Equal versions, equal content."})
    cursor = ma.fields.Integer(metadata={
        "description": "The change feed's cursor this document is complete up to: follow GET /api/v1/changes "
                       "or GET /api/v1/snapshot?since= from it."})
    conference = ma.fields.Nested(ConferenceSchema)
    clusters = Section(ClusterSchema, many=True, expand=("stand", "organisations"),
                       metadata={"description": "Every cluster with its stand and partner organisations inlined."})
    projects = Section(ProjectSchema, many=True)
    innovations = Section(InnovationSchema, many=True)
    organisations = Section(OrganisationSchema, many=True)
    programme = Section(ProgrammeSessionSchema, many=True)
    floor_plan = Section(FloorPlanSchema, metadata={"description": "The hall and every stand, as /floor-plan."})
    # Only in an answer to `?since=`: the sections then hold only the records created or changed since
    # (a cluster also when its stand or a partner changed); `floor_plan` stays whole.
    since = ma.fields.Integer(metadata={"description": "With `since`: the cursor this delta follows."})
    deleted = ma.fields.List(ma.fields.Nested("TombstoneSchema"), metadata={
        "description": "With `since`: the records deleted (or renamed away from this slug) since the cursor."})

    @ma.post_dump
    def add_version(self, data, **kwargs):
        content = {key: value for key, value in data.items() if key != "version"}
        data["version"] = content_version(content)
        return data


def content_version(content: dict) -> str:
    """A short, stable hash of JSON content: the same for the same content on any database."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:20]


CONFERENCE = {
    "name": {"de": "3. Internationale Clusterkonferenz", "en": "3rd International Cluster Conference"},
    "languages": list(LANGUAGES),
}


class SnapshotArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    since = ma.fields.Integer(validate=ma.validate.Range(min=0), metadata={
        "description": "A previous snapshot's `cursor`: answer only the records changed since, and `deleted`."})


class TombstoneSchema(ma.Schema):
    kind = ma.fields.String(metadata={"description": "cluster, stand, project, innovation, organisation or session"})
    slug = ma.fields.String(metadata={"description": "The slug (a stand's number) it had."})
