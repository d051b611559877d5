"""The shipped content: the 15 Spitzencluster with the facts we verified, and enough around each."""

import json
import os
import re
from pathlib import Path

import pytest
from sqlalchemy import select, text

from showcase import create_app, database
from showcase.cli import seed_directory
from showcase.extensions import db
from showcase.models import Base, Cluster, Stand
from showcase.services.bundle import dump_directory
from showcase.services.records import overlaps

HERE = Path(__file__).parent
SHARED_REFERENCE = HERE.parent.parent.parent / "shared" / "reference" / "spitzencluster.json"
VENDORED_REFERENCE = HERE / "spitzencluster.reference.json"


def reference() -> dict:
    """The verified facts: the shared copy where the checkout sits beside it, else the copy in the repo."""
    path = SHARED_REFERENCE if SHARED_REFERENCE.exists() else VENDORED_REFERENCE
    return json.loads(path.read_text(encoding="utf-8"))


REFERENCE_CLUSTERS = {cluster["slug"]: cluster for cluster in reference()["clusters"]}


def test_the_repo_copy_of_the_reference_is_current():
    if SHARED_REFERENCE.exists():
        assert json.loads(VENDORED_REFERENCE.read_text()) == json.loads(SHARED_REFERENCE.read_text())
    assert len(REFERENCE_CLUSTERS) == 15


SEED_DIR = HERE.parent.parent / "seed_data"
POSTGRES_URL = os.environ.get("SHOWCASE_TEST_DATABASE_URL")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"])
def seeded_app(request, tmp_path_factory):
    """One app per database with the seed content for this module: the content is read, never changed, here."""
    folder = tmp_path_factory.mktemp("content")
    url = f"sqlite:///{folder / 'showcase.db'}"
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_schema_url")
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(folder / "instance"), "SQLALCHEMY_DATABASE_URI": url,
                      "SHOWCASE_INDEX_DIR": str(folder / "index"), "SHOWCASE_INDEX_DRAIN_SECONDS": 0})
    with app.app_context():
        database.create_schema()
        seed_directory()
    yield app
    with app.app_context():
        db.session.remove()
        if request.param == "postgresql":
            tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
            with db.engine.begin() as connection:
                connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        db.engine.dispose()


@pytest.fixture(scope="module")
def directory(seeded_app):
    with seeded_app.app_context():
        return dump_directory()


def test_all_15_clusters_are_there(directory):
    assert sorted(c["slug"] for c in directory["clusters"]) == sorted(REFERENCE_CLUSTERS)


@pytest.mark.parametrize("slug", sorted(REFERENCE_CLUSTERS))
def test_each_cluster_has_its_verified_facts(directory, slug):
    facts = REFERENCE_CLUSTERS[slug]
    cluster = next(c for c in directory["clusters"] if c["slug"] == slug)
    assert cluster["name"] == facts["name"]
    assert cluster["short_name"] == facts["short_name"]
    assert (cluster["round"], cluster["year"]) == (facts["round"], facts["year"])
    assert cluster["region"] == facts["region"]
    assert cluster["states"] == facts["states"]
    assert cluster["seat"] == {"city": facts["seat"]["city"], "lat": facts["seat"]["lat"], "lon": facts["seat"]["lon"]}
    assert cluster["field"] == facts["field"]
    assert cluster["managing_body"] == facts["managing_body"]
    assert cluster["website"].rstrip("/") == facts["website"].rstrip("/")
    for lang in ("de", "en"):
        assert len(cluster["description"][lang]) > 200


@pytest.mark.parametrize("slug", sorted(REFERENCE_CLUSTERS))
def test_each_cluster_shows_projects_innovations_members_and_a_stand(directory, slug):
    projects = [p for p in directory["projects"] if p["cluster"] == slug]
    innovations = [i for i in directory["innovations"] if i["cluster"] == slug]
    assert len(projects) >= 3
    assert len(innovations) >= 2
    members = [o for o in directory["organisations"] if slug in o["clusters"]]
    assert members
    stands = [s for s in directory["stands"] if s["cluster"] == slug]
    assert len(stands) == 1 and stands[0]["innovations"]


def test_every_record_says_where_its_facts_come_from_and_when_that_was_published(directory):
    for kind in ("projects", "innovations", "programme"):
        for record in directory[kind]:
            assert record["source"].startswith(("https://", "http://")), record["slug"]
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", record["source_date"]), record["slug"]


def test_nothing_in_the_seed_is_invented_filler():
    for path in sorted(SEED_DIR.glob("*.json")):
        assert "illustrative" not in path.read_text(encoding="utf-8").lower(), path.name


def test_the_directory_is_big_enough_to_visit(directory):
    assert len(directory["projects"]) >= 60
    assert len(directory["innovations"]) >= 45


def test_every_organisation_takes_part_in_a_project_or_a_cluster(directory):
    partners = {slug for project in directory["projects"] for slug in project["organisations"]}
    for organisation in directory["organisations"]:
        assert organisation["slug"] in partners or organisation["clusters"], organisation["slug"]


def test_every_exhibit_is_an_innovation_of_its_stands_cluster(directory):
    cluster_of = {innovation["slug"]: innovation["cluster"] for innovation in directory["innovations"]}
    for stand in directory["stands"]:
        assert {cluster_of[slug] for slug in stand["innovations"]} <= {stand["cluster"]}, stand["number"]


def test_every_text_is_there_in_both_languages(directory):
    texts = {"clusters": ("name", "field", "description"), "projects": ("title", "summary"),
             "innovations": ("title", "description"), "stands": ("hall_area",),
             "programme": ("title", "description")}
    for kind, names in texts.items():
        for record in directory[kind]:
            for name in names:
                assert all((record[name] or {}).get(lang, "").strip() for lang in ("de", "en")), (kind, name)


def test_programme_times_are_marked_provisional_unless_a_source_gives_them(directory):
    assert all(session["times_provisional"] for session in directory["programme"])
    assert {session["source"] for session in directory["programme"]} == {"http://www.bmbf.de/de/25852.php"}


def test_partners_of_a_project_include_members_of_its_cluster(directory):
    clusters_of = {o["slug"]: set(o["clusters"]) for o in directory["organisations"]}
    for project in directory["projects"]:
        if project["organisations"]:
            assert any(project["cluster"] in clusters_of[o] for o in project["organisations"]), project["slug"]


def test_the_programme_covers_both_days_and_the_announced_forums(directory):
    sessions = directory["programme"]
    assert {s["starts_at"][:10] for s in sessions} == {"2015-06-30", "2015-07-01"}
    forums = [s["topic"]["en"].lower() for s in sessions if s["kind"] == "forum"]
    for topic in ("internationalisation", "digitalisation", "open innovation", "small and medium", "skilled staff",
                  "cluster management"):
        assert any(topic in forum for forum in forums), topic
    kinds = {s["kind"] for s in sessions}
    assert {"opening", "keynote", "panel", "matchmaking", "get_together", "exhibition"} <= kinds


def test_stands_lie_in_the_hall_without_overlapping(seeded_app):
    with seeded_app.app_context():
        stands = db.session.scalars(select(Stand)).all()
        assert len(stands) == 15
        for position, stand in enumerate(stands):
            assert all(not overlaps(stand, other) for other in stands[position + 1:]), stand.number
        assert db.session.scalar(select(Cluster).where(~Cluster.stand.has())) is None
