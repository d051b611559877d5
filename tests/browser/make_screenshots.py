"""Take the README's screenshots: the kiosk at 1920×1080, a kiosk of the hall with "you are here" and the route
to a stand, its shortlist on a phone, the display modes, and the embed on a partner's page.

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


def accessible_kiosk_screenshots(browser, server: Server, output: Path) -> list[Path]:
    """The shortlist at the kiosk and on the phone, the idle screen before the conference, the display modes."""
    shots = []
    for lang in ("de", "en"):
        context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale=f"{lang}-DE", has_touch=True)
        page = context.new_page()
        page.goto(f"{server.url}/kiosk?now=2015-06-29T16:00&lang={lang}")
        expect(page.locator(".spotlight-item")).to_be_visible()
        page.wait_for_timeout(600)
        shots.append(output / f"kiosk-idle-next-{lang}.png")
        page.screenshot(path=shots[-1])
        for hash_ in ("#/projects/mai-recycling", "#/clusters/its-owl", "#/innovations/mutanom-rna-impfstoff"):
            page.evaluate(f"location.hash = {hash_!r}")
            page.locator(".detail-bar .star").click()
        page.evaluate("location.hash = '#/programme?day=2015-06-30'")
        page.locator('.star[data-star="session:day1-forum-digitalisation"]').click()
        page.locator('[data-nav="shortlist"]').click()
        expect(page.locator(".shortlist-items li")).to_have_count(4)
        shots.append(output / f"kiosk-shortlist-{lang}.png")
        page.screenshot(path=shots[-1])
        page.locator('[data-action="to-phone"]').click()
        expect(page.locator("img.shortlist-qr")).to_be_visible()
        page.wait_for_timeout(400)
        shots.append(output / f"kiosk-shortlist-code-{lang}.png")
        page.screenshot(path=shots[-1])
        url = page.locator("img.shortlist-qr").evaluate("(img) => img.dataset.items")
        context.close()

        phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                    has_touch=True, locale=lang)
        page = phone.new_page()
        page.goto(f"{server.url}/visit?lang={lang}#items={url}")
        expect(page.locator("body")).to_have_attribute("data-ready", "true")
        shots.append(output / f"visit-phone-{lang}.png")
        page.screenshot(path=shots[-1], full_page=True)
        phone.close()

        context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale=f"{lang}-DE", has_touch=True)
        page = context.new_page()
        page.goto(f"{server.url}/kiosk?now={NOW}&lang={lang}#/clusters/its-owl")
        expect(page.locator(".floor-plan .stand.highlight")).to_be_visible()
        page.locator('[data-mode="contrast"]').click()
        page.wait_for_timeout(400)
        shots.append(output / f"kiosk-high-contrast-{lang}.png")
        page.screenshot(path=shots[-1])
        page.locator('[data-mode="contrast"]').click()
        page.locator('[data-mode="low"]').click()
        page.locator("#q").tap()
        page.locator("#q").press_sequentially("leichtbau", delay=40)
        expect(page.locator(".results .result").first).to_be_visible()
        page.wait_for_timeout(400)
        shots.append(output / f"kiosk-low-reach-{lang}.png")
        page.screenshot(path=shots[-1])
        context.close()
    return shots


def wayfinding_screenshots(browser, server: Server, output: Path) -> list[Path]:
    """A kiosk of the hall: "you are here" on the floor plan (at the aisle), a stand's page with the route (from the entrance)."""
    shots = []
    for lang in ("de", "en"):
        for kiosk, cluster, name in (("mittelgang", "its-owl", "kiosk-you-are-here"), ("eingang", "hamburg-aviation", "kiosk-route")):
            context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale=f"{lang}-DE", has_touch=True)
            # This kiosk goes on without a token, as when its setup is skipped.
            context.add_init_script(f"sessionStorage.setItem('showcase.kioskTokenSkipped', {kiosk!r})")
            page = context.new_page()
            page.goto(f"{server.url}/kiosk?k={kiosk}&lang={lang}&now={NOW}#/clusters/{cluster}")
            expect(page.locator("body")).to_have_attribute("data-ready", "true")
            expect(page.locator(".floor-plan .you-are-here")).to_be_visible()
            expect(page.locator(".route-summary")).to_be_visible()
            page.wait_for_timeout(600)
            shots.append(output / f"{name}-{lang}.png")
            if name == "kiosk-you-are-here":
                page.locator(".plan").screenshot(path=shots[-1])
            else:
                page.screenshot(path=shots[-1])
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
                shots += wayfinding_screenshots(browser, server, args.output)
                shots += accessible_kiosk_screenshots(browser, server, args.output)
                shots.append(embed_screenshot(browser, server, args.output))
                browser.close()
        finally:
            server.stop()
    for path in shots:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
