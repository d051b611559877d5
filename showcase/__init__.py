"""showcase: the exhibition directory API of the 3rd International Cluster Conference."""

import os

from flask import Flask

from showcase.config import load_config


def create_app(config: dict | None = None) -> Flask:
    """Build the app: configuration, extensions, blueprints, error handling, HTTP policy, commands."""
    config = config or {}
    app = Flask(__name__, instance_path=config.get("INSTANCE_PATH") or os.environ.get("SHOWCASE_INSTANCE_PATH"))
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.update(load_config(app.instance_path))
    app.config.update(config)
    app.json.sort_keys = False
    app.json.ensure_ascii = False

    register_extensions(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_http_policy(app)
    register_commands(app)
    register_search(app)
    return app


def register_extensions(app: Flask) -> None:
    from showcase import database, rate_limits
    from showcase.api import writes
    from showcase.extensions import api, cors, db

    db.init_app(app)
    database.init_app(app)
    api.init_app(app)
    rate_limits.init_app(app)
    # Before CORS, so its hook runs after CORS's and takes the CORS headers off writes' answers.
    writes.init_app(app)
    origins = [origin.strip() for origin in app.config["SHOWCASE_CORS_ORIGINS"].split(",")]
    cors.init_app(
        app,
        resources={r"/api/*": {"origins": origins}, r"/health": {"origins": origins}},
        send_wildcard=origins == ["*"],
        methods=["GET", "HEAD", "OPTIONS"],
        expose_headers=["X-Pagination", "Link", "ETag"],
        allow_headers=["Accept-Language", "If-None-Match", "Content-Type"],
        supports_credentials=False,
        max_age=600,
    )


def register_blueprints(app: Flask) -> None:
    from showcase.api.audit.routes import blp as audit
    from showcase.api.clusters.routes import blp as clusters
    from showcase.api.docs import bp as docs
    from showcase.api.health import bp as health
    from showcase.api.imports.routes import blp as imports
    from showcase.api.innovations.routes import blp as innovations
    from showcase.api.matchmaking.access import register_security_scheme
    from showcase.api.matchmaking.routes import blp as matchmaking
    from showcase.api.organisations.routes import blp as organisations
    from showcase.api.programme.routes import blp as programme
    from showcase.api.projects.routes import blp as projects
    from showcase.api.search.routes import blp as search
    from showcase.api.snapshot.routes import blp as snapshot
    from showcase.api.stands.routes import blp as stands
    from showcase.extensions import api
    from showcase.kiosk import bp as kiosk
    from showcase.kiosk import meet

    for blueprint in (clusters, projects, innovations, organisations, stands, programme, search, snapshot):
        api.register_blueprint(blueprint)
    for blueprint in (imports, audit):
        api.register_blueprint(blueprint)
    api.register_blueprint(matchmaking)
    register_security_scheme(api.spec)
    app.register_blueprint(health)
    app.register_blueprint(docs)
    app.register_blueprint(kiosk)
    app.register_blueprint(meet.bp)


def register_error_handlers(app: Flask) -> None:
    from showcase.errors import register_error_handlers as register

    register(app)


def register_http_policy(app: Flask) -> None:
    from showcase import http_policy, read_cache

    http_policy.init_app(app)
    read_cache.init_app(app)


def register_commands(app: Flask) -> None:
    from showcase.cli import init_app

    init_app(app)


def register_search(app: Flask) -> None:
    from showcase import search

    search.init_app(app)
