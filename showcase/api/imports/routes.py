"""POST /import: a bundle or CSV files, checked whole and written all or nothing."""

from flask import request
from flask.views import MethodView
from flask_smorest import abort

from showcase.api.blueprint import Blueprint
from showcase.api.imports.schemas import ImportArgsSchema, ImportReportSchema, request_body_doc
from showcase.api.writes import is_json, write_access
from showcase.api.access import actor_name
from showcase.api.problems import problem
from showcase.services.imports import BODY, ImportInvalid, import_items, read_files

blp = Blueprint("imports", __name__, url_prefix="/api/v1",
                description="Bulk import of directory records by editors (JSON bundles or CSV files).")


def json_or_form(mimetype: str) -> bool:
    return is_json(mimetype) or mimetype == "multipart/form-data"


def uploaded_files() -> list[tuple[str, bytes, str | None]]:
    """The request's files as (name, content, kind hint): the JSON body, or the form's files."""
    if is_json(request.mimetype):
        return [(BODY, request.get_data(), None)]
    files = [(storage.filename or name, storage.read(), name) for name, storage in request.files.items(multi=True)]
    if not files:
        abort(422, message="Attach at least one file, such as projects.csv or a bundle .json.",
              errors={"files": {"": ["No file attached."]}})
    return files


@blp.route("/import")
class Import(MethodView):
    @write_access(blp, "editor", media_types=json_or_form)
    @blp.arguments(ImportArgsSchema, location="query")
    @blp.response(200, ImportReportSchema)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    @blp.doc(requestBody=request_body_doc())
    def post(self, args):
        """Import records from a bundle or CSV files"""
        try:
            report = import_items(read_files(uploaded_files()), actor_name(), dry_run=args["dry_run"])
        except ImportInvalid as error:
            return problem(422, f"{len(error.problems)} problem(s); nothing was written.",
                           errors=[p.as_dict() for p in error.problems])
        return {"dry_run": report.dry_run, "written": report.written, "counts": report.counts}
