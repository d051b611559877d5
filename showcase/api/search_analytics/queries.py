"""The editors' search figures over a range of days, from the daily counts."""

import datetime as dt

from sqlalchemy import desc, func, select

from showcase.extensions import db
from showcase.models import SearchCount, SearchOpenCount


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def figures(start: dt.date, end: dt.date, limit: int) -> dict:
    """Totals, shares and top lists of the searches counted from `start` to `end` (both included)."""
    in_range = SearchCount.day.between(start, end)
    opened_in_range = SearchOpenCount.day.between(start, end)
    searches, cached, without_hits = db.session.execute(
        select(func.coalesce(func.sum(SearchCount.searches), 0), func.coalesce(func.sum(SearchCount.cached), 0),
               func.coalesce(func.sum(SearchCount.without_hits), 0)).where(in_range)).one()
    opened = db.session.scalar(select(func.coalesce(func.sum(SearchOpenCount.opened), 0)).where(opened_in_range))
    languages = dict(db.session.execute(
        select(SearchCount.lang, func.sum(SearchCount.searches)).where(in_range).group_by(SearchCount.lang)).all())
    per_query = (select(SearchCount.query, func.sum(SearchCount.searches).label("searches"),
                        func.sum(SearchCount.without_hits).label("without_hits"),
                        func.max(SearchCount.hits).label("hits"))
                 .where(in_range).group_by(SearchCount.query))
    top = db.session.execute(per_query.order_by(desc("searches"), SearchCount.query).limit(limit)).all()
    top_empty = db.session.execute(
        per_query.having(func.sum(SearchCount.without_hits) > 0)
        .order_by(desc("without_hits"), SearchCount.query).limit(limit)).all()
    listed = {row.query for row in (*top, *top_empty)}
    opened_per_query = dict(db.session.execute(
        select(SearchOpenCount.query, func.sum(SearchOpenCount.opened))
        .where(opened_in_range, SearchOpenCount.query.in_(listed)).group_by(SearchOpenCount.query)).all()) if listed else {}
    top_opened = db.session.execute(
        select(SearchOpenCount.kind, SearchOpenCount.slug, func.sum(SearchOpenCount.opened).label("opened"))
        .where(opened_in_range).group_by(SearchOpenCount.kind, SearchOpenCount.slug)
        .order_by(desc("opened"), SearchOpenCount.kind, SearchOpenCount.slug).limit(limit)).all()

    def entry(row) -> dict:
        return {"query": row.query, "searches": int(row.searches), "without_hits": int(row.without_hits),
                "hits": int(row.hits), "opened": int(opened_per_query.get(row.query, 0))}

    return {
        "start": start, "end": end,
        "searches": int(searches), "answered_from_cache": int(cached), "searches_without_hits": int(without_hits),
        "no_hit_share": share(without_hits, searches),
        "opened": int(opened), "opened_hit_rate": share(opened, searches),
        "languages": {lang or "all": int(count) for lang, count in sorted(languages.items())},
        "top_queries": [entry(row) for row in top],
        "top_queries_without_hits": [entry(row) for row in top_empty],
        "top_opened": [{"kind": row.kind, "slug": row.slug, "opened": int(row.opened)} for row in top_opened],
    }
