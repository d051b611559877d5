"""Responses are the JSON text Flask's own encoder writes with the API's settings, encoded by orjson."""

import dataclasses
import datetime as dt
import json

from flask.json.provider import DefaultJSONProvider


def standard_text(value) -> bytes:
    """What the standard library writes for a response: compact, keys unsorted, UTF-8, a final newline."""
    return (json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=DefaultJSONProvider.default)
            + "\n").encode()


def test_a_page_of_the_directory_is_the_text_the_standard_encoder_writes(app, runner, client):
    assert runner.invoke(args=["seed"]).exit_code == 0
    for path in ("/api/v1/projects?page_size=100&lang=all", "/api/v1/clusters?expand=stand,organisations", "/api/v1/stands"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.data == standard_text(response.get_json())
    assert "ü".encode() in client.get("/api/v1/projects?page_size=100&lang=de").data  # not escaped as \u00fc


@dataclasses.dataclass
class Opening:
    day: dt.date
    starts: dt.datetime


def test_dates_and_dataclasses_are_written_as_flask_writes_them(app):
    value = {"opening": Opening(dt.date(2015, 6, 30), dt.datetime(2015, 6, 30, 9, 30)), 1: "one"}
    with app.app_context():
        body = app.json.response(value).data
    assert body == standard_text(value)
    assert b'"Tue, 30 Jun 2015 00:00:00 GMT"' in body


def test_debug_answers_are_indented_as_flask_indents_them(app):
    app.debug = True
    with app.app_context():
        assert app.json.response({"a": [1, 2]}).data == b'{\n  "a": [\n    1,\n    2\n  ]\n}\n'
