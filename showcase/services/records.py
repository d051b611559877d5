"""Create, update and delete directory records from validated input, one kind at a time."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import marshmallow as ma
from sqlalchemy import select

from showcase.config import LANGUAGES
from showcase.errors import ValidationFailed
from showcase.extensions import db
from showcase.models import (
    Cluster,
    ClusterState,
    Innovation,
    Kiosk,
    Organisation,
    ProgrammeSession,
    Project,
    ProjectTopic,
    STAND_SIDES,
    Stand,
)
from showcase.models.programme_session import SESSION_GUID_NAMESPACE
from showcase.schemas import CANONICAL, RECORD_SCHEMAS, represented_as
from showcase.services.audit import record_change
from showcase.services.transaction import transaction


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


def records_by_slug(model, slugs: list[str]) -> dict:
    """The records of these slugs that exist, by slug: one query."""
    if not slugs:
        return {}
    return {record.slug: record for record in db.session.scalars(select(model).where(model.slug.in_(slugs)))}


class References:
    """The records a write names by slug, each looked up when it is asked for (one query per lookup)."""

    def one(self, model, slug: str, field: str, errors: dict):
        """The record a reference names, or an error on the referring field."""
        found = self.found(model, [slug]).get(slug)
        if found is None:
            errors.setdefault(field, []).append(f"There is no {model.__name__.lower()} {slug!r}.")
        return found

    def all(self, model, slugs: list[str], field: str, errors: dict) -> list:
        by_slug = self.found(model, slugs)
        missing = [slug for slug in slugs if slug not in by_slug]
        if missing:
            errors.setdefault(field, []).append(f"There is no {model.__name__.lower()} "
                                                + ", ".join(map(repr, missing)) + ".")
        return [by_slug[slug] for slug in slugs if slug in by_slug]

    def found(self, model, slugs: list[str]) -> dict:
        return records_by_slug(model, slugs)


class PreloadedReferences(References):
    """The records a batch of writes names, looked up beforehand: one query per kind named, not one per name."""

    def __init__(self, kind: "RecordKind", batch: list[dict]):
        wanted: dict[type, set[str]] = {}
        for field, model in kind.references.items():
            for data in batch:
                value = data.get(field)
                wanted.setdefault(model, set()).update(value if isinstance(value, list) else [value] if value else [])
        self.by_model = {model: records_by_slug(model, sorted(slugs)) for model, slugs in wanted.items()}

    def found(self, model, slugs: list[str]) -> dict:
        known = self.by_model.get(model, {})
        return {slug: known[slug] for slug in slugs if slug in known}


LOOKUP = References()


def replace_children(collection: list, rows: list) -> None:
    """Swap a child collection; old rows are deleted first since new ones reuse their primary keys."""
    if collection:
        collection.clear()
        db.session.flush()
    collection.extend(rows)


def apply_cluster(cluster: Cluster, data: dict, errors: dict, references: References) -> None:
    set_scalars(cluster, data, ("slug", "short_name", "round", "year", "region", "website", "managing_body"))
    set_translated(cluster, data, ("name", "field", "description"))
    if "seat" in data:
        cluster.seat_city, cluster.seat_lat, cluster.seat_lon = (data["seat"][k] for k in ("city", "lat", "lon"))
    if "states" in data and cluster.states != data["states"]:
        replace_children(cluster.state_rows,
                         [ClusterState(position=i, name=name) for i, name in enumerate(data["states"])])


# The apply functions of organisations, projects and innovations resolve and check first and change the
# record only when all is well, so an import can leave a failing record out without a savepoint.
def apply_organisation(organisation: Organisation, data: dict, errors: dict, references: References) -> None:
    clusters = references.all(Cluster, data["clusters"], "clusters", errors) if "clusters" in data else None
    if errors:
        return
    set_scalars(organisation, data, ("slug", "name", "type", "city", "website"))
    if clusters is not None:
        organisation.clusters = clusters


def apply_to_cluster_record(record, data: dict, errors: dict, scalars: tuple[str, ...], texts: tuple[str, ...],
                            cluster) -> None:
    """Plain fields, bilingual texts and the cluster: what projects, innovations and stands share."""
    set_scalars(record, data, scalars)
    set_translated(record, data, texts)
    if "cluster" in data:
        record.cluster = cluster


def apply_project(project: Project, data: dict, errors: dict, references: References) -> None:
    cluster = references.one(Cluster, data["cluster"], "cluster", errors) if "cluster" in data else None
    partners = (references.all(Organisation, data["organisations"], "organisations", errors)
                if "organisations" in data else None)
    if errors:
        return
    apply_to_cluster_record(project, data, errors, ("slug", "funding_start", "funding_end", "website", "source",
                                                    "source_date"), ("title", "summary"), cluster)
    if "topics" in data and project.topics != {lang: data["topics"].get(lang, []) for lang in LANGUAGES}:
        replace_children(project.topic_rows, [ProjectTopic(**values) for values in topic_values(data["topics"])])
    if partners is not None:
        project.organisations = partners


def topic_values(topics: dict[str, list[str]]) -> list[dict]:
    """A project's topic rows as column values: what its ORM rows and a bulk import's insert both hold."""
    return [{"lang": lang, "position": i, "label": label, "label_folded": label.lower()}
            for lang in LANGUAGES for i, label in enumerate(topics.get(lang, []))]


def apply_innovation(innovation: Innovation, data: dict, errors: dict, references: References) -> None:
    cluster = references.one(Cluster, data["cluster"], "cluster", errors) if "cluster" in data else innovation.cluster
    project = innovation.project
    if "project" in data:
        project = references.one(Project, data["project"], "project", errors) if data["project"] else None
    if project is not None and cluster is not None and project.cluster_id != cluster.id:
        errors.setdefault("project", []).append(
            f"Project {project.slug!r} belongs to another cluster than {cluster.slug!r}.")
    if errors:
        return
    apply_to_cluster_record(innovation, data, errors, ("slug", "kind", "maturity", "image_url", "source",
                                                       "source_date", "featured"), ("title", "description"), cluster)
    if "project" in data:
        innovation.project = project


def apply_stand(stand: Stand, data: dict, errors: dict, references: References) -> None:
    cluster = references.one(Cluster, data["cluster"], "cluster", errors) if "cluster" in data else None
    apply_to_cluster_record(stand, data, errors, ("number", "x", "y", "width", "height"), ("hall_area",), cluster)
    if "open_sides" in data:
        stand.open_sides = [side for side in STAND_SIDES if side in data["open_sides"]]
    if "innovations" in data:
        stand.innovations = references.all(Innovation, data["innovations"], "innovations", errors)
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
        for kiosk in db.session.scalars(select(Kiosk).order_by(Kiosk.id)):
            if covers(stand, kiosk.x, kiosk.y):
                errors.setdefault("x", []).append(f"Covers kiosk {kiosk.id!r}.")


def covers(stand: Stand, x: float, y: float) -> bool:
    """Whether a point lies inside the stand (its edges are still walkable)."""
    return stand.x < x < stand.x + stand.width and stand.y < y < stand.y + stand.height


def overlaps(a: Stand, b: Stand) -> bool:
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height and b.y < a.y + a.height


def apply_programme_session(session: ProgrammeSession, data: dict, errors: dict, references: References) -> None:
    set_scalars(session, data, ("slug", "kind", "starts_at", "ends_at", "room", "languages", "source",
                                 "source_date", "times_provisional"))
    set_translated(session, data, ("title", "description", "topic"))
    if session.guid is None:
        session.guid = new_session_guid(session.slug)


def new_session_guid(slug: str) -> uuid.UUID:
    """The same on every host for the same slug; a random one if a renamed session holds that guid already."""
    guid = uuid.uuid5(SESSION_GUID_NAMESPACE, slug)
    if find(ProgrammeSession, "guid", guid) is not None:
        return uuid.uuid4()
    return guid


def apply_kiosk(kiosk: Kiosk, data: dict, errors: dict, references: References) -> None:
    set_scalars(kiosk, data, ("id", "x", "y", "facing", "default_language", "idle_seconds"))
    set_translated(kiosk, data, ("name",))
    for stand in db.session.scalars(select(Stand).order_by(Stand.number)):
        if covers(stand, kiosk.x, kiosk.y):
            errors.setdefault("x", []).append(f"Inside stand {stand.number}: a kiosk stands where visitors walk.")


@dataclass(frozen=True)
class RecordKind:
    """What the services need to know of one kind of record."""

    name: str
    model: type
    schema: type[ma.Schema]
    key: str
    apply: Callable
    # The fields naming other records by slug, and the model each names.
    references: dict[str, type] = field(default_factory=dict)
    # The links its export shape (and so its audit snapshot) reads: loaded with a batch in one query each.
    links: tuple[str, ...] = ()
    # Whether its writes only check references (no rule reading other rows), so an import can write it in batches.
    batchable: bool = False
    # Child rows a batch inserts for its new records with one executemany instead of as ORM objects:
    # (the input field, the child model, the foreign key column, the rows' values from the field's value).
    bulk_children: tuple[str, type, str, Callable] | None = None


# In dependency order: a kind refers only to kinds before it.
RECORD_KINDS = {
    kind.name: kind
    for kind in (
        RecordKind("clusters", Cluster, RECORD_SCHEMAS["clusters"], "slug", apply_cluster,
                   links=("state_rows",), batchable=True),
        RecordKind("organisations", Organisation, RECORD_SCHEMAS["organisations"], "slug", apply_organisation,
                   {"clusters": Cluster}, ("clusters",), batchable=True),
        RecordKind("projects", Project, RECORD_SCHEMAS["projects"], "slug", apply_project,
                   {"cluster": Cluster, "organisations": Organisation}, ("cluster", "topic_rows", "organisations"),
                   batchable=True, bulk_children=("topics", ProjectTopic, "project_id", topic_values)),
        RecordKind("innovations", Innovation, RECORD_SCHEMAS["innovations"], "slug", apply_innovation,
                   {"cluster": Cluster, "project": Project}, ("cluster", "project"), batchable=True),
        RecordKind("stands", Stand, RECORD_SCHEMAS["stands"], "number", apply_stand,
                   {"cluster": Cluster, "innovations": Innovation}, ("cluster", "innovations")),
        RecordKind("programme", ProgrammeSession, RECORD_SCHEMAS["programme"], "slug", apply_programme_session),
        RecordKind("kiosks", Kiosk, RECORD_SCHEMAS["kiosks"], "id", apply_kiosk),
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
        kind.apply(record, data, errors, LOOKUP)
    if errors:
        raise ValidationFailed(errors)
    db.session.flush()
    return record


def upsert_record(kind: RecordKind, data: dict):
    """Create the record its key names, or update it: what makes seeding and importing idempotent."""
    return save_record(kind, data, find(kind.model, kind.key, data[kind.key]))


def loadable_schema(kind: RecordKind) -> ma.Schema:
    """The kind's schema without dump-only fields: what an import file or an export holds.

    Built once per kind (schemas keep no state between loads and dumps): an import loads and dumps thousands.
    """
    schema = LOADABLE_SCHEMAS.get(kind.name)
    if schema is None:
        fields = kind.schema().fields
        schema = LOADABLE_SCHEMAS[kind.name] = kind.schema(only=[name for name in fields if not fields[name].dump_only])
    return schema


LOADABLE_SCHEMAS: dict[str, ma.Schema] = {}


# --- Writes with an audit trail: what the write API, the importer and the commands share. ---


def snapshot(kind: RecordKind, record) -> dict:
    """The record as the export writes it (both languages, references by key): the audit's before/after."""
    with represented_as(CANONICAL):
        return loadable_schema(kind).dump(record)


