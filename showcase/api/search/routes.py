"""GET /search across every kind of record, and GET /suggest for the kiosk keyboard."""

from flask.views import MethodView
from flask_smorest import abort
from sqlalchemy import select

from search_index import QueryTooLong, SearchIndexError
from showcase.api.blueprint import Blueprint
from showcase.api.listing import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from showcase.api.search.schemas import SearchArgsSchema, SearchResultsSchema, SuggestArgsSchema, SuggestionsSchema
from showcase.extensions import db
from showcase.schemas.representation import localise
from showcase.models import Cluster, Innovation, Project
from showcase.search import search_service

blp = Blueprint("search", __name__, url_prefix="/api/v1",
                description="Full-text search in German and English, typo-tolerant, as you type.")

RESOURCE_OF_KIND = {"cluster": "clusters", "project": "projects", "innovation": "innovations",
                    "organisation": "organisations", "session": "programme"}
KIND_LABELS = {
    "cluster": {"de": "Cluster", "en": "Clusters"},
    "project": {"de": "Projekte", "en": "Projects"},
    "innovation": {"de": "Innovationen", "en": "Innovations"},
    "organisation": {"de": "Organisationen", "en": "Organisations"},
    "session": {"de": "Programm", "en": "Programme"},
}


def ask_index(question):
    """Put a question to the worker's index; never a silent empty answer: 503 while it is rebuilt.

    An index lost from disk goes on answering from the generation this worker holds open.
    """
    service = search_service()
    if not service.answerable():
        rebuilding()
    try:
        return question(service.index)
    except QueryTooLong as error:
        abort(422, message=str(error), errors={"query": {"q": [f"Longer than {error.limit} characters."]}})
    except SearchIndexError:
        service.recover()
        rebuilding()


def rebuilding():
    abort(503, message="Search is being rebuilt. Try again in a moment.", headers={"Retry-After": "5"})


def hit_sources(hits) -> dict[tuple[str, str], tuple[str, str]]:
    """(source, source_date) of the projects and innovations among the hits: one query per kind."""
    found = {}
    for kind, model in (("project", Project), ("innovation", Innovation)):
        slugs = [hit.slug for hit in hits if hit.kind == kind]
        if slugs:
            rows = db.session.execute(select(model.slug, model.source, model.source_date).where(model.slug.in_(slugs)))
            found.update({(kind, row.slug): (row.source, row.source_date) for row in rows})
    return found


def facet_labels() -> dict[str, dict[str, dict]]:
    """Display labels of facet values: cluster short names, rounds, technology fields in both languages."""
    clusters = db.session.execute(select(Cluster.slug, Cluster.short_name, Cluster.round, Cluster.year,
                                         Cluster.field_de, Cluster.field_en)).all()
    return {
        "kind": KIND_LABELS,
        "cluster": {c.slug: {"de": c.short_name, "en": c.short_name} for c in clusters},
        "round": {str(c.round): {"de": f"Runde {c.round} ({c.year})", "en": f"Round {c.round} ({c.year})"}
                  for c in clusters},
        "field": {c.field_en: {"de": c.field_de, "en": c.field_en} for c in clusters},
    }


@blp.route("/search")
class Search(MethodView):
    @blp.etag
    @blp.arguments(SearchArgsSchema, location="query")
    @blp.response(200, SearchResultsSchema)
    @blp.paginate(page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args, pagination_parameters):
        """Search the directory"""
        lang = args["representation"].lang
        results = ask_index(lambda index: index.search(
            args["q"], kinds=[args["kind"]] if "kind" in args else None, cluster=args.get("cluster"),
            round=args.get("round"), lang=lang, page=pagination_parameters.page,
            page_size=pagination_parameters.page_size,
        ))
        pagination_parameters.item_count = results.total
        labels = facet_labels() if results.total else {}
        sources = hit_sources(results.hits)
        return {
            "query": args["q"],
            "total": results.total,
            "page": pagination_parameters.page,
            "page_size": pagination_parameters.page_size,
            "hits": [{
                "kind": hit.kind, "slug": hit.slug, "title": hit.titles, "snippet": hit.snippet,
                "snippet_lang": hit.lang, "score": round(hit.score, 4),
                "url": f"/api/v1/{RESOURCE_OF_KIND[hit.kind]}/{hit.slug}",
                "source": sources.get((hit.kind, hit.slug), (None, None))[0],
                "source_date": sources.get((hit.kind, hit.slug), (None, None))[1],
            } for hit in results.hits],
            "facets": {
                facet: [{"value": str(value), "count": count,
                         "label": localise(labels.get(facet, {}).get(str(value), {"de": str(value), "en": str(value)}), lang)}
                        for value, count in counts.items()]
                for facet, counts in results.facets.items()
            },
            "did_you_mean": results.did_you_mean,
        }


@blp.route("/suggest")
class Suggest(MethodView):
    @blp.etag
    @blp.arguments(SuggestArgsSchema, location="query")
    @blp.response(200, SuggestionsSchema)
    def get(self, args):
        """Complete the word being typed"""
        lang = args["representation"].lang
        suggestions = ask_index(lambda index: index.suggest(args["q"], limit=args["limit"], lang=lang))
        return {"query": args["q"], "suggestions": [{"text": s.text, "kind": s.kind} for s in suggestions]}
