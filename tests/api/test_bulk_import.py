"""The import at scale: a thousand generated records in batches, still all or nothing, audited, searchable."""

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from showcase import database
from showcase.extensions import db
from showcase.models import AuditEntry, Base, Cluster, Innovation, Organisation, OutboxEntry, Project, ProjectTopic
from showcase.models.associations import cluster_organisation, project_organisation
from showcase.services import imports
from showcase.services.imports import BATCH_SIZE, REBUILD_ABOVE
from showcase.services.records import RECORD_KINDS
from tests.editing import bearer

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "bench" / "scale_data.py"
# Enough organisations for two batches, and more records than an import applies through the outbox.
SIZE = 1100


def generate(out: Path, size: int = SIZE, seed: int = 14) -> Path:
    subprocess.run([sys.executable, str(GENERATOR), "--size", str(size), "--out", str(out), "--seed", str(seed)],
                   check=True, capture_output=True, timeout=120)
    return out


@pytest.fixture(scope="module")
def bundle_file(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("scale") / "bundle.json")


@pytest.fixture
def bundle(bundle_file) -> dict:
    return json.loads(bundle_file.read_text(encoding="utf-8"))


@pytest.fixture
def seeded(runner):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output


def counts(app) -> dict[str, int]:
    with app.app_context():
        return {model.__name__: db.session.scalar(select(func.count()).select_from(model))
                for model in (Organisation, Project, Innovation, AuditEntry)}


def search_slugs(client, query: str) -> list[str]:
    return [hit["slug"] for hit in client.get("/api/v1/search", query_string={"q": query}).get_json()["hits"]]


def test_the_generator_is_deterministic_synthetic_and_valid(bundle_file, tmp_path, runner, seeded):
    assert generate(tmp_path / "again.json").read_bytes() == bundle_file.read_bytes()
    assert generate(tmp_path / "other.json", seed=15).read_bytes() != bundle_file.read_bytes()
    bundle = json.loads(bundle_file.read_text(encoding="utf-8"))
    assert {kind: len(records) for kind, records in bundle.items()} == {
        "organisations": 522, "projects": 323, "innovations": 255}
    assert all(record["slug"].startswith("synth-") for records in bundle.values() for record in records)
    refused = subprocess.run([sys.executable, str(GENERATOR), "--size", "10", "--out", str(ROOT / "seed_data" / "x.json")],
                             capture_output=True, text=True)
    assert refused.returncode != 0 and not (ROOT / "seed_data" / "x.json").exists()
    result = runner.invoke(args=["import", "--dry-run", str(bundle_file)])
    assert result.exit_code == 0, result.output
    assert f"Dry run: valid; would write {SIZE} records" in result.output


def test_a_generated_bundle_is_written_with_its_references_audit_and_search(app, client, keys, seeded, bundle):
    assert len(bundle["organisations"]) > BATCH_SIZE and SIZE > REBUILD_ABOVE
    before = counts(app)
    response = client.post("/api/v1/import", json=bundle, headers=bearer(keys.editor))
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    assert response.get_json()["counts"]["organisations"] == {"created": 522, "updated": 0, "unchanged": 0}
    after = counts(app)
    assert {name: after[name] - before[name] for name in after} == {
        "Organisation": 522, "Project": 323, "Innovation": 255, "AuditEntry": SIZE}
    # References resolve to the records named, across batches and kinds.
    project = next(p for p in bundle["projects"] if len(p["organisations"]) >= 2)
    stored = client.get(f"/api/v1/projects/{project['slug']}", query_string={"lang": "all"}).get_json()
    assert stored["organisations"] == sorted(project["organisations"]) and stored["cluster"] == project["cluster"]
    last = bundle["organisations"][-1]
    assert client.get(f"/api/v1/organisations/{last['slug']}").get_json()["clusters"] == last["clusters"]
    innovation = next(i for i in reversed(bundle["innovations"]) if i["project"])
    assert client.get(f"/api/v1/innovations/{innovation['slug']}").get_json()["project"] == innovation["project"]
    # One audit entry per record, with what it became.
    entries = client.get("/api/v1/audit", query_string={"record": innovation["slug"]},
                         headers=bearer(keys.admin)).get_json()
    assert [(e["action"], e["kind"], e["before"], e["after"]) for e in entries] == [
        ("import", "innovations", None, innovation)]
    # Searchable once the import answered (the index was rebuilt after the commit).
    assert innovation["slug"] in search_slugs(client, innovation["slug"])
    # Again: nothing changes, nothing is logged; one change is one update with before and after.
    again = client.post("/api/v1/import", json=bundle, headers=bearer(keys.editor)).get_json()
    assert again["written"] == 0 and counts(app) == after
    changed = {"organisations": [dict(last, name="Umbenannte Synth GmbH")]}
    report = client.post("/api/v1/import", json=changed, headers=bearer(keys.editor)).get_json()
    assert report["counts"]["organisations"] == {"created": 0, "updated": 1, "unchanged": 0}
    update = client.get("/api/v1/audit", query_string={"record": last["slug"]}, headers=bearer(keys.admin)).get_json()[0]
    assert (update["before"]["name"], update["after"]["name"]) == (last["name"], "Umbenannte Synth GmbH")


