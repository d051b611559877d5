"""Who may use the matchmaking endpoints: a participant's token, a cluster's key, an editor's key.

All three arrive as `Authorization: Bearer <secret>`: participant tokens start `mm_`, API keys `sc_`.
A missing or unknown secret gets 401; a valid one of the wrong kind 403; a cluster key asking for
another cluster's requests 404, the same as for a cluster that does not exist.
"""

from functools import wraps

from flask import g
from flask_smorest import abort
from sqlalchemy import select

from showcase.api.access import CHALLENGE, FORBIDDEN, bearer_token, current_key
from showcase.extensions import db
from showcase.models import Cluster, MatchmakingParticipant
from showcase.services.matchmaking import participant_for_token

PARTICIPANT_SCHEME = "participantToken"
CLUSTER_ROLE = "cluster"
PARTICIPANT_UNAUTHORISED = ("This needs your matchmaking token, sent as `Authorization: Bearer <token>`; "
                            "it is in your management link after `#token=`.")
CLUSTER_UNAUTHORISED = "This needs your cluster's API key, sent as `Authorization: Bearer <key>`."


def current_participant() -> MatchmakingParticipant | None:
    """The participant whose token the request sent, looked up once; None for anything else."""
    if "participant" not in g:
        token = bearer_token()
        g.participant = participant_for_token(token) if token else None
    return g.participant


def require_participant(view):
    """Let a view run only for a participant's token; it gets the participant as its first argument."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        participant = current_participant()
        if participant is None:
            if current_key() is not None:
                abort(403, message="An API key cannot manage a registration; send the participant's token.")
            abort(401, message=PARTICIPANT_UNAUTHORISED, headers=CHALLENGE)
        return view(*args, participant, **kwargs)

    return wrapper


def cluster_for_key(slug: str) -> Cluster:
    """The cluster a `cluster` key is bound to, if that is the one in the URL: 401, 403 or 404 otherwise."""
    key = current_key()
    if key is None:
        abort(401, message=CLUSTER_UNAUTHORISED, headers=CHALLENGE)
    if key.role != CLUSTER_ROLE:
        abort(403, message=FORBIDDEN)
    cluster = db.session.scalar(select(Cluster).where(Cluster.slug == slug))
    if cluster is None or key.cluster_id != cluster.id:
        abort(404, message=f"There are no requests for a cluster {slug!r} that this key may see.")
    return cluster


def register_security_scheme(spec) -> None:
    spec.components.security_scheme(PARTICIPANT_SCHEME, {
        "type": "http", "scheme": "bearer",
        "description": "A matchmaking participant's token (`mm_…`), shown once at registration: "
                       "`Authorization: Bearer <token>`.",
    })
