"""showcase: the exhibition directory API of the 3rd International Cluster Conference."""

import os

from flask import Flask

from showcase import api, cli, database, http_policy, kiosk, rate_limits, read_cache, search
from showcase.config import load_config
from showcase.json_format import ResponseJSONProvider
from showcase.read_cache import CachingFlask
from showcase.extensions import cors, db
from showcase.services import search_analytics
from showcase.services import synonyms
from showcase.services import webhooks


def create_app(config: dict | None = None) -> Flask:
    """Build the app: configuration, extensions, the API and the kiosk, HTTP policy, commands."""
    config = config or {}
    app = CachingFlask(__name__, instance_path=config.get("INSTANCE_PATH") or os.environ.get("SHOWCASE_INSTANCE_PATH"))
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.update(load_config(app.instance_path))
    app.config.update(config)
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", database.engine_options(app.config["SQLALCHEMY_DATABASE_URI"]))
    app.json = ResponseJSONProvider(app)

    register_extensions(app)
    register_blueprints(app)
    register_http_policy(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    database.init_app(app)
    search.init_app(app)
    search_analytics.init_app(app)
    synonyms.init_app(app)
    webhooks.init_app(app)
    rate_limits.init_app(app)
    origins = [origin.strip() for origin in app.config["SHOWCASE_CORS_ORIGINS"].split(",")]
    cors.init_app(
        app,
        resources={r"/api/*": {"origins": origins}, r"/health": {"origins": origins},
                   # The one write open to other sites: the widget's beacon when a search hit is opened.
                   **{path: {"origins": origins, "methods": ["POST", "OPTIONS"]} for path in http_policy.CROSS_ORIGIN_WRITES}},
        send_wildcard=origins == ["*"],
        methods=["GET", "HEAD", "OPTIONS"],
        expose_headers=["X-Pagination", "Link", "ETag"],
        # A kiosk served from another origin (the hall's own host) sends its token with every read and search.
        allow_headers=["Accept-Language", "If-None-Match", "Content-Type", rate_limits.KIOSK_TOKEN_HEADER],
        supports_credentials=False,
        max_age=600,
    )


def register_blueprints(app: Flask) -> None:
    api.init_app(app)
    kiosk.init_app(app)


def register_http_policy(app: Flask) -> None:
    http_policy.init_app(app)
    read_cache.init_app(app)


def register_commands(app: Flask) -> None:
    cli.init_app(app)