def test_errors_deep_in_the_bundle_write_nothing_and_name_their_paths(app, client, keys, seeded, bundle):
    referenced = {slug for project in bundle["projects"] for slug in project["organisations"]}
    position = max(i for i, o in enumerate(bundle["organisations"]) if o["slug"] not in referenced)
    assert position > BATCH_SIZE
    bundle["organisations"][position]["clusters"] = ["atlantis"]
    # A project no innovation names: an innovation naming a failed project would fail too, and say so.
    innovated = {innovation["project"] for innovation in bundle["innovations"]}
    broken = max(i for i, p in enumerate(bundle["projects"]) if p["slug"] not in innovated)
    bundle["projects"][broken]["organisations"] = ["nobody"]
    bundle["innovations"][-1].update(project=bundle["projects"][0]["slug"], cluster="its-owl"
                                     if bundle["projects"][0]["cluster"] != "its-owl" else "m4")
    before = counts(app)
    response = client.post("/api/v1/import", json=bundle, headers=bearer(keys.editor))
    assert response.status_code == 422
    last = len(bundle["innovations"]) - 1
    assert response.get_json()["errors"] == [
        {"file": "body", "path": f"organisations[{position}]", "field": "clusters",
         "message": "There is no cluster 'atlantis'."},
        {"file": "body", "path": f"projects[{broken}]", "field": "organisations",
         "message": "There is no organisation 'nobody'."},
        {"file": "body", "path": f"innovations[{last}]", "field": "project",
         "message": f"Project {bundle['projects'][0]['slug']!r} belongs to another cluster than "
                    f"{bundle['innovations'][last]['cluster']!r}."},
    ]
    assert counts(app) == before
    assert bundle["innovations"][0]["slug"] not in search_slugs(client, bundle["innovations"][0]["slug"])


def rows_beside_the_records(app, after_outbox: int = 0) -> dict:
    """What an import writes besides the records themselves, with ids given as keys: comparable across databases."""
    with app.app_context():
        slugs = {model: dict(db.session.execute(select(model.id, model.slug)).all())
                 for model in (Cluster, Organisation, Project)}
        return {
            "audit": [(e.action, e.kind, e.record_key, e.key_name, e.before, e.after)
                      for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))],
            # Writing one by one flushes once per record, so a neighbour's entries repeat: compared as a set.
            "outbox": {(o.subject_kind, o.subject_slug, o.action, o.kind) for o in db.session.scalars(
                select(OutboxEntry).where(OutboxEntry.id > after_outbox))},
            "topics": sorted((slugs[Project][t.project_id], t.lang, t.position, t.label, t.label_folded)
                             for t in db.session.scalars(select(ProjectTopic))),
            "partners": sorted((slugs[Project][p], slugs[Organisation][o])
                               for p, o in db.session.execute(select(project_organisation)).all()),
            "clusters": sorted((slugs[Cluster][c], slugs[Organisation][o])
                               for c, o in db.session.execute(select(cluster_organisation)).all()),
        }


def outbox_cursor(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.max(OutboxEntry.id))) or 0


def import_twice(app, runner, tmp_path, bundle: dict, changed: dict) -> list[dict]:
    """Seed, import a bundle, then changes to it: the rows beside the records after each import."""
    found = []
    for name, content in (("bundle.json", bundle), ("changed.json", changed)):
        cursor = outbox_cursor(app)
        path = tmp_path / name
        path.write_text(json.dumps(content), encoding="utf-8")
        result = runner.invoke(args=["import", str(path)])
        assert result.exit_code == 0, result.output
        assert re.search(r"Read [0-9.]+ s, database [0-9.]+ s \(validation, writes, commit\), "
                         r"index brought up to date in [0-9.]+ s", result.output), result.output
        found.append(rows_beside_the_records(app, cursor))
    return found


def test_a_batched_import_writes_what_writing_its_records_one_by_one_writes(app, runner, tmp_path, monkeypatch):
    """Topic rows and audit entries are inserted in bulk for a batch: they must be what the ORM path writes."""
    bundle = json.loads(generate(tmp_path / "small.json", size=300).read_text(encoding="utf-8"))
    changed = {
        # Topics alone changed (an existing project's rows go through the ORM, which records the change),
        # partners changed, a name changed, and a new project with topics among them.
        "projects": [dict(bundle["projects"][0], topics={"de": ["Neu"], "en": ["New", "Other"]}),
                     dict(bundle["projects"][1], organisations=[bundle["organisations"][5]["slug"]]),
                     dict(bundle["projects"][2], topics={"de": [], "en": []}),
                     dict(bundle["projects"][3], slug="synth-a-new-one", topics={"de": ["Eins"], "en": ["One"]})],
        "organisations": [dict(bundle["organisations"][0], name="Umbenannt GmbH",
                               clusters=[bundle["organisations"][0]["clusters"][0], "its-owl"])],
    }
    monkeypatch.setattr(imports, "BATCH_SIZE", 40)
    seeded = runner.invoke(args=["seed"])
    assert seeded.exit_code == 0, seeded.output
    batched = import_twice(app, runner, tmp_path, bundle, changed)
    with app.app_context():
        db.session.remove()
        Base.metadata.drop_all(db.engine)
        database.create_schema()
    for name, kind in RECORD_KINDS.items():
        monkeypatch.setitem(RECORD_KINDS, name, dataclasses.replace(kind, batchable=False))
    seeded = runner.invoke(args=["seed"])
    assert seeded.exit_code == 0, seeded.output
    one_by_one = import_twice(app, runner, tmp_path, bundle, changed)
    assert len(batched[0]["audit"]) > 300 and batched[0]["topics"] and batched[0]["partners"]
    assert [len(rows["audit"]) for rows in batched] == [len(one_by_one[0]["audit"]), len(one_by_one[0]["audit"]) + 5]
    assert ("project", bundle["projects"][0]["slug"], "updated", "project") in batched[1]["outbox"]
    assert batched == one_by_one
