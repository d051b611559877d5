"""The phone page of the matchmaking (GET /meet) and the kiosk's QR code that leads to it.

The kiosk's "Request a meeting" action shows a QR code of /meet?cluster=SLUG, and the visitor
registers on their own phone.
"""

from urllib.parse import urlencode

from flask import Blueprint, abort, request, url_for
from sqlalchemy import select

from showcase.config import LANGUAGES
from showcase.extensions import db
from showcase.kiosk.phone_pages import phone_page, public_base, qr_response
from showcase.models import Cluster
from showcase.schemas.fields import SLUG_PATTERN

bp = Blueprint("meet", __name__, template_folder="templates", static_folder="phone",
               static_url_path="/meet/static")


def meet_url(cluster: str | None = None, lang: str | None = None) -> str:
    """The phone registration page's absolute URL, for a cluster and a language."""
    query = {key: value for key, value in (("cluster", cluster), ("lang", lang)) if value}
    return f"{public_base()}{url_for('meet.page')}" + (f"?{urlencode(query)}" if query else "")


@bp.get("/meet")
def page():
    """The phone page: register, ask a cluster for a meeting, and later see its answer with the link."""
    return phone_page("meet/index.html")


@bp.get("/kiosk/qr.svg")
def kiosk_qr():
    """A QR code of the phone page for a cluster, as SVG; the encoded URL is also in X-QR-Payload."""
    slug = request.args.get("cluster", "")
    lang = request.args.get("lang")
    if not SLUG_PATTERN.match(slug) or len(slug) > 80 or (lang is not None and lang not in LANGUAGES):
        abort(404)
    if db.session.scalar(select(Cluster.id).where(Cluster.slug == slug)) is None:
        abort(404)
    return qr_response(meet_url(slug, lang))
