"""Liveness for load balancers and kiosks: 200 while the database answers, 503 when it does not."""

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from showcase.extensions import db

bp = Blueprint("health", __name__)


@bp.get("/health")
def health():
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except SQLAlchemyError:
        current_app.logger.warning("health check: database unreachable", exc_info=True)
        db.session.rollback()
        database = "unreachable"
    search = current_app.extensions.get("showcase_search")
    body = {
        "status": "ok" if database == "ok" else "unavailable",
        "database": database,
        "search_index": search.health() if search else "disabled",
    }
    response = jsonify(body)
    response.status_code = 200 if database == "ok" else 503
    response.headers["Cache-Control"] = "no-store"
    return response
