"""Schemas of the matchmaking: a participant's registration, meeting requests, answers, slots, counts."""

import datetime as dt
import re

import marshmallow as ma

from showcase.models import MEETING_STATUSES, PARTICIPANT_ORGANISATION_TYPES
from showcase.schemas.fields import Slug
from showcase.services.matchmaking import COUNTRY_CODES, normalise_email, request_slot

LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")
HONEYPOT_FIELD = "website"


class UtcDateTime(ma.fields.DateTime):
    """A time stored as naive UTC, answered with its offset: `2015-06-30T14:30:00Z`."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")


def text(max_length: int, **kwargs) -> ma.fields.String:
    """A required line of text, trimmed, 1 to max_length characters."""
    return ma.fields.String(validate=ma.validate.Length(1, max_length), **kwargs)


class TrimmedSchema(ma.Schema):
    @ma.pre_load
    def trim(self, data, **kwargs):
        if isinstance(data, dict):
            return {key: value.strip() if isinstance(value, str) else value for key, value in data.items()}
        return data


class ParticipantSchema(TrimmedSchema):
    """A registration as its owner sees and changes it."""

    name = text(120, required=True)
    organisation = text(200, required=True)
    organisation_type = ma.fields.String(required=True, validate=ma.validate.OneOf(PARTICIPANT_ORGANISATION_TYPES))
    country = ma.fields.String(required=True, metadata={"description": "ISO 3166-1 alpha-2 code, such as DE.",
                                                        "pattern": "^[A-Z]{2}$"})
    email = ma.fields.String(required=True, validate=ma.validate.Length(3, 254), metadata={
        "format": "email", "description": "Stored trimmed and in lower case; shared only with the clusters asked."})
    languages = ma.fields.List(
        ma.fields.String(validate=ma.validate.Regexp(LANGUAGE_CODE, error="Not an ISO 639-1 code such as de.")),
        required=True, validate=ma.validate.Length(1, 10),
        metadata={"description": "ISO 639-1 codes of the languages to meet in, such as [\"de\", \"en\"]."})
    topics = ma.fields.List(text(80), load_default=list, validate=ma.validate.Length(max=10),
                            metadata={"description": "Topics of interest, free text."})
    clusters = ma.fields.List(Slug(), load_default=list, validate=ma.validate.Length(max=15),
                              metadata={"description": "Slugs of clusters of interest."})
    consent_at = UtcDateTime(dump_only=True, metadata={"description": "When consent was given."})
    created_at = UtcDateTime(dump_only=True)

    @ma.validates("country")
    def known_country(self, value, **kwargs):
        if value.upper() not in COUNTRY_CODES:
            raise ma.ValidationError("Not an ISO 3166-1 alpha-2 country code such as DE.")

    @ma.validates("email")
    def valid_email(self, value, **kwargs):
        try:
            normalise_email(value)
        except ValueError as error:
            raise ma.ValidationError(str(error)) from None

    @ma.validates("languages")
    def languages_once(self, value, **kwargs):
        if len(set(value)) != len(value):
            raise ma.ValidationError("Lists a language twice.")

    @ma.validates("clusters")
    def clusters_once(self, value, **kwargs):
        if len(set(value)) != len(value):
            raise ma.ValidationError("Lists a cluster twice.")

    @ma.post_load
    def normalise(self, data, **kwargs):
        if "country" in data:
            data["country"] = data["country"].upper()
        if "email" in data:
            data["email"] = normalise_email(data["email"])
        return data

    @ma.post_dump(pass_original=True)
    def cluster_slugs(self, data, original, **kwargs):
        if "clusters" in data and not isinstance(original, dict):
            data["clusters"] = [cluster.slug for cluster in original.clusters]
        return data


class ParticipantInputSchema(ParticipantSchema):
    """A registration: the participant's details and their consent to share them with the clusters they ask."""

    consent = ma.fields.Boolean(required=True, load_only=True, metadata={
        "description": "Must be true: the participant agrees that the clusters they ask to meet see these "
                       "details, until they delete the registration or the retention period ends."})
    website = ma.fields.String(load_only=True, load_default="", metadata={
        "description": "Leave out or empty. Filled in (by a bot reading the form), the registration is "
                       "answered as usual but not stored."})

    @ma.validates("consent")
    def consent_given(self, value, **kwargs):
        if value is not True:
            raise ma.ValidationError("Consent is required: the clusters you ask to meet see these details.")


class ParticipantPatchSchema(ParticipantSchema):
    """Some fields of a registration to change."""


