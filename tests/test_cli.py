"""The flask commands an operator runs: init-db, seed, import, export."""

import json

from sqlalchemy import func, select

from showcase.extensions import db
from showcase.models import Cluster
from tests.builders import cluster_data


def cluster_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Cluster))


def test_init_db_creates_the_schema_and_keeps_data(runner, app):
    assert runner.invoke(args=["init-db"]).exit_code == 0
    assert runner.invoke(args=["init-db"]).exit_code == 0


def test_seed_loads_the_shipped_content_and_twice_changes_nothing(runner, app):
    first = runner.invoke(args=["seed"])
    assert first.exit_code == 0, first.output
    assert "Seeded 15 clusters" in first.output
    with app.app_context():
        from showcase.services.bundle import dump_directory

        before = dump_directory()
    assert runner.invoke(args=["seed"]).exit_code == 0
    with app.app_context():
        assert dump_directory() == before
    assert cluster_count(app) == 15


def test_seed_reports_a_broken_file_and_writes_nothing(runner, app, tmp_path):
    broken = cluster_data("its-owl")
    del broken["seat"]["lat"]
    (tmp_path / "seed").mkdir()
    (tmp_path / "seed" / "clusters.json").write_text(json.dumps({"clusters": [cluster_data("m4"), broken]}))
    app.config["SHOWCASE_SEED_DIR"] = str(tmp_path / "seed")
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 1
    assert "clusters.json: clusters[1].seat.lat: Missing data for required field." in result.output
    assert cluster_count(app) == 0


def test_export_then_import_round_trips(runner, app, tmp_path):
    runner.invoke(args=["seed"])
    exported = tmp_path / "directory.json"
    assert runner.invoke(args=["export", "-o", str(exported)]).exit_code == 0
    bundle = json.loads(exported.read_text())
    assert len(bundle["clusters"]) == 15
    result = runner.invoke(args=["import", "--dry-run", str(exported)])
    assert result.exit_code == 0 and "Dry run: valid" in result.output
