"""GET /api/v1/snapshot: the whole public directory in one cacheable JSON."""

from flask.views import MethodView
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from showcase.api.blueprint import Blueprint
from showcase.api.programme.routes import VENUE
from showcase.api.snapshot.schemas import CONFERENCE, SnapshotSchema
from showcase.api.stands.routes import ENTRANCE
from showcase.extensions import db
from showcase.models import (
    CONFERENCE_DAYS,
    HALL_DEPTH,
    HALL_WIDTH,
    Cluster,
    Innovation,
    Organisation,
    ProgrammeSession,
    Project,
    Stand,
)
from showcase.models.programme_session import CONFERENCE_TIMEZONE

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
    """Every public record, loaded in a few queries, in the order the list endpoints use by default."""
    scalars = db.session.scalars
    clusters = scalars(select(Cluster).options(
        selectinload(Cluster.state_rows), selectinload(Cluster.stand), selectinload(Cluster.organisations),
    ).order_by(Cluster.slug)).all()
    projects = scalars(select(Project).options(
        selectinload(Project.cluster), selectinload(Project.topic_rows), selectinload(Project.organisations),
        selectinload(Project.innovations),
    ).order_by(Project.slug)).all()
    innovations = scalars(select(Innovation).options(
        selectinload(Innovation.cluster), selectinload(Innovation.project),
    ).order_by(Innovation.slug)).all()
    organisations = scalars(select(Organisation).options(
        selectinload(Organisation.clusters), selectinload(Organisation.projects),
    ).order_by(Organisation.slug)).all()
    programme = scalars(select(ProgrammeSession).order_by(ProgrammeSession.starts_at, ProgrammeSession.slug)).all()
    stands = scalars(select(Stand).options(
        selectinload(Stand.cluster), selectinload(Stand.innovations),
    ).order_by(Stand.number)).all()
    return {
        "version": None,
        "conference": {**CONFERENCE, "venue": VENUE, "days": list(CONFERENCE_DAYS), "timezone": CONFERENCE_TIMEZONE},
        "clusters": clusters,
        "projects": projects,
        "innovations": innovations,
        "organisations": organisations,
        "programme": programme,
        "floor_plan": {"unit": "m", "width": HALL_WIDTH, "depth": HALL_DEPTH, "entrance": ENTRANCE, "stands": stands},
    }
