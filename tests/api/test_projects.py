"""GET /api/v1/projects."""

import pytest

from tests.builders import add, text


@pytest.fixture
def projects(app_context):
    add("clusters", "its-owl")
    add("clusters", "mai-carbon", short_name="MAI Carbon", states=["Bayern"])
    add("organisations", "uni-paderborn", type="university", clusters=["its-owl"])
    add("organisations", "weidmueller", type="company", city="Detmold", clusters=["its-owl"])
    add("organisations", "sgl-carbon", type="company", city="Meitingen", clusters=["mai-carbon"])
    add("projects", "self-optimising-drives", cluster="its-owl", organisations=["uni-paderborn", "weidmueller"],
        title=text("Selbstoptimierende Antriebe", "Self-optimising drives"),
        topics={"de": ["Antriebe", "Selbstoptimierung"], "en": ["drives", "self-optimisation"]})
    add("projects", "carbon-recycling", cluster="mai-carbon", organisations=["sgl-carbon"],
        title=text("Carbon-Recycling", "Carbon recycling"),
        topics={"de": ["Recycling"], "en": ["recycling"]})
    add("projects", "academic-study", cluster="its-owl", organisations=["uni-paderborn"],
        title=text("Arbeitswelt 4.0", "Work 4.0"), topics={"de": [], "en": []})


def slugs(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    return [item["slug"] for item in response.get_json()]


def test_lists_projects_by_title(client, projects):
    assert slugs(client.get("/api/v1/projects")) == ["carbon-recycling", "self-optimising-drives", "academic-study"]


def test_sorts_by_the_chosen_languages_title(client, projects):
    assert slugs(client.get("/api/v1/projects?lang=de")) == [
        "academic-study", "carbon-recycling", "self-optimising-drives"]


@pytest.mark.parametrize("query, expected", [
    ("cluster=mai-carbon", ["carbon-recycling"]),
    ("cluster=atlantis", []),
    ("topic=Selbstoptimierung", ["self-optimising-drives"]),
    ("topic=RECYCLING", ["carbon-recycling"]),
    ("topic=quantum", []),
    ("organisation=uni-paderborn", ["self-optimising-drives", "academic-study"]),
    ("organisation_type=company", ["carbon-recycling", "self-optimising-drives"]),
    ("organisation_type=public_body", []),
    ("cluster=its-owl&organisation_type=company", ["self-optimising-drives"]),
])
def test_filters_projects(client, projects, query, expected):
    assert slugs(client.get(f"/api/v1/projects?{query}")) == expected


def test_a_project_names_its_cluster_partners_topics_and_innovations(client, projects):
    add("innovations", "drive-twin", cluster="its-owl", project="self-optimising-drives")
    project = client.get("/api/v1/projects/self-optimising-drives").get_json()
    assert project["cluster"] == "its-owl"
    assert project["organisations"] == ["uni-paderborn", "weidmueller"]
    assert project["topics"] == {"de": ["Antriebe", "Selbstoptimierung"], "en": ["drives", "self-optimisation"]}
    assert project["innovations"] == ["drive-twin"]
    assert project["funding_start"] == "2012-07-01"
    assert project["source"] == "https://www.example.org/press/owl-drives"
    assert project["source_date"] == "2013-05"


def test_expand_inlines_cluster_and_partners_for_a_card_in_one_call(client, projects):
    response = client.get("/api/v1/projects?cluster=its-owl&expand=cluster,organisations&fields=slug,title,cluster,"
                          "organisations&lang=en")
    first = response.get_json()[0]
    assert set(first) == {"slug", "title", "cluster", "organisations"}
    assert first["title"] == "Self-optimising drives"
    assert first["cluster"]["slug"] == "its-owl"
    assert first["cluster"]["name"] == "Cluster its-owl"
    assert {o["slug"]: o["type"] for o in first["organisations"]} == {"uni-paderborn": "university",
                                                                        "weidmueller": "company"}


def test_unknown_project_is_a_404(client, projects):
    assert client.get("/api/v1/projects/nothing-here").status_code == 404
