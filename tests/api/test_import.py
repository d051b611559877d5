"""Bulk import: JSON bundles and CSV files, dry runs that report every problem, all or nothing."""

import io
import json

import pytest
from sqlalchemy import func, select

from showcase.extensions import db
from showcase.models import AuditEntry, Base, Project
from showcase.services.bundle import dump_directory
from showcase.services.csv_format import write_csv
from showcase.services.records import RECORD_KINDS
from tests.builders import cluster_data, innovation_data, organisation_data, project_data, text
from tests.editing import bearer, issue_keys, jsonable

CLUSTERS_CSV = """slug,name_de,name_en,short_name,round,year,field_de,field_en,region,states,seat_city,seat_lat,seat_lon,\
description_de,description_en,website,managing_body
its-owl,Intelligente Technische Systeme OstWestfalenLippe,Intelligent Technical Systems OstWestfalenLippe,it's OWL,3,2012,\
Intelligente technische Systeme,Intelligent technical systems,Ostwestfalen-Lippe,Nordrhein-Westfalen,Paderborn,51.72,8.75,\
Ein Spitzencluster.,A leading-edge cluster.,https://www.its-owl.de,it's OWL Clustermanagement GmbH
m4,m4 Personalisierte Medizin,m4 Personalised Medicine,m4,2,2010,Personalisierte Medizin,Personalised medicine,\
Region München,Bayern,München,48.14,11.58,"Medizin, die passt.",Medicine that fits.,https://www.m4.de,BioM
"""
PROJECTS_CSV = """slug,cluster,title_de,title_en,summary_de,summary_en,topics_de,topics_en,funding_start,funding_end,\
organisations,website,source,source_date
owl-drives,its-owl,Intelligente Antriebe,Intelligent drives,Antriebe.,Drives.,Antriebe|Selbstoptimierung,drives|self-optimisation,\
2012-07-01,2017-06-30,,,https://www.its-owl.de/projekte,2013
m4-biomarkers,m4,Biomarker,Biomarkers,Biomarker.,Biomarkers.,,,,,,https://www.m4.de,https://www.m4.de/news,2012-11-30
"""


def upload(client, key, files: dict[str, str], **params):
    data = {name: (io.BytesIO(content.encode("utf-8")), filename) for filename, (name, content) in files.items()}
    return client.post("/api/v1/import", query_string=params, data=data, content_type="multipart/form-data",
                       headers=bearer(key))


def problems(response) -> list[dict]:
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.content_type == "application/problem+json"
    return response.get_json()["errors"]


def counts(app) -> dict[str, int]:
    with app.app_context():
        return {name: db.session.scalar(select(func.count()).select_from(kind.model))
                for name, kind in RECORD_KINDS.items()} | {
            "audit": db.session.scalar(select(func.count()).select_from(AuditEntry))}


def search_slugs(client, query: str) -> list[str]:
    return [hit["slug"] for hit in client.get("/api/v1/search", query_string={"q": query}).get_json()["hits"]]


BUNDLE = {
    "clusters": [cluster_data("its-owl")],
    "organisations": [organisation_data("uni-paderborn", clusters=["its-owl"])],
    "projects": [project_data("owl-drives", organisations=["uni-paderborn"])],
    "innovations": [innovation_data("owl-gripper", project="owl-drives")],
}


