"""Where each search hit is: its cluster and stand, or its day, time and room, without a query per page of hits.

A hit's own facts (source, cluster, a session's time and room) come stored with its document, kept in step
with the record like the rest of it. Its cluster's name and stand are looked up in the clusters with their
stands (15 rows, also the facets' labels), read once per index generation (each change committed to the
index makes a new one) rather than stored in every document: a renamed cluster or a moved stand shows on
every hit of its projects and innovations without reindexing them.
"""

from dataclasses import dataclass

from sqlalchemy import select

from showcase.extensions import db
from showcase.models import Cluster, Stand
from showcase.schemas.representation import localise


@dataclass(frozen=True)
class ClusterPlace:
    """A cluster as a hit names it, with its stand (None before it has one)."""

    slug: str
    short_name: str
    name: dict
    round: int
    year: int
    field: dict
    stand: dict | None

    def shown(self, lang: str | None) -> dict:
        return {"slug": self.slug, "short_name": self.short_name, "name": localise(self.name, lang)}

    def stand_shown(self, lang: str | None) -> dict | None:
        if self.stand is None:
            return None
        return {"number": self.stand["number"], "hall_area": localise(self.stand["hall_area"], lang)}


def cluster_places() -> dict[str, ClusterPlace]:
    """Every cluster with its stand, by slug: one query."""
    rows = db.session.execute(
        select(Cluster.slug, Cluster.short_name, Cluster.name_de, Cluster.name_en, Cluster.round,
               Cluster.year, Cluster.field_de, Cluster.field_en, Stand.number, Stand.hall_area_de,
               Stand.hall_area_en)
        .outerjoin(Stand, Stand.cluster_id == Cluster.id).order_by(Cluster.slug)
    ).all()
    return {row.slug: ClusterPlace(
        row.slug, row.short_name, {"de": row.name_de, "en": row.name_en}, row.round, row.year,
        {"de": row.field_de, "en": row.field_en},
        None if row.number is None else {"number": row.number,
                                         "hall_area": {"de": row.hall_area_de, "en": row.hall_area_en}},
    ) for row in rows}


@dataclass
class HitFacts:
    """What a page of hits shows beyond their titles and snippets: provenance and place."""

    clusters: dict[str, ClusterPlace]
    # (kind, slug) -> the hit's fields beyond its titles and snippet.
    extra: dict[tuple[str, str], dict]
    # (kind, slug) -> the hit's cluster (an organisation's first with a stand), for grouping by stand.
    cluster_of: dict[tuple[str, str], ClusterPlace | None]
    # The language they are shown in; None for both.
    lang: str | None


def hit_facts(hits, clusters: dict[str, ClusterPlace], lang: str | None) -> HitFacts:
    """Source, cluster and stand (or day, time and room) of each hit, in the language asked for (None: both)."""
    extra: dict[tuple[str, str], dict] = {}
    cluster_of: dict[tuple[str, str], ClusterPlace | None] = {}
    for hit in hits:
        key, shown = (hit.kind, hit.slug), hit.shown
        if hit.kind == "cluster":
            place = clusters.get(hit.slug)
            if place is not None:
                cluster_of[key] = place
                extra[key] = {"stand": place.stand_shown(lang)}
        elif hit.kind in ("project", "innovation"):
            place = cluster_of[key] = clusters.get(shown.get("cluster"))
            extra[key] = {"source": shown.get("source"), "source_date": shown.get("source_date"),
                          "cluster": place.shown(lang) if place else None,
                          "stand": place.stand_shown(lang) if place else None}
        elif hit.kind == "organisation":
            places = [clusters[slug] for slug in shown.get("clusters", ()) if slug in clusters]
            extra[key] = {"clusters": [{**place.shown(lang), "stand": place.stand_shown(lang)} for place in places]}
            with_stand = [place for place in places if place.stand is not None]
            if with_stand:
                cluster_of[key] = with_stand[0]
        elif hit.kind == "session" and shown:
            extra[key] = {name: shown.get(name) for name in ("day", "starts_at", "ends_at", "room")}
    return HitFacts(clusters, extra, cluster_of, lang)
