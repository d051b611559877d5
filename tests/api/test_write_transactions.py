"""An update's If-Match check and its write are one transaction: no other writer comes between them."""

import sqlite3

import psycopg
import pytest
from sqlalchemy.engine import make_url

from showcase.api.blueprint import Blueprint
from tests.editing import bearer, etag_of

URL = "/api/v1/organisations/idle-org"


class OtherWriter:
    """A second connection to the database, as another worker process has; it waits at most 0.1 s for a lock."""

    def __init__(self, uri: str):
        self.sqlite = uri.startswith("sqlite:///")
        if self.sqlite:
            self.connection = sqlite3.connect(uri.removeprefix("sqlite:///"), timeout=0.1, isolation_level=None)
        else:
            url = make_url(uri).set(drivername="postgresql")
            self.connection = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
            self.connection.execute("SET lock_timeout = '100ms'")

    def try_to_write(self) -> str:
        """Change the record's city; what happened, in a word."""
        try:
            self.connection.execute("UPDATE organisation SET city = 'Köln' WHERE slug = 'idle-org'")
        except (sqlite3.OperationalError, psycopg.errors.LockNotAvailable):
            return "kept waiting"
        return "went ahead"


@pytest.fixture
def other_writer(app):
    writer = OtherWriter(app.config["SQLALCHEMY_DATABASE_URI"])
    yield writer
    writer.connection.close()


@pytest.mark.parametrize("method, kwargs", [
    ("put", {"json": {"slug": "idle-org", "name": "Idle GmbH", "type": "sme", "city": "Bonn", "clusters": []}}),
    ("patch", {"json": {"city": "Bonn"}}),
    ("delete", {}),
])
def test_another_writer_cannot_change_the_record_after_its_etag_was_checked(
        client, directory, keys, other_writer, monkeypatch, method, kwargs):
    attempts = []
    check_etag = Blueprint.check_etag

    def check_then_let_another_writer_try(blp, *args, **kw):
        check_etag(blp, *args, **kw)
        attempts.append(other_writer.try_to_write())

    monkeypatch.setattr(Blueprint, "check_etag", check_then_let_another_writer_try)
    response = getattr(client, method)(URL, headers={**bearer(keys.editor), "If-Match": etag_of(client, URL)},
                                       **kwargs)
    assert response.status_code in (200, 204), response.get_data(as_text=True)
    assert attempts == ["kept waiting"]  # and not "went ahead"
    monkeypatch.undo()
    if method != "delete":
        assert client.get(URL).get_json()["city"] == "Bonn"
    # Once the write is committed, the other writer gets its turn.
    assert other_writer.try_to_write() == "went ahead"
