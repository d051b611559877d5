"""The directory's typed models, one entity a file; imported here so the mapper sees them all."""

from showcase.models.api_key import KEY_ROLES, ApiKey
from showcase.models.audit_entry import AUDIT_ACTIONS, AuditEntry
from showcase.models.base import Base
from showcase.models.cluster import Cluster, ClusterState
from showcase.models.innovation import INNOVATION_KINDS, MATURITY_LEVELS, Innovation
from showcase.models.kiosk import Kiosk, KioskToken
from showcase.models.matchmaking_participant import PARTICIPANT_ORGANISATION_TYPES, MatchmakingParticipant
from showcase.models.meeting_request import MEETING_STATUSES, MeetingRequest
from showcase.models.organisation import ORGANISATION_TYPES, Organisation
from showcase.models.outbox_entry import CHANGE_ACTIONS, CHANGE_KINDS, COLLECTION_OF_KIND, OutboxEntry, OutboxRetention
from showcase.models.programme_session import CONFERENCE_DAYS, SESSION_KINDS, ProgrammeSession
from showcase.models.project import Project, ProjectTopic
from showcase.models.search_analytics import SearchCount, SearchOpenCount
from showcase.models.search_synonyms import SearchSynonyms
from showcase.models.stand import HALL_DEPTH, HALL_WIDTH, STAND_SIDES, Stand
from showcase.models.webhook_delivery import WebhookDelivery
from showcase.models.webhook_subscription import WEBHOOK_STATES, WebhookSubscription

__all__ = [
    "ApiKey", "AuditEntry", "KEY_ROLES", "AUDIT_ACTIONS",
    "Base", "Cluster", "ClusterState", "Innovation", "Organisation", "OutboxEntry",
    "ProgrammeSession", "Project", "ProjectTopic", "Stand",
    "INNOVATION_KINDS", "MATURITY_LEVELS", "ORGANISATION_TYPES", "SESSION_KINDS", "CONFERENCE_DAYS",
    "HALL_WIDTH", "HALL_DEPTH", "STAND_SIDES", "Kiosk", "KioskToken", "SearchSynonyms",
    "CHANGE_ACTIONS", "CHANGE_KINDS", "COLLECTION_OF_KIND", "OutboxRetention",
    "MatchmakingParticipant", "MeetingRequest", "PARTICIPANT_ORGANISATION_TYPES", "MEETING_STATUSES",
    "SearchCount", "SearchOpenCount",
    "WebhookDelivery", "WebhookSubscription", "WEBHOOK_STATES",
]
