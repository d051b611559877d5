"""GET /api/v1/schedule.xml and schedule.json: the programme in the frab format conference apps read."""

import datetime as dt
import json
import re
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import xmlschema

from showcase.cli import seed_directory
from showcase.models.programme_session import SESSION_GUID_NAMESPACE
from tests.api.test_query_counts import count_queries  # noqa: F401
from tests.builders import add, text
from tests.editing import bearer, etag_of, issue_keys

FORMAT = Path(__file__).resolve().parent / "schedule_format"
XSD = xmlschema.XMLSchema10(FORMAT / "schedule.xsd")
JSON_SCHEMA = json.loads((FORMAT / "schedule.schema.json").read_text(encoding="utf-8"))
# The voc schema marks an event's `start` as a date-time, yet it (like the XSD and every frab writer) is HH:MM;
# formats are checked where they hold (dates, UUIDs), date-times below by hand.
FORMATS = jsonschema.FormatChecker(formats=("date", "uuid"))
CLOCK = re.compile(r"[0-2][0-9]:[0-5][0-9]")
HOURS_MINUTES = re.compile(r"[0-9]{1,2}:[0-9]{2}")
EVENT_ELEMENTS = {"date", "start", "duration", "room", "slug", "title", "subtitle", "track", "type", "language",
                  "abstract", "description", "persons", "links"}
EVENT_KEYS = {"id", "guid", "date", "start", "duration", "room", "slug", "url", "title", "subtitle", "track", "type",
              "language", "abstract", "description", "persons", "links"}


@pytest.fixture
def programme(app_context):
    add("programme", "day1-opening", starts_at=dt.datetime(2015, 6, 30, 9, 30), ends_at=dt.datetime(2015, 6, 30, 10, 15))
    add("programme", "day1-forum-digitalisation", kind="forum", languages=["en"], room="Forum 2",
        title=text("Fachforum Digitalisierung", "Specialist forum: digitalisation"),
        topic=text("Digitalisierung", "Digitalisation"),
        starts_at=dt.datetime(2015, 6, 30, 14, 15), ends_at=dt.datetime(2015, 6, 30, 16, 0))
    add("programme", "day2-forum-smes", kind="forum", times_provisional=False, room="Forum 1",
        title=text("Internationalisierungsstrategien für KMU", "Internationalisation strategies for SMEs"),
        topic=text("KMU", "SMEs"), starts_at=dt.datetime(2015, 7, 1, 13, 0), ends_at=dt.datetime(2015, 7, 1, 15, 0))


@pytest.fixture
def editor(app):
    with app.app_context():
        return bearer(issue_keys().editor)


def get_xml(client, query: str = "", **kwargs) -> ET.Element:
    response = client.get(f"/api/v1/schedule.xml{query}", **kwargs)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/xml"
    XSD.validate(response.data)
    return ET.fromstring(response.data)


def get_json(client, query: str = "", **kwargs) -> dict:
    response = client.get(f"/api/v1/schedule.json{query}", **kwargs)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    document = response.get_json()
    jsonschema.Draft6Validator(JSON_SCHEMA, format_checker=FORMATS).validate(document)
    return document


def berlin_time(value: str) -> dt.datetime:
    """A date-time with Berlin's summer offset, as every time of the conference is."""
    parsed = dt.datetime.fromisoformat(value)
    assert parsed.utcoffset() == dt.timedelta(hours=2), value
    return parsed


def xml_events(root: ET.Element) -> dict[str, ET.Element]:
    return {event.findtext("slug"): event for event in root.iter("event")}


def json_events(document: dict) -> dict[str, dict]:
    return {event["slug"]: event for day in document["schedule"]["conference"]["days"]
            for events in day["rooms"].values() for event in events}


def test_the_xml_has_every_element_and_attribute_the_format_requires(client, programme):
    root = get_xml(client, "?lang=en")
    assert root.tag == "schedule"
    assert [child.tag for child in root] == ["version", "conference", "day", "day"]
    conference = root.find("conference")
    assert {child.tag: child.text for child in conference} == {
        "title": "3rd International Cluster Conference", "acronym": "icc2015", "start": "2015-06-30",
        "end": "2015-07-01", "days": "2", "timeslot_duration": "00:15"}
    days = root.findall("day")
    assert [(d.get("index"), d.get("date")) for d in days] == [("1", "2015-06-30"), ("2", "2015-07-01")]
    assert berlin_time(days[0].get("start")) == dt.datetime.fromisoformat("2015-06-30T09:30+02:00")
    assert berlin_time(days[0].get("end")) == dt.datetime.fromisoformat("2015-06-30T16:00+02:00")
    assert [room.get("name") for room in days[0].findall("room")] == ["Saal A", "Forum 2"]
    for room, event in ((room, event) for room in root.iter("room") for event in room.iter("event")):
        assert event.findtext("room") == room.get("name")
        assert int(event.get("id")) >= 1
        assert str(uuid.UUID(event.get("guid"))) == event.get("guid")
        assert {child.tag for child in event} == EVENT_ELEMENTS
        assert CLOCK.fullmatch(event.findtext("start"))
        assert HOURS_MINUTES.fullmatch(event.findtext("duration"))
        date = berlin_time(event.findtext("date"))
        assert date.strftime("%H:%M") == event.findtext("start")
    forum = xml_events(root)["day1-forum-digitalisation"]
    assert forum.findtext("title") == "Specialist forum: digitalisation"
    assert forum.findtext("start") == "14:15" and forum.findtext("duration") == "01:45"
    assert forum.findtext("room") == "Forum 2" and forum.findtext("type") == "forum"
    assert forum.findtext("track") == "Digitalisation" and forum.findtext("language") == "en"
    assert forum.findtext("abstract") == "Opening of the conference."
    assert "Time provisional" in forum.findtext("description")
    assert [(link.get("href"), link.text) for link in forum.find("links")] == [
        ("http://localhost/kiosk#/programme?day=2015-06-30&session=day1-forum-digitalisation", "At the kiosk"),
        ("http://localhost/api/v1/programme/day1-forum-digitalisation", "In the directory (API)"),
        ("http://www.bmbf.de/de/25852.php", "Source")]
    opening = xml_events(root)["day1-opening"]
    assert opening.findtext("track") == "" and opening.findtext("language") == "de, en"
    assert xml_events(root)["day2-forum-smes"].findtext("description") == "Opening of the conference."