def test_a_bundle_is_imported_and_reported(app, client, keys):
    response = client.post("/api/v1/import", json=jsonable(BUNDLE), headers=bearer(keys.editor))
    assert response.status_code == 200, response.get_data(as_text=True)
    report = response.get_json()
    assert report["dry_run"] is False and report["written"] == 4
    assert report["counts"]["projects"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert client.get("/api/v1/projects/owl-drives").get_json()["organisations"] == ["uni-paderborn"]
    again = client.post("/api/v1/import", json=jsonable(BUNDLE), headers=bearer(keys.editor)).get_json()
    assert again["written"] == 0 and again["counts"]["clusters"] == {"created": 0, "updated": 0, "unchanged": 1}


def test_an_import_is_in_the_audit_log_and_in_search_after_commit(app, client, keys):
    client.post("/api/v1/import", json=jsonable(BUNDLE), headers=bearer(keys.editor))
    entries = client.get("/api/v1/audit", headers=bearer(keys.admin)).get_json()
    assert {(e["action"], e["kind"], e["record"], e["key"]) for e in entries} == {
        ("import", "clusters", "its-owl", "Redaktion"), ("import", "organisations", "uni-paderborn", "Redaktion"),
        ("import", "projects", "owl-drives", "Redaktion"), ("import", "innovations", "owl-gripper", "Redaktion")}
    assert all(e["before"] is None for e in entries)
    assert search_slugs(client, "owl-gripper") == ["owl-gripper"]
    changed = jsonable(BUNDLE)
    changed["projects"][0]["title"] = text("Antriebe 4.0", "Drives 4.0")
    client.post("/api/v1/import", json=changed, headers=bearer(keys.editor))
    update = client.get("/api/v1/audit", query_string={"record": "owl-drives"}, headers=bearer(keys.admin)).get_json()[0]
    assert update["before"]["title"]["en"] == "Project owl-drives" and update["after"]["title"]["en"] == "Drives 4.0"


def test_a_dry_run_reports_what_it_would_write_and_writes_nothing(app, client, keys):
    before = counts(app)
    response = client.post("/api/v1/import?dry_run=true", json=jsonable(BUNDLE), headers=bearer(keys.editor))
    assert response.status_code == 200
    assert response.get_json()["dry_run"] is True and response.get_json()["written"] == 4
    assert counts(app) == before
    assert search_slugs(client, "owl-gripper") == []


def test_a_dry_run_reports_every_problem_with_file_path_and_field(client, keys):
    bundle = jsonable(BUNDLE)
    bundle["clusters"].append(jsonable(cluster_data("m4", round=2)))
    bundle["projects"][0]["title"] = {"de": "Nur deutsch"}
    bundle["projects"].append(jsonable(project_data("owl-drives")))
    bundle["planets"] = []
    response = client.post("/api/v1/import?dry_run=true", json=bundle, headers=bearer(keys.editor))
    assert problems(response) == [{"file": "body", "path": "planets",
                                   "message": "Unknown kind of record; expected one of clusters, organisations, "
                                              "projects, innovations, stands, programme, kiosks."}]
    del bundle["planets"]
    response = client.post("/api/v1/import?dry_run=true", json=bundle, headers=bearer(keys.editor))
    assert problems(response) == [
        {"file": "body", "path": "clusters[1]", "field": "year", "message": "Round 2 was decided in 2010."},
        {"file": "body", "path": "projects[0]", "field": "title.en",
         "message": "Missing text: both languages are required."},
        {"file": "body", "path": "projects[1]", "field": "slug",
         "message": "'owl-drives' is given twice; also in body at projects[0]."},
    ]
    assert "3 problem(s); nothing was written." == response.get_json()["detail"]


def test_an_import_names_a_malformed_source_date(client, keys):
    bundle = jsonable(BUNDLE)
    bundle["projects"][0]["source_date"] = "Sommer 2013"
    response = client.post("/api/v1/import?dry_run=true", json=bundle, headers=bearer(keys.editor))
    assert response.status_code == 422
    assert problems(response) == [{"file": "body", "path": "projects[0]", "field": "source_date",
                                   "message": "Not a date of the form YYYY, YYYY-MM or YYYY-MM-DD."}]


def test_database_checks_are_reported_too(client, keys):
    bundle = jsonable(BUNDLE)
    bundle["projects"][0]["cluster"] = "atlantis"
    bundle["innovations"][0]["cluster"] = "atlantis"
    response = client.post("/api/v1/import?dry_run=true", json=bundle, headers=bearer(keys.editor))
    assert problems(response) == [
        {"file": "body", "path": "projects[0]", "field": "cluster", "message": "There is no cluster 'atlantis'."},
        {"file": "body", "path": "innovations[0]", "field": "cluster", "message": "There is no cluster 'atlantis'."},
        {"file": "body", "path": "innovations[0]", "field": "project", "message": "There is no project 'owl-drives'."},
    ]


def test_a_bad_record_in_the_middle_leaves_database_index_and_log_untouched(app, client, keys):
    client.post("/api/v1/import", json=jsonable({"clusters": BUNDLE["clusters"]}), headers=bearer(keys.editor))
    before = counts(app)
    bundle = {"projects": [jsonable(project_data(f"batch-{n}", title=text(f"Stapel {n}", f"Batch {n}")))
                           for n in range(5)]}
    bundle["projects"][2]["organisations"] = ["nobody"]
    response = client.post("/api/v1/import", json=bundle, headers=bearer(keys.editor))
    assert problems(response) == [{"file": "body", "path": "projects[2]", "field": "organisations",
                                   "message": "There is no organisation 'nobody'."}]
    assert counts(app) == before
    assert search_slugs(client, "Stapel") == []
    with app.app_context():
        assert db.session.scalar(select(Project)) is None


def test_csv_files_one_per_kind(app, client, keys):
    response = upload(client, keys.editor, {"clusters.csv": ("file", CLUSTERS_CSV),
                                            "projekte.csv": ("projects", PROJECTS_CSV)})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["counts"]["clusters"]["created"] == 2
    project = client.get("/api/v1/projects/owl-drives", query_string={"lang": "all"}).get_json()
    assert project["topics"] == {"de": ["Antriebe", "Selbstoptimierung"], "en": ["drives", "self-optimisation"]}
    assert project["organisations"] == [] and project["website"] is None and project["funding_start"] == "2012-07-01"
    cluster = client.get("/api/v1/clusters/m4", query_string={"lang": "all"}).get_json()
    assert cluster["description"]["de"] == "Medizin, die passt."
    assert cluster["seat"] == {"city": "München", "lat": 48.14, "lon": 11.58}
    assert search_slugs(client, "Biomarker") == ["m4-biomarkers"]


def test_csv_from_a_german_spreadsheet(client, keys):
    semicolons = CLUSTERS_CSV.replace(",", ";").replace('"Medizin; die passt."', '"Medizin, die passt."')
    response = upload(client, keys.editor, {"clusters.csv": ("clusters", "\ufeff" + semicolons)})
    assert response.status_code == 200, response.get_data(as_text=True)


def test_csv_problems_name_file_row_and_column(client, keys):
    broken = PROJECTS_CSV.replace("2012-07-01,2017-06-30", "2017-07-01,2012-06-30").replace(
        "m4-biomarkers,m4,Biomarker,Biomarkers", "m4-biomarkers,m4,,Biomarkers")
    response = upload(client, keys.editor, {"clusters.csv": ("clusters", CLUSTERS_CSV.replace(",3,2012,", ",3,2010,")),
                                            "projects.csv": ("projects", broken)}, dry_run="true")
    assert problems(response) == [
        {"file": "clusters.csv", "row": 2, "field": "year", "message": "Round 3 was decided in 2012."},
        {"file": "projects.csv", "row": 2, "field": "funding_end", "message": "Funding ends before it starts."},
        {"file": "projects.csv", "row": 3, "field": "title_de", "message": "Missing text: both languages are required."},
    ]


def test_a_csv_header_is_checked_column_by_column(client, keys):
    header, rows = PROJECTS_CSV.split("\n", 1)
    header = header.replace("summary_en", "summary_fr").replace("source,", "quelle,")
    response = upload(client, keys.editor, {"projects.csv": ("projects", header + "\n" + rows)})
    found = {(p["field"], p["message"].split(";")[0]) for p in problems(response)}
    assert found == {("summary_fr", "Unknown column"), ("quelle", "Unknown column"),
                     ("summary_en", "Missing column."), ("source", "Missing column.")}
    assert all(p["file"] == "projects.csv" and p["row"] == 1 for p in problems(response))


def test_a_csv_file_must_say_its_kind(client, keys):
    response = upload(client, keys.editor, {"data.csv": ("file", PROJECTS_CSV)})
    assert "Cannot tell which kind" in problems(response)[0]["message"]


def test_an_import_needs_json_or_files(client, keys):
    response = client.post("/api/v1/import", data="slug,name", content_type="text/csv", headers=bearer(keys.editor))
    assert response.status_code == 415
    response = client.post("/api/v1/import", data={}, content_type="multipart/form-data", headers=bearer(keys.editor))
    assert response.status_code == 422
    response = client.post("/api/v1/import", data='{"clusters": [', content_type="application/json",
                           headers=bearer(keys.editor))
    assert problems(response) == [{"file": "body", "path": "line 1 column 15",
                                   "message": "Not valid JSON: Expecting value."}]


def empty_the_database(app) -> None:
    with app.app_context():
        Base.metadata.drop_all(db.engine)
        Base.metadata.create_all(db.engine)


@pytest.fixture
def seeded(app, runner):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        return dump_directory()


def test_export_then_import_into_an_empty_database_gives_the_same_directory(app, client, runner, seeded, tmp_path):
    exported = tmp_path / "directory.json"
    assert runner.invoke(args=["export", "-o", str(exported)]).exit_code == 0
    empty_the_database(app)
    with app.app_context():
        editor = issue_keys().editor
    response = client.post("/api/v1/import", data=exported.read_bytes(), content_type="application/json",
                           headers=bearer(editor))
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    with app.app_context():
        assert dump_directory() == seeded


def test_the_directory_round_trips_through_csv(app, client, runner, seeded, tmp_path):
    files = {}
    for name, kind in RECORD_KINDS.items():
        path = tmp_path / f"{name}.csv"
        path.write_text(write_csv(kind, seeded[name]), encoding="utf-8")
        files[name] = path
    empty_the_database(app)
    result = runner.invoke(args=["import", *(str(path) for path in files.values())])
    assert result.exit_code == 0, result.output
    assert "Imported" in result.output
    with app.app_context():  # CSV files carry records; the search synonyms travel in the JSON bundle only
        assert {name: records for name, records in dump_directory().items() if name in RECORD_KINDS} == {
            name: seeded[name] for name in RECORD_KINDS}


def test_the_import_command_reports_problems_and_writes_nothing(app, runner, tmp_path):
    (tmp_path / "clusters.csv").write_text(CLUSTERS_CSV, encoding="utf-8")
    (tmp_path / "projects.csv").write_text(PROJECTS_CSV.replace(",m4,", ",m5,"), encoding="utf-8")
    result = runner.invoke(args=["import", str(tmp_path / "clusters.csv"), str(tmp_path / "projects.csv")])
    assert result.exit_code == 1
    assert "error: projects.csv: row 3: cluster: There is no cluster 'm5'." in result.output
    assert counts(app)["clusters"] == 0
    dry = runner.invoke(args=["import", "--dry-run", str(tmp_path / "clusters.csv")])
    assert dry.exit_code == 0 and "Dry run: valid; would write 2 records" in dry.output
    assert counts(app)["clusters"] == 0
    done = runner.invoke(args=["import", str(tmp_path / "clusters.csv")])
    assert done.exit_code == 0
    with app.app_context():
        assert db.session.scalar(select(AuditEntry.key_name)).startswith("cli:")


def test_the_bundle_format_reads_back_its_own_export(app, client, keys, seeded):
    response = client.post("/api/v1/import?dry_run=true", data=json.dumps(seeded), content_type="application/json",
                           headers=bearer(keys.editor))
    assert response.status_code == 200
    assert response.get_json()["written"] == 0
