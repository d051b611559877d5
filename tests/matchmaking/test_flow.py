"""The whole matchmaking: register, request, accept, slot clash refused, the answer seen, delete."""

from sqlalchemy import func, select

from showcase.extensions import db
from showcase.models import MatchmakingParticipant, MeetingRequest
from showcase.models.meeting_request import meeting_request_preference
from showcase.models.matchmaking_participant import participant_cluster
from tests.editing import etag_of
from tests.matchmaking.conftest import bearer, register

REQUESTS = "/api/v1/matchmaking/requests"
ME = "/api/v1/matchmaking/participants/me"


def owl_requests(slug="its-owl"):
    return f"/api/v1/matchmaking/clusters/{slug}/requests"


def ask(client, token, cluster="its-owl", **overrides):
    body = {"cluster": cluster, "message": "Antriebe für Landmaschinen", "preferred_slots": ["day1-matchmaking"]}
    body.update(overrides)
    return client.post(REQUESTS, json=body, headers=bearer(token))


def count(app, model_or_table) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model_or_table))


def test_register_request_accept_clash_answer_and_delete(app, client, secrets):
    erika = register(client, email="  Erika.Mustermann@Example.ORG ")
    assert erika["token"].startswith("mm_")
    assert erika["manage_url"].endswith(f"/meet#token={erika['token']}")
    assert erika["participant"]["email"] == "erika.mustermann@example.org"
    with app.app_context():
        stored = db.session.scalar(select(MatchmakingParticipant))
    assert erika["token"] not in (stored.token_hash, stored.token_prefix) and len(stored.token_hash) == 64

    response = ask(client, erika["token"])
    assert response.status_code == 201
    request_id = response.get_json()["id"]
    assert response.headers["Location"].endswith(f"{REQUESTS}/{request_id}")
    assert response.get_json()["status"] == "pending"

    # Asking the same cluster again is refused with a message that says why.
    again = ask(client, erika["token"], message="Noch einmal")
    assert again.status_code == 409
    assert again.get_json()["errors"][0]["field"] == "cluster"
    assert "already asked" in again.get_json()["detail"]

    # The cluster sees the request, with the details the participant agreed to share.
    listed = client.get(owl_requests(), headers=bearer(secrets.owl))
    assert listed.status_code == 200 and listed.headers["Cache-Control"] == "no-store"
    [seen] = listed.get_json()
    assert seen["participant"]["name"] == "Erika Mustermann"
    assert seen["participant"]["email"] == "erika.mustermann@example.org"
    assert seen["preferred_slots"] == ["day1-matchmaking"]

    accepted = client.patch(f"{owl_requests()}/{request_id}", headers=bearer(secrets.owl),
                            json={"status": "accepted", "slot": "day1-matchmaking@16:45", "table": 7})
    assert accepted.status_code == 200, accepted.get_json()
    assert accepted.get_json()["slot"]["id"] == "day1-matchmaking@16:45" and accepted.get_json()["table"] == 7

    # Another participant, another cluster: the same slot and table are refused.
    max_ = register(client, name="Max Muster")
    other = ask(client, max_["token"], cluster="mai-carbon").get_json()["id"]
    clash = client.patch(f"{owl_requests('mai-carbon')}/{other}", headers=bearer(secrets.carbon),
                         json={"status": "accepted", "slot": "day1-matchmaking@16:45", "table": 7})
    assert clash.status_code == 409
    assert clash.get_json()["errors"] == [{"location": "json", "field": "table",
                                           "message": "Table 7 is already given in slot day1-matchmaking@16:45."}]
    assert client.patch(f"{owl_requests('mai-carbon')}/{other}", headers=bearer(secrets.carbon),
                        json={"status": "accepted", "slot": "day1-matchmaking@16:45", "table": 8}).status_code == 200

    # The visitor sees the answer through their token.
    [answer] = client.get(REQUESTS, headers=bearer(erika["token"])).get_json()
    assert answer["status"] == "accepted" and answer["table"] == 7
    assert answer["slot"] == {"id": "day1-matchmaking@16:45", "session": "day1-matchmaking",
                              "starts_at": "2015-06-30T16:45:00", "ends_at": "2015-06-30T17:00:00",
                              "room": "Matchmaking-Lounge"}
    assert answer["answered_at"] is not None

    # Deleting the registration removes everything of it and frees its table.
    assert client.delete(ME, headers=bearer(erika["token"])).status_code == 204
    assert client.get(ME, headers=bearer(erika["token"])).status_code == 401
    assert count(app, MatchmakingParticipant) == 1
    assert count(app, MeetingRequest) == 1
    assert count(app, participant_cluster) == 1
    assert count(app, meeting_request_preference) == 1
    assert client.get(owl_requests(), headers=bearer(secrets.owl)).get_json() == []
    assert client.patch(f"{owl_requests('mai-carbon')}/{other}", headers=bearer(secrets.carbon),
                        json={"status": "accepted", "slot": "day1-matchmaking@16:45", "table": 7}).status_code == 200


