"""The matchmaking API: visitors register and ask clusters to meet, clusters answer, editors count.

Every answer here is for one person, so none is cached anywhere (`Cache-Control: no-store`), and
none of it is part of the directory's public reads, search, snapshot or export.
"""

import secrets
from functools import wraps

from flask import current_app, request, url_for
from flask.views import MethodView
from flask_smorest import abort
from sqlalchemy import select

from showcase.api.blueprint import Blueprint
from showcase.api.matchmaking.access import PARTICIPANT_SCHEME, cluster_for_key, require_participant
from showcase.api.matchmaking.limits import check_registration_limits
from showcase.api.matchmaking.schemas import HONEYPOT_FIELD, ClusterMeetingRequestSchema, ClusterRequestQueryArgsSchema, MatchmakingCountsSchema, MeetingAnswerSchema, MeetingRequestInputSchema, MeetingRequestSchema, ParticipantCreatedSchema, ParticipantInputSchema, ParticipantPatchSchema, ParticipantSchema, SlotListSchema
from showcase.api.writes import is_json
from showcase.api.access import SECURITY_SCHEME
from showcase.extensions import db
from showcase.models import MatchmakingParticipant, MeetingRequest
from showcase.models.api_key import utcnow
from showcase.services import matchmaking
from showcase.services.matchmaking import TOKEN_PREFIX

blp = Blueprint("matchmaking", __name__, never_cached=True, url_prefix="/api/v1/matchmaking",
                description="Matchmaking: visitors register and ask clusters for a meeting; clusters answer "
                            "and assign a slot and a table. Personal data, never cached or listed publicly.")


def participant_required(view):
    """Let a view run only for a participant's token (it gets the participant first), and say so."""
    return blp.needs_credential(PARTICIPANT_SCHEME)(require_participant(view))


# The views check a cluster's key themselves (`cluster_for_key`, 404 for another cluster's requests).
document_cluster_key = blp.needs_credential(
    SECURITY_SCHEME, description="Needs an API key with the role `cluster`, bound to this cluster.",
    errors=(401, 403, 404))


def json_body(view):
    """415 for a body that is not JSON, before anything else looks at it."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not is_json(request.mimetype):
            abort(415, message="Send the body as JSON (Content-Type: application/json).")
        return view(*args, **kwargs)

    return wrapper


def limited_by_address(view):
    """Count every registration attempt from the client's address, valid or not."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        check_registration_limits()
        return view(*args, **kwargs)

    return wrapper


def manage_url(token: str) -> str:
    """The management page with the token in the fragment: browsers never send it, so no log sees it."""
    base = current_app.config.get("SHOWCASE_PUBLIC_URL") or request.url_root
    return f"{base.rstrip('/')}{url_for('meet.page')}#token={token}"


def own_request_or_404(participant: MatchmakingParticipant, request_id: int) -> MeetingRequest:
    meeting = next((meeting for meeting in participant.requests if meeting.id == request_id), None)
    if meeting is None:
        abort(404, message=f"You have no request {request_id}.")
    return meeting


@blp.route("/participants")
class Participants(MethodView):
    @json_body
    @limited_by_address
    @blp.arguments(ParticipantInputSchema)
    @blp.response(201, ParticipantCreatedSchema)
    @blp.alt_response(429, response="TOO_MANY_REQUESTS")
    def post(self, data):
        """Register for the matchmaking

        Answers with the management token, once. A registration with an address that registered
        before is a new registration of its own: the answer never tells whether the address is known.
        """
        check_registration_limits(email=data["email"])
        data.pop("consent")
        # Unknown clusters are refused alike with the honeypot filled, so a bot cannot tell.
        matchmaking.resolve_clusters(data["clusters"], "clusters")
        if data.pop(HONEYPOT_FIELD, ""):
            # A bot filled the hidden field: answer as usual, store nothing.
            token = TOKEN_PREFIX + secrets.token_urlsafe(32)
            now = utcnow()
            body = {"participant": {**data, "consent_at": now, "created_at": now}, "token": token,
                    "manage_url": manage_url(token)}
            return body, 201, {"Location": url_for("matchmaking.ParticipantMe")}
        participant, token = matchmaking.register_participant(data)
        body = {"participant": participant, "token": token, "manage_url": manage_url(token)}
        return body, 201, {"Location": url_for("matchmaking.ParticipantMe")}


