"""Kiosks (read publicly, written by editors), their tokens, and walking routes from a kiosk to a stand."""

import datetime as dt

from flask.views import MethodView
from flask_smorest import abort

from showcase.api.blueprint import Blueprint
from showcase.api.kiosks.queries import all_stands, filter_kiosks, kiosk_or_404, place_or_404
from showcase.api.kiosks.schemas import KioskArgsSchema, KioskQueryArgsSchema, RouteArgsSchema, RouteSchema
from showcase.api.writes import RecordViews, write_access
from showcase.schemas import KioskSchema, KioskTokenSchema
from showcase.services.kiosk_tokens import issue_token, revoke_tokens
from showcase.services.transaction import transaction
from showcase.services.wayfinding import NoRoute, walking_route

blp = Blueprint("kiosks", __name__, url_prefix="/api/v1",
                description="The hall's kiosks, their rate-budget tokens, and walking routes to the stands.")

VIEWS = RecordViews(blp, "kiosks", KioskSchema, find=kiosk_or_404, label="a kiosk")
VIEWS.route("/kiosks", "Kiosks", KioskQueryArgsSchema, filter_kiosks, KioskArgsSchema, listing="kiosks")


def without_body(_mimetype: str) -> bool:
    """Issuing a token takes no body, so any Content-Type (or none) will do."""
    return True


@blp.route("/kiosks/<id>/token")
class KioskTokenView(MethodView):
    @write_access(blp, media_types=without_body)
    @blp.response(201, KioskTokenSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def post(self, id):
        """Issue a kiosk a new token (shown once; its earlier tokens stop working)"""
        with transaction():
            issued = issue_token(kiosk_or_404(id))
            return {"kiosk": id, "token": issued.token, "prefix": issued.record.prefix,
                    "created_at": issued.record.created_at.replace(tzinfo=dt.timezone.utc)}

    @write_access(blp)
    @blp.response(204)
    @blp.alt_response(404, response="NOT_FOUND")
    def delete(self, id):
        """Revoke a kiosk's tokens (it falls back to its address's rate budget)"""
        with transaction():
            revoke_tokens(kiosk_or_404(id))


@blp.route("/floor-plan/route")
class WalkingRoute(MethodView):
    @blp.read(RouteSchema, args=RouteArgsSchema, errors=(404, 409))
    def get(self, args):
        """Get the walking route from a kiosk (or a stand) to a stand's open side"""
        start = place_or_404(args["origin"], "from")
        goal = place_or_404(args["destination"], "to")
        try:
            return walking_route(all_stands(), start, goal).as_dict()
        except NoRoute:
            abort(409, message=f"No walkable way leads from {args['origin']} to an open side of "
                               f"{args['destination']}.")