def test_a_participant_is_never_in_two_meetings_at_once(client, secrets):
    erika = register(client)
    first = ask(client, erika["token"]).get_json()["id"]
    second = ask(client, erika["token"], cluster="mai-carbon").get_json()["id"]
    assert client.patch(f"{owl_requests()}/{first}", headers=bearer(secrets.owl),
                        json={"status": "accepted", "slot": "day1-matchmaking@17:00", "table": 1}).status_code == 200
    busy = client.patch(f"{owl_requests('mai-carbon')}/{second}", headers=bearer(secrets.carbon),
                        json={"status": "accepted", "slot": "day1-matchmaking@17:00", "table": 2})
    assert busy.status_code == 409 and busy.get_json()["errors"][0]["field"] == "slot"


def test_declining_or_cancelling_frees_the_table(client, secrets):
    erika, max_ = register(client), register(client)
    first = ask(client, erika["token"]).get_json()["id"]
    second = ask(client, max_["token"]).get_json()["id"]
    assign = {"status": "accepted", "slot": "day1-matchmaking@17:15", "table": 3}
    assert client.patch(f"{owl_requests()}/{first}", headers=bearer(secrets.owl), json=assign).status_code == 200
    assert client.patch(f"{owl_requests()}/{second}", headers=bearer(secrets.owl), json=assign).status_code == 409
    # The visitor cancels: the cluster still sees the request, as cancelled, and the table is free.
    cancelled = client.delete(f"{REQUESTS}/{first}", headers=bearer(erika["token"]))
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"
    assert cancelled.get_json()["slot"] is None
    assert client.patch(f"{owl_requests()}/{second}", headers=bearer(secrets.owl), json=assign).status_code == 200
    statuses = {r["id"]: r["status"] for r in client.get(owl_requests(), headers=bearer(secrets.owl)).get_json()}
    assert statuses == {first: "cancelled", second: "accepted"}
    assert client.patch(f"{owl_requests()}/{first}", headers=bearer(secrets.owl),
                        json={"status": "accepted"}).status_code == 409
    # Declining clears the slot too.
    declined = client.patch(f"{owl_requests()}/{second}", headers=bearer(secrets.owl), json={"status": "declined"})
    assert declined.get_json()["slot"] is None and declined.get_json()["table"] is None
    # A cancelled request can be made again: the same row reopens.
    reopened = ask(client, erika["token"], message="Doch noch")
    assert reopened.status_code == 201 and reopened.get_json()["id"] == first
    assert reopened.get_json()["status"] == "pending"


def test_at_most_the_configured_number_of_open_requests(app, client, secrets):
    app.config["SHOWCASE_MATCHMAKING_MAX_REQUESTS"] = 1
    erika = register(client)
    first = ask(client, erika["token"]).get_json()["id"]
    over = ask(client, erika["token"], cluster="mai-carbon")
    assert over.status_code == 409 and "at most 1" in over.get_json()["detail"]
    client.delete(f"{REQUESTS}/{first}", headers=bearer(erika["token"]))
    assert ask(client, erika["token"], cluster="mai-carbon").status_code == 201


def test_a_participant_changes_their_registration(client, secrets):
    erika = register(client)
    changed = client.patch(ME, headers=bearer(erika["token"]),
                           json={"organisation": "Neue GmbH", "email": "NEU@Example.org", "clusters": ["mai-carbon"]})
    assert changed.status_code == 200, changed.get_json()
    body = changed.get_json()
    assert (body["organisation"], body["email"], body["clusters"]) == ("Neue GmbH", "neu@example.org", ["mai-carbon"])
    assert client.get(ME, headers=bearer(erika["token"])).get_json()["organisation"] == "Neue GmbH"
    refused = client.patch(ME, headers=bearer(erika["token"]), json={"consent": False, "country": "XX"})
    assert refused.status_code == 422
    assert {e["field"] for e in refused.get_json()["errors"]} == {"consent", "country"}