@blp.route("/participants/me")
class ParticipantMe(MethodView):
    @participant_required
    @blp.response(200, ParticipantSchema)
    def get(self, participant):
        """Get your registration"""
        return participant

    @json_body
    @participant_required
    @blp.arguments(ParticipantPatchSchema(partial=True))
    @blp.response(200, ParticipantSchema)
    def patch(self, participant, data):
        """Change your registration"""
        return matchmaking.update_participant(participant, data)

    @participant_required
    @blp.response(204)
    def delete(self, participant):
        """Delete your registration, your requests and their slots"""
        matchmaking.delete_participant(participant)


@blp.route("/requests")
class Requests(MethodView):
    @participant_required
    @blp.response(200, MeetingRequestSchema(many=True))
    def get(self, participant):
        """List your meeting requests and the clusters' answers"""
        return participant.requests

    @json_body
    @participant_required
    @blp.arguments(MeetingRequestInputSchema)
    @blp.response(201, MeetingRequestSchema)
    @blp.alt_response(409, response="CONFLICT")
    def post(self, participant, data):
        """Ask a cluster for a meeting"""
        meeting = matchmaking.create_request(participant, data)
        return meeting, 201, {"Location": url_for("matchmaking.RequestById", request_id=meeting.id)}


@blp.route("/requests/<int:request_id>")
class RequestById(MethodView):
    @participant_required
    @blp.response(200, MeetingRequestSchema)
    def get(self, participant, request_id):
        """Get one of your meeting requests"""
        return own_request_or_404(participant, request_id)

    @participant_required
    @blp.response(200, MeetingRequestSchema)
    def delete(self, participant, request_id):
        """Cancel one of your meeting requests (its slot and table are freed)"""
        return matchmaking.cancel_request(own_request_or_404(participant, request_id))


@blp.route("/slots")
class Slots(MethodView):
    @blp.response(200, SlotListSchema)
    def get(self):
        """List the matchmaking slots (the programme's matchmaking sessions, cut into meetings)"""
        return {"tables": current_app.config["SHOWCASE_MATCHMAKING_TABLES"], "slots": matchmaking.all_slots()}


@blp.route("/clusters/<slug>/requests")
class ClusterRequests(MethodView):
    @document_cluster_key
    @blp.arguments(ClusterRequestQueryArgsSchema, location="query")
    @blp.response(200, ClusterMeetingRequestSchema(many=True))
    def get(self, args, slug):
        """List the meeting requests addressed to your cluster"""
        cluster = cluster_for_key(slug)
        statement = select(MeetingRequest).where(MeetingRequest.cluster_id == cluster.id)
        if "status" in args:
            statement = statement.where(MeetingRequest.status == args["status"])
        return db.session.scalars(statement.order_by(MeetingRequest.created_at, MeetingRequest.id)).all()


@blp.route("/clusters/<slug>/requests/<int:request_id>")
class ClusterRequestById(MethodView):
    @document_cluster_key
    @blp.response(200, ClusterMeetingRequestSchema)
    def get(self, slug, request_id):
        """Get a meeting request addressed to your cluster"""
        return cluster_request_or_404(slug, request_id)

    @document_cluster_key
    @json_body
    @blp.arguments(MeetingAnswerSchema)
    @blp.response(200, ClusterMeetingRequestSchema)
    @blp.alt_response(409, response="CONFLICT")
    def patch(self, data, slug, request_id):
        """Accept or decline a request, and assign a slot and a table

        A slot and table already given to another meeting, or a slot in which the participant already
        has a meeting, is refused with 409.
        """
        return matchmaking.answer_request(cluster_request_or_404(slug, request_id), data)


def cluster_request_or_404(slug: str, request_id: int) -> MeetingRequest:
    cluster = cluster_for_key(slug)
    meeting = db.session.scalar(select(MeetingRequest).where(
        MeetingRequest.id == request_id, MeetingRequest.cluster_id == cluster.id))
    if meeting is None:
        abort(404, message=f"Your cluster has no request {request_id}.")
    return meeting


@blp.route("/counts")
class Counts(MethodView):
    @blp.requires_role("editor")
    @blp.response(200, MatchmakingCountsSchema)
    def get(self):
        """Count requests per cluster and tables taken per slot (no personal data)"""
        return matchmaking.counts()


__all__ = ["blp"]
