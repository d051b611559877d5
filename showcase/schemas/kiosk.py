"""The validated shape of kiosks: what the API, the importer and the seed loader accept."""

import marshmallow as ma

from showcase.config import LANGUAGES
from showcase.models import HALL_DEPTH, HALL_WIDTH
from showcase.schemas.dumping import RecordSchema
from showcase.schemas.fields import Slug, Translated


class KioskSchema(RecordSchema):
    id = Slug(required=True, metadata={"description": "The kiosk's slug: start it with /kiosk?k=<id>."})
    name = Translated(120, required=True)
    x = ma.fields.Float(required=True, validate=ma.validate.Range(0, HALL_WIDTH),
                        metadata={"description": "Metres from the floor plan's left wall."})
    y = ma.fields.Float(required=True, validate=ma.validate.Range(0, HALL_DEPTH),
                        metadata={"description": "Metres from the floor plan's top wall."})
    facing = ma.fields.Float(load_default=0.0, validate=ma.validate.Range(0, 360, max_inclusive=False),
                             metadata={"description": "Where its screen faces: degrees clockwise from the plan's top."})
    default_language = ma.fields.String(load_default="de", validate=ma.validate.OneOf(LANGUAGES))
    idle_seconds = ma.fields.Integer(load_default=90, validate=ma.validate.Range(15, 3600),
                                     metadata={"description": "Seconds without a touch before it resets."})


class KioskTokenSchema(RecordSchema):
    """A kiosk's new token, shown once: enter it at the kiosk's setup, it is sent as X-Kiosk-Token."""

    kiosk = ma.fields.String()
    token = ma.fields.String()
    prefix = ma.fields.String(metadata={"description": "The token's first characters, to tell tokens apart."})
    created_at = ma.fields.AwareDateTime(metadata={"description": "When it was issued, in UTC."})
