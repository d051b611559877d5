"""GET /api/v1/snapshot: the whole public directory in one cacheable JSON."""

import os

from flask import Response, current_app, request
from flask.views import MethodView
from flask_smorest import abort
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.wsgi import wrap_file

from showcase.api.blueprint import Blueprint
from showcase.api.snapshot.schemas import SnapshotArgsSchema, SnapshotSchema
from showcase.api.snapshot.stored import StoredSnapshot, conference, stored_snapshot
from showcase.api.stands.queries import floor_plan
from showcase.extensions import db
from showcase.models import (
    Cluster,
    Innovation,
    Organisation,
    ProgrammeSession,
    Project,
    Stand,
)
from showcase.models.associations import cluster_organisation
from showcase.schemas import CANONICAL
from showcase.services.change_feed import CursorExpired, changes_between, current_cursor

blp = Blueprint("snapshot", __name__, url_prefix="/api/v1",
                description="The whole directory in one document, for kiosks and offline use.")


@blp.route("/snapshot")
class Snapshot(MethodView):
    @blp.read(SnapshotSchema, args=SnapshotArgsSchema, errors=(410,))
    def get(self, args):
        """Get the whole directory in one document

        Clusters (with stands and partner organisations), projects, innovations, organisations, the
        programme and the floor plan, in both languages, with a content `version` and the change feed's
        `cursor`. Poll it with If-None-Match: the answer is 304 until something changes. With
        `since=<cursor>` it answers only what changed since and the records deleted (`deleted`), so a
        kiosk refreshes by delta; a cursor past the outbox's retention answers 410: load it whole.
        """
        if "since" not in args:
            stored = stored_snapshot()
            blp.set_etag(stored.version)  # a 304 now, before any file is opened
            return stored_response(stored)
        cursor = current_cursor()
        try:
            changes = changes_between(args["since"], cursor)
        except CursorExpired:
            abort(410, message="Changes since this cursor are no longer kept: load the snapshot whole.")
        return {**load_snapshot(changed_ids(changes)), "cursor": cursor, "since": args["since"],
                "deleted": tombstones(changes)}


def stored_response(stored: StoredSnapshot) -> Response:
    """The stored snapshot as a static file is served: gzipped to a client that accepts it, the same bytes else."""
    gzipped = request.accept_encodings["gzip"] > 0
    try:
        file = open(stored.gzipped if gzipped else stored.plain, "rb")
    except FileNotFoundError:  # deleted since this worker found it: two newer versions were built meanwhile
        current_app.extensions["showcase_snapshot_files"].clear()
        return stored_response(stored_snapshot())
    response = Response(wrap_file(request.environ, file), mimetype="application/json", direct_passthrough=True)
    response.content_length = os.fstat(file.fileno()).st_size
    if gzipped:
        response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    return response


SECTION_MODELS = {"cluster": Cluster, "project": Project, "innovation": Innovation,
                  "organisation": Organisation, "session": ProgrammeSession, "stand": Stand}


def last_actions(changes) -> dict:
    """(kind, slug) → the last change of each, in order."""
    return {(change.kind, change.slug): change for change in changes}


def tombstones(changes) -> list[dict]:
    return [{"kind": kind, "slug": slug} for (kind, slug), change in last_actions(changes).items()
            if change.action == "deleted" and kind in SECTION_MODELS]


def changed_ids(changes) -> dict:
    """Ids of the records a delta sends, by model: those changed, and the clusters inlining a changed
    stand or partner."""
    ids = {model: set() for model in SECTION_MODELS.values()}
    for change in last_actions(changes).values():
        if change.action != "deleted" and change.kind in SECTION_MODELS:  # kiosks are not in the snapshot
            ids[SECTION_MODELS[change.kind]].add(change.record_id)
    ids[Cluster] |= set(db.session.scalars(select(Stand.cluster_id).where(Stand.id.in_(ids[Stand]))))
    ids[Cluster] |= set(db.session.scalars(select(cluster_organisation.c.cluster_id).where(
        cluster_organisation.c.organisation_id.in_(ids[Organisation]))))
    return ids


def load_snapshot(only: dict | None = None) -> dict:
    """The records of a delta (those whose ids `only` gives by model; every one without it), in the snapshot's
    order, in 14 queries whatever their number. The whole snapshot is built by `stored.build` instead.

    One query a kind and one a list of links. Clusters load first and projects before innovations: a
    record's link to one of them (a project's or an innovation's cluster, an innovation's project) is
    then found in the session, without a query.
    """
    def scalars(query):
        model = query.column_descriptions[0]["entity"]
        return db.session.scalars(query if only is None else query.where(model.id.in_(only[model])))

    clusters = scalars(select(Cluster).options(
        joinedload(Cluster.stand), selectinload(Cluster.state_rows), selectinload(Cluster.organisations),
    ).order_by(Cluster.slug)).all()
    projects = scalars(select(Project).options(
        selectinload(Project.topic_rows), selectinload(Project.organisations), selectinload(Project.innovations),
    ).order_by(Project.slug)).all()
    innovations = scalars(select(Innovation).order_by(Innovation.slug)).all()
    organisations = scalars(select(Organisation).options(
        selectinload(Organisation.clusters), selectinload(Organisation.projects),
    ).order_by(Organisation.slug)).all()
    programme = scalars(select(ProgrammeSession).order_by(ProgrammeSession.starts_at, ProgrammeSession.slug)).all()
    return {
        "version": None,
        "conference": conference(),
        "clusters": clusters,
        "projects": projects,
        "innovations": innovations,
        "organisations": organisations,
        "programme": programme,
        "floor_plan": floor_plan(CANONICAL),
    }
