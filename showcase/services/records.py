"""Create, update and delete directory records from validated input, one kind at a time."""

from collections.abc import Callable
from dataclasses import dataclass

import marshmallow as ma
from sqlalchemy import select

from showcase.api.clusters.schemas import ClusterSchema
from showcase.api.innovations.schemas import InnovationSchema
from showcase.api.organisations.schemas import OrganisationSchema
from showcase.api.programme.schemas import ProgrammeSessionSchema
from showcase.api.projects.schemas import ProjectSchema
from showcase.api.stands.schemas import StandSchema
from showcase.config import LANGUAGES
from showcase.errors import ValidationFailed
from showcase.extensions import db
from showcase.models import (
    Cluster,
    ClusterState,
    Innovation,
    Organisation,
    ProgrammeSession,
    Project,
    ProjectTopic,
    Stand,
)


def set_scalars(record, data: dict, names: tuple[str, ...]) -> None:
    for name in names:
        if name in data:
            setattr(record, name, data[name])


def set_translated(record, data: dict, names: tuple[str, ...]) -> None:
    for name in names:
        if name in data:
            texts = data[name] or {}
            for lang in LANGUAGES:
                setattr(record, f"{name}_{lang}", texts.get(lang))


def find(model, key: str, value: str):
    return db.session.scalar(select(model).where(getattr(model, key) == value))


def resolve(model, slug: str, field: str, errors: dict):
    """The record a reference names, or an error on the referring field."""
    found = find(model, "slug", slug)
    if found is None:
        errors.setdefault(field, []).append(f"There is no {model.__name__.lower()} {slug!r}.")
    return found


def resolve_all(model, slugs: list[str], field: str, errors: dict) -> list:
    found = db.session.scalars(select(model).where(model.slug.in_(slugs))).all()
    by_slug = {record.slug: record for record in found}
    missing = [slug for slug in slugs if slug not in by_slug]
    if missing:
        errors.setdefault(field, []).append(f"There is no {model.__name__.lower()} " + ", ".join(map(repr, missing)) + ".")
    return [by_slug[slug] for slug in slugs if slug in by_slug]


def replace_children(collection: list, rows: list) -> None:
    """Swap a child collection; old rows are deleted first since new ones reuse their primary keys."""
    if collection:
        collection.clear()
        db.session.flush()
    collection.extend(rows)


def apply_cluster(cluster: Cluster, data: dict, errors: dict) -> None:
    set_scalars(cluster, data, ("slug", "short_name", "round", "year", "region", "website", "managing_body"))
    set_translated(cluster, data, ("name", "field", "description"))
    if "seat" in data:
        cluster.seat_city, cluster.seat_lat, cluster.seat_lon = (data["seat"][k] for k in ("city", "lat", "lon"))
    if "states" in data and cluster.states != data["states"]:
        replace_children(cluster.state_rows,
                         [ClusterState(position=i, name=name) for i, name in enumerate(data["states"])])


def apply_organisation(organisation: Organisation, data: dict, errors: dict) -> None:
    set_scalars(organisation, data, ("slug", "name", "type", "city", "website"))
    if "clusters" in data:
        organisation.clusters = resolve_all(Cluster, data["clusters"], "clusters", errors)


def apply_project(project: Project, data: dict, errors: dict) -> None:
    set_scalars(project, data, ("slug", "funding_start", "funding_end", "website", "source"))
    set_translated(project, data, ("title", "summary"))
    if "cluster" in data:
        project.cluster = resolve(Cluster, data["cluster"], "cluster", errors)
    if "topics" in data and project.topics != {lang: data["topics"].get(lang, []) for lang in LANGUAGES}:
        replace_children(project.topic_rows, [
            ProjectTopic(lang=lang, position=i, label=label, label_folded=label.lower())
            for lang in LANGUAGES for i, label in enumerate(data["topics"].get(lang, []))
        ])
    if "organisations" in data:
        project.organisations = resolve_all(Organisation, data["organisations"], "organisations", errors)


