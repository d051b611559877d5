"""Search counts under gunicorn: each worker counts in memory and writes its counts when it stops."""

import json
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, func, select

from showcase.models import SearchCount, SearchOpenCount
from tests.gunicorn import get, seeded_server


def test_every_worker_writes_what_it_counted_when_it_stops(database_url, tmp_path):
    server = seeded_server(tmp_path, database_url, SHOWCASE_SEARCH_ANALYTICS_FLUSH_SECONDS="300")
    try:
        search = f"{server.url}/api/v1/search?" + urllib.parse.urlencode({"q": "Leichtbau", "lang": "de"})
        with ThreadPoolExecutor(4) as pool:
            statuses = list(pool.map(lambda _: get(search)[0], range(20)))
            statuses += list(pool.map(lambda _: get(search + "&as_you_type=1")[0], range(5)))
        assert statuses == [200] * 25
        beacon = urllib.request.Request(
            f"{server.url}/api/v1/search/opened", method="POST", headers={"Content-Type": "text/plain"},
            data=json.dumps({"q": "Leichtbau", "kind": "cluster", "slug": "mai-carbon"}).encode())
        with urllib.request.urlopen(beacon, timeout=10) as response:
            assert response.status == 204
    finally:
        server.stop()
    engine = create_engine(database_url)
    with engine.connect() as connection:
        counted = connection.execute(select(SearchCount.query, SearchCount.lang, func.sum(SearchCount.searches),
                                            func.sum(SearchCount.cached))
                                     .group_by(SearchCount.query, SearchCount.lang)).all()
        opened = connection.scalar(select(func.sum(SearchOpenCount.opened)))
    engine.dispose()
    [(query, lang, searches, cached)] = counted
    assert (query, lang, searches, opened) == ("leichtbau", "de", 20, 1)
    assert 18 <= cached <= 19  # each worker (of two) answered its first from the index, the rest from its cache
