"""The index follows the database: after commit, never after rollback, rebuilt when lost, nothing lost."""

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from whoosh.index import open_dir

from showcase.extensions import db
from showcase.models import OutboxEntry, Project
from showcase.services.records import RECORD_KINDS, save_record
from showcase.services.transaction import transaction
from tests.builders import add, project_data, text

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def writer_app(app):
    """The app with a route that writes a project through the real request lifecycle."""

    @app.post("/test-write/<slug>")
    def write_project(slug):
        with transaction():
            save_record(RECORD_KINDS["projects"], project_data(slug, title=text(f"Quanten {slug}", f"Quantum {slug}")))
        return {"ok": True}, 201

    @app.post("/test-write-fails/<slug>")
    def write_then_fail(slug):
        try:
            with transaction():
                save_record(RECORD_KINDS["projects"],
                            project_data(slug, title=text(f"Quanten {slug}", f"Quantum {slug}")))
                raise ValueError("changed my mind")
        except ValueError:
            return {"error": "changed my mind"}, 400

    with app.app_context():
        add("clusters", "its-owl")
        app.extensions["showcase_search"].drain(wait=True)
    return app


def found(client, query: str) -> list[str]:
    return [hit["slug"] for hit in client.get("/api/v1/search", query_string={"q": query}).get_json()["hits"]]


def test_a_committed_write_is_searchable_at_once(writer_app, client):
    assert client.post("/test-write/qubit-lab").status_code == 201
    assert found(client, "qubit") == ["qubit-lab"]


def test_a_rolled_back_write_leaves_nothing_to_index(writer_app, client):
    assert client.post("/test-write-fails/qubit-lab").status_code == 400
    assert found(client, "qubit") == []
    with writer_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Project)) == 0
        assert db.session.scalar(select(func.count()).select_from(OutboxEntry).where(
            OutboxEntry.kind == "project")) == 0


def test_a_write_waits_a_moment_for_the_index_lock_and_is_then_searchable(writer_app, client, app_config):
    lock_holder = open_dir(str(Path(app_config["SHOWCASE_INDEX_DIR"]) / "current")).writer()
    release = threading.Timer(0.3, lock_holder.cancel)
    release.start()
    try:
        assert client.post("/test-write/qubit-lab").status_code == 201
        assert found(client, "qubit") == ["qubit-lab"]
    finally:
        release.join()


def test_a_write_while_the_index_stays_locked_succeeds_and_waits_in_the_outbox(writer_app, client, app_config):
    writer_app.config["SHOWCASE_INDEX_WAIT_SECONDS"] = 0.2
    service = writer_app.extensions["showcase_search"]
    lock_holder = open_dir(str(Path(app_config["SHOWCASE_INDEX_DIR"]) / "current")).writer()
    try:
        started = time.monotonic()
        assert client.post("/test-write/qubit-lab").status_code == 201
        assert time.monotonic() - started < 5
        assert found(client, "qubit") == []
    finally:
        lock_holder.cancel()
    with writer_app.app_context():
        assert service.drain(wait=True) >= 1
    assert found(client, "qubit") == ["qubit-lab"]


def test_deletes_and_updates_follow(writer_app, client):
    client.post("/test-write/qubit-lab")
    with writer_app.app_context():
        project = db.session.scalar(select(Project).where(Project.slug == "qubit-lab"))
        with transaction():
            project.title_en = "Photon lab"
            project.title_de = "Photonenlabor"
    assert found(client, "qubit") == [] and found(client, "photon") == ["qubit-lab"]
    with writer_app.app_context():
        with transaction():
            db.session.delete(db.session.scalar(select(Project).where(Project.slug == "qubit-lab")))
    assert found(client, "photon") == []


@pytest.mark.parametrize("damage", ["delete", "corrupt"])
def test_a_lost_or_damaged_index_is_rebuilt_on_start_with_the_same_results(writer_app, client, app_config, damage):
    from showcase import create_app

    for slug in ("qubit-lab", "qubit-cloud"):
        client.post(f"/test-write/{slug}")
    before = found(client, "qubit")
    assert sorted(before) == ["qubit-cloud", "qubit-lab"]
    index_dir = Path(app_config["SHOWCASE_INDEX_DIR"])
    if damage == "delete":
        shutil.rmtree(index_dir)
    else:
        for segment in index_dir.rglob("*.seg"):
            segment.write_bytes(b"garbage" * 10)
        for toc in index_dir.rglob("*.toc"):
            toc.write_bytes(b"\x00" * 16)
    restarted = create_app(app_config)
    assert found(restarted.test_client(), "qubit") == before


def test_two_processes_writing_at_once_lose_nothing(writer_app, app_config):
    script = (
        "import sys\n"
        "from showcase import create_app\n"
        "from showcase.extensions import db\n"
        "from showcase.services.records import RECORD_KINDS, save_record\n"
        "from showcase.services.transaction import transaction\n"
        "from tests.builders import project_data, text\n"
        "app = create_app(eval(sys.argv[1]))\n"
        "with app.app_context():\n"
        "    for n in range(15):\n"
        "        slug = f'{sys.argv[2]}-{n}'\n"
        "        with transaction():\n"
        "            save_record(RECORD_KINDS['projects'], project_data(slug, title=text('Zwilling '+slug, 'Twin '+slug)))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    processes = [subprocess.Popen([sys.executable, "-c", script, repr(app_config), name], env=env, cwd=ROOT)
                 for name in ("left", "right")]
    assert [process.wait(timeout=120) for process in processes] == [0, 0]
    with writer_app.app_context():
        writer_app.extensions["showcase_search"].drain(wait=True)
    client = writer_app.test_client()
    response = client.get("/api/v1/search", query_string={"q": "twin", "page_size": 100}).get_json()
    assert response["total"] == 30
    assert sorted(h["slug"] for h in response["hits"]) == sorted(
        f"{side}-{n}" for side in ("left", "right") for n in range(15))


def test_an_index_damaged_while_serving_is_rebuilt_and_search_keeps_answering(writer_app, client, app_config):
    for slug in ("qubit-lab", "qubit-cloud"):
        client.post(f"/test-write/{slug}")
    before = found(client, "qubit")
    current = Path(app_config["SHOWCASE_INDEX_DIR"]) / "current"
    for segment in current.resolve().glob("*.seg"):
        segment.write_bytes(b"garbage" * 10)
    service = writer_app.extensions["showcase_search"]
    service.index.close()
    response = client.get("/api/v1/search", query_string={"q": "qubit quantum"})
    # Never an empty answer from a damaged index: 503 while the rebuild, started at once, runs.
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert response.content_type == "application/problem+json"
    service.rebuilder.join(timeout=60)
    assert found(client, "qubit") == before