def apply_innovation(innovation: Innovation, data: dict, errors: dict) -> None:
    set_scalars(innovation, data, ("slug", "kind", "maturity", "image_url", "source"))
    set_translated(innovation, data, ("title", "description"))
    if "cluster" in data:
        innovation.cluster = resolve(Cluster, data["cluster"], "cluster", errors)
    if "project" in data:
        innovation.project = resolve(Project, data["project"], "project", errors) if data["project"] else None
    if innovation.project is not None and innovation.cluster is not None and \
            innovation.project.cluster_id != innovation.cluster.id:
        errors.setdefault("project", []).append(
            f"Project {innovation.project.slug!r} belongs to another cluster than {innovation.cluster.slug!r}.")


def apply_stand(stand: Stand, data: dict, errors: dict) -> None:
    set_scalars(stand, data, ("number", "x", "y", "width", "height"))
    set_translated(stand, data, ("hall_area",))
    if "cluster" in data:
        stand.cluster = resolve(Cluster, data["cluster"], "cluster", errors)
    if "innovations" in data:
        stand.innovations = resolve_all(Innovation, data["innovations"], "innovations", errors)
    if stand.cluster is not None:
        foreign = [i.slug for i in stand.innovations if i.cluster_id != stand.cluster.id]
        if foreign:
            errors.setdefault("innovations", []).append(
                "Not innovations of the stand's cluster: " + ", ".join(map(repr, foreign)) + ".")
        owner = db.session.scalar(select(Stand).where(Stand.cluster_id == stand.cluster.id))
        if owner is not None and owner is not stand:
            errors.setdefault("cluster", []).append(f"Cluster {stand.cluster.slug!r} has stand {owner.number} already.")
    if None not in (stand.x, stand.y, stand.width, stand.height):
        for other in db.session.scalars(select(Stand)):
            if other is not stand and overlaps(stand, other):
                errors.setdefault("x", []).append(f"Overlaps stand {other.number}.")


def overlaps(a: Stand, b: Stand) -> bool:
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height and b.y < a.y + a.height


def apply_programme_session(session: ProgrammeSession, data: dict, errors: dict) -> None:
    set_scalars(session, data, ("slug", "kind", "starts_at", "ends_at", "room", "languages", "source"))
    set_translated(session, data, ("title", "description", "topic"))


@dataclass(frozen=True)
class RecordKind:
    """What the services need to know of one kind of record."""

    name: str
    model: type
    schema: type[ma.Schema]
    key: str
    apply: Callable


# In dependency order: a kind refers only to kinds before it.
RECORD_KINDS = {
    kind.name: kind
    for kind in (
        RecordKind("clusters", Cluster, ClusterSchema, "slug", apply_cluster),
        RecordKind("organisations", Organisation, OrganisationSchema, "slug", apply_organisation),
        RecordKind("projects", Project, ProjectSchema, "slug", apply_project),
        RecordKind("innovations", Innovation, InnovationSchema, "slug", apply_innovation),
        RecordKind("stands", Stand, StandSchema, "number", apply_stand),
        RecordKind("programme", ProgrammeSession, ProgrammeSessionSchema, "slug", apply_programme_session),
    )
}


def save_record(kind: RecordKind, data: dict, record=None):
    """Write validated input onto a record (a new one if none is given) and flush it.

    :raises ValidationFailed: when a reference does not resolve, a key is taken (409) or a rule across
        records breaks (422).
    """
    errors: dict = {}
    with db.session.no_autoflush:
        key_value = data.get(kind.key)
        if key_value is not None:
            holder = find(kind.model, kind.key, key_value)
            if holder is not None and holder is not record:
                raise ValidationFailed({kind.key: [f"{key_value!r} is taken by another record."]},
                                       status=409, detail=f"The {kind.key} {key_value!r} is taken.")
        if record is None:
            record = kind.model()
            db.session.add(record)
        kind.apply(record, data, errors)
    if errors:
        raise ValidationFailed(errors)
    db.session.flush()
    return record


def upsert_record(kind: RecordKind, data: dict):
    """Create the record its key names, or update it: what makes seeding and importing idempotent."""
    return save_record(kind, data, find(kind.model, kind.key, data[kind.key]))


def loadable_schema(kind: RecordKind) -> ma.Schema:
    """The kind's schema without dump-only fields: what an import file or an export holds."""
    schema = kind.schema()
    return kind.schema(only=[name for name, field in schema.fields.items() if not field.dump_only])
