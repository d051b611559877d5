"""GET /api/v1/changes: the directory's changes since a cursor, oldest first."""

from flask.views import MethodView
from flask_smorest import abort

from showcase.api.blueprint import Blueprint
from showcase.api.changes.schemas import ChangePageSchema, ChangesQueryArgsSchema
from showcase.services.change_feed import ChangePage, CursorExpired, changes_since

blp = Blueprint("changes", __name__, url_prefix="/api/v1",
                description="What changed since a cursor: creations, updates and deletions in order.")

EXPIRED = ("Changes after this cursor are no longer kept: reload GET /api/v1/snapshot and follow the "
           "changes from its `cursor`.")


def page_or_410(since: int, limit: int) -> ChangePage:
    """The feed's page, or a 410 telling the client to start over from the snapshot."""
    try:
        return changes_since(since, limit)
    except CursorExpired:
        abort(410, message=EXPIRED)


@blp.route("/changes")
class Changes(MethodView):
    @blp.read(ChangePageSchema, args=ChangesQueryArgsSchema, errors=(410,))
    def get(self, args):
        """List the changes since a cursor

        Every creation, update and deletion of a cluster, stand, project, innovation, organisation,
        programme session or kiosk, oldest first. Deletions stay as tombstones while the outbox keeps them
        (`SHOWCASE_OUTBOX_KEEP_DAYS`); a `since` older than that answers 410: reload the snapshot.
        """
        return page_or_410(args["since"], args["limit"])