def record_key(kind: RecordKind, record) -> str:
    return str(getattr(record, kind.key))


def kind_of(record) -> RecordKind:
    return next(kind for kind in RECORD_KINDS.values() if isinstance(record, kind.model))


def reload(record):
    """Flush, then let the next read load the record afresh, so its links come in their stored order."""
    db.session.flush()
    db.session.expire(record)
    return record


def create_record(kind: RecordKind, data: dict, actor: str, *, action: str = "create"):
    """Create a record from validated input and log it; one transaction.

    :raises ValidationFailed: as :func:`save_record`.
    """
    with transaction():
        record = save_record(kind, data)
        record_change(actor, action, kind.name, record_key(kind, record), None, snapshot(kind, reload(record)))
        return record


def update_record(kind: RecordKind, record, data: dict, actor: str, *, action: str = "update"):
    """Write validated input onto an existing record and log before and after; one transaction."""
    with transaction():
        before = snapshot(kind, record)
        save_record(kind, data, record)
        record_change(actor, action, kind.name, record_key(kind, record), before, snapshot(kind, reload(record)))
        return record


def merge_patch(target, patch):
    """RFC 7396 JSON merge patch: objects merge key by key, null removes, anything else replaces."""
    if not isinstance(patch, dict):
        return patch
    merged = dict(target) if isinstance(target, dict) else {}
    for name, value in patch.items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = merge_patch(merged.get(name), value)
    return merged


