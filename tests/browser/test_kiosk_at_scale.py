"""The kiosk starts and refreshes against a directory of thousands of records (a generated one).

The trade fair's 20,000 records take minutes to import and index, so CI uses a generated directory of
SHOWCASE_TEST_SCALE_RECORDS records (default 3,000) on top of the seed; `bench/scale_bench.py` measures
the 20,000. The bundle is synthetic (bench/scale_data.py): every slug starts with `synth-`.
"""

import json
import os
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.browser.harness import ROOT, Server, instance_environment, seed

pytestmark = pytest.mark.browser

RECORDS = int(os.environ.get("SHOWCASE_TEST_SCALE_RECORDS", "3000"))


def flask(folder, *args) -> None:
    subprocess.run([sys.executable, "-m", "flask", "--app", "showcase", *args], cwd=ROOT,
                   env=instance_environment(folder), check=True, capture_output=True, timeout=600)


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """A seeded instance with a generated bundle imported, served by gunicorn; and the bundle."""
    folder = tmp_path_factory.mktemp("showcase-at-scale")
    seed(folder)
    bundle = folder / "bundle.json"
    subprocess.run([sys.executable, str(ROOT / "bench" / "scale_data.py"), "--size", str(RECORDS),
                    "--out", str(bundle)], check=True, capture_output=True, timeout=120)
    flask(folder, "import", str(bundle))
    server = Server(folder).start()
    yield server, json.loads(bundle.read_text(encoding="utf-8"))
    server.stop()


def test_the_kiosk_starts_on_a_large_directory_and_refreshes_by_delta(page, large):
    server, bundle = large
    page.goto(f"{server.url}/kiosk")
    expect(page.locator("body")).to_have_attribute("data-ready", "true", timeout=30_000)
    loaded = page.evaluate("""async () => {
        const data = await import(document.querySelector('script[type=module]').src.replace('app.js', 'data.js'));
        const { projects, innovations, organisations } = data.state.snapshot;
        return { projects: projects.length, innovations: innovations.length, organisations: organisations.length };
    }""")
    for kind, count in loaded.items():
        assert count >= len(bundle[kind]), kind

    # An editor renames one generated project; the kiosk's refresh asks for the delta and shows it.
    project = dict(bundle["projects"][len(bundle["projects"]) // 2])
    project["title"] = {"de": "Umbenanntes Testprojekt (synthetisch)", "en": "Renamed test project (synthetic)"}
    change = server.folder / "rename.json"
    change.write_text(json.dumps({"projects": [project]}), encoding="utf-8")
    flask(server.folder, "import", str(change))
    with page.expect_request(lambda request: "/api/v1/snapshot?since=" in request.url):
        refreshed = page.evaluate("""async (slug) => {
            const data = await import(document.querySelector('script[type=module]').src.replace('app.js', 'data.js'));
            const changed = await data.loadSnapshot({ revalidate: true });
            return { changed, title: data.find().projects.get(slug).title,
                     projects: data.state.snapshot.projects.length };
        }""", project["slug"])
    assert refreshed["changed"] is True
    assert refreshed["title"]["en"] == "Renamed test project (synthetic)"
    assert refreshed["projects"] == loaded["projects"]

    # Its search finds the renamed project among thousands.
    page.goto(f"{server.url}/kiosk#/search?q=renamed%20test%20project")
    expect(page.locator(f'.results .result[data-slug="{project["slug"]}"]')).to_be_visible(timeout=15_000)
