"""Spelling variants through the API: ph/f, c/z, British and American English find each other both ways."""

import pytest

from tests.builders import add, text


@pytest.fixture
def spelt(app, app_context):
    add("clusters", "optence", short_name="Photonik-Cluster", states=["Hessen"],
        name=text("Photonik-Cluster", "Photonics cluster"), description=text("Ein Zentrum.", "A centre."))
    add("projects", "optimise", cluster="optence", title=text("Laser optimieren", "Optimising lasers"),
        summary=text("Laser im Zentrum.", "Lasers at the centre."))
    app.extensions["showcase_search"].drain(wait=True)


@pytest.mark.parametrize("typed, found", [
    ("Fotonik", "cluster:optence"), ("Centrum", "project:optimise"), ("optimizing", "project:optimise"),
    ("center", "project:optimise"),
])
def test_a_spelling_variant_finds_the_other_spelling(client, spelt, typed, found):
    body = client.get("/api/v1/search", query_string={"q": typed + " "}).get_json()
    assert found in [f"{hit['kind']}:{hit['slug']}" for hit in body["hits"]]
