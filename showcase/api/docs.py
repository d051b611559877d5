"""Swagger UI's assets, served from the installed flask-swagger-ui (Swagger UI 5, which reads OpenAPI 3.1) so the docs work offline."""

from pathlib import Path

import flask_swagger_ui
from flask import Blueprint, send_from_directory

# Only the package's copy of Swagger UI's dist files is used; flask-smorest renders the page.
SWAGGER_UI_DIST = Path(flask_swagger_ui.__file__).parent / "dist"

bp = Blueprint("docs_assets", __name__)


@bp.get("/api/v1/docs/assets/<path:filename>")
def docs_asset(filename: str):
    return send_from_directory(SWAGGER_UI_DIST, filename, max_age=86400)
