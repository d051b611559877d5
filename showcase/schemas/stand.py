"""The validated shape of stands: what the API, the importer and the seed loader accept."""

import marshmallow as ma

from showcase.models import HALL_DEPTH, HALL_WIDTH, STAND_SIDES
from showcase.schemas.dumping import RecordSchema
from showcase.schemas.fields import Reference, ReferenceList, Translated

STAND_NUMBER = ma.validate.Regexp(r"^[A-Z][0-9]{2,3}$", error="Not a stand number such as A01.")


class StandSummarySchema(RecordSchema):
    """A stand as a cluster inlines it."""

    number = ma.fields.String()
    hall_area = Translated(120)
    x = ma.fields.Float()
    y = ma.fields.Float()
    width = ma.fields.Float()
    height = ma.fields.Float()


def validate_sides(sides: list[str]) -> None:
    if not sides:
        raise ma.ValidationError("A stand needs at least one open side.")
    if len(set(sides)) != len(sides):
        raise ma.ValidationError("Names a side twice.")


class StandSchema(RecordSchema):
    number = ma.fields.String(required=True, validate=STAND_NUMBER)
    cluster = Reference("ClusterSummarySchema", required=True)
    hall_area = Translated(120, required=True)
    x = ma.fields.Float(required=True, validate=ma.validate.Range(0, HALL_WIDTH))
    y = ma.fields.Float(required=True, validate=ma.validate.Range(0, HALL_DEPTH))
    width = ma.fields.Float(required=True, validate=ma.validate.Range(1, HALL_WIDTH, min_inclusive=True))
    height = ma.fields.Float(required=True, validate=ma.validate.Range(1, HALL_DEPTH, min_inclusive=True))
    open_sides = ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(STAND_SIDES)), validate=validate_sides,
        load_default=lambda: list(STAND_SIDES),
        metadata={"description": "The sides visitors enter by, the plan's top being north (default: all four)."})
    innovations = ReferenceList("InnovationSummarySchema", load_default=list,
                                metadata={"description": "Innovations on show at the stand."})

    @ma.validates_schema
    def inside_the_hall(self, data, **kwargs):
        if {"x", "width"} <= data.keys() and data["x"] + data["width"] > HALL_WIDTH:
            raise ma.ValidationError(f"The stand reaches past the hall's width of {HALL_WIDTH:g} m.", "width")
        if {"y", "height"} <= data.keys() and data["y"] + data["height"] > HALL_DEPTH:
            raise ma.ValidationError(f"The stand reaches past the hall's depth of {HALL_DEPTH:g} m.", "height")


class FloorPlanSchema(RecordSchema):
    unit = ma.fields.String(metadata={"description": "Always m (metres)."})
    width = ma.fields.Float()
    depth = ma.fields.Float()
    entrance = ma.fields.Dict(metadata={"description": "The entrance as x, y, width, height."})
    stands = ma.fields.List(ma.fields.Nested(StandSchema))
