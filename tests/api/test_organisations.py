"""GET /api/v1/organisations."""

import pytest

from tests.builders import add


@pytest.fixture
def organisations(app_context):
    add("clusters", "its-owl")
    add("clusters", "m4", states=["Bayern"])
    add("organisations", "uni-paderborn", name="Universität Paderborn", type="university", city="Paderborn",
        clusters=["its-owl"])
    add("organisations", "weidmueller", name="Weidmüller", type="company", city="Detmold", clusters=["its-owl"])
    add("organisations", "lmu", name="LMU München", type="university", city="München", clusters=["m4"])
    add("projects", "owl-drives", cluster="its-owl", organisations=["uni-paderborn"])


def slugs(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    return [item["slug"] for item in response.get_json()]


@pytest.mark.parametrize("query, expected", [
    ("", ["lmu", "uni-paderborn", "weidmueller"]),
    ("type=university", ["lmu", "uni-paderborn"]),
    ("type=guild", []),
    ("city=detmold", ["weidmueller"]),
    ("cluster=its-owl", ["uni-paderborn", "weidmueller"]),
    ("cluster=m4&type=company", []),
    ("sort=-city", ["uni-paderborn", "lmu", "weidmueller"]),
])
def test_filters_and_sorts_organisations(client, organisations, query, expected):
    assert slugs(client.get(f"/api/v1/organisations?{query}")) == expected


def test_an_organisation_lists_its_clusters_and_projects(client, organisations):
    organisation = client.get("/api/v1/organisations/uni-paderborn").get_json()
    assert organisation == {"slug": "uni-paderborn", "name": "Universität Paderborn", "type": "university",
                            "city": "Paderborn", "website": None, "clusters": ["its-owl"], "projects": ["owl-drives"]}


def test_unknown_organisation_is_a_404(client, organisations):
    assert client.get("/api/v1/organisations/acme").status_code == 404
