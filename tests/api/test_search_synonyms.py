"""Synonyms editors manage: GET public, PUT with an editor key and If-Match, validated, audited, applied at once."""

import pytest

from showcase.extensions import db
from showcase.models import AuditEntry
from tests.builders import add, text
from tests.editing import bearer, etag_of, keys  # noqa: F401  (keys is a fixture)

URL = "/api/v1/search/synonyms"
RULES = {"sets": [["CFK", "CFRP", "carbonfaserverstärkter Kunststoff", "carbon fibre reinforced plastic"],
                  ["KI", "AI", "künstliche Intelligenz"]],
         "one_way": [{"from": "Leichtbau", "to": ["lightweight construction"]}]}


@pytest.fixture
def fibres(app, app_context):
    add("clusters", "mai-carbon", short_name="MAI Carbon", round=3, states=["Bayern"],
        name=text("MAI Carbon", "MAI Carbon"), description=text("Faserverbund.", "Fibre composites."))
    add("projects", "cfk-bauteile", cluster="mai-carbon",
        title=text("CFK-Bauteile in Serie", "CFRP parts in series"),
        summary=text("Bauteile aus CFK.", "Parts made of CFRP."))
    add("projects", "rumpf", cluster="mai-carbon", title=text("Rumpfschalen", "Fuselage shells"),
        summary=text("Rumpfschalen aus carbonfaserverstärktem Kunststoff.",
                     "Fuselage shells of carbon fibre reinforced plastic."))
    add("projects", "profile", cluster="mai-carbon", title=text("Profile", "Profiles"),
        summary=text("Profile für den Fahrzeugbau.", "Profiles for lightweight construction of vehicles."))
    app.extensions["showcase_search"].drain(wait=True)


def found(client, q) -> set[str]:
    response = client.get("/api/v1/search", query_string={"q": q + " "})
    assert response.status_code == 200
    return {hit["slug"] for hit in response.get_json()["hits"]}


def put(client, keys, body, etag=None):
    headers = bearer(keys.editor) | ({"If-Match": etag} if etag else {})
    return client.put(URL, json=body, headers=headers)


def test_a_set_makes_its_terms_find_one_another_at_once(client, keys, fibres):
    assert found(client, "CFK") == {"cfk-bauteile"}
    assert client.get(URL).get_json() == {"sets": [], "one_way": []}
    response = put(client, keys, RULES, etag_of(client, URL))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert client.get(URL).get_json() == RULES
    assert found(client, "CFK") == {"cfk-bauteile", "rumpf"}
    assert "cfk-bauteile" in found(client, "carbonfaserverstärkter Kunststoff")


def test_a_one_way_rule_expands_only_its_from(client, keys, fibres):
    assert put(client, keys, RULES, etag_of(client, URL)).status_code == 200
    assert "profile" in found(client, "Leichtbau")
    assert "cfk-bauteile" not in found(client, "lightweight construction")


def test_a_write_is_audited_and_needs_a_key_and_if_match(client, keys, fibres):
    assert put(client, keys, RULES).status_code == 428
    assert put(client, keys, RULES, '"stale"').status_code == 412
    assert put(client, keys, RULES, etag_of(client, URL)).status_code == 200
    db.session.expire_all()
    entry = db.session.query(AuditEntry).filter_by(kind="search_synonyms").one()
    assert entry.action == "create" and entry.after == RULES and entry.key_name == "Redaktion"


def test_reading_is_public_and_writing_needs_a_key(client, fibres):
    assert client.get(URL).status_code == 200
    assert client.put(URL, json=RULES, headers={"If-Match": etag_of(client, URL)}).status_code == 401


@pytest.mark.parametrize("body, field", [
    ({"sets": [["a", "b"], ["c", "d"], ["e", "f"], ["CFK", " "]]}, "sets.3.1"),
    ({"sets": [["CFK"]]}, "sets.0"),
    ({"sets": [[" "]]}, "sets.0.0"),  # a set of one with an empty term: both named
    ({"sets": [[" "]]}, "sets.0"),
    ({"one_way": [{"from": "a", "to": []}, 3]}, "one_way.0.to"),
    ({"one_way": [{"from": "a", "to": []}, 3]}, "one_way.1"),
    ({"sets": [["CFK", "CFRP"], ["cfk", "Carbon"]]}, "sets.1.0"),
    ({"sets": [["CFK", "x" * 101]]}, "sets.0.1"),
    ({"sets": [["a", "b"]] * 1001}, "sets"),
    ({"one_way": [{"from": "", "to": ["a"]}]}, "one_way.0.from"),
    ({"one_way": [{"from": "a", "to": ["b", "B"]}]}, "one_way.0.to.1"),
])
def test_broken_rules_are_422_naming_the_place(client, keys, fibres, body, field):
    response = put(client, keys, body, etag_of(client, URL))
    assert response.status_code == 422
    assert field in {error["field"] for error in response.get_json()["errors"]}
    assert client.get(URL).get_json() == {"sets": [], "one_way": []}
