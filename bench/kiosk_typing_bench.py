"""Key press to results on screen at the kiosk, in Chromium against gunicorn, beside the bare round trip.

    .venv/bin/python bench/kiosk_typing_bench.py [--runs 5] [--words 8] [--delay 120] [--no-token]

Seeds a temporary instance once and, for each run, serves it under a fresh gunicorn (2 workers, as the
browser tests, so no run finds the typed queries in the read cache of one before) on 127.0.0.1, with the
rate limits on. The kiosk starts as `/kiosk?k=eingang` with that kiosk's token in its storage, so it
searches on a kiosk's budget as in the hall (`--no-token`: a plain `/kiosk` on the address's budget). It
types each word at --delay ms a key in Debian's Chromium. For every key it takes the time from the input
event to the first frame after the results of that key's query (or a newer one) are in the page, and splits
it by the browser's resource timing of the search request that brought them: waiting in the page (input
event to the request, the time a request still in flight holds the newest input back), the request (sent
to its answer read) and the page's work (answer read to the frame: JSON, DOM, layout, paint). Then, from
the same page, it fetches /api/v1/search for the same prefixes one after another: the bare round trip (with
page_size=29 where the kiosk asks for 30, so that the server's read cache, which already holds the typed
queries' answers, does not answer it). Prints each run's p50/p95 in ms and the median of the runs' figures.
A run takes well under a minute.
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser.harness import ROOT, Server, instance_environment, launch, seed  # noqa: E402

WORDS = ["leichtbau", "elektromobilitat", "brennstoffzelle", "impfstoff", "logistik", "solarzellen", "biomarker",
         "digitalisierung", "greifroboter", "carbon"]
KIOSK = "eingang"
# In the page: each input event's time and query, each frame after the results changed with their query,
# and the resource timing of every search request.
INSTRUMENT = """() => {
    window.typing = { keys: [], frames: [], requests: [] };
    document.getElementById('q').addEventListener('input', (event) => {
        window.typing.keys.push([event.timeStamp, event.target.value.trim()]);
    }, true);
    new MutationObserver(() => {
        const view = document.querySelector('.search-view');
        const q = view?.dataset.q;
        if (q) requestAnimationFrame(() => window.typing.frames.push([performance.now(), q]));
    }).observe(document.getElementById('view'), { subtree: true, childList: true, attributes: true, attributeFilter: ['data-q'] });
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
            if (entry.name.includes('/api/v1/search?')) window.typing.requests.push([entry.name, entry.startTime, entry.responseEnd]);
        }
    }).observe({ type: 'resource' });
}"""
ROUND_TRIPS = """async ({ queries, headers }) => {
    const times = [];
    for (const q of queries) {
        const started = performance.now();
        const response = await fetch(`/api/v1/search?${new URLSearchParams({ q, lang: 'de', page_size: '29' })}`, { cache: 'no-store', headers });
        await response.json();
        times.push(performance.now() - started);
    }
    return times;
}"""
FIGURES = ("key press to results", "  waiting in the page", "  request", "  page's work", "bare search round trip")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def typed_query(url: str) -> str | None:
    """The query of a search the kiosk sent as typed (not the settled one sent after a pause)."""
    args = parse_qs(urlsplit(url).query)
    return args["q"][0] if args.get("as_you_type") == ["1"] else None


def key_latencies(keys: list, frames: list, requests: list) -> list[tuple[float, float, float, float]]:
    """For each key: until the first frame showing its query or a later one of the same word, split into the
    wait before the request that brought it, the request, and the page's work after its answer."""
    latencies = []
    for index, (at, query) in enumerate(keys):
        later = {q for _, q in keys[index:] if q.startswith(query)}
        shown = [(time, q) for time, q in frames if time >= at and q in later]
        if not shown:
            continue
        frame, q = shown[0]
        sent = [(start, end) for url, start, end in requests if typed_query(url) == q and at <= start <= frame]
        start, end = sent[0] if sent else (at, frame)
        latencies.append((frame - at, start - at, end - start, frame - end))
    return latencies


def issue_token(folder: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "showcase", "kiosk-token", KIOSK], cwd=ROOT,
                            env=instance_environment(folder), check=True, capture_output=True, text=True, timeout=60)
    return result.stdout.strip()


def one_run(browser, server: Server, words: list[str], delay: int, token: str | None) -> dict[str, list[float]]:
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="de-DE")
    if token:
        stored = json.dumps({"kiosk": KIOSK, "token": token})
        context.add_init_script(f"localStorage.setItem('showcase.kioskToken', {json.dumps(stored)})")
    page = context.new_page()
    page.goto(f"{server.url}/kiosk?lang=de" + (f"&k={KIOSK}" if token else ""))
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    page.evaluate(INSTRUMENT)
    latencies, prefixes = [], []
    for word in words:
        page.locator("#q").fill("")
        page.evaluate("window.typing.keys = []; window.typing.frames = []")
        page.locator("#q").press_sequentially(word, delay=delay)
        page.wait_for_timeout(400)
        typing = page.evaluate("window.typing")
        latencies += key_latencies(typing["keys"], typing["frames"], typing["requests"])
        prefixes += [word[:n] for n in range(1, len(word) + 1)]
    round_trips = page.evaluate(ROUND_TRIPS, {"queries": prefixes, "headers": {"X-Kiosk-Token": token} if token else {}})
    context.close()
    return {**{name: [each[i] for each in latencies] for i, name in enumerate(FIGURES[:4])}, FIGURES[4]: round_trips}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--words", type=int, default=8)
    parser.add_argument("--delay", type=int, default=120, help="ms between keys")
    parser.add_argument("--no-token", action="store_true", help="a plain /kiosk, on the address's budget")
    args = parser.parse_args()
    words = WORDS[: args.words]
    runs = []
    with tempfile.TemporaryDirectory(prefix="showcase-typing-") as folder:
        seed(Path(folder))
        token = None if args.no_token else issue_token(Path(folder))
        with sync_playwright() as playwright:
            browser = launch(playwright)
            for number in range(1, args.runs + 1):
                server = Server(Path(folder), settings={"SHOWCASE_RATELIMIT_ENABLED": "1"}).start()
                try:
                    runs.append(one_run(browser, server, words, args.delay, token))
                finally:
                    server.stop()
                run = runs[-1]
                print(f"run {number}: key press to results p50 {statistics.median(run[FIGURES[0]]):.1f} "
                      f"p95 {percentile(run[FIGURES[0]], 0.95):.1f}, bare round trip p50 "
                      f"{statistics.median(run[FIGURES[4]]):.1f} p95 {percentile(run[FIGURES[4]], 0.95):.1f} ms", flush=True)
            browser.close()
    keys = sum(len(word) for word in words)
    print(f"{len(words)} words, {keys} keys at {args.delay} ms a key, {args.runs} runs, gunicorn with 2 workers on 127.0.0.1, "
          + ("no kiosk token" if args.no_token else f"kiosk {KIOSK} with its token"))
    print(f"median of the runs' figures {'p50 ms':>8} {'p95 ms':>8} {'runs':>5}")
    for name in FIGURES:
        p50 = statistics.median(statistics.median(run[name]) for run in runs)
        p95 = statistics.median(percentile(run[name], 0.95) for run in runs)
        print(f"{name:28} {p50:8.1f} {p95:8.1f} {len(runs):5}")


if __name__ == "__main__":
    main()
