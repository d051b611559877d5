"""Routes of the kiosk, its service worker, and the embeddable widget."""

import hashlib
from functools import cache
from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, request
from sqlalchemy import func, select

from showcase.config import LANGUAGES
from showcase.extensions import db
from showcase.kiosk.meet import meet_url
from showcase.models import Cluster, Innovation, Kiosk
from showcase.services.linked_data import cluster_linked_data

STATIC = Path(__file__).resolve().parent / "static"
# Files the service worker keeps so the kiosk starts and runs without the server.
SHELL_SUFFIXES = (".js", ".css", ".svg", ".png", ".woff2")
KIOSK_SCOPE = "/kiosk"

bp = Blueprint("kiosk", __name__, template_folder="templates", static_folder="static",
               static_url_path="/kiosk/static")


@cache
def shell_files() -> tuple[str, ...]:
    """The kiosk's static files, relative to its static folder (the embed's own files excluded)."""
    return tuple(sorted(
        path.relative_to(STATIC).as_posix() for path in STATIC.rglob("*")
        if path.is_file() and path.suffix in SHELL_SUFFIXES and not path.relative_to(STATIC).parts[0] == "embed"
    ))


@cache
def asset_version() -> str:
    """A hash of every static file and template: changes exactly when a deployment changes the kiosk."""
    digest = hashlib.sha256()
    folders = (STATIC, Path(__file__).resolve().parent / "templates")
    for path in sorted(p for folder in folders for p in folder.rglob("*") if p.is_file()):
        digest.update(path.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def requested_language() -> str:
    lang = request.args.get("lang")
    return lang if lang in LANGUAGES else current_app.config["SHOWCASE_DEFAULT_LANGUAGE"]


@bp.get("/kiosk")
def kiosk():
    """The kiosk's single page; its views are rendered in the browser from the API and the snapshot.

    `?k=<id>` starts a kiosk of the hall: its language, idle time and place on the floor plan from its record.
    """
    config = current_app.config
    station = None
    if request.args.get("k"):
        station = db.session.get(Kiosk, request.args["k"])
        if station is None:
            known = ", ".join(db.session.scalars(select(Kiosk.id).order_by(Kiosk.id))) or "none yet"
            return Response(f"There is no kiosk {request.args['k']!r}. Kiosks: {known}.", status=404,
                            mimetype="text/plain")
    response = Response(render_template(
        "kiosk/index.html",
        station=station,
        default_language=station.default_language if station else config["SHOWCASE_DEFAULT_LANGUAGE"],
        idle_seconds=station.idle_seconds if station else config["SHOWCASE_KIOSK_IDLE_SECONDS"],
        refresh_seconds=config["SHOWCASE_KIOSK_REFRESH_SECONDS"],
        version=asset_version(),
        meet_url=meet_url(),
    ))
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/kiosk/sw.js")
def service_worker():
    """The service worker: keeps the app shell and the last good snapshot for when the server is gone."""
    body = render_template("kiosk/sw.js", version=asset_version(), scope=KIOSK_SCOPE,
                           shell=[KIOSK_SCOPE] + [f"{KIOSK_SCOPE}/static/{name}" for name in shell_files()])
    response = Response(body, mimetype="text/javascript")
    # The worker lives under /kiosk/ but controls the page at /kiosk itself.
    response.headers["Service-Worker-Allowed"] = KIOSK_SCOPE
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/embed.js")
def embed_script():
    """The widget: renders a cluster card or the directory into a Shadow DOM on any site."""
    body = render_template("embed/embed.js", default_language=current_app.config["SHOWCASE_DEFAULT_LANGUAGE"])
    response = Response(body, mimetype="text/javascript")
    response.headers["Cache-Control"] = "public, max-age=300"
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.add_etag()
    return response


@bp.get("/embed/clusters/<slug>")
def embed_cluster(slug: str):
    """A cluster's card as a page of its own, for sites that allow iframes but no scripts."""
    lang = requested_language()
    cluster = db.session.scalar(select(Cluster).where(Cluster.slug == slug))
    if cluster is None:
        return render_template("embed/missing.html", slug=slug, lang=lang), 404
    counts = {
        "projects": len(cluster.projects),
        "innovations": db.session.scalar(
            select(func.count()).select_from(Innovation).where(Innovation.cluster_id == cluster.id)),
    }
    response = Response(render_template("embed/cluster.html", cluster=cluster, lang=lang, counts=counts,
                                        text=lambda name: getattr(cluster, f"{name}_{lang}"),
                                        linked_data=cluster_linked_data(cluster, lang, request.host_url)))
    response.headers["Cache-Control"] = "public, max-age=300"
    response.add_etag()
    return response
