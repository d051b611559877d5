"""The OpenAPI description of every write, and of every read that needs a credential, stays as it is.

`openapi_write_operations.json` beside this file holds, per operation, what a client builds its calls
from: summary, description, security, parameters, request bodies and the documented status codes.
After a deliberate change to the API, regenerate it with `python -m tests.api.test_openapi_writes`
and review the diff.
"""

import json
import pathlib
import sys
import tempfile

import pytest

from showcase import create_app

EXPECTED = pathlib.Path(__file__).with_name("openapi_write_operations.json")
WRITE_METHODS = ("post", "put", "patch", "delete")


def parameter(spec: dict, described: dict) -> list[str]:
    """A parameter as [location, name], following a reference to the components."""
    if "$ref" in described:
        described = spec["components"]["parameters"][described["$ref"].rsplit("/", 1)[1]]
    return [described["in"], described["name"]]


def schema_ref(media: dict) -> str:
    """The component a body refers to, or `inline` for a schema spelled out in place."""
    return media.get("schema", {}).get("$ref", "inline")


def operation(spec: dict, path_item: dict, described: dict) -> dict:
    parameters = path_item.get("parameters", []) + described.get("parameters", [])
    body = described.get("requestBody")
    return {
        "summary": described.get("summary"),
        "description": described.get("description"),
        "security": described.get("security"),
        "parameters": sorted(parameter(spec, p) for p in parameters),
        "request_body": None if body is None else {
            "required": body.get("required", False),
            "content": {media_type: schema_ref(media) for media_type, media in sorted(body["content"].items())},
        },
        "responses": sorted(described["responses"]),
    }


def guarded_operations(spec: dict) -> dict:
    """Every write, and every read that needs a key or token, keyed `METHOD path`."""
    found = {"writes": {}, "guarded_reads": {}}
    for path, path_item in sorted(spec["paths"].items()):
        for method, described in sorted(path_item.items()):
            if method in WRITE_METHODS:
                found["writes"][f"{method.upper()} {path}"] = operation(spec, path_item, described)
            elif method == "get" and described.get("security"):
                found["guarded_reads"][f"{method.upper()} {path}"] = operation(spec, path_item, described)
    return found


@pytest.fixture(scope="module")
def documented() -> dict:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture
def described(client) -> dict:
    return guarded_operations(client.get("/api/v1/openapi.json").get_json())


def test_the_same_writes_are_documented(described, documented):
    assert sorted(described["writes"]) == sorted(documented["writes"])


def test_the_same_reads_need_a_credential(described, documented):
    assert sorted(described["guarded_reads"]) == sorted(documented["guarded_reads"])


@pytest.mark.parametrize("group", ["writes", "guarded_reads"])
def test_each_operation_is_documented_as_before(described, documented, group):
    for name, expected in documented[group].items():
        assert described[group].get(name) == expected, name


def regenerate() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"TESTING": True, "INSTANCE_PATH": f"{folder}/instance",
                          "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/showcase.db",
                          "SHOWCASE_INDEX_DIR": f"{folder}/search-index", "SHOWCASE_RATELIMIT_ENABLED": False})
        spec = app.test_client().get("/api/v1/openapi.json").get_json()
    EXPECTED.write_text(json.dumps(guarded_operations(spec), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {EXPECTED}", file=sys.stderr)


if __name__ == "__main__":
    regenerate()
