"""Loading bundles: the seed content, idempotently, with every problem named by file and path."""

import json

import pytest
from sqlalchemy import func, select

from showcase.extensions import db
from showcase.models import Base, Cluster, Project, ProjectTopic
from showcase.services.bundle import BundleInvalid, dump_directory, load_directory
from tests.builders import cluster_data, innovation_data, organisation_data, project_data, session_data, stand_data


def jsonable(data: dict) -> dict:
    return json.loads(json.dumps(data, default=str))


def write(path, bundle: dict):
    path.write_text(json.dumps(bundle, default=str), encoding="utf-8")
    return path


@pytest.fixture
def seed_dir(tmp_path):
    folder = tmp_path / "seed"
    folder.mkdir()
    write(folder / "clusters.json", {"clusters": [cluster_data("its-owl"), cluster_data("m4", states=["Bayern"])]})
    write(folder / "content.json", {
        "organisations": [organisation_data("uni-paderborn", clusters=["its-owl"])],
        "projects": [project_data("owl-drives", organisations=["uni-paderborn"])],
        "innovations": [innovation_data("owl-gripper", project="owl-drives")],
        "stands": [stand_data("A01", innovations=["owl-gripper"])],
        "programme": [session_data("day1-opening")],
    })
    return folder


def counts() -> dict:
    return {model.__name__: db.session.scalar(select(func.count()).select_from(model))
            for model in (Cluster, Project, ProjectTopic)}


def test_loads_records_across_files_in_dependency_order(app_context, seed_dir):
    loaded = load_directory(sorted(seed_dir.glob("*.json")))
    db.session.commit()
    assert loaded == {"clusters": 2, "organisations": 1, "projects": 1, "innovations": 1, "stands": 1, "programme": 1,
                      "kiosks": 0}
    project = db.session.scalar(select(Project))
    assert project.cluster.slug == "its-owl" and [o.slug for o in project.organisations] == ["uni-paderborn"]


def test_loading_twice_gives_the_same_directory(app_context, seed_dir):
    load_directory(sorted(seed_dir.glob("*.json")))
    db.session.commit()
    first, first_dump = counts(), dump_directory()
    load_directory(sorted(seed_dir.glob("*.json")))
    db.session.commit()
    assert counts() == first
    assert dump_directory() == first_dump


def test_loading_again_updates_changed_records(app_context, seed_dir):
    load_directory(sorted(seed_dir.glob("*.json")))
    db.session.commit()
    write(seed_dir / "clusters.json", {"clusters": [cluster_data("its-owl", short_name="it's OWL", states=["Hessen"]),
                                                    cluster_data("m4", states=["Bayern"])]})
    load_directory(sorted(seed_dir.glob("*.json")))
    db.session.commit()
    cluster = db.session.scalar(select(Cluster).where(Cluster.slug == "its-owl"))
    assert (cluster.short_name, cluster.states) == ("it's OWL", ["Hessen"])


def problems_of(paths) -> list[str]:
    with pytest.raises(BundleInvalid) as caught:
        load_directory(paths)
    db.session.rollback()
    return [str(problem) for problem in caught.value.problems]


def test_a_broken_file_is_reported_with_its_path_inside(app_context, seed_dir):
    broken = cluster_data("hamburg-aviation")
    broken["name"] = {"de": "Luftfahrtcluster"}
    broken["round"] = 4
    write(seed_dir / "clusters.json", {"clusters": [cluster_data("its-owl"), broken]})
    assert sorted(problems_of(sorted(seed_dir.glob("*.json")))) == [
        "clusters.json: clusters[1].name.en: Missing text: both languages are required.",
        "clusters.json: clusters[1].round: Must be one of: 1, 2, 3.",
    ]
    assert counts()["Cluster"] == 0


def test_invalid_json_is_reported_with_line_and_column(app_context, seed_dir):
    (seed_dir / "clusters.json").write_text('{"clusters": [\n  {"slug": "x",}\n]}', encoding="utf-8")
    assert problems_of([seed_dir / "clusters.json"]) == [
        "clusters.json: line 2 column 16: Not valid JSON: Expecting property name enclosed in double quotes."]


def test_references_that_do_not_resolve_are_reported_and_nothing_is_written(app_context, seed_dir):
    write(seed_dir / "content.json", {
        "projects": [project_data("owl-drives", cluster="atlantis"),
                     project_data("owl-ai", organisations=["nobody", "uni-paderborn"])],
        "innovations": [innovation_data("owl-gripper", project="owl-drives")],
    })
    assert problems_of(sorted(seed_dir.glob("*.json"))) == [
        "content.json: projects[0].cluster: There is no cluster 'atlantis'.",
        "content.json: projects[1].organisations: There is no organisation 'nobody', 'uni-paderborn'.",
        "content.json: innovations[0].project: There is no project 'owl-drives'.",
    ]
    assert counts() == {"Cluster": 0, "Project": 0, "ProjectTopic": 0}


def test_a_slug_defined_twice_names_both_places(app_context, seed_dir):
    write(seed_dir / "more.json", {"clusters": [cluster_data("m4")]})
    assert problems_of(sorted(seed_dir.glob("*.json"))) == [
        "more.json: clusters[0].slug: 'm4' is defined twice; also at clusters.json: clusters[1]."]


def test_rules_across_records_are_checked(app_context, seed_dir):
    write(seed_dir / "content.json", {
        "projects": [project_data("m4-trials", cluster="m4")],
        "innovations": [innovation_data("owl-gripper", cluster="its-owl", project="m4-trials")],
        "stands": [stand_data("A01", cluster="its-owl"), stand_data("A02", cluster="m4", x=4.0)],
    })
    assert problems_of(sorted(seed_dir.glob("*.json"))) == [
        "content.json: innovations[0].project: Project 'm4-trials' belongs to another cluster than 'its-owl'.",
        "content.json: stands[1].x: Overlaps stand A01.",
    ]


@pytest.mark.parametrize("bundle, expected", [
    ([], "list.json: Expected an object with lists of records, such as {\"clusters\": [...]}."),
    ({"cluster": []}, "x.json: cluster: Unknown kind of record; expected one of clusters, organisations, projects, "
                      "innovations, stands, programme, kiosks."),
    ({"clusters": {}}, "x.json: clusters: Expected a list of records."),
    ({"clusters": [dict(cluster_data("x"), colour="red")]}, "x.json: clusters[0].colour: Unknown field."),
])
def test_the_shape_of_a_bundle_is_checked(app_context, tmp_path, bundle, expected):
    name = "list.json" if isinstance(bundle, list) else "x.json"
    assert problems_of([write(tmp_path / name, bundle)]) == [expected]


def test_export_then_import_into_an_empty_database_gives_the_same_directory(app_context, seed_dir, tmp_path):
    load_directory(sorted(seed_dir.glob("*.json")))
    db.session.commit()
    exported = dump_directory()
    for table in reversed(Base.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()
    assert counts()["Cluster"] == 0
    load_directory([write(tmp_path / "export.json", jsonable(exported))])
    db.session.commit()
    assert dump_directory() == exported
