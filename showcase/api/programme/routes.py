"""Read and write endpoints of the conference programme, as JSON and as iCalendar."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from flask import Response, request
from flask.views import MethodView
from sqlalchemy import String, cast, func, select

from showcase.api import writes
from showcase.api.blueprint import Blueprint
from showcase.api.listing import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SelectPage, apply_sort
from showcase.api.programme.schemas import ProgrammeQueryArgsSchema, ProgrammeSessionArgsSchema
from showcase.api.writes import DeleteArgsSchema, write_access
from showcase.extensions import db
from showcase.models import ProgrammeSession
from showcase.models.programme_session import CONFERENCE_TIMEZONE
from showcase.schemas import ProgrammeSessionSchema

blp = Blueprint("programme", __name__, url_prefix="/api/v1",
                description="The programme of the conference's two days at WECC Berlin.")

SORT_COLUMNS = {
    "starts_at": ProgrammeSession.starts_at,
    "title": {"de": func.lower(ProgrammeSession.title_de), "en": func.lower(ProgrammeSession.title_en)},
    "room": ProgrammeSession.room,
}
VENUE = "Westhafen Event & Convention Center (WECC), Westhafenstraße 1, 13353 Berlin"


def session_or_404(slug: str) -> ProgrammeSession:
    return db.one_or_404(select(ProgrammeSession).where(ProgrammeSession.slug == slug),
                         description=f"There is no programme session {slug!r}.")


@blp.route("/programme")
class Programme(MethodView):
    @blp.etag
    @blp.arguments(ProgrammeQueryArgsSchema, location="query")
    @blp.response(200, ProgrammeSessionSchema(many=True))
    @blp.paginate(SelectPage, page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args):
        """List the programme's sessions"""
        statement = select(ProgrammeSession)
        if "day" in args:
            day = args["day"]
            start = dt.datetime.combine(day, dt.time())
            statement = statement.where(ProgrammeSession.starts_at >= start,
                                        ProgrammeSession.starts_at < start + dt.timedelta(days=1))
        if "kind" in args:
            statement = statement.where(ProgrammeSession.kind == args["kind"])
        if "language" in args:
            statement = statement.where(cast(ProgrammeSession.languages, String).like(f'%"{args["language"]}"%'))
        return apply_sort(statement, args["sort"], SORT_COLUMNS, ProgrammeSession.id, args["representation"].lang)

    @write_access("editor")
    @blp.etag
    @blp.arguments(writes.input_schema(ProgrammeSessionSchema))
    @blp.response(201, ProgrammeSessionSchema)
    def post(self, data):
        """Create a programme session"""
        session = writes.create("programme", data)
        return writes.created(session, "programme.ProgrammeBySlug", slug=session.slug)


@blp.route("/programme/<slug>")
class ProgrammeBySlug(MethodView):
    @blp.etag
    @blp.arguments(ProgrammeSessionArgsSchema, location="query")
    @blp.response(200, ProgrammeSessionSchema)
    def get(self, args, slug):
        """Get a programme session"""
        return session_or_404(slug)

    @write_access("editor")
    @blp.etag
    @blp.arguments(writes.input_schema(ProgrammeSessionSchema))
    @blp.response(200, ProgrammeSessionSchema)
    def put(self, data, slug):
        """Replace a programme session"""
        session = session_or_404(slug)
        blp.check_etag(session, ProgrammeSessionSchema)
        return writes.replace("programme", session, data)

    @write_access("editor")
    @blp.etag
    @blp.doc(requestBody=writes.patch_body(ProgrammeSessionSchema))
    @blp.response(200, ProgrammeSessionSchema)
    def patch(self, slug):
        """Change some fields of a programme session"""
        session = session_or_404(slug)
        blp.check_etag(session, ProgrammeSessionSchema)
        return writes.patch("programme", session)

    @write_access("editor")
    @blp.etag
    @blp.arguments(DeleteArgsSchema, location="query")
    @blp.response(204)
    @blp.alt_response(409, response="CONFLICT")
    def delete(self, args, slug):
        """Delete a programme session"""
        session = session_or_404(slug)
        blp.check_etag(session, ProgrammeSessionSchema)
        writes.delete("programme", session, args["cascade"])


@blp.route("/programme.ics")
class ProgrammeCalendar(MethodView):
    @blp.arguments(ProgrammeSessionArgsSchema, location="query")
    @blp.response(200, content_type="text/calendar",
                  description="The programme as iCalendar (RFC 5545), for visitors' calendars.")
    def get(self, args):
        """Get the programme as iCalendar"""
        lang = args["representation"].lang or "en"
        sessions = db.session.scalars(select(ProgrammeSession).order_by(ProgrammeSession.starts_at,
                                                                         ProgrammeSession.id)).all()
        response = Response(programme_calendar(sessions, lang, request.host), mimetype="text/calendar")
        response.headers["Content-Disposition"] = 'inline; filename="cluster-conference-2015.ics"'
        response.add_etag()
        return response.make_conditional(request)


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
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
