"""GET /api/v1/programme and its iCalendar form."""

import datetime as dt

import icalendar
import pytest

from tests.builders import add, text


@pytest.fixture
def programme(app_context):
    add("programme", "day1-opening")
    add("programme", "day1-forum-digitalisation", kind="forum", languages=["en"],
        title=text("Fachforum Digitalisierung", "Specialist forum: digitalisation"),
        topic=text("Digitalisierung", "Digitalisation"), room="Forum 2",
        starts_at=dt.datetime(2015, 6, 30, 14, 0), ends_at=dt.datetime(2015, 6, 30, 15, 30))
    add("programme", "day2-forum-smes", kind="forum", times_provisional=False,
        title=text("Internationalisierungsstrategien für KMU", "Internationalisation strategies for SMEs"),
        topic=text("KMU", "SMEs"), starts_at=dt.datetime(2015, 7, 1, 11, 0), ends_at=dt.datetime(2015, 7, 1, 12, 30))


def slugs(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    return [item["slug"] for item in response.get_json()]


@pytest.mark.parametrize("query, expected", [
    ("", ["day1-opening", "day1-forum-digitalisation", "day2-forum-smes"]),
    ("day=2015-07-01", ["day2-forum-smes"]),
    ("day=2016-01-01", []),
    ("kind=forum", ["day1-forum-digitalisation", "day2-forum-smes"]),
    ("language=de", ["day1-opening", "day2-forum-smes"]),
    ("sort=-starts_at", ["day2-forum-smes", "day1-forum-digitalisation", "day1-opening"]),
])
def test_filters_and_orders_the_programme(client, programme, query, expected):
    assert slugs(client.get(f"/api/v1/programme?{query}")) == expected


def test_a_malformed_day_is_a_422(client, programme):
    response = client.get("/api/v1/programme?day=30.06.2015")
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "day"


def test_a_session_has_local_times_and_its_topic(client, programme):
    forum = client.get("/api/v1/programme/day1-forum-digitalisation?lang=de").get_json()
    assert forum["starts_at"] == "2015-06-30T14:00:00"
    assert forum["timezone"] == "Europe/Berlin"
    assert forum["day"] == "2015-06-30"
    assert forum["topic"] == "Digitalisierung"
    assert forum["languages"] == ["en"]


def test_the_programme_as_icalendar_in_berlin_time(client, programme):
    response = client.get("/api/v1/programme.ics?lang=de")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    events = [c for c in calendar.walk("VEVENT")]
    assert [str(e["summary"]) for e in events] == ["Eröffnung", "Fachforum Digitalisierung",
                                                  "Internationalisierungsstrategien für KMU"]
    start = events[1].decoded("dtstart")
    assert start.isoformat() == "2015-06-30T14:00:00+02:00"
    assert "Westhafen" in str(events[1]["location"])
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/Berlin"


def test_the_calendar_revalidates_with_its_etag(client, programme):
    first = client.get("/api/v1/programme.ics")
    again = client.get("/api/v1/programme.ics", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_a_session_says_whether_its_time_is_provisional(client, programme):
    sessions = {s["slug"]: s for s in client.get("/api/v1/programme").get_json()}
    assert sessions["day1-opening"]["times_provisional"] is True
    assert sessions["day2-forum-smes"]["times_provisional"] is False
    assert sessions["day1-opening"]["source"] == "http://www.bmbf.de/de/25852.php"
    assert sessions["day1-opening"]["source_date"] == "2015-02-19"


def test_the_calendar_marks_provisional_times_as_tentative(client, programme):
    calendar = icalendar.Calendar.from_ical(client.get("/api/v1/programme.ics").data)
    status = {str(e["summary"]): str(e["status"]) for e in calendar.walk("VEVENT")}
    assert status == {"Opening": "TENTATIVE", "Specialist forum: digitalisation": "TENTATIVE",
                      "Internationalisation strategies for SMEs": "CONFIRMED"}


def test_the_calendar_of_chosen_sessions_holds_just_those(client, programme):
    response = client.get("/api/v1/programme.ics?lang=en&sessions=day2-forum-smes,day1-opening,no-such-session")
    assert response.status_code == 200
    events = icalendar.Calendar.from_ical(response.data).walk("VEVENT")
    assert [str(event["uid"]).split("@")[0] for event in events] == ["day1-opening", "day2-forum-smes"]
    assert "shortlist" in response.headers["Content-Disposition"]


@pytest.mark.parametrize("query", ["sessions=", "sessions=Not%20A%20Slug", "sessions=" + ",".join(["a"] * 101)])
def test_a_malformed_session_list_is_a_422_naming_it(client, programme, query):
    response = client.get(f"/api/v1/programme.ics?{query}")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["errors"][0]["field"].startswith("sessions")
