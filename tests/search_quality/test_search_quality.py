"""Search quality over the seed content, measured on judged queries: MRR@10 and recall@10."""

import json
from collections import defaultdict
from pathlib import Path

import pytest

from showcase import create_app, database
from showcase.cli import seed_directory
from showcase.extensions import db

QUERIES = json.loads((Path(__file__).parent / "queries.json").read_text(encoding="utf-8"))["queries"]
MIN_MRR = 0.85
MIN_RECALL = 0.9


@pytest.fixture(scope="module")
def seeded_client(tmp_path_factory):
    """One seeded app for all judged queries: the content is read-only here."""
    folder = tmp_path_factory.mktemp("quality")
    app = create_app({
        "TESTING": True,
        "INSTANCE_PATH": str(folder / "instance"),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'showcase.db'}",
        "SHOWCASE_INDEX_DIR": str(folder / "index"),
        "SHOWCASE_INDEX_DRAIN_SECONDS": 0,
        "SHOWCASE_RATELIMIT_ENABLED": False,
    })
    with app.app_context():
        database.create_schema()
        seed_directory()
        app.extensions["showcase_search"].rebuild()
    yield app.test_client()
    with app.app_context():
        db.engine.dispose()


def ranked(client, query: str) -> list[str]:
    response = client.get("/api/v1/search", query_string={"q": query, "page_size": 10})
    assert response.status_code == 200, response.get_data(as_text=True)
    return [f"{hit['kind']}:{hit['slug']}" for hit in response.get_json()["hits"]]


def evaluate(client) -> tuple[float, float, dict, list[str]]:
    reciprocal_ranks, recalls = [], []
    by_category = defaultdict(list)
    misses = []
    for judged in QUERIES:
        results = ranked(client, judged["q"])
        relevant = set(judged["relevant"])
        first = next((rank for rank, key in enumerate(results, 1) if key in relevant), None)
        reciprocal = 1 / first if first else 0.0
        recall = len(relevant & set(results)) / len(relevant)
        reciprocal_ranks.append(reciprocal)
        recalls.append(recall)
        by_category[judged["category"]].append((reciprocal, recall))
        if recall < 1 or reciprocal < 1:
            misses.append(f"{judged['q']!r}: first relevant at {first}, recall {recall:.2f}, got {results[:5]}")
    summary = {category: (sum(r for r, _ in values) / len(values), sum(c for _, c in values) / len(values),
                          len(values)) for category, values in by_category.items()}
    return sum(reciprocal_ranks) / len(QUERIES), sum(recalls) / len(QUERIES), summary, misses


def test_the_judged_query_set_is_large_and_covers_every_category():
    assert len(QUERIES) >= 60
    assert {q["category"] for q in QUERIES} >= {"name", "umlaut", "typo", "prefix", "compound", "cross-language",
                                               "spelling", "partner"}


def test_judged_queries_reach_the_quality_thresholds(seeded_client):
    mrr, recall, summary, misses = evaluate(seeded_client)
    report = [f"MRR@10 {mrr:.3f}, recall@10 {recall:.3f} over {len(QUERIES)} queries"]
    report += [f"  {category:15} MRR {m:.3f} recall {r:.3f} ({n} queries)" for category, (m, r, n) in
               sorted(summary.items())]
    report += ["not perfect:"] + [f"  {line}" for line in misses]
    print("\n".join(report))
    assert mrr >= MIN_MRR and recall >= MIN_RECALL, "\n".join(report)
