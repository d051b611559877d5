"""Matchmaking: registrations, meeting requests, answers, slots and tables; one transaction each.

Each write runs in `transaction()`, the API's and the commands' alike. Personal data lives only in
MatchmakingParticipant and its requests; nothing here writes to the outbox, the audit log or a log
line with a name or an address in it.
"""

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from showcase.errors import ValidationFailed
from showcase.extensions import db
from showcase.models import (
    CONFERENCE_DAYS,
    Cluster,
    MatchmakingParticipant,
    MeetingRequest,
    ProgrammeSession,
)
from showcase.models.api_key import utcnow
from showcase.services.transaction import transaction

TOKEN_PREFIX = "mm_"
TOKEN_PREFIX_LENGTH = len(TOKEN_PREFIX) + 8
# Requests that count against a participant's limit and block a second request to the same cluster.
OPEN_STATUSES = ("pending", "accepted", "declined")
SLOT_SEPARATOR = "@"

# ISO 3166-1 alpha-2, the officially assigned codes.
COUNTRY_CODES = frozenset("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW
BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI
FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN
IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF
PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE
YT ZA ZM ZW
""".split())


class MatchmakingConflict(ValidationFailed):
    """A write the current state refuses: a duplicate request, too many requests, a slot taken."""

    def __init__(self, field: str, message: str):
        super().__init__({field: [message]}, status=409, detail=message)


# Tokens -------------------------------------------------------------------------------------------

def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def participant_for_token(token: str) -> MatchmakingParticipant | None:
    """The participant a management token belongs to, compared in constant time; None if unknown."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    presented = hash_token(token)
    found = None
    for candidate in db.session.scalars(select(MatchmakingParticipant).where(
            MatchmakingParticipant.token_prefix == token[:TOKEN_PREFIX_LENGTH])):
        if hmac.compare_digest(candidate.token_hash, presented):
            found = candidate
    return found


# Emails -------------------------------------------------------------------------------------------

def normalise_email(value: str) -> str:
    """The address in one spelling: validated (syntax only, no lookups), trimmed, all lower case.

    :raises ValueError: with a message for the participant when it is not an address.
    """
    try:
        checked = validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise ValueError(str(error)) from None
    return checked.normalized.lower()


# Slots --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Slot:
    """A stretch of a matchmaking session in which each table hosts one meeting."""

    session: ProgrammeSession
    starts_at: dt.datetime
    ends_at: dt.datetime

    @property
    def id(self) -> str:
        return f"{self.session.slug}{SLOT_SEPARATOR}{self.starts_at:%H:%M}"


def matchmaking_sessions() -> list[ProgrammeSession]:
    return list(db.session.scalars(select(ProgrammeSession).where(ProgrammeSession.kind == "matchmaking")
                                   .order_by(ProgrammeSession.starts_at, ProgrammeSession.id)))


def session_slots(session: ProgrammeSession) -> list[Slot]:
    length = dt.timedelta(minutes=max(1, current_app.config["SHOWCASE_MATCHMAKING_SLOT_MINUTES"]))
    slots, start = [], session.starts_at
    while start + length <= session.ends_at:
        slots.append(Slot(session, start, start + length))
        start += length
    return slots


def all_slots() -> list[Slot]:
    return [slot for session in matchmaking_sessions() for slot in session_slots(session)]


def find_slot(slot_id: str) -> Slot | None:
    session_slug, _, start = slot_id.partition(SLOT_SEPARATOR)
    session = db.session.scalar(select(ProgrammeSession).where(
        ProgrammeSession.slug == session_slug, ProgrammeSession.kind == "matchmaking"))
    if session is None:
        return None
    return next((slot for slot in session_slots(session) if f"{slot.starts_at:%H:%M}" == start), None)


def request_slot(meeting: MeetingRequest) -> Slot | None:
    """The slot assigned to a request, or None."""
    if meeting.slot_session is None or meeting.slot_start is None:
        return None
    length = dt.timedelta(minutes=max(1, current_app.config["SHOWCASE_MATCHMAKING_SLOT_MINUTES"]))
    return Slot(meeting.slot_session, meeting.slot_start, meeting.slot_start + length)


# Participants -------------------------------------------------------------------------------------

def resolve_clusters(slugs: list[str], field: str) -> list[Cluster]:
    found = {cluster.slug: cluster for cluster in db.session.scalars(select(Cluster).where(Cluster.slug.in_(slugs)))}
    errors = {f"{field}[{position}]": [f"There is no cluster {slug!r}."]
              for position, slug in enumerate(slugs) if slug not in found}
    if errors:
        raise ValidationFailed(errors)
    return [found[slug] for slug in slugs]


PARTICIPANT_FIELDS = ("name", "organisation", "organisation_type", "country", "email", "languages", "topics")


def apply_participant(participant: MatchmakingParticipant, data: dict) -> None:
    for name in PARTICIPANT_FIELDS:
        if name in data:
            setattr(participant, name, data[name])
    if "clusters" in data:
        participant.clusters = resolve_clusters(data["clusters"], "clusters")


def register_participant(data: dict) -> tuple[MatchmakingParticipant, str]:
    """Add a registration to the session; returns it with its management token, which is not stored.

    A second registration with an address already known is a registration of its own: the answer
    is the same either way, so it never tells anyone who registered.
    """
    with transaction():
        token = new_token()
        participant = MatchmakingParticipant(consent_at=utcnow(), token_prefix=token[:TOKEN_PREFIX_LENGTH],
                                             token_hash=hash_token(token))
        apply_participant(participant, data)
        db.session.add(participant)
        db.session.flush()
        return participant, token


def update_participant(participant: MatchmakingParticipant, data: dict) -> MatchmakingParticipant:
    with transaction():
        apply_participant(participant, data)
        participant.updated_at = utcnow()
        db.session.flush()
        return participant


def delete_participant(participant: MatchmakingParticipant) -> None:
    """Delete a registration and everything of it: its requests, their slots and tables, its interests."""
    with transaction():
        db.session.delete(participant)
        db.session.flush()


def delete_by_email(email: str) -> int:
    """Delete every registration of an address (an erasure request); returns how many there were."""
    with transaction():
        participants = db.session.scalars(select(MatchmakingParticipant).where(
            MatchmakingParticipant.email == normalise_email(email))).all()
        for participant in participants:
            db.session.delete(participant)
        db.session.flush()
        return len(participants)


def purge_date() -> dt.date:
    """The first day on which registrations are deleted: the retention period after the last conference day."""
    return CONFERENCE_DAYS[-1] + dt.timedelta(days=current_app.config["SHOWCASE_MATCHMAKING_RETENTION_DAYS"])


def purge(today: dt.date) -> int:
    """From the purge date on, delete every registration; before it, nothing. Returns how many went."""
    with transaction():
        if today < purge_date():
            return 0
        count = db.session.scalar(select(func.count()).select_from(MatchmakingParticipant)) or 0
        # Bulk deletes skip the ORM's cascades, so the children go first, explicitly.
        db.session.execute(delete(MeetingRequest))
        db.session.execute(delete(MatchmakingParticipant))
        return count


# Requests -----------------------------------------------------------------------------------------

def resolve_sessions(slugs: list[str]) -> list[ProgrammeSession]:
    found = {session.slug: session for session in matchmaking_sessions()}
    errors = {f"preferred_slots[{position}]": [f"There is no matchmaking session {slug!r}."]
              for position, slug in enumerate(slugs) if slug not in found}
    if errors:
        raise ValidationFailed(errors)
    return [found[slug] for slug in slugs]


def create_request(participant: MatchmakingParticipant, data: dict) -> MeetingRequest:
    """Ask a cluster for a meeting; a cancelled request to the same cluster is reopened.

    :raises MatchmakingConflict: for a second open request to a cluster, or one over the limit.
    """
    with transaction():
        cluster = db.session.scalar(select(Cluster).where(Cluster.slug == data["cluster"]))
        if cluster is None:
            raise ValidationFailed({"cluster": [f"There is no cluster {data['cluster']!r}."]})
        sessions = resolve_sessions(data.get("preferred_slots", []))
        existing = next((meeting for meeting in participant.requests if meeting.cluster_id == cluster.id), None)
        if existing is not None and existing.status in OPEN_STATUSES:
            raise MatchmakingConflict("cluster", f"You have already asked {cluster.short_name} for a meeting "
                                                 f"(request {existing.id}, {existing.status}).")
        limit = current_app.config["SHOWCASE_MATCHMAKING_MAX_REQUESTS"]
        if sum(meeting.status in OPEN_STATUSES for meeting in participant.requests) >= limit:
            raise MatchmakingConflict("cluster", f"You can ask at most {limit} clusters for a meeting; "
                                                 "cancel a request to ask another.")
        meeting = existing or MeetingRequest(participant=participant, cluster=cluster)
        meeting.message = data["message"]
        meeting.preferred_sessions = sessions
        meeting.status = "pending"
        meeting.created_at = utcnow()
        meeting.answered_at = None
        free_slot(meeting)
        db.session.add(meeting)
        try:
            # Two requests to one cluster sent at once: the unique constraint lets one through.
            with db.session.begin_nested():
                db.session.flush()
        except IntegrityError:
            raise MatchmakingConflict("cluster", f"You have already asked {cluster.short_name} for a meeting.") from None
        return meeting


def free_slot(meeting: MeetingRequest) -> None:
    meeting.slot_session = None
    meeting.slot_start = None
    meeting.table_number = None


def cancel_request(meeting: MeetingRequest) -> MeetingRequest:
    """The participant withdraws a request: it stays visible to the cluster as cancelled, its table freed."""
    with transaction():
        meeting.status = "cancelled"
        free_slot(meeting)
        db.session.flush()
        return meeting


def answer_request(meeting: MeetingRequest, data: dict) -> MeetingRequest:
    """A cluster accepts or declines a request, and assigns (or changes) its slot and table.

    :raises MatchmakingConflict: for a cancelled request, or a slot and table already given, or a
        participant who has another meeting in that slot.
    """
    with transaction():
        if meeting.status == "cancelled":
            raise MatchmakingConflict("status", "The participant cancelled this request; it cannot be answered.")
        status = data.get("status", meeting.status)
        assigning = "slot" in data or "table" in data
        if assigning and status != "accepted":
            raise ValidationFailed({"slot": ["Only an accepted request gets a slot and table: send "
                                             "\"status\": \"accepted\" with them."]})
        if status == "pending" and meeting.status != "pending":
            raise ValidationFailed({"status": ["An answered request cannot go back to pending."]})
        if status != "accepted":
            free_slot(meeting)
        elif assigning:
            if data.get("slot") is None and data.get("table") is None:
                free_slot(meeting)
            else:
                assign(meeting, data)
        if status != meeting.status:
            meeting.answered_at = utcnow()
        meeting.status = status
        db.session.flush()
        return meeting


def assign(meeting: MeetingRequest, data: dict) -> None:
    errors = {}
    if data.get("slot") is None:
        errors["slot"] = ["Give the slot together with the table."]
    if data.get("table") is None:
        errors["table"] = ["Give the table together with the slot."]
    slot = find_slot(data["slot"]) if data.get("slot") is not None else None
    if data.get("slot") is not None and slot is None:
        errors["slot"] = [f"There is no slot {data['slot']!r}; GET /api/v1/matchmaking/slots lists them."]
    tables = current_app.config["SHOWCASE_MATCHMAKING_TABLES"]
    if data.get("table") is not None and not 1 <= data["table"] <= tables:
        errors["table"] = [f"Tables are numbered 1 to {tables}."]
    if errors:
        raise ValidationFailed(errors)
    taken = db.session.scalar(select(MeetingRequest).where(
        MeetingRequest.id != meeting.id, MeetingRequest.slot_session_id == slot.session.id,
        MeetingRequest.slot_start == slot.starts_at, MeetingRequest.table_number == data["table"]))
    if taken is not None:
        raise MatchmakingConflict("table", f"Table {data['table']} is already given in slot {slot.id}.")
    busy = db.session.scalar(select(MeetingRequest).where(
        MeetingRequest.id != meeting.id, MeetingRequest.participant_id == meeting.participant_id,
        MeetingRequest.slot_session_id == slot.session.id, MeetingRequest.slot_start == slot.starts_at))
    if busy is not None:
        raise MatchmakingConflict("slot", f"The participant already has a meeting in slot {slot.id}.")
    meeting.slot_session = slot.session
    meeting.slot_start = slot.starts_at
    meeting.table_number = data["table"]
    try:
        # A concurrent assignment of the same table passed the check above: the constraint decides.
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        raise MatchmakingConflict("table", f"Table {data['table']} is already given in slot {slot.id}.") from None


# Reports ------------------------------------------------------------------------------------------

def counts() -> dict:
    """Requests per cluster and status, and tables taken per slot: numbers only, no personal data."""
    per_cluster: dict[str, dict[str, int]] = {}
    rows = db.session.execute(select(Cluster.slug, MeetingRequest.status, func.count()).join(
        MeetingRequest, MeetingRequest.cluster_id == Cluster.id).group_by(Cluster.slug, MeetingRequest.status))
    for slug, status, count in rows:
        per_cluster.setdefault(slug, {name: 0 for name in ("pending", "accepted", "declined", "cancelled")})
        per_cluster[slug][status] = count
    taken = dict(((session_id, start), count) for session_id, start, count in db.session.execute(
        select(MeetingRequest.slot_session_id, MeetingRequest.slot_start, func.count())
        .where(MeetingRequest.slot_session_id.is_not(None))
        .group_by(MeetingRequest.slot_session_id, MeetingRequest.slot_start)))
    tables = current_app.config["SHOWCASE_MATCHMAKING_TABLES"]
    return {
        "participants": db.session.scalar(select(func.count()).select_from(MatchmakingParticipant)) or 0,
        "clusters": [{"cluster": slug, **statuses} for slug, statuses in sorted(per_cluster.items())],
        "slots": [{"slot": slot.id, "starts_at": slot.starts_at, "ends_at": slot.ends_at, "tables": tables,
                   "taken": taken.get((slot.session.id, slot.starts_at), 0)} for slot in all_slots()],
    }


def accepted_meetings(cluster: Cluster) -> list[MeetingRequest]:
    """A cluster's accepted meetings, by slot and table (unassigned ones last)."""
    meetings = db.session.scalars(select(MeetingRequest).where(
        MeetingRequest.cluster_id == cluster.id, MeetingRequest.status == "accepted")).all()
    return sorted(meetings, key=lambda m: (m.slot_start is None, m.slot_start or dt.datetime.min,
                                           m.table_number or 0, m.id))