def test_editors_see_counts_without_personal_data(client, secrets):
    erika = register(client, name="Zählbare Person")
    request_id = ask(client, erika["token"]).get_json()["id"]
    client.patch(f"{owl_requests()}/{request_id}", headers=bearer(secrets.owl),
                 json={"status": "accepted", "slot": "day1-matchmaking@16:30", "table": 1})
    ask(client, register(client)["token"], cluster="mai-carbon")
    for key in (secrets.editor, secrets.admin):
        response = client.get("/api/v1/matchmaking/counts", headers=bearer(key))
        assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
        body = response.get_json()
        assert body["participants"] == 2
        assert body["clusters"] == [
            {"cluster": "its-owl", "pending": 0, "accepted": 1, "declined": 0, "cancelled": 0},
            {"cluster": "mai-carbon", "pending": 1, "accepted": 0, "declined": 0, "cancelled": 0}]
        assert [slot["taken"] for slot in body["slots"]] == [1, 0, 0, 0, 0, 0]
        assert body["slots"][0]["tables"] == 20
        assert "Zählbare" not in response.get_data(as_text=True) and "example.org" not in response.get_data(as_text=True)


def test_slots_are_the_matchmaking_sessions_cut_into_meetings(app, client, directory):
    app.config["SHOWCASE_MATCHMAKING_SLOT_MINUTES"] = 30
    body = client.get("/api/v1/matchmaking/slots").get_json()
    assert body["tables"] == 20
    assert [slot["id"] for slot in body["slots"]] == [
        "day1-matchmaking@16:30", "day1-matchmaking@17:00", "day1-matchmaking@17:30"]


def test_answers_are_validated_naming_the_field(client, secrets):
    request_id = ask(client, register(client)["token"]).get_json()["id"]
    url = f"{owl_requests()}/{request_id}"
    cases = [
        ({"status": "maybe"}, {"status"}),
        ({"status": "accepted", "slot": "day1-opening@10:00", "table": 1}, {"slot"}),
        ({"status": "accepted", "slot": "day1-matchmaking@16:31", "table": 1}, {"slot"}),
        ({"status": "accepted", "slot": "day1-matchmaking@16:30", "table": 21}, {"table"}),
        ({"status": "accepted", "slot": "day1-matchmaking@16:30"}, {"table"}),
        ({"status": "accepted", "table": "1"}, {"table"}),
        ({"status": "declined", "slot": "day1-matchmaking@16:30", "table": 1}, {"slot"}),
        ({}, {"status"}),
        ({"status": "accepted", "colour": "red"}, {"colour"}),
    ]
    for body, fields in cases:
        response = client.patch(url, headers=bearer(secrets.owl), json=body)
        assert response.status_code == 422, (body, response.get_json())
        assert response.content_type == "application/problem+json"
        assert {error["field"] for error in response.get_json()["errors"]} == fields, body
    assert client.patch(url, headers=bearer(secrets.owl), data="status=accepted").status_code == 415


def test_removing_a_cluster_or_a_session_from_the_directory(app, client, secrets):
    erika = register(client, clusters=["its-owl", "mai-carbon"])
    owl = ask(client, erika["token"]).get_json()["id"]
    carbon = ask(client, erika["token"], cluster="mai-carbon").get_json()["id"]
    client.patch(f"{owl_requests('mai-carbon')}/{carbon}", headers=bearer(secrets.carbon),
                 json={"status": "accepted", "slot": "day1-matchmaking@17:30", "table": 2})
    assert client.delete("/api/v1/clusters/its-owl?cascade=true", headers={
        **bearer(secrets.editor), "If-Match": etag_of(client, "/api/v1/clusters/its-owl")}).status_code == 204
    [left] = client.get(REQUESTS, headers=bearer(erika["token"])).get_json()
    assert left["id"] == carbon and left["id"] != owl
    assert client.get(ME, headers=bearer(erika["token"])).get_json()["clusters"] == ["mai-carbon"]
    # A removed matchmaking session leaves the meeting accepted, without a slot, for the cluster to reassign.
    assert client.delete("/api/v1/programme/day1-matchmaking?cascade=true", headers={
        **bearer(secrets.editor), "If-Match": etag_of(client, "/api/v1/programme/day1-matchmaking")}).status_code == 204
    [left] = client.get(REQUESTS, headers=bearer(erika["token"])).get_json()
    assert (left["status"], left["slot"], left["preferred_slots"]) == ("accepted", None, [])
