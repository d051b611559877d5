"""The kiosk refreshes by delta: it asks for what changed since its snapshot's cursor."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_refresh_asks_for_the_changes_since_the_snapshots_cursor(page, server):
    page.goto(f"{server.url}/kiosk")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    with page.expect_request(lambda request: "/api/v1/snapshot?since=" in request.url) as asked:
        result = page.evaluate("""async () => {
            const data = await import(document.querySelector('script[type=module]').src.replace('app.js', 'data.js'));
            const before = data.state.snapshot;
            const changed = await data.loadSnapshot({ revalidate: true });
            return { changed, cursor: data.state.snapshot.cursor, before: before.cursor,
                     clusters: data.state.snapshot.clusters.length, had: before.clusters.length };
        }""")
    assert asked.value.url.endswith(f"since={result['before']}")
    # Nothing changed: the snapshot on screen stays whole.
    assert result["changed"] is False and result["cursor"] == result["before"] > 0
    assert result["clusters"] == result["had"] == 15
