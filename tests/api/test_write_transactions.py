"""An update's If-Match check and its write are one transaction: no other writer comes between them."""

import sqlite3

import pytest

from showcase.api.blueprint import Blueprint
from tests.editing import bearer, etag_of

URL = "/api/v1/organisations/idle-org"


@pytest.fixture
def other_writer(app):
    """A second connection to the database, as another worker process has; it never waits for a lock."""
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if not uri.startswith("sqlite:///"):
        pytest.skip("SQLite takes the write lock when a write transaction begins: that is what is observed here")
    connection = sqlite3.connect(uri.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
    yield connection
    connection.close()


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
        try:
            other_writer.execute("UPDATE organisation SET city = 'Köln' WHERE slug = 'idle-org'")
            attempts.append("written between the check and the write")
        except sqlite3.OperationalError as error:
            attempts.append(str(error))

    monkeypatch.setattr(Blueprint, "check_etag", check_then_let_another_writer_try)
    response = getattr(client, method)(URL, headers={**bearer(keys.editor), "If-Match": etag_of(client, URL)},
                                       **kwargs)
    assert response.status_code in (200, 204), response.get_data(as_text=True)
    assert attempts == ["database is locked"]
    monkeypatch.undo()
    if method != "delete":
        assert client.get(URL).get_json()["city"] == "Bonn"
    # Once the write is committed, the other writer gets its turn.
    other_writer.execute("UPDATE organisation SET city = 'Köln' WHERE slug = 'idle-org'")
