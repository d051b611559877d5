"""GET /search across every kind of record, and GET /suggest for the kiosk keyboard."""

from flask.views import MethodView
from flask_smorest import abort

from search_index import QueryTooLong, SearchIndexError
from showcase.api.access import actor_name
from showcase.api.blueprint import Blueprint
from showcase.api.writes import write_access
from showcase.api.listing import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from showcase.api.search.queries import ClusterPlace, HitFacts, cluster_places, hit_facts
from showcase.api.search.schemas import SearchArgsSchema, SearchResultsSchema, SuggestArgsSchema, SuggestionsSchema
from showcase.models import COLLECTION_OF_KIND
from showcase.schemas.representation import localise
from showcase.schemas.synonyms import SynonymsSchema
from showcase.search import search_service
from showcase.services.synonyms import current_synonyms, locked_synonyms, read_synonyms, replace_synonyms
from showcase.services.transaction import transaction

blp = Blueprint("search", __name__, url_prefix="/api/v1",
                description="Full-text search in German and English, typo-tolerant, as you type.")

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


#: Grouped by stand, the groups are made from at most this many best hits.
MAX_GROUPED_HITS = 200
#: Hits a group of the stand view shows.
GROUP_HITS = 3


def facet_labels(clusters: dict[str, ClusterPlace]) -> dict[str, dict[str, dict]]:
    """Display labels of facet values: cluster short names, rounds, technology fields in both languages."""
    return {
        "kind": KIND_LABELS,
        "cluster": {c.slug: {"de": c.short_name, "en": c.short_name} for c in clusters.values()},
        "round": {str(c.round): {"de": f"Runde {c.round} ({c.year})", "en": f"Round {c.round} ({c.year})"}
                  for c in clusters.values()},
        "field": {c.field["en"]: c.field for c in clusters.values()},
    }


def shown_hit(hit, facts: HitFacts) -> dict:
    """A hit as the API answers it: what the index stored, and where the thing is."""
    return {
        "kind": hit.kind, "slug": hit.slug, "title": localise(hit.titles, facts.lang), "snippet": hit.snippet,
        "snippet_lang": hit.lang, "score": round(hit.score, 4),
        "url": f"/api/v1/{COLLECTION_OF_KIND[hit.kind]}/{hit.slug}",
        "source": None, "source_date": None,
        **facts.extra.get((hit.kind, hit.slug), {}),
    }


def shown_facets(results, facts: HitFacts) -> dict:
    lang, labels = facts.lang, facet_labels(facts.clusters) if results.total else {}
    return {
        facet: [{"value": str(value), "count": count,
                 "label": localise(labels.get(facet, {}).get(str(value), {"de": str(value), "en": str(value)}), lang)}
                for value, count in counts.items()]
        for facet, counts in results.facets.items()
    }


def stand_groups(hits, facts: HitFacts) -> list[dict]:
    """Hits grouped by the stand they are at, groups in the order of their best hit; no stand is a group too."""
    lang = facts.lang
    groups: dict[str | None, dict] = {}
    for hit in hits:
        place = facts.cluster_of.get((hit.kind, hit.slug))
        place = place if place is not None and place.stand is not None else None
        key = place.stand["number"] if place else None
        group = groups.get(key)
        if group is None:
            group = groups[key] = {"stand": place.stand_shown(lang) if place else None,
                                   "cluster": place.shown(lang) if place else None, "count": 0, "hits": []}
        group["count"] += 1
        if len(group["hits"]) < GROUP_HITS:
            group["hits"].append(shown_hit(hit, facts))
    return list(groups.values())


@blp.route("/search")
class Search(MethodView):
    @blp.etag
    @blp.arguments(SearchArgsSchema, location="query")
    @blp.response(200, SearchResultsSchema)
    @blp.paginate(page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args, pagination_parameters):
        """Search the directory"""
        lang = args["representation"].lang
        if args.get("group") == "stand":
            return grouped_by_stand(args, pagination_parameters)
        results = run_search(args, pagination_parameters.page, pagination_parameters.page_size)
        pagination_parameters.item_count = results.total
        facts = facts_of(results.hits, lang)
        return {
            "query": args["q"],
            "total": results.total,
            "page": pagination_parameters.page,
            "page_size": pagination_parameters.page_size,
            "hits": [shown_hit(hit, facts) for hit in results.hits],
            "facets": shown_facets(results, facts),
            "did_you_mean": results.did_you_mean,
        }


def facts_of(hits, lang: str | None) -> HitFacts:
    """What the hits show beyond their text, with the clusters' places as of the generation they came from."""
    return hit_facts(hits, search_service().kept_for_generation(cluster_places), lang)


def run_search(args, page: int, page_size: int):
    return ask_index(lambda index: index.search(
        args["q"], kinds=[args["kind"]] if "kind" in args else None, cluster=args.get("cluster"),
        round=args.get("round"), lang=args["representation"].lang, page=page, page_size=page_size,
        synonyms=current_synonyms(),
    ))


def grouped_by_stand(args, pagination_parameters) -> dict:
    """The best hits (up to MAX_GROUPED_HITS) grouped by stand, paged by group."""
    lang = args["representation"].lang
    results = run_search(args, 1, MAX_PAGE_SIZE)
    hits = list(results.hits)
    page = 2
    while len(hits) < min(results.total, MAX_GROUPED_HITS):
        more = run_search(args, page, MAX_PAGE_SIZE).hits
        if not more:  # a newer generation (after a deletion) holds fewer hits than the first page counted
            break
        hits.extend(more)
        page += 1
    hits = hits[:MAX_GROUPED_HITS]
    facts = facts_of(hits, lang)
    groups = stand_groups(hits, facts)
    pagination_parameters.item_count = len(groups)
    start = (pagination_parameters.page - 1) * pagination_parameters.page_size
    return {
        "query": args["q"],
        "total": results.total,
        "page": pagination_parameters.page,
        "page_size": pagination_parameters.page_size,
        "group_count": len(groups),
        "groups": groups[start:start + pagination_parameters.page_size],
        "facets": shown_facets(results, facts),
        "did_you_mean": results.did_you_mean,
    }


@blp.route("/suggest")
class Suggest(MethodView):
    @blp.read(SuggestionsSchema, args=SuggestArgsSchema)
    def get(self, args):
        """Complete the word being typed"""
        lang = args["representation"].lang
        suggestions = ask_index(lambda index: index.suggest(args["q"], limit=args["limit"], lang=lang))
        return {"query": args["q"], "suggestions": [{"text": s.text, "kind": s.kind} for s in suggestions]}


@blp.route("/search/synonyms")
class SearchSynonyms(MethodView):
    @blp.read(SynonymsSchema)
    def get(self):
        """The synonyms search applies"""
        return read_synonyms()

    @write_access(blp)
    @blp.etag
    @blp.arguments(SynonymsSchema)
    @blp.response(200, SynonymsSchema)
    def put(self, data):
        """Replace the synonyms search applies (live within a second, no rebuild)"""
        with transaction():
            blp.check_etag(locked_synonyms(), SynonymsSchema)
            return replace_synonyms(data, actor_name())
