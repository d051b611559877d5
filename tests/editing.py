"""Helpers for tests of editors' writes: API keys, a small directory, ETags, JSON bodies."""

import json
from dataclasses import dataclass

import pytest

from showcase.auth import create_key, revoke_key
from showcase.extensions import db
from tests.builders import add


@dataclass(frozen=True)
class Keys:
    editor: str
    admin: str
    revoked: str
    unknown: str = "sc_" + "x" * 43


def bearer(key: str | None) -> dict:
    return {"Authorization": f"Bearer {key}"} if key else {}


def issue_keys() -> Keys:
    """Create the keys in the current app context and commit them."""
    editor = create_key("Redaktion", "editor").key
    admin = create_key("Admin", "admin").key
    revoked = create_key("Ehemalige", "editor").key
    revoke_key("Ehemalige")
    db.session.commit()
    return Keys(editor=editor, admin=admin, revoked=revoked)


@pytest.fixture
def keys(app) -> Keys:
    with app.app_context():
        return issue_keys()


def jsonable(data: dict) -> dict:
    """Builder data (dates and times as Python objects) as a JSON body carries it."""
    return json.loads(json.dumps(data, default=lambda value: value.isoformat()))


# Records without dependants, one per kind: what a delete can remove without cascade.
LEAVES = {"clusters": "mai-carbon", "organisations": "idle-org", "projects": "lonely-project",
          "innovations": "loose-innovation", "stands": "A01", "programme": "day1-opening"}
ITEM_URLS = {"clusters": "/api/v1/clusters/{}", "organisations": "/api/v1/organisations/{}",
             "projects": "/api/v1/projects/{}", "innovations": "/api/v1/innovations/{}",
             "stands": "/api/v1/stands/{}", "programme": "/api/v1/programme/{}"}
COLLECTION_URLS = {kind: url.rsplit("/", 1)[0] for kind, url in ITEM_URLS.items()}


def small_directory() -> None:
    """Two clusters; it's OWL with a partner, two projects, two innovations and a stand; one session."""
    add("clusters", "its-owl")
    add("clusters", "mai-carbon", short_name="MAI Carbon", states=["Bayern"],
        seat={"city": "Augsburg", "lat": 48.37, "lon": 10.9})
    add("organisations", "uni-paderborn", clusters=["its-owl"])
    add("organisations", "idle-org", clusters=[])
    add("projects", "owl-drives", cluster="its-owl", organisations=["uni-paderborn"])
    add("projects", "lonely-project", cluster="its-owl")
    add("innovations", "owl-gripper", cluster="its-owl", project="owl-drives")
    add("innovations", "loose-innovation", cluster="its-owl")
    add("stands", "A01", cluster="its-owl", innovations=["owl-gripper"])
    add("programme", "day1-opening")


@pytest.fixture
def directory(app):
    with app.app_context():
        small_directory()


def etag_of(client, url: str) -> str:
    """The ETag an update needs: the one of a GET in both languages."""
    response = client.get(url, query_string={"lang": "all"})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.headers["ETag"]


def editable(kind: str, body: dict) -> dict:
    """A GET's body without the fields only the server writes: what a PUT sends back."""
    from showcase.services.records import RECORD_KINDS, loadable_schema

    names = loadable_schema(RECORD_KINDS[kind]).fields
    return {name: value for name, value in body.items() if name in names}
