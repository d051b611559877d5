"""Search synonyms as a service: in the bundle, seeded from our own vocabulary, live on every worker within a second."""

import json
import time
from pathlib import Path

import pytest

from showcase import create_app
from showcase.extensions import db
from showcase.services.bundle import BundleInvalid, dump_directory, load_directory
from showcase.services.synonyms import read_synonyms, replace_synonyms
from showcase.services.transaction import transaction
from tests.builders import add, text

SEED = Path(__file__).resolve().parents[2] / "seed_data" / "synonyms.json"


def test_the_seeded_list_loads_and_round_trips_through_the_bundle(app_context, tmp_path):
    load_directory([SEED])
    seeded = json.loads(SEED.read_text(encoding="utf-8"))["synonyms"]
    assert read_synonyms() == seeded
    assert ["KI", "AI", "künstliche Intelligenz", "artificial intelligence"] in seeded["sets"]
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(dump_directory(), default=str), encoding="utf-8")
    with transaction():
        replace_synonyms({"sets": [], "one_way": []}, "test")
    load_directory([exported])
    assert read_synonyms() == seeded


def test_a_broken_bundle_names_the_place_and_writes_nothing(app_context, tmp_path):
    broken = tmp_path / "synonyms.json"
    broken.write_text(json.dumps({"synonyms": {"sets": [["CFK"]]}}), encoding="utf-8")
    with pytest.raises(BundleInvalid) as raised:
        load_directory([broken])
    assert [str(problem) for problem in raised.value.problems] == [
        "synonyms.json: synonyms.sets.0: A set needs at least two terms."]
    assert read_synonyms() == {"sets": [], "one_way": []}


def test_a_change_is_live_on_another_worker_within_a_second(app, app_config):
    other = create_app(dict(app_config))
    with app.app_context():
        add("clusters", "mai-carbon", short_name="MAI Carbon", states=["Bayern"])
        add("projects", "rumpf", cluster="mai-carbon", title=text("Rumpfschalen", "Fuselage shells"),
            summary=text("Aus carbonfaserverstärktem Kunststoff.", "Of carbon fibre reinforced plastic."))
        app.extensions["showcase_search"].drain(wait=True)
    client = other.test_client()

    def found() -> int:
        return client.get("/api/v1/search", query_string={"q": "CFK "}).get_json()["total"]

    assert found() == 0
    with app.app_context(), transaction():
        replace_synonyms({"sets": [["CFK", "carbon fibre reinforced plastic"]], "one_way": []}, "test")
    deadline = time.monotonic() + other.config["SHOWCASE_READ_CACHE_VERSION_SECONDS"] + 0.5
    while found() == 0 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert found() == 1
    with other.app_context():
        db.session.remove()
        db.engine.dispose()