def patched_data(kind: RecordKind, record, changes: dict) -> dict:
    """The record with a merge patch applied, validated whole (so rules across fields hold).

    :raises ValidationFailed: naming every field the patched record breaks.
    """
    try:
        return loadable_schema(kind).load(merge_patch(snapshot(kind, record), changes))
    except ma.ValidationError as error:
        raise ValidationFailed(error.messages) from None


RECORD_LABELS = {"clusters": "cluster", "organisations": "organisation", "projects": "project",
                 "innovations": "innovation", "stands": "stand", "programme": "programme session", "kiosks": "kiosk"}


@dataclass(frozen=True)
class Dependant:
    """A record whose data names another: `field` of `record` (a `kind`) refers to it."""

    kind: RecordKind
    record: object
    field: str
    # A required reference: the dependant cannot exist without it, so a cascade deletes it.
    required: bool


class HasDependants(Exception):
    """A delete refused because other records refer to the record."""

    def __init__(self, kind: RecordKind, record, dependants: list[Dependant]):
        self.dependants = dependants
        self.by_kind: dict[str, list[str]] = {}
        for dependant in dependants:
            self.by_kind.setdefault(dependant.kind.name, []).append(record_key(dependant.kind, dependant.record))
        named = "; ".join(f"{name} {', '.join(keys)}" for name, keys in self.by_kind.items())
        deleted = sorted({d.kind.name for d in dependants if d.required})
        unlinked = sorted({d.kind.name for d in dependants if not d.required})
        effects = []
        if deleted:
            effects.append("delete the " + " and ".join(deleted))
        if unlinked:
            effects.append("unlink the " + " and ".join(unlinked))
        label = RECORD_LABELS[kind.name]
        self.detail = (f"{label[0].upper()}{label[1:]} {record_key(kind, record)!r} is referred to by {named}. "
                       f"Delete or change "
                       f"those first, or ask for cascade=true to " + " and ".join(effects) + " with it.")
        super().__init__(self.detail)


