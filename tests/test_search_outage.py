"""Never a silent empty answer: the index directory deleted or damaged under a running gunicorn.

Visitors keep searching throughout; every answer must be the one the sound index gave, or a 503
problem+json with Retry-After while the rebuild (started at once) runs; /health stays 200 and says
`rebuilding`; afterwards the rebuilt index answers the same.
"""

import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.browser.harness import ROOT, Server, instance_environment
from tests.gunicorn import get, seeded_server

# Queries a kiosk visitor makes, each with results in the seed.
QUERIES = ["Leichtbau", "elektromobilitat", "Isobuten", "Sensoren", "Medizin", "Solarzellen", "it's OWL",
           "Fraunhofer", "Recycling", "carbon", "Photonik", "Daimler"]
VISITORS = 3
OUTAGE_SECONDS = 120


def answer(server: Server, query: str) -> tuple:
    status, headers, body = get(f"{server.url}/api/v1/search?" + urllib.parse.urlencode({"q": query, "lang": "de"}))
    if status == 200:
        return status, body["total"], tuple(hit["slug"] for hit in body["hits"])
    return status, headers.get("Retry-After"), headers.get("Content-Type")


@pytest.fixture
def server(database_url, tmp_path):
    """As configured: answers the read cache holds from the sound index may still be given."""
    running = seeded_server(tmp_path, database_url)
    yield running
    running.stop()


@pytest.fixture
def uncached_server(database_url, tmp_path):
    """Every search reaches the index."""
    running = seeded_server(tmp_path, database_url, SHOWCASE_READ_CACHE_SIZE="0")
    yield running
    running.stop()


def sound_answers(server: Server) -> dict:
    """The answers of the sound index, asked concurrently so that every worker opens it."""
    with ThreadPoolExecutor(VISITORS * 2) as pool:
        for _ in range(4):
            answers = dict(zip(QUERIES, pool.map(lambda query: answer(server, query), QUERIES)))
    assert all(status == 200 and total > 0 for status, total, _ in answers.values()), answers
    return answers


def through_an_outage(server: Server, expected: dict, harm) -> tuple[list, list]:
    """Visitors search while `harm` strikes the index, until /health says it is sound again and a while after."""
    answers: list[tuple] = []
    health: list[tuple] = []
    stop = threading.Event()

    def visitor(offset: int) -> None:
        position = offset
        while not stop.is_set():
            query = QUERIES[position % len(QUERIES)]
            answers.append((query, answer(server, query)))
            position += 1

    visitors = [threading.Thread(target=visitor, args=(n * 4,)) for n in range(VISITORS)]
    for thread in visitors:
        thread.start()
    try:
        time.sleep(0.5)
        harm()
        deadline = time.monotonic() + OUTAGE_SECONDS
        recovered_at = None
        while time.monotonic() < deadline:
            status, _, body = get(f"{server.url}/health")
            health.append((status, body.get("search_index", {}).get("status")))
            if health[-1] == (200, "ok") and recovered_at is None and any(s == (200, "rebuilding") for s in health):
                recovered_at = time.monotonic()
            if recovered_at and time.monotonic() - recovered_at > 2:
                break
            time.sleep(0.2)
    finally:
        stop.set()
        for thread in visitors:
            thread.join(timeout=60)
    return answers, health


def assert_never_a_silent_empty_answer(expected: dict, answers: list, health: list) -> None:
    wrong = [(query, got) for query, got in answers
             if got != expected[query] and got != (503, "5", "application/problem+json")]
    assert wrong == [], f"{len(wrong)} of {len(answers)} answers were neither the sound one nor a 503: {wrong[:5]}"
    assert len(answers) > 50
    assert {status for status, _ in health} == {200}
    assert (200, "rebuilding") in health and health[-1] == (200, "ok"), health


def test_deleting_the_index_directory_while_serving(server, tmp_path):
    expected = sound_answers(server)
    index_dir = tmp_path / "search-index"
    answers, health = through_an_outage(server, expected, lambda: shutil.rmtree(index_dir))
    assert_never_a_silent_empty_answer(expected, answers, health)
    # The held generation answered: the directory's loss did not stop searching.
    assert sum(got[0] == 200 for _, got in answers) > len(answers) // 2
    assert (index_dir / "current").resolve().is_dir()
    assert {query: answer(server, query) for query in QUERIES} == expected


def test_damaging_the_index_files_in_place_while_serving(uncached_server, tmp_path):
    server = uncached_server
    expected = sound_answers(server)
    generation = (tmp_path / "search-index" / "current").resolve()

    def damage() -> None:
        for path in generation.iterdir():
            if path.suffix in (".seg", ".toc"):
                with open(path, "r+b") as handle:  # in place, as a disk error would
                    handle.write(os.urandom(path.stat().st_size))

    answers, health = through_an_outage(server, expected, damage)
    assert_never_a_silent_empty_answer(expected, answers, health)
    assert any(got[0] == 503 for _, got in answers)
    assert (tmp_path / "search-index" / "current").resolve() != generation
    assert {query: answer(server, query) for query in QUERIES} == expected


def test_searches_answer_from_the_previous_generation_while_reindex_runs(uncached_server, tmp_path):
    """`flask reindex` in a process of its own builds a new generation; gunicorn's answers never falter meanwhile."""
    expected = sound_answers(uncached_server)
    current = tmp_path / "search-index" / "current"
    previous = os.readlink(current)
    reindex = subprocess.Popen([sys.executable, "-m", "flask", "--app", "showcase", "reindex"], cwd=ROOT,
                               env=instance_environment(tmp_path, **uncached_server.settings),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    during = []
    while reindex.poll() is None:
        for query in QUERIES:
            during.append((query, answer(uncached_server, query), os.readlink(current)))
    assert reindex.returncode == 0
    assert os.readlink(current) != previous
    answered_by_previous = [(query, got) for query, got, generation in during if generation == previous]
    assert answered_by_previous  # searches were answered while the new generation was being built
    assert all(got == expected[query] for query, got in answered_by_previous), during
    assert {query: answer(uncached_server, query) for query in QUERIES} == expected
