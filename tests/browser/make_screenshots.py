"""Take the README's screenshots: the kiosk at 1920×1080 and the embed on a partner's page.

    .venv/bin/python -m tests.browser.make_screenshots [--output docs/screenshots]

Seeds a temporary instance, serves it under gunicorn, and drives Debian's Chromium like the tests.
The kiosk's clock is set into the first conference day, so the programme shows what is on.
"""

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from tests.browser.harness import ROOT, HostSite, Server, embed_host_page, launch, seed

NOW = "2015-06-30T14:30"


def kiosk_screenshots(browser, server: Server, output: Path) -> list[Path]:
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="de-DE", has_touch=True)
    page = context.new_page()
    shots = []

    def shot(name: str) -> None:
        page.wait_for_timeout(600)  # let the marker pulse and the halo settle into a frame
        path = output / name
        page.screenshot(path=path)
        shots.append(path)

    page.goto(f"{server.url}/kiosk?now={NOW}")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    expect(page.locator(".map .seat")).to_have_count(15)
    shot("kiosk-attract.png")

    page.locator("#q").tap()
    page.locator("#q").press_sequentially("leichtbau", delay=40)
    expect(page.locator(".results .result").first).to_be_visible()
    expect(page.locator("#suggestions")).to_be_visible()
    shot("kiosk-search-keyboard.png")
    page.locator("#keyboard .key.close").tap()
    page.locator('.facet-kind .chip[data-value="project"]').tap()
    expect(page.locator('.facet-kind .chip[data-value="project"]')).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".results .result").first).to_have_attribute("data-kind", "project")
    shot("kiosk-search.png")

    page.goto(f"{server.url}/kiosk?now={NOW}#/clusters/its-owl")
    expect(page.locator(".floor-plan .stand.highlight")).to_be_visible()
    shot("kiosk-cluster.png")

    page.locator('[data-lang="en"]').tap()
    page.goto(f"{server.url}/kiosk?now={NOW}&lang=en#/programme")
    expect(page.locator(".session.on-now").first).to_be_visible()
    shot("kiosk-programme-en.png")
    context.close()
    return shots


def embed_screenshot(browser, server: Server, output: Path) -> Path:
    with HostSite() as host:
        host.pages["/partners.html"] = embed_host_page(server.url)
        context = browser.new_context(viewport={"width": 1400, "height": 1180})
        page = context.new_page()
        page.goto(f"{host.url}/partners.html")
        expect(page.locator('.showcase-embed[data-showcase="cluster"] .card')).to_have_attribute("data-loaded", "true")
        directory = page.locator('.showcase-embed[data-showcase="directory"]')
        expect(directory.locator(".card")).to_have_attribute("data-loaded", "true")
        directory.locator("input").fill("elektromobilitat")
        expect(directory.locator("mark").first).to_be_visible()
        expect(page.frame_locator("#frame").locator("h1")).to_be_visible()
        page.wait_for_timeout(300)
        path = output / "embed.png"
        page.screenshot(path=path)
        context.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="showcase-screenshots-") as folder:
        seed(Path(folder))
        server = Server(Path(folder)).start()
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                shots = kiosk_screenshots(browser, server, args.output)
                shots.append(embed_screenshot(browser, server, args.output))
                browser.close()
        finally:
            server.stop()
    for path in shots:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
