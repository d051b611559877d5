"""Fixtures: an app on a temporary directory, on SQLite and (when configured) PostgreSQL."""

import os
import uuid
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from showcase import create_app, database
from showcase.extensions import db
from showcase.models import Base

POSTGRES_URL = os.environ.get("SHOWCASE_TEST_DATABASE_URL")
DATABASES = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]


@pytest.fixture(scope="session")
def postgres_schema_url():
    """A schema of its own for this test run, so runs on one server never see each other's rows."""
    schema = f"showcase_test_{uuid.uuid4().hex[:10]}"
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in POSTGRES_URL else "?"
    yield f"{POSTGRES_URL}{separator}options={quote(f'-csearch_path={schema}')}"
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=DATABASES)
def database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'showcase.db'}"
        return
    url = request.getfixturevalue("postgres_schema_url")
    yield url
    engine = create_engine(url)
    with engine.begin() as connection:
        tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture
def app_config(database_url, tmp_path):
    """The settings of a test app; a test may change them before asking for `app`."""
    return {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SHOWCASE_INDEX_DIR": str(tmp_path / "search-index"),
        "SHOWCASE_INDEX_DRAIN_SECONDS": 0,
        "SHOWCASE_SEARCH_ANALYTICS_FLUSH_SECONDS": 0,
        "SHOWCASE_RATELIMIT_ENABLED": False,
    }


@pytest.fixture
def app(app_config):
    app = create_app(app_config)
    with app.app_context():
        database.create_schema()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield
