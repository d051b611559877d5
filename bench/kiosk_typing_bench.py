"""Key press to results on screen at the kiosk, in Chromium against gunicorn, beside the bare round trip.

    .venv/bin/python bench/kiosk_typing_bench.py [--words 8] [--delay 120]

Seeds a temporary instance, serves it under gunicorn (2 workers, as the browser tests) on 127.0.0.1 (rate limits off), opens the kiosk in
Debian's Chromium and types each word at --delay ms a key. For every key it takes the time from the input
event to the first frame after the results of that key's query (or a newer one) are in the page. Then,
from the same page, it fetches /api/v1/search for the same prefixes one after another: the bare round
trip (with page_size=29 where the kiosk asks for 30, so that the server's read cache, which already holds the
typed queries' answers, does not answer it). Prints both as p50/p95 in ms. A run takes well under a minute.
"""

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser.harness import Server, launch, seed  # noqa: E402

WORDS = ["leichtbau", "elektromobilitat", "brennstoffzelle", "impfstoff", "logistik", "solarzellen", "biomarker",
         "digitalisierung", "greifroboter", "carbon"]
# In the page: each input event's time and query, and each frame after the results changed with their query.
INSTRUMENT = """() => {
    window.typing = { keys: [], frames: [] };
    document.getElementById('q').addEventListener('input', (event) => {
        window.typing.keys.push([event.timeStamp, event.target.value.trim()]);
    }, true);
    new MutationObserver(() => {
        const view = document.querySelector('.search-view');
        const q = view?.dataset.q;
        if (q) requestAnimationFrame(() => window.typing.frames.push([performance.now(), q]));
    }).observe(document.getElementById('view'), { subtree: true, childList: true, attributes: true, attributeFilter: ['data-q'] });
}"""
ROUND_TRIPS = """async (queries) => {
    const times = [];
    for (const q of queries) {
        const started = performance.now();
        const response = await fetch(`/api/v1/search?${new URLSearchParams({ q, lang: 'de', page_size: '29' })}`, { cache: 'no-store' });
        await response.json();
        times.push(performance.now() - started);
    }
    return times;
}"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def key_latencies(keys: list, frames: list) -> list[float]:
    """For each key: until the first frame showing its query or a later one of the same word."""
    latencies = []
    for index, (at, query) in enumerate(keys):
        later = {q for _, q in keys[index:] if q.startswith(query)}
        shown = [time for time, q in frames if time >= at and q in later]
        if shown:
            latencies.append(shown[0] - at)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=8)
    parser.add_argument("--delay", type=int, default=120, help="ms between keys")
    args = parser.parse_args()
    words = WORDS[: args.words]
    with tempfile.TemporaryDirectory(prefix="showcase-typing-") as folder:
        seed(Path(folder))
        server = Server(Path(folder)).start()
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                page = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="de-DE").new_page()
                page.goto(f"{server.url}/kiosk")
                expect(page.locator("body")).to_have_attribute("data-ready", "true")
                page.evaluate(INSTRUMENT)
                latencies, prefixes = [], []
                for word in words:
                    page.locator("#q").fill("")
                    page.evaluate("window.typing.keys = []; window.typing.frames = []")
                    page.locator("#q").press_sequentially(word, delay=args.delay)
                    page.wait_for_timeout(400)
                    typing = page.evaluate("window.typing")
                    latencies += key_latencies(typing["keys"], typing["frames"])
                    prefixes += [word[:n] for n in range(1, len(word) + 1)]
                round_trips = page.evaluate(ROUND_TRIPS, prefixes)
                browser.close()
        finally:
            server.stop()
    keys = len(prefixes)
    print(f"{len(words)} words, {keys} keys at {args.delay} ms a key, gunicorn with 2 workers on 127.0.0.1")
    print(f"{'':28} {'p50 ms':>8} {'p95 ms':>8} {'n':>5}")
    print(f"{'key press to results':28} {statistics.median(latencies):8.1f} {percentile(latencies, 0.95):8.1f} {len(latencies):5}")
    print(f"{'bare search round trip':28} {statistics.median(round_trips):8.1f} {percentile(round_trips, 0.95):8.1f} {len(round_trips):5}")


if __name__ == "__main__":
    main()