class ParticipantCreatedSchema(ma.Schema):
    participant = ma.fields.Nested(ParticipantSchema)
    token = ma.fields.String(metadata={"description": "The management token: shown once, only its hash is "
                                                      "stored. Send it as `Authorization: Bearer <token>`."})
    manage_url = ma.fields.String(metadata={"description": "The personal management page; the token is in the "
                                                           "URL fragment, which browsers never send to a server."})


class SlotSchema(ma.Schema):
    id = ma.fields.String(metadata={"description": "`<session slug>@<HH:MM>`, as a cluster assigns it."})
    session = ma.fields.Function(lambda slot: slot.session.slug, metadata={"type": "string"})
    starts_at = ma.fields.NaiveDateTime(metadata={"description": "Local Berlin time."})
    ends_at = ma.fields.NaiveDateTime()
    room = ma.fields.Function(lambda slot: slot.session.room, metadata={"type": "string"})


class SlotListSchema(ma.Schema):
    tables = ma.fields.Integer(metadata={"description": "Tables in each slot, numbered from 1."})
    slots = ma.fields.List(ma.fields.Nested(SlotSchema))


class MeetingRequestInputSchema(TrimmedSchema):
    cluster = Slug(required=True, metadata={"description": "The slug of the cluster to meet."})
    message = text(1000, required=True, metadata={"description": "What the participant would like to talk about."})
    preferred_slots = ma.fields.List(Slug(), load_default=list, validate=ma.validate.Length(max=10), metadata={
        "description": "Slugs of programme sessions of kind `matchmaking` the participant can attend."})


class MeetingRequestSchema(ma.Schema):
    """A request as the participant sees it: their message and the cluster's answer."""

    id = ma.fields.Integer()
    cluster = ma.fields.Function(lambda meeting: meeting.cluster.slug, metadata={"type": "string"})
    cluster_name = ma.fields.Function(lambda meeting: {"de": meeting.cluster.name_de, "en": meeting.cluster.name_en},
                                      metadata={"type": "object"})
    message = ma.fields.String()
    preferred_slots = ma.fields.Function(lambda meeting: [session.slug for session in meeting.preferred_sessions],
                                         metadata={"type": "array", "items": {"type": "string"}})
    status = ma.fields.String(metadata={"description": "One of: " + ", ".join(MEETING_STATUSES)})
    slot = ma.fields.Method("dump_slot", allow_none=True, metadata={"type": ["object", "null"],
                                                                     "description": "The assigned slot, if any."})
    table = ma.fields.Integer(attribute="table_number", allow_none=True)
    created_at = UtcDateTime()
    answered_at = UtcDateTime(allow_none=True)

    def dump_slot(self, meeting):
        slot = request_slot(meeting)
        return SlotSchema().dump(slot) if slot else None


class ClusterMeetingRequestSchema(MeetingRequestSchema):
    """A request as the cluster's contact sees it: with the details the participant agreed to share."""

    participant = ma.fields.Method("dump_participant", metadata={"type": "object"})

    def dump_participant(self, meeting):
        return ParticipantSchema(exclude=("clusters", "created_at")).dump(meeting.participant)


class ClusterRequestQueryArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    status = ma.fields.String(validate=ma.validate.OneOf(MEETING_STATUSES))


class MeetingAnswerSchema(ma.Schema):
    """A cluster's answer: accept or decline, and for an accepted request a slot and a table."""

    status = ma.fields.String(validate=ma.validate.OneOf(("pending", "accepted", "declined")))
    slot = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=120),
                            metadata={"description": "A slot id from GET /matchmaking/slots; null frees it."})
    table = ma.fields.Integer(allow_none=True, strict=True)

    @ma.validates_schema
    def not_empty(self, data, **kwargs):
        if not data:
            raise ma.ValidationError("Send a status, or a slot and a table.", "status")


class ClusterCountSchema(ma.Schema):
    cluster = ma.fields.String()
    pending = ma.fields.Integer()
    accepted = ma.fields.Integer()
    declined = ma.fields.Integer()
    cancelled = ma.fields.Integer()


class SlotCountSchema(ma.Schema):
    slot = ma.fields.String()
    starts_at = ma.fields.NaiveDateTime()
    ends_at = ma.fields.NaiveDateTime()
    tables = ma.fields.Integer()
    taken = ma.fields.Integer()


class MatchmakingCountsSchema(ma.Schema):
    """How the matchmaking fills up: numbers only, no personal data."""

    participants = ma.fields.Integer()
    clusters = ma.fields.List(ma.fields.Nested(ClusterCountSchema))
    slots = ma.fields.List(ma.fields.Nested(SlotCountSchema))
