"""The shortlist a visitor takes from the kiosk to the phone: the phone page (GET /visit) and the
kiosk's QR code of it (GET /kiosk/visit-qr.svg).

On the phone the list lives only in the URL fragment (`/visit#items=project:mai-recycling,session:…`),
which browsers never send to a server. The kiosk asks for the QR code with the list in the query;
it names public records only, no person, and nothing of it is stored. The phone page reads the
public snapshot and shows each item with its stand, a calendar of the starred sessions and the
meeting request for each cluster.
"""

from flask import Blueprint, abort, request, url_for

from showcase.kiosk.phone_pages import phone_page, public_base, qr_response
from showcase.schemas.fields import SLUG_PATTERN

SHORTLIST_KINDS = ("cluster", "project", "innovation", "session")
SHORTLIST_MAX = 20

bp = Blueprint("visit", __name__, template_folder="templates", static_folder="phone",
               static_url_path="/visit/static")


def shortlist_items(text: str) -> list[str] | None:
    """The `kind:slug` items of a shortlist, or None when one is malformed or there are too many."""
    items = [item for item in text.split(",") if item]
    for item in items:
        kind, _, slug = item.partition(":")
        if kind not in SHORTLIST_KINDS or not SLUG_PATTERN.match(slug) or len(slug) > 80:
            return None
    return items if 0 < len(items) <= SHORTLIST_MAX else None


def visit_url(items: list[str]) -> str:
    """The phone page's absolute URL with the shortlist in its fragment."""
    return f"{public_base()}{url_for('visit.page')}#items={','.join(items)}"


@bp.get("/visit")
def page():
    """The phone page of a shortlist: each item with its stand, the sessions' calendar, meeting requests."""
    return phone_page("visit/index.html")


@bp.get("/kiosk/visit-qr.svg")
def visit_qr():
    """A QR code of the phone page carrying a shortlist, as SVG; the encoded URL is also in X-QR-Payload."""
    items = shortlist_items(request.args.get("items", ""))
    if items is None:
        abort(404)
    return qr_response(visit_url(items))
