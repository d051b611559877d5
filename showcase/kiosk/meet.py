"""The phone page of the matchmaking (GET /meet) and the kiosk's QR code that leads to it.

A kiosk never asks for personal data on its shared screen: its "Request a meeting" action shows a
QR code of /meet?cluster=SLUG, and the visitor registers on their own phone. The code is drawn on
the server by segno, offline, as SVG.
"""

import io
from functools import lru_cache
from urllib.parse import urlencode

import segno
from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from sqlalchemy import select

from showcase.config import LANGUAGES
from showcase.extensions import db
from showcase.models import Cluster
from showcase.schemas.fields import SLUG_PATTERN

bp = Blueprint("meet", __name__, template_folder="templates", static_folder="phone",
               static_url_path="/meet/static")


def public_base() -> str:
    """Where phones reach this server: SHOWCASE_PUBLIC_URL, else the host the request came to."""
    return (current_app.config.get("SHOWCASE_PUBLIC_URL") or request.url_root).rstrip("/")


def meet_url(cluster: str | None = None, lang: str | None = None) -> str:
    """The phone registration page's absolute URL, for a cluster and a language."""
    query = {key: value for key, value in (("cluster", cluster), ("lang", lang)) if value}
    return f"{public_base()}{url_for('meet.page')}" + (f"?{urlencode(query)}" if query else "")


@lru_cache(maxsize=256)
def qr_svg(payload: str, title: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(payload, error="m").save(buffer, kind="svg", scale=8, border=4, xmldecl=False, title=title, omitsize=True,
                                        dark="#000", light="#fff", svgclass="meet-qr", lineclass=None)
    return buffer.getvalue()


@bp.get("/meet")
def page():
    """The phone page: register, ask a cluster for a meeting, and later see its answer with the link."""
    lang = request.args.get("lang")
    lang = lang if lang in LANGUAGES else (request.accept_languages.best_match(LANGUAGES)
                                           or current_app.config["SHOWCASE_DEFAULT_LANGUAGE"])
    response = Response(render_template("meet/index.html", lang=lang))
    # The page itself holds no personal data, but its address may carry a token in the fragment.
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.get("/kiosk/qr.svg")
def kiosk_qr():
    """A QR code of the phone page for a cluster, as SVG; the encoded URL is also in X-QR-Payload."""
    slug = request.args.get("cluster", "")
    lang = request.args.get("lang")
    if not SLUG_PATTERN.match(slug) or len(slug) > 80 or (lang is not None and lang not in LANGUAGES):
        abort(404)
    if db.session.scalar(select(Cluster.id).where(Cluster.slug == slug)) is None:
        abort(404)
    payload = meet_url(slug, lang)
    response = Response(qr_svg(payload, payload), mimetype="image/svg+xml")
    response.headers["X-QR-Payload"] = payload
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
