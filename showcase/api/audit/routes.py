"""GET /audit: who changed what and when, before and after; administrators only."""

from flask.views import MethodView

from showcase.api.audit.schemas import AuditEntrySchema, AuditQueryArgsSchema
from showcase.api.blueprint import Blueprint
from showcase.api.listing import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SelectPage
from showcase.services.audit import audit_query

blp = Blueprint("audit", __name__, never_cached=True, url_prefix="/api/v1",
                description="The audit log of every write, newest first (administrators).")


@blp.route("/audit")
class Audit(MethodView):
    @blp.requires_role("admin")
    @blp.arguments(AuditQueryArgsSchema, location="query")
    @blp.response(200, AuditEntrySchema(many=True))
    @blp.paginate(SelectPage, page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args):
        """List audit entries"""
        return audit_query(args)
