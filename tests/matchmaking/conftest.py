"""Fixtures of the matchmaking tests: two clusters, a matchmaking session, and the three kinds of secret."""

import datetime as dt
import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from showcase.auth import create_key
from showcase.extensions import db
from showcase.models import Cluster
from tests.builders import add

MATCHMAKING = {"kind": "matchmaking", "starts_at": dt.datetime(2015, 6, 30, 16, 30),
               "ends_at": dt.datetime(2015, 6, 30, 18, 0), "room": "Matchmaking-Lounge"}


def bearer(secret: str | None) -> dict:
    return {"Authorization": f"Bearer {secret}"} if secret else {}


def registration(**overrides) -> dict:
    """A valid registration body with an address of its own."""
    data = {
        "name": "Erika Mustermann", "organisation": "Muster Antriebe GmbH", "organisation_type": "sme",
        "country": "DE", "email": f"erika.{uuid.uuid4().hex[:8]}@example.org", "languages": ["de", "en"],
        "topics": ["Antriebstechnik"], "clusters": ["its-owl"], "consent": True,
    }
    data.update(overrides)
    return data


def register(client, **overrides) -> dict:
    response = client.post("/api/v1/matchmaking/participants", json=registration(**overrides))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def cluster_key(name: str, slug: str) -> str:
    """A `cluster` key bound to one cluster, committed."""
    cluster = db.session.scalar(select(Cluster).where(Cluster.slug == slug))
    key = create_key(name, "cluster", cluster).key
    db.session.commit()
    return key


@dataclass(frozen=True)
class Secrets:
    owl: str          # cluster key of it's OWL
    carbon: str       # cluster key of MAI Carbon
    editor: str
    admin: str


# Fixtures leave no app context open: requests of the test client would share it, and with it
# `flask.g`, where the secret a request sent is remembered.

@pytest.fixture
def directory(app):
    """Two clusters and the programme's matchmaking session (cut into six 15-minute slots)."""
    with app.app_context():
        add("clusters", "its-owl")
        add("clusters", "mai-carbon", short_name="MAI Carbon", states=["Bayern"],
            seat={"city": "Augsburg", "lat": 48.37, "lon": 10.9})
        add("programme", "day1-matchmaking", **MATCHMAKING)
        add("programme", "day1-opening")


@pytest.fixture
def secrets(app, directory) -> Secrets:
    with app.app_context():
        editor = create_key("Redaktion", "editor").key
        admin = create_key("Admin", "admin").key
        db.session.commit()
        return Secrets(owl=cluster_key("it's OWL Kontakt", "its-owl"),
                       carbon=cluster_key("MAI Carbon Kontakt", "mai-carbon"), editor=editor, admin=admin)
