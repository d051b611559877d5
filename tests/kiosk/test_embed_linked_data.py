"""The widget's iframe page carries the cluster's and the exhibition's schema.org JSON-LD."""

import json

import lxml.html
import pytest

from tests.builders import add, text
from tests.jsonld import nodes, of_type, values


@pytest.fixture
def cluster(app_context):
    add("clusters", "its-owl", short_name="it's OWL",
        description=text("Ein Spitzencluster <b>aus</b> OWL.", "A leading-edge cluster </script> from OWL."))
    add("projects", "owl-drives", cluster="its-owl")
    add("stands", "A14", cluster="its-owl")


def page_linked_data(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    [script] = lxml.html.fromstring(response.data).xpath('//head/script[@type="application/ld+json"]')
    return json.loads(script.text)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_iframe_page_describes_the_cluster_and_the_exhibition(client, cluster, lang):
    document = page_linked_data(client, f"/embed/clusters/its-owl?lang={lang}")
    graph = nodes(document)
    [organization] = of_type(graph, "Organization")
    assert values(organization, "name") == ["Cluster its-owl"]
    assert values(organization, "description") == [
        {"de": "Ein Spitzencluster <b>aus</b> OWL.", "en": "A leading-edge cluster </script> from OWL."}[lang]]
    assert [p["@id"] for p in of_type(graph, "ResearchProject")] == ["http://localhost/api/v1/projects/owl-drives"]
    assert values(graph[values(organization, "location")[0]], "name") == ["Stand A14"]
    [exhibition] = of_type(graph, "ExhibitionEvent")
    assert (values(exhibition, "startDate"), values(exhibition, "endDate")) == (["2015-06-30"], ["2015-07-01"])
    assert sorted(values(exhibition, "inLanguage")) == ["de", "en"]
    assert values(graph[values(exhibition, "location")[0]], "name") == ["Westhafen Event & Convention Center (WECC)"]
    # The same document the API answers in that language.
    api = client.get(f"/api/v1/clusters/its-owl?lang={lang}", headers={"Accept": "application/ld+json"})
    assert api.get_json() == document
