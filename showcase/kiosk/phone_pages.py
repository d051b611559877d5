"""What the phone pages (/meet, /visit) share: their language and headers, and the QR codes that lead to them.

A kiosk never asks for personal data on its shared screen; it shows a QR code and the visitor goes
on on their own phone. The codes are drawn on the server by segno, offline, as SVG.
"""

import io
from functools import lru_cache

import segno
from flask import Response, current_app, render_template, request

from showcase.config import LANGUAGES


def public_base() -> str:
    """Where phones reach this server: SHOWCASE_PUBLIC_URL, else the host the request came to."""
    return (current_app.config.get("SHOWCASE_PUBLIC_URL") or request.url_root).rstrip("/")


def page_language() -> str:
    """A phone page's language: `?lang=`, else the browser's, else the directory's default."""
    lang = request.args.get("lang")
    if lang in LANGUAGES:
        return lang
    return request.accept_languages.best_match(LANGUAGES) or current_app.config["SHOWCASE_DEFAULT_LANGUAGE"]


def phone_page(template: str) -> Response:
    """A phone page: revalidated each time, and its address (which may carry a token or a list in the
    fragment) never sent on as a referrer."""
    response = Response(render_template(template, lang=page_language()))
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@lru_cache(maxsize=256)
def qr_svg(payload: str, title: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(payload, error="m").save(buffer, kind="svg", scale=8, border=4, xmldecl=False, title=title, omitsize=True,
                                        dark="#000", light="#fff", svgclass="meet-qr", lineclass=None)
    return buffer.getvalue()


def qr_response(payload: str) -> Response:
    """A QR code of a URL as SVG; the encoded URL is also in X-QR-Payload, for tests and the kiosk's caption."""
    response = Response(qr_svg(payload, payload), mimetype="image/svg+xml")
    response.headers["X-QR-Payload"] = payload
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
