"""Read and write endpoints of the conference programme, as JSON and as iCalendar."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from flask import Response, request
from flask.views import MethodView
from sqlalchemy import select

from showcase.api.blueprint import Blueprint
from showcase.api.programme.queries import VENUE, filter_programme, session_or_404
from showcase.api.programme.schemas import (
    ProgrammeCalendarArgsSchema,
    ProgrammeQueryArgsSchema,
    ProgrammeSessionArgsSchema,
)
from showcase.api.writes import RecordViews
from showcase.extensions import db
from showcase.models import ProgrammeSession
from showcase.models.programme_session import CONFERENCE_TIMEZONE
from showcase.schemas import ProgrammeSessionSchema

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
        statement = select(ProgrammeSession).order_by(ProgrammeSession.starts_at, ProgrammeSession.id)
        if "sessions" in args:
            statement = statement.where(ProgrammeSession.slug.in_(args["sessions"]))
        sessions = db.session.scalars(statement).all()
        response = Response(programme_calendar(sessions, lang, request.host), mimetype="text/calendar")
        filename = "cluster-conference-2015-shortlist.ics" if "sessions" in args else "cluster-conference-2015.ics"
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
