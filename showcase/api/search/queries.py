"""Where each search hit is: its cluster and stand, or its day, time and room, looked up in bulk for a page of hits.

Looked up after the search rather than stored in the index, so a renamed cluster or a moved stand shows at once
on every hit of its projects and innovations, without reindexing them. One query for the clusters with their
stands (15 rows, also the facets' labels), and one per kind of hit that needs more (projects, innovations,
organisations, sessions).
"""

from dataclasses import dataclass

from sqlalchemy import select

from showcase.extensions import db
from showcase.models import Cluster, Innovation, Organisation, ProgrammeSession, Project, Stand
from showcase.models.associations import cluster_organisation


@dataclass(frozen=True)
class ClusterPlace:
    """A cluster as a hit names it, with its stand (None before it has one)."""

    id: int
    slug: str
    short_name: str
    name: dict
    round: int
    year: int
    field: dict
    stand: dict | None

    def shown(self) -> dict:
        return {"slug": self.slug, "short_name": self.short_name, "name": self.name}

    def stand_shown(self) -> dict | None:
        if self.stand is None:
            return None
        return {"number": self.stand["number"], "hall_area": self.stand["hall_area"]}


def cluster_places() -> dict[int, ClusterPlace]:
    """Every cluster with its stand, by id: one query."""
    rows = db.session.execute(
        select(Cluster.id, Cluster.slug, Cluster.short_name, Cluster.name_de, Cluster.name_en, Cluster.round,
               Cluster.year, Cluster.field_de, Cluster.field_en, Stand.number, Stand.hall_area_de,
               Stand.hall_area_en)
        .outerjoin(Stand, Stand.cluster_id == Cluster.id).order_by(Cluster.slug)
    ).all()
    return {row.id: ClusterPlace(
        row.id, row.slug, row.short_name, {"de": row.name_de, "en": row.name_en}, row.round, row.year,
        {"de": row.field_de, "en": row.field_en},
        None if row.number is None else {"number": row.number,
                                         "hall_area": {"de": row.hall_area_de, "en": row.hall_area_en}},
    ) for row in rows}


@dataclass
class HitFacts:
    """What the database adds to the hits of one page: provenance and place."""

    clusters: dict[int, ClusterPlace]
    # (kind, slug) -> the hit's fields beyond what the index stores.
    extra: dict[tuple[str, str], dict]
    # (kind, slug) -> the hit's cluster (an organisation's first with a stand), for grouping by stand.
    cluster_of: dict[tuple[str, str], ClusterPlace]


def hit_facts(hits) -> HitFacts:
    """Source, cluster and stand (or day, time and room) of each hit, in a fixed number of queries."""
    clusters = cluster_places()
    by_slug = {place.slug: place for place in clusters.values()}
    extra: dict[tuple[str, str], dict] = {}
    cluster_of: dict[tuple[str, str], ClusterPlace] = {}
    wanted: dict[str, list[str]] = {}
    for hit in hits:
        wanted.setdefault(hit.kind, []).append(hit.slug)
    for slug in wanted.get("cluster", ()):
        place = by_slug.get(slug)
        if place is not None:
            cluster_of[("cluster", slug)] = place
            extra[("cluster", slug)] = {"stand": place.stand_shown()}
    for kind, model in (("project", Project), ("innovation", Innovation)):
        if kind not in wanted:
            continue
        rows = db.session.execute(select(model.slug, model.source, model.source_date, model.cluster_id)
                                  .where(model.slug.in_(wanted[kind])))
        for row in rows:
            place = clusters.get(row.cluster_id)
            cluster_of[(kind, row.slug)] = place
            extra[(kind, row.slug)] = {
                "source": row.source, "source_date": row.source_date,
                "cluster": place.shown() if place else None,
                "stand": place.stand_shown() if place else None,
            }
    if "organisation" in wanted:
        rows = db.session.execute(
            select(Organisation.slug, cluster_organisation.c.cluster_id)
            .outerjoin(cluster_organisation, cluster_organisation.c.organisation_id == Organisation.id)
            .where(Organisation.slug.in_(wanted["organisation"])))
        for row in rows:
            entry = extra.setdefault(("organisation", row.slug), {"clusters": []})
            place = clusters.get(row.cluster_id)
            if place is not None:
                entry["clusters"].append({**place.shown(), "stand": place.stand_shown()})
        for slug in wanted["organisation"]:
            entry = extra.setdefault(("organisation", slug), {"clusters": []})
            entry["clusters"].sort(key=lambda cluster: cluster["slug"])
            with_stand = [by_slug[cluster["slug"]] for cluster in entry["clusters"] if cluster["stand"]]
            if with_stand:
                cluster_of[("organisation", slug)] = with_stand[0]
    if "session" in wanted:
        rows = db.session.execute(
            select(ProgrammeSession.slug, ProgrammeSession.starts_at, ProgrammeSession.ends_at, ProgrammeSession.room)
            .where(ProgrammeSession.slug.in_(wanted["session"])))
        for row in rows:
            extra[("session", row.slug)] = {"day": row.starts_at.date().isoformat(),
                                            "starts_at": row.starts_at.isoformat(),
                                            "ends_at": row.ends_at.isoformat(), "room": row.room}
    return HitFacts(clusters, extra, cluster_of)
