"""The validated shape of clusters: what the API, the importer and the seed loader accept."""

import marshmallow as ma

from showcase.schemas.dumping import RecordSchema
from showcase.schemas.fields import Reference, ReferenceList, Slug, Translated

FEDERAL_STATES = (
    "Baden-Württemberg", "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg", "Hessen",
    "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen", "Rheinland-Pfalz", "Saarland",
    "Sachsen", "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen",
)
ROUND_YEARS = {1: 2008, 2: 2010, 3: 2012}


class SeatSchema(RecordSchema):
    city = ma.fields.String(required=True, validate=ma.validate.Length(1, 120))
    lat = ma.fields.Float(required=True, validate=ma.validate.Range(47.0, 55.5))
    lon = ma.fields.Float(required=True, validate=ma.validate.Range(5.5, 15.5))


class ClusterSummarySchema(RecordSchema):
    """A cluster as other records inline it."""

    slug = Slug()
    short_name = ma.fields.String()
    name = Translated(200)
    round = ma.fields.Integer()
    year = ma.fields.Integer()


class ClusterSchema(RecordSchema):
    slug = Slug(required=True)
    name = Translated(200, required=True)
    short_name = ma.fields.String(required=True, validate=ma.validate.Length(1, 60))
    round = ma.fields.Integer(required=True, validate=ma.validate.OneOf(tuple(ROUND_YEARS)))
    year = ma.fields.Integer(required=True, validate=ma.validate.OneOf(tuple(ROUND_YEARS.values())))
    field = Translated(300, required=True, metadata={"description": "Technology field."})
    region = ma.fields.String(required=True, validate=ma.validate.Length(1, 120))
    states = ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(FEDERAL_STATES)),
        required=True,
        validate=ma.validate.Length(min=1, max=16),
    )
    seat = ma.fields.Nested(SeatSchema, required=True)
    description = Translated(4000, required=True)
    website = ma.fields.URL(required=True, schemes={"http", "https"}, validate=ma.validate.Length(max=300))
    managing_body = ma.fields.String(required=True, validate=ma.validate.Length(1, 300))
    stand = Reference("StandSummarySchema", key="number", dump_only=True)
    organisations = ReferenceList("OrganisationSummarySchema", dump_only=True, expand_only=True)

    @ma.validates_schema
    def year_matches_round(self, data, **kwargs):
        if "round" in data and "year" in data and ROUND_YEARS.get(data["round"]) != data["year"]:
            raise ma.ValidationError(f"Round {data['round']} was decided in {ROUND_YEARS[data['round']]}.", "year")

    @ma.validates("states")
    def states_once(self, value, **kwargs):
        if len(set(value)) != len(value):
            raise ma.ValidationError("Names a state twice.")
