"""Read and write endpoints of the conference programme, as JSON, iCalendar and the frab schedule format."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import icalendar
from flask import Response, request
from flask.views import MethodView
from sqlalchemy import select

from showcase.api.blueprint import Blueprint
from showcase.api.programme.queries import filter_programme, session_or_404
from showcase.api.programme.schemas import (
    ProgrammeCalendarArgsSchema,
    ProgrammeQueryArgsSchema,
    ProgrammeSessionArgsSchema,
    ScheduleArgsSchema,
)
from showcase.api.writes import RecordViews
from showcase.extensions import db
from showcase.models import ProgrammeSession
from showcase.models.programme_session import CONFERENCE_TIMEZONE
from showcase.schemas import ProgrammeSessionSchema
from showcase.services.conference import VENUE
from showcase.services.schedule import schedule_document, schedule_xml

blp = Blueprint("programme", __name__, url_prefix="/api/v1",
                description="The programme of the conference's two days at WECC Berlin.")

VIEWS = RecordViews(blp, "programme", ProgrammeSessionSchema, find=session_or_404, label="a programme session")
VIEWS.route("/programme", "Programme", ProgrammeQueryArgsSchema, filter_programme, ProgrammeSessionArgsSchema,
            listing="the programme's sessions")


@blp.route("/programme.ics")
class ProgrammeCalendar(MethodView):
    @blp.arguments(ProgrammeCalendarArgsSchema, location="query")
    @blp.response(200, content_type="text/calendar",
                  description="The programme as iCalendar (RFC 5545), for visitors' calendars.")
    def get(self, args):
        """Get the programme as iCalendar"""
        lang = args["representation"].lang or "en"
        sessions = sessions_in_order(args.get("sessions"))
        response = Response(programme_calendar(sessions, lang, request.host), mimetype="text/calendar")
        filename = "cluster-conference-2015-shortlist.ics" if "sessions" in args else "cluster-conference-2015.ics"
        response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
        response.add_etag()
        return response


SCHEDULE_FORMAT = ("The frab/Pentabarf schedule format that conference apps (Giggity, ConfClerk, "
                   "EventFahrplan) read, as voc/schedule's {} describes it; `version` changes whenever "
                   "the programme does, and each event's `guid` stays when its slug changes.")


@blp.route("/schedule.xml")
class ScheduleXml(MethodView):
    @blp.arguments(ScheduleArgsSchema, location="query")
    @blp.response(200, content_type="application/xml", description=SCHEDULE_FORMAT.format("XSD"))
    @blp.doc(responses={200: {"content": {"application/xml": {"schema": {"type": "string"}}}}})
    def get(self, args):
        """Get the programme as schedule.xml"""
        document = schedule_document(sessions_in_order(), args["lang"], request.host_url)
        return answered(schedule_xml(document), "application/xml", "schedule.xml")


@blp.route("/schedule.json")
class ScheduleJson(MethodView):
    @blp.arguments(ScheduleArgsSchema, location="query")
    @blp.response(200, content_type="application/json", description=SCHEDULE_FORMAT.format("JSON Schema"))
    @blp.doc(responses={200: {"content": {"application/json": {"schema": {
        "type": "object", "required": ["schedule"],
        "properties": {"schedule": {"type": "object", "required": ["version", "conference"]}}}}}}})
    def get(self, args):
        """Get the programme as schedule.json"""
        document = schedule_document(sessions_in_order(), args["lang"], request.host_url)
        return answered(json.dumps(document, ensure_ascii=False), "application/json", "schedule.json")


def sessions_in_order(slugs: list[str] | None = None) -> list[ProgrammeSession]:
    """The programme's sessions in time order; only those named, when slugs are given (a visitor's shortlist)."""
    statement = select(ProgrammeSession).order_by(ProgrammeSession.starts_at, ProgrammeSession.id)
    if slugs is not None:
        statement = statement.where(ProgrammeSession.slug.in_(slugs))
    return db.session.scalars(statement).all()


def answered(body: bytes | str, mimetype: str, filename: str) -> Response:
    """A schedule file with its ETag; the 304 comes from the one conditional-GET path."""
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.add_etag()
    return response


def programme_calendar(sessions: list[ProgrammeSession], lang: str, host: str) -> bytes:
    """The sessions as one VCALENDAR with a VEVENT each, in Berlin time."""
    berlin = ZoneInfo(CONFERENCE_TIMEZONE)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//showcase//3rd International Cluster Conference//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "3. Internationale Clusterkonferenz" if lang == "de"
                 else "3rd International Cluster Conference")
    calendar.add("x-wr-timezone", CONFERENCE_TIMEZONE)
    for session in sessions:
        event = icalendar.Event()
        event.add("uid", f"{session.slug}@{host.split(':')[0]}")
        event.add("dtstamp", dt.datetime(2015, 6, 1, tzinfo=dt.timezone.utc))
        event.add("dtstart", session.starts_at.replace(tzinfo=berlin))
        event.add("dtend", session.ends_at.replace(tzinfo=berlin))
        event.add("summary", getattr(session, f"title_{lang}"))
        event.add("description", getattr(session, f"description_{lang}"))
        event.add("location", f"{session.room}, {VENUE}")
        event.add("categories", [session.kind])
        # Planned, not announced: calendars show such events as tentative.
        event.add("status", "TENTATIVE" if session.times_provisional else "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