def test_the_json_has_every_property_the_format_requires(client, programme):
    document = get_json(client, "?lang=en")
    assert document["$schema"] == "https://c3voc.de/schedule/schema.json"
    schedule = document["schedule"]
    assert re.fullmatch(r"[0-9a-f]{16}", schedule["version"])
    conference = schedule["conference"]
    assert {key: conference[key] for key in ("title", "acronym", "start", "end", "daysCount", "timeslot_duration",
                                             "time_zone_name")} == {
        "title": "3rd International Cluster Conference", "acronym": "icc2015", "start": "2015-06-30",
        "end": "2015-07-01", "daysCount": 2, "timeslot_duration": "00:15", "time_zone_name": "Europe/Berlin"}
    assert [room["name"] for room in conference["rooms"]] == ["Saal A", "Forum 2", "Forum 1"]
    assert all(uuid.UUID(room["guid"]) for room in conference["rooms"])
    assert conference["tracks"] == [{"name": "Digitalisation"}, {"name": "SMEs"}]
    days = conference["days"]
    assert [(d["index"], d["date"], list(d["rooms"])) for d in days] == [
        (1, "2015-06-30", ["Saal A", "Forum 2"]), (2, "2015-07-01", ["Forum 1"])]
    assert berlin_time(days[1]["day_start"]).hour == 13 and berlin_time(days[1]["day_end"]).hour == 15
    for day in days:
        for room, events in day["rooms"].items():
            for event in events:
                assert set(event) == EVENT_KEYS
                assert isinstance(event["id"], int) and event["id"] >= 1
                assert str(uuid.UUID(event["guid"])) == event["guid"]
                assert CLOCK.fullmatch(event["start"]) and HOURS_MINUTES.fullmatch(event["duration"])
                assert berlin_time(event["date"]).date().isoformat() == day["date"]
                assert event["room"] == room
                assert event["persons"] == [] and event["subtitle"] is None
    smes = json_events(document)["day2-forum-smes"]
    assert (smes["start"], smes["duration"], smes["track"], smes["type"]) == ("13:00", "02:00", "SMEs", "forum")
    assert smes["url"] == "http://localhost/kiosk#/programme?day=2015-07-01&session=day2-forum-smes"
    assert smes["links"][1] == {"url": "http://localhost/api/v1/programme/day2-forum-smes",
                                "title": "In the directory (API)"}
    assert json_events(document)["day1-opening"]["track"] is None


def test_both_formats_carry_the_same_events_and_guids(client, programme):
    from_xml = {slug: (event.get("id"), event.get("guid"), event.findtext("date"), event.findtext("title"))
                for slug, event in xml_events(get_xml(client, "?lang=de")).items()}
    from_json = {slug: (str(event["id"]), event["guid"], event["date"], event["title"])
                 for slug, event in json_events(get_json(client, "?lang=de")).items()}
    assert from_xml == from_json
    assert len({guid for _, guid, _, _ in from_xml.values()}) == 3


def test_lang_chooses_the_language_of_every_text(client, programme):
    german, english = get_json(client, "?lang=de"), get_json(client, "?lang=en")
    assert german["schedule"]["conference"]["title"] == "3. Internationale Clusterkonferenz"
    assert json_events(german)["day1-forum-digitalisation"]["title"] == "Fachforum Digitalisierung"
    assert json_events(german)["day1-forum-digitalisation"]["track"] == "Digitalisierung"
    assert json_events(german)["day1-opening"]["links"][2]["title"] == "Quelle"
    assert json_events(english)["day1-forum-digitalisation"]["track"] == "Digitalisation"
    assert xml_events(get_xml(client, "?lang=de"))["day2-forum-smes"].findtext("track") == "KMU"
    # Without lang=: Accept-Language, else English.
    assert get_xml(client, headers={"Accept-Language": "de-DE,de;q=0.9"}).findtext("conference/title") == \
        "3. Internationale Clusterkonferenz"
    assert get_xml(client).findtext("conference/title") == "3rd International Cluster Conference"
    assert german["schedule"]["version"] == english["schedule"]["version"]
    for url in ("/api/v1/schedule.xml?lang=all", "/api/v1/schedule.json?lang=fr"):
        response = client.get(url)
        assert response.status_code == 422
        assert response.get_json()["errors"][0]["field"] == "lang"


