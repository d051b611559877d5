"""GET /embed.js and the iframe variant GET /embed/clusters/<slug>."""

import re

import pytest

from tests.builders import add, text


@pytest.fixture
def cluster(app_context):
    add("clusters", "its-owl", short_name="it's OWL",
        name=text("it's OWL – Intelligente Technische Systeme", "it's OWL – Intelligent Technical Systems"),
        description=text("Ein Spitzencluster <b>aus</b> Ostwestfalen.", "A leading-edge cluster <b>from</b> OWL."))
    add("projects", "owl-drives", cluster="its-owl")
    add("innovations", "smart-gripper", cluster="its-owl")
    add("innovations", "smart-sorter", cluster="its-owl")
    add("stands", "A14", cluster="its-owl")


def test_the_script_is_served_for_any_site(client):
    response = client.get("/embed.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    source = response.get_data(as_text=True)
    assert 'var DEFAULT_LANGUAGE = "de";' in source
    assert "attachShadow" in source and "document.currentScript" in source
    assert "{%" not in source and "{{" not in source


def test_the_script_revalidates_with_its_etag(client):
    etag = client.get("/embed.js").headers["ETag"]
    assert client.get("/embed.js", headers={"If-None-Match": etag}).status_code == 304


def test_the_script_defaults_to_the_configured_language(app, client):
    app.config["SHOWCASE_DEFAULT_LANGUAGE"] = "en"
    assert 'var DEFAULT_LANGUAGE = "en";' in client.get("/embed.js").get_data(as_text=True)


def test_the_script_reads_only_the_public_read_api():
    from pathlib import Path

    source = (Path(__file__).resolve().parents[2] / "showcase/kiosk/templates/embed/embed.js").read_text()
    assert 'BASE + "/api/v1" + path' in source
    # Its one write: the anonymous report of an opened search hit (a beacon, or fetch where there is none).
    assert source.count("POST") == 1 and 'method: "POST"' in source
    assert source.count('BASE + "/api/v1/search/opened"') == 2 and source.count("/api/v1") == 3
    assert ".innerHTML = html" in source  # only into an inert <template>, rebuilt from text and <mark>
    assert source.count("innerHTML") == 1


def test_the_iframe_card_shows_the_cluster_in_the_chosen_language(client, cluster):
    german = client.get("/embed/clusters/its-owl")
    assert german.status_code == 200 and german.mimetype == "text/html"
    page = german.get_data(as_text=True)
    assert "it&#39;s OWL – Intelligente Technische Systeme" in page
    assert "Stand A14" in page and "1 Projekt" in page and "2 Innovationen" in page
    english = client.get("/embed/clusters/its-owl?lang=en").get_data(as_text=True)
    assert "Intelligent Technical Systems" in english and "1 project" in english and "2 innovations" in english
    assert '<html lang="en">' in english


def test_the_iframe_card_escapes_texts_and_runs_no_script(client, cluster):
    response = client.get("/embed/clusters/its-owl")
    page = response.get_data(as_text=True)
    assert "&lt;b&gt;aus&lt;/b&gt;" in page and "<b>" not in page
    # Its one script element is schema.org data, which browsers do not run.
    assert re.findall(r"<script[^>]*>", page) == ['<script type="application/ld+json">']
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_the_iframe_card_may_be_framed_by_any_site(client, cluster):
    response = client.get("/embed/clusters/its-owl")
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert client.get("/embed/clusters/its-owl", headers={"If-None-Match": response.headers["ETag"]}).status_code == 304


def test_an_unknown_cluster_is_a_404_page(client, cluster):
    response = client.get("/embed/clusters/atlantis?lang=en")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "There is no such cluster: atlantis" in response.get_data(as_text=True)
