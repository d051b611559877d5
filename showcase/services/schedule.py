"""The programme in the frab/Pentabarf schedule format that conference apps (Giggity, ConfClerk) read.

One document is built as the JSON form (voc/schedule's JSON Schema) and written out again as
schedule.xml (voc/schedule's XSD), so the two never disagree.
"""

import datetime as dt
import hashlib
import json
import uuid
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

from showcase.models import ProgrammeSession
from showcase.models.programme_session import CONFERENCE_TIMEZONE, SESSION_GUID_NAMESPACE
from showcase.schemas import CANONICAL, ProgrammeSessionSchema, represented_as
from showcase.services import conference

JSON_SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
# Sessions start on quarter hours.
TIMESLOT_DURATION = "00:15"
PROVISIONAL_NOTE = {
    "de": "Zeit vorläufig: Die Ankündigung nennt Tag und Reihenfolge, keine Uhrzeiten und Räume.",
    "en": "Time provisional: the announcement gives the day and order, not clock times or rooms.",
}
LINK_TITLES = {"de": ("Am Kiosk", "Im Verzeichnis (API)", "Quelle"),
               "en": ("At the kiosk", "In the directory (API)", "Source")}


def programme_version(sessions: list[ProgrammeSession]) -> str:
    """A hash of every session's content: the same on every host, changed by any edit of the programme."""
    with represented_as(CANONICAL):
        dumped = ProgrammeSessionSchema(many=True).dump(sessions)
    return hashlib.sha256(json.dumps(dumped, sort_keys=True, default=str).encode()).hexdigest()[:16]


def room_guid(name: str) -> str:
    return str(uuid.uuid5(SESSION_GUID_NAMESPACE, f"room:{name}"))


def duration(session: ProgrammeSession) -> str:
    """HH:MM, as frab writes it."""
    minutes = int((session.ends_at - session.starts_at).total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def schedule_document(sessions: list[ProgrammeSession], lang: str, base_url: str) -> dict:
    """The JSON form: `sessions` in start order, texts in `lang`, links under `base_url` (ending in a slash)."""
    berlin = ZoneInfo(CONFERENCE_TIMEZONE)
    rooms = list(dict.fromkeys(session.room for session in sessions))
    tracks = list(dict.fromkeys(getattr(session, f"topic_{lang}") for session in sessions))
    days = []
    for index, day in enumerate(conference.DAYS, start=1):
        on_day = [session for session in sessions if session.day == day]
        # A day without sessions (yet) spans the whole day.
        midnight = dt.datetime.combine(day, dt.time())
        days.append({
            "index": index,
            "date": day.isoformat(),
            "day_start": min((s.starts_at for s in on_day), default=midnight).replace(tzinfo=berlin).isoformat(),
            "day_end": max((s.ends_at for s in on_day), default=midnight.replace(hour=23, minute=59))
                       .replace(tzinfo=berlin).isoformat(),
            "rooms": {room: [schedule_event(s, lang, base_url) for s in on_day if s.room == room]
                      for room in rooms if any(s.room == room for s in on_day)},
        })
    return {
        "$schema": JSON_SCHEMA_URL,
        "generator": {"name": "showcase"},
        "schedule": {
            "version": programme_version(sessions),
            "base_url": base_url,
            "conference": {
                "acronym": conference.ACRONYM,
                "title": conference.TITLE[lang],
                "start": conference.FIRST_DAY.isoformat(),
                "end": conference.LAST_DAY.isoformat(),
                "daysCount": len(conference.DAYS),
                "timeslot_duration": TIMESLOT_DURATION,
                "time_zone_name": CONFERENCE_TIMEZONE,
                "url": f"{base_url}kiosk",
                "rooms": [{"name": room, "guid": room_guid(room)} for room in rooms],
                "tracks": [{"name": track} for track in tracks if track],
                "days": days,
            },
        },
    }


def schedule_event(session: ProgrammeSession, lang: str, base_url: str) -> dict:
    description = getattr(session, f"description_{lang}")
    kiosk_url = f"{base_url}kiosk#/programme?day={session.day.isoformat()}&session={session.slug}"
    kiosk_title, api_title, source_title = LINK_TITLES[lang]
    return {
        "id": session.id,
        "guid": str(session.guid),
        "date": session.starts_at.replace(tzinfo=ZoneInfo(CONFERENCE_TIMEZONE)).isoformat(),
        "start": session.starts_at.strftime("%H:%M"),
        "duration": duration(session),
        "room": session.room,
        "slug": session.slug,
        "url": kiosk_url,
        "title": getattr(session, f"title_{lang}"),
        "subtitle": None,
        "track": getattr(session, f"topic_{lang}"),
        "type": session.kind,
        "language": ", ".join(session.languages),
        "abstract": description,
        "description": f"{description}\n\n{PROVISIONAL_NOTE[lang]}" if session.times_provisional else description,
        "persons": [],
        "links": [{"url": kiosk_url, "title": kiosk_title},
                  {"url": f"{base_url}api/v1/programme/{session.slug}", "title": api_title},
                  {"url": session.source, "title": source_title}],
    }


def schedule_xml(document: dict) -> bytes:
    """The same document as schedule.xml."""
    schedule = document["schedule"]
    root = ET.Element("schedule")
    ET.SubElement(root, "version").text = schedule["version"]
    conference_element = ET.SubElement(root, "conference")
    meta = schedule["conference"]
    for name, key in (("title", "title"), ("acronym", "acronym"), ("start", "start"), ("end", "end"),
                      ("days", "daysCount"), ("timeslot_duration", "timeslot_duration")):
        ET.SubElement(conference_element, name).text = str(meta[key])
    for day in meta["days"]:
        day_element = ET.SubElement(root, "day", index=str(day["index"]), date=day["date"],
                                    start=day["day_start"], end=day["day_end"])
        for room, events in day["rooms"].items():
            room_element = ET.SubElement(day_element, "room", name=room)
            for event in events:
                room_element.append(event_element(event))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def event_element(event: dict) -> ET.Element:
    element = ET.Element("event", id=str(event["id"]), guid=event["guid"])
    for name in ("date", "start", "duration", "room", "slug", "title", "subtitle", "track", "type", "language",
                 "abstract", "description"):
        ET.SubElement(element, name).text = event[name] or ""
    ET.SubElement(element, "persons")
    links = ET.SubElement(element, "links")
    for link in event["links"]:
        ET.SubElement(links, "link", href=link["url"]).text = link["title"]
    return element


__all__ = ["programme_version", "schedule_document", "schedule_xml"]
