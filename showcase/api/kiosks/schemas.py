"""Query arguments of the kiosks resource and of walking routes."""

import marshmallow as ma

from showcase.api.listing import sort_field
from showcase.api.representation import representation_args
from showcase.schemas.kiosk import KioskSchema

KIOSK_SORT_KEYS = ("id",)
# `kiosk:<id>` or `stand:<number>`: where a route starts; it ends at a stand.
PLACE_PATTERN = r"^(kiosk:[a-z0-9]+(-[a-z0-9]+)*|stand:[A-Z][0-9]{2,3})$"
STAND_PLACE_PATTERN = r"^stand:[A-Z][0-9]{2,3}$"


class KioskQueryArgsSchema(representation_args(KioskSchema)):
    sort = sort_field(KIOSK_SORT_KEYS, "id")


KioskArgsSchema = representation_args(KioskSchema)


class RouteArgsSchema(ma.Schema):
    origin = ma.fields.String(
        data_key="from", required=True,
        validate=ma.validate.Regexp(PLACE_PATTERN, error="Not a place such as kiosk:entrance or stand:A07."),
        metadata={"description": "Where the walk starts: `kiosk:<id>` or `stand:<number>`."})
    destination = ma.fields.String(
        data_key="to", required=True,
        validate=ma.validate.Regexp(STAND_PLACE_PATTERN, error="Not a stand such as stand:A07."),
        metadata={"description": "The stand to walk to: `stand:<number>`; the walk ends at its open side."})


class PointSchema(ma.Schema):
    x = ma.fields.Float()
    y = ma.fields.Float()


class RouteSchema(ma.Schema):
    """A walk through the hall in the floor plan's metres, never through a stand or a wall."""

    points = ma.fields.List(ma.fields.Nested(PointSchema),
                            metadata={"description": "The polyline: from the start to the stand's open side."})
    distance_m = ma.fields.Float(metadata={"description": "The polyline's length in metres."})
    walking_seconds = ma.fields.Integer(metadata={"description": "At 1 m/s, a crowded hall's pace."})