def find_dependants(kind: RecordKind, record) -> list[Dependant]:
    """Every record whose data refers to this one, in the order a cascade handles them."""
    kinds = RECORD_KINDS
    if isinstance(record, Cluster):
        return (
            [Dependant(kinds["stands"], s, "cluster", True)
             for s in db.session.scalars(select(Stand).where(Stand.cluster_id == record.id))]
            + [Dependant(kinds["innovations"], i, "cluster", True)
               for i in db.session.scalars(select(Innovation).where(Innovation.cluster_id == record.id)
                                           .order_by(Innovation.slug))]
            + [Dependant(kinds["projects"], p, "cluster", True)
               for p in db.session.scalars(select(Project).where(Project.cluster_id == record.id)
                                           .order_by(Project.slug))]
            + [Dependant(kinds["organisations"], o, "clusters", False)
               for o in db.session.scalars(select(Organisation).where(Organisation.clusters.any(Cluster.id == record.id))
                                           .order_by(Organisation.slug))]
        )
    if isinstance(record, Project):
        return [Dependant(kinds["innovations"], i, "project", False)
                for i in db.session.scalars(select(Innovation).where(Innovation.project_id == record.id)
                                            .order_by(Innovation.slug))]
    if isinstance(record, Organisation):
        return [Dependant(kinds["projects"], p, "organisations", False)
                for p in db.session.scalars(select(Project).where(Project.organisations.any(Organisation.id == record.id))
                                            .order_by(Project.slug))]
    if isinstance(record, Innovation):
        return [Dependant(kinds["stands"], s, "innovations", False)
                for s in db.session.scalars(select(Stand).where(Stand.innovations.any(Innovation.id == record.id))
                                            .order_by(Stand.number))]
    return []


def unlink(dependant: Dependant, record) -> None:
    """Remove an optional reference to `record` from a dependant."""
    value = getattr(dependant.record, dependant.field)
    if isinstance(value, list):
        value.remove(record)
    else:
        setattr(dependant.record, dependant.field, None)


def delete_record(kind: RecordKind, record, actor: str, *, cascade: bool = False) -> list[tuple[str, str, str]]:
    """Delete a record and log it; one transaction.

    Without `cascade`, records that refer to it make the delete fail. With it, records that cannot
    exist without it (a cluster's projects, innovations and stand) are deleted too, and optional
    references to it (an innovation's project, a project's partners, a stand's innovations, an
    organisation's clusters) are removed; each of those changes is logged as well.

    :returns: what was done, as (action, kind, key), the record itself last.
    :raises HasDependants: when records refer to it and `cascade` is false.
    """
    with transaction():
        dependants = find_dependants(kind, record)
        if dependants and not cascade:
            raise HasDependants(kind, record, dependants)
        before = snapshot(kind, record)
        done: list[tuple[str, str, str]] = []
        with db.session.no_autoflush:
            for dependant in dependants:
                if dependant.required:
                    done.extend(delete_record(dependant.kind, dependant.record, actor, cascade=True))
                else:
                    linked = snapshot(dependant.kind, dependant.record)
                    unlink(dependant, record)
                    record_change(actor, "update", dependant.kind.name, record_key(dependant.kind, dependant.record),
                                  linked, snapshot(dependant.kind, dependant.record))
                    done.append(("update", dependant.kind.name, record_key(dependant.kind, dependant.record)))
        # Forget links loaded before the dependants went, so the delete does not touch them again.
        reload(record)
        db.session.delete(record)
        db.session.flush()
        record_change(actor, "delete", kind.name, record_key(kind, record), before, None)
        done.append(("delete", kind.name, record_key(kind, record)))
        return done
