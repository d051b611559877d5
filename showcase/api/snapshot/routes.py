"""GET /api/v1/snapshot: the whole public directory in one cacheable JSON."""

from flask.views import MethodView
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from showcase.api.blueprint import Blueprint
from showcase.api.programme.queries import VENUE
from showcase.api.snapshot.schemas import CONFERENCE, SnapshotSchema
from showcase.api.stands.queries import floor_plan
from showcase.extensions import db
from showcase.models import (
    CONFERENCE_DAYS,
    Cluster,
    Innovation,
    Organisation,
    ProgrammeSession,
    Project,
)
from showcase.models.programme_session import CONFERENCE_TIMEZONE
from showcase.schemas import CANONICAL

blp = Blueprint("snapshot", __name__, url_prefix="/api/v1",
                description="The whole directory in one document, for kiosks and offline use.")


@blp.route("/snapshot")
class Snapshot(MethodView):
    @blp.etag
    @blp.response(200, SnapshotSchema)
    def get(self):
        """Get the whole directory in one document

        Clusters (with stands and partner organisations), projects, innovations, organisations, the
        programme and the floor plan, in both languages, with a content `version`. Poll it with
        If-None-Match: the answer is 304 until something changes.
        """
        return load_snapshot()


def load_snapshot() -> dict:
    """Every public record, in the order the list endpoints use by default, in 14 queries whatever their number.

    One query a kind and one a list of links. Clusters load first and projects before innovations: a
    record's link to one of them (a project's or an innovation's cluster, an innovation's project) is
    then found in the session, without a query.
    """
    scalars = db.session.scalars
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
        "conference": {**CONFERENCE, "venue": VENUE, "days": list(CONFERENCE_DAYS), "timezone": CONFERENCE_TIMEZONE},
        "clusters": clusters,
        "projects": projects,
        "innovations": innovations,
        "organisations": organisations,
        "programme": programme,
        "floor_plan": floor_plan(CANONICAL),
    }