@pytest.mark.parametrize("path", ["/api/v1/schedule.xml", "/api/v1/schedule.json"])
def test_an_unchanged_schedule_is_a_304(client, programme, path):
    first = client.get(f"{path}?lang=de")
    assert first.headers["ETag"] and first.headers["Vary"] == "Accept-Language"
    again = client.get(f"{path}?lang=de", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert client.get(f"{path}?lang=en", headers={"If-None-Match": first.headers["ETag"]}).status_code == 200


def test_the_version_and_etag_change_with_the_programme_only(client, programme, editor):
    before = get_json(client, "?lang=en")
    etag = client.get("/api/v1/schedule.xml?lang=en").headers["ETag"]
    url = "/api/v1/programme/day1-opening"
    response = client.patch(url, json={"room": "Saal B"}, headers={**editor, "If-Match": etag_of(client, url)})
    assert response.status_code == 200, response.get_data(as_text=True)
    after = get_json(client, "?lang=en")
    assert after["schedule"]["version"] != before["schedule"]["version"]
    assert json_events(after)["day1-opening"]["room"] == "Saal B"
    assert client.get("/api/v1/schedule.xml?lang=en", headers={"If-None-Match": etag}).status_code == 200
    # Writes elsewhere in the directory leave the programme's version alone.
    add("clusters", "its-owl")
    assert get_json(client, "?lang=en")["schedule"]["version"] == after["schedule"]["version"]


def test_a_guid_is_made_once_and_kept_when_the_slug_changes(client, programme, editor):
    url = "/api/v1/programme/day1-opening"
    session = client.get(url).get_json()
    assert session["guid"] == str(uuid.uuid5(SESSION_GUID_NAMESPACE, "day1-opening"))
    response = client.patch(url, json={"slug": "day1-welcome"}, headers={**editor, "If-Match": etag_of(client, url)})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["guid"] == session["guid"]
    assert client.get("/api/v1/programme/day1-welcome").get_json()["guid"] == session["guid"]
    assert json_events(get_json(client))["day1-welcome"]["guid"] == session["guid"]
    assert xml_events(get_xml(client))["day1-welcome"].get("guid") == session["guid"]
    # A new session under the old slug is another event: its guid cannot be the renamed one's.
    add("programme", "day1-opening")
    reborn = client.get(url).get_json()["guid"]
    assert reborn != session["guid"] and uuid.UUID(reborn)


def test_the_guid_is_read_only(client, programme, editor):
    url = "/api/v1/programme/day1-opening"
    guid = client.get(url).get_json()["guid"]
    response = client.patch(url, json={"guid": str(uuid.uuid4())}, headers={**editor, "If-Match": etag_of(client, url)})
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "guid"
    body = client.get(url, query_string={"lang": "all"}).get_json()
    del body["day"], body["timezone"]
    response = client.post("/api/v1/programme", json={**body, "slug": "day1-copy"}, headers=editor)
    assert response.status_code == 422
    assert client.get(url).get_json()["guid"] == guid


def test_the_seeded_programme_conforms_and_its_guids_are_the_same_on_every_host(client, app_context):
    seed_directory()
    document = get_json(client, "?lang=de")
    events = json_events(document)
    assert len(events) == 17
    assert all(event["guid"] == str(uuid.uuid5(SESSION_GUID_NAMESPACE, slug)) for slug, event in events.items())
    assert len(list(get_xml(client, "?lang=en").iter("event"))) == 17
    assert {track["name"] for track in document["schedule"]["conference"]["tracks"]} >= {"Digitalisierung"}


def test_an_empty_programme_is_still_a_valid_schedule_of_both_days(client, app_context):
    document = get_json(client, "?lang=en")
    assert [(day["date"], day["rooms"]) for day in document["schedule"]["conference"]["days"]] == [
        ("2015-06-30", {}), ("2015-07-01", {})]
    root = get_xml(client, "?lang=en")
    assert [day.get("start") for day in root.findall("day")] == ["2015-06-30T00:00:00+02:00", "2015-07-01T00:00:00+02:00"]


@pytest.mark.parametrize("path", ["/api/v1/schedule.xml", "/api/v1/schedule.json"])
def test_the_schedule_costs_the_same_queries_for_any_number_of_sessions(programme, count_queries, path):
    few = count_queries(f"{path}?lang=en")
    for number in range(12):
        add("programme", f"extra-{number}", starts_at=dt.datetime(2015, 7, 1, 8 + number, 0),
            ends_at=dt.datetime(2015, 7, 1, 8 + number, 30), room=f"Raum {number}")
    assert count_queries(f"{path}?lang=de") == few <= 3
