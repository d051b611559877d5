"""The REST API under /api/v1: one package per resource, each a flask-smorest Blueprint."""

from flask import Flask

from showcase.api.audit.routes import blp as audit
from showcase.api.blueprint import ProblemApi
from showcase.api.changes.routes import blp as changes
from showcase.api.clusters.routes import blp as clusters
from showcase.api.docs import bp as docs
from showcase.api.health import bp as health
from showcase.api.imports.routes import blp as imports
from showcase.api.innovations.routes import blp as innovations
from showcase.api.kiosks.routes import blp as kiosks
from showcase.api.matchmaking.access import register_security_scheme
from showcase.api.matchmaking.routes import blp as matchmaking
from showcase.api.organisations.routes import blp as organisations
from showcase.api.problems import register_error_handlers
from showcase.api.programme.routes import blp as programme
from showcase.api.projects.routes import blp as projects
from showcase.api.search.routes import blp as search
from showcase.api.search_analytics.routes import blp as search_analytics
from showcase.api.snapshot.routes import blp as snapshot
from showcase.api.stands.routes import blp as stands
from showcase.api.webhooks.routes import blp as webhooks

# Created unbound, like every extension; bound in create_app.
api = ProblemApi()
RESOURCES = (clusters, projects, innovations, organisations, stands, programme, search, snapshot,
             imports, audit, matchmaking, search_analytics, changes, kiosks, webhooks)


def init_app(app: Flask) -> None:
    """Bind the API: its resources, the docs and health pages, problem+json for every error."""
    api.init_app(app)
    for blueprint in RESOURCES:
        api.register_blueprint(blueprint)
    register_security_scheme(api.spec)
    app.register_blueprint(health)
    app.register_blueprint(docs)
    register_error_handlers(app)
