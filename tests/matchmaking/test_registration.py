"""Registration: every bad input a 422 naming the field, consent, the honeypot, repeated addresses."""

import pytest
from sqlalchemy import func, select

from showcase.extensions import db
from showcase.models import MatchmakingParticipant
from tests.matchmaking.conftest import bearer, register, registration

PARTICIPANTS = "/api/v1/matchmaking/participants"


def stored(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(MatchmakingParticipant))


@pytest.mark.parametrize("overrides, field", [
    ({"consent": False}, "consent"),
    ({"consent": None}, "consent"),
    ({"email": "erika@"}, "email"),
    ({"email": "erika example.org"}, "email"),
    ({"email": "x" * 250 + "@example.org"}, "email"),
    ({"name": ""}, "name"),
    ({"name": "   "}, "name"),
    ({"name": "x" * 121}, "name"),
    ({"organisation": 42}, "organisation"),
    ({"organisation_type": "startup"}, "organisation_type"),
    ({"country": "XX"}, "country"),
    ({"country": "Germany"}, "country"),
    ({"languages": []}, "languages"),
    ({"languages": ["deutsch"]}, "languages"),
    ({"languages": ["de", "de"]}, "languages"),
    ({"topics": ["x" * 81]}, "topics"),
    ({"topics": ["t"] * 11}, "topics"),
    ({"clusters": ["Not A Slug"]}, "clusters"),
    ({"clusters": ["no-such-cluster"]}, "clusters[0]"),
    ({"favourite_colour": "blue"}, "favourite_colour"),
])
def test_bad_input_is_a_422_naming_the_field(app, client, directory, overrides, field):
    response = client.post(PARTICIPANTS, json=registration(**overrides))
    assert response.status_code == 422, response.get_json()
    assert response.content_type == "application/problem+json"
    fields = {error["field"].split("[")[0] if field.find("[") < 0 else error["field"]
              for error in response.get_json()["errors"]}
    assert fields == {field}
    assert stored(app) == 0


def test_missing_fields_are_all_named(client, directory):
    response = client.post(PARTICIPANTS, json={})
    assert response.status_code == 422
    assert {error["field"] for error in response.get_json()["errors"]} == {
        "name", "organisation", "organisation_type", "country", "email", "languages", "consent"}
    assert client.post(PARTICIPANTS, data="name=x").status_code == 415
    assert client.post(PARTICIPANTS, data="[", content_type="application/json").status_code == 400


def test_other_is_an_organisation_type_and_country_codes_are_normalised(client, directory):
    body = register(client, organisation_type="other", country="at")["participant"]
    assert (body["organisation_type"], body["country"]) == ("other", "AT")


def test_a_filled_honeypot_is_answered_as_usual_but_nothing_is_stored(app, client, directory):
    response = client.post(PARTICIPANTS, json=registration(website="https://spam.example"))
    assert response.status_code == 201
    body = response.get_json()
    assert body["token"].startswith("mm_") and "#token=" in body["manage_url"]
    assert "website" not in body["participant"]
    assert stored(app) == 0
    assert client.get("/api/v1/matchmaking/participants/me", headers=bearer(body["token"])).status_code == 401
    register(client, website="")
    assert stored(app) == 1


def test_a_known_address_gets_the_same_answer_and_a_registration_of_its_own(app, client, directory):
    first = client.post(PARTICIPANTS, json=registration(email="same@example.org"))
    second = client.post(PARTICIPANTS, json=registration(email=" SAME@example.org"))
    assert first.status_code == second.status_code == 201
    assert set(first.get_json()) == set(second.get_json())
    assert first.get_json()["token"] != second.get_json()["token"]
    # Neither token reaches the other registration.
    client.patch("/api/v1/matchmaking/participants/me", headers=bearer(second.get_json()["token"]),
                 json={"name": "Zweite"})
    assert client.get("/api/v1/matchmaking/participants/me",
                      headers=bearer(first.get_json()["token"])).get_json()["name"] == "Erika Mustermann"
    assert stored(app) == 2


def test_emails_are_normalised(client, directory):
    body = register(client, email="  Erika.Muster@BÜCHER.example ")["participant"]
    assert body["email"] == "erika.muster@bücher.example"


def test_requests_are_validated_naming_the_field(client, directory):
    token = register(client)["token"]
    cases = [
        ({"message": "Hallo"}, {"cluster"}),
        ({"cluster": "its-owl"}, {"message"}),
        ({"cluster": "its-owl", "message": "x" * 1001}, {"message"}),
        ({"cluster": "no-such", "message": "Hallo"}, {"cluster"}),
        ({"cluster": "its-owl", "message": "Hallo", "preferred_slots": ["day1-opening"]}, {"preferred_slots[0]"}),
        ({"cluster": "its-owl", "message": "Hallo", "preferred_slots": "day1-matchmaking"}, {"preferred_slots"}),
    ]
    for body, fields in cases:
        response = client.post("/api/v1/matchmaking/requests", headers=bearer(token), json=body)
        assert response.status_code == 422, (body, response.get_json())
        assert {error["field"] for error in response.get_json()["errors"]} == fields, body
