"""WCAG 2.2 AA in Chromium: axe-core on every public view, and touch-target sizes."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.harness import HostSite, embed_host_page

pytestmark = pytest.mark.browser

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": [
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"]}
BLOCKING = {"serious", "critical"}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
# Kiosk views by their address and an element that shows the view has rendered.
KIOSK_VIEWS = {
    "attract": ("", ".map .seat"),
    "search": ("#/search?q=leichtbau", ".results .result"),
    "no results": ("#/search?q=xqzvwk", ".search-view .empty"),
    "cluster with floor plan": ("#/clusters/its-owl", ".floor-plan .stand.highlight"),
    "project": ("#/projects/mai-recycling", ".project-detail h1"),
    "innovation": ("#/innovations/multishuttle-move", ".innovation-detail h1"),
    "programme": ("#/programme", ".session"),
}


def blocking_violations(page, context=None) -> list[str]:
    """The serious and critical axe-core violations on the page as it is now."""
    results = Axe().run(page, context=context, options=AXE_OPTIONS).response
    assert results["testEngine"]["version"] >= "4.11"
    return [f"{violation['id']} ({violation['impact']}) {node['target']}: {node['failureSummary']}"
            for violation in results["violations"] if violation["impact"] in BLOCKING for node in violation["nodes"][:4]]


def open_kiosk(page, server, hash_="", query="?now=2015-06-30T14:30"):
    page.goto(f"{server.url}/kiosk{query}{hash_}")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("name", KIOSK_VIEWS)
def test_kiosk_views_have_no_serious_violations(page, server, name, lang):
    hash_, ready = KIOSK_VIEWS[name]
    open_kiosk(page, server, hash_, f"?now=2015-06-30T14:30&lang={lang}")
    page.locator(ready).first.wait_for()
    assert blocking_violations(page) == []


def test_the_meeting_panel_and_the_keyboard_have_no_serious_violations(page, server):
    open_kiosk(page, server, "#/clusters/its-owl")
    page.locator('[data-action="meet"]').click()
    expect(page.locator(".meet-panel")).to_be_visible()
    assert blocking_violations(page) == []
    page.locator(".meet-close").click()
    page.locator("#q").click()
    expect(page.locator("#keyboard")).to_be_visible()
    assert blocking_violations(page) == []


def test_the_phone_page_has_no_serious_violations(browser, server):
    context = browser.new_context(locale="en-GB", **PHONE)
    page = context.new_page()
    page.goto(f"{server.url}/meet?cluster=its-owl&lang=en")
    expect(page.locator("form#register")).to_be_visible()
    assert blocking_violations(page) == []
    context.close()


def test_the_widget_in_both_forms_has_no_serious_violations(page, server):
    page.goto(f"{server.url}/embed/clusters/its-owl?lang=de")
    expect(page.locator("h1")).to_be_visible()
    assert blocking_violations(page) == []
    with HostSite() as host:
        host.pages["/partners.html"] = embed_host_page(server.url)
        page.goto(f"{host.url}/partners.html")
        expect(page.locator('.showcase-embed[data-showcase="cluster"] .card')).to_have_attribute("data-loaded", "true")
        directory = page.locator('.showcase-embed[data-showcase="directory"]')
        expect(directory.locator(".card")).to_have_attribute("data-loaded", "true")
        directory.locator("input").fill("elektromobilitat")
        expect(directory.locator("mark").first).to_be_visible()
        # Only the widget is ours: the host page's hostile CSS is not.
        assert blocking_violations(page, {"include": [".showcase-embed"]}) == []


def test_the_api_docs_render_every_operation_with_a_language_and_no_serious_violations(page, server):
    page.goto(f"{server.url}/api/v1/docs")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # Swagger UI 5 reads the OpenAPI 3.1 description: the operations are listed, not "Unable to render".
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/projects").first).to_be_visible(timeout=15000)
    expect(page.get_by_text("Unable to render this definition")).to_have_count(0)
    assert blocking_violations(page) == []


# Every element a visitor can tap or focus, in the document and in open shadow roots, with its box.
TARGETS = """([minimum, scope]) => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=tab], '
        + '[role=link], [tabindex]:not([tabindex="-1"])';
    const found = [];
    const visit = (root) => {
        if (root.shadowRoot) visit(root.shadowRoot);
        for (const element of root.querySelectorAll('*')) {
            if (element.shadowRoot) visit(element.shadowRoot);
            if (!element.matches(selector) || element.closest('[hidden], [inert], [aria-hidden=true]')) continue;
            const box = element.getBoundingClientRect();
            if (!box.width || !box.height || getComputedStyle(element).visibility === 'hidden') continue;
            if (box.width < minimum || box.height < minimum) {
                found.push(`${element.localName}.${element.getAttribute('class') || element.id} ${Math.round(box.width)}×${Math.round(box.height)}`);
            }
        }
    };
    (scope ? [...document.querySelectorAll(scope)] : [document]).forEach(visit);
    return found;
}"""


def small_targets(page, minimum: int, scope: str | None = None) -> list[str]:
    """Targets smaller than `minimum` CSS pixels either way, in the page or in the elements `scope` selects."""
    return page.evaluate(TARGETS, [minimum, scope])


def test_every_kiosk_target_is_at_least_44_pixels(page, server):
    for name, (hash_, ready) in KIOSK_VIEWS.items():
        open_kiosk(page, server, hash_)
        page.locator(ready).first.wait_for()
        assert small_targets(page, 44) == [], name
    open_kiosk(page, server, "#/clusters/its-owl")
    page.locator("#q").click()
    expect(page.locator("#keyboard")).to_be_visible()
    assert small_targets(page, 44) == [], "keyboard"
    page.locator("#keyboard .key.close").click()
    page.locator('[data-action="meet"]').click()
    expect(page.locator(".meet-panel")).to_be_visible()
    assert small_targets(page, 44) == [], "meeting panel"


def test_phone_and_widget_targets_are_at_least_24_pixels(browser, server):
    context = browser.new_context(locale="de-DE", **PHONE)
    page = context.new_page()
    page.goto(f"{server.url}/meet?cluster=its-owl")
    expect(page.locator("form#register")).to_be_visible()
    assert small_targets(page, 24) == [], "meet"
    page.goto(f"{server.url}/embed/clusters/its-owl?lang=en")
    expect(page.locator("h1")).to_be_visible()
    assert small_targets(page, 24) == [], "widget page"
    with HostSite() as host:
        host.pages["/partners.html"] = embed_host_page(server.url)
        page.goto(f"{host.url}/partners.html")
        directory = page.locator('.showcase-embed[data-showcase="directory"]')
        expect(directory.locator(".card")).to_have_attribute("data-loaded", "true")
        expect(page.locator('.showcase-embed[data-showcase="cluster"] .card')).to_have_attribute("data-loaded", "true")
        assert small_targets(page, 24, ".showcase-embed") == [], "embed.js"
        directory.locator("input").fill("nedizin")  # a wrong first letter: a correction is offered
        expect(directory.locator(".did-you-mean, .dym").first).to_be_visible()
        assert small_targets(page, 24, ".showcase-embed") == [], "embed.js results"
    context.close()


def test_the_kiosk_works_by_keyboard_with_visible_focus_and_announced_counts(page, server):
    open_kiosk(page, server)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator("#q")).to_be_focused()
    page.keyboard.type("leichtbau")
    # Results come on every key press: read the count once the last word's answer is shown.
    expect(page.locator('.search-view[data-q="leichtbau"] .results .result').first).to_be_visible()
    total = page.locator(".total").inner_text()
    expect(page.locator("#announce")).to_have_text(total)
    assert page.locator("#announce").get_attribute("role") == "status"
    # Tab on to the first result; its focus ring shows; Enter opens it.
    first = page.locator(".results .result").first
    for _ in range(60):
        page.keyboard.press("Tab")
        if first.evaluate("(el) => el === document.activeElement"):
            break
    ring = first.evaluate("(el) => { const s = getComputedStyle(el); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
    assert ring[0] == "solid" and ring[1] >= 2
    slug = first.get_attribute("data-slug")
    page.keyboard.press("Enter")
    expect(page.locator(f'.detail[data-slug="{slug}"]')).to_be_visible()

    page.goto(f"{server.url}/kiosk#/search?q=xqzvwk")
    expect(page.locator("#announce")).to_have_text("Keine Treffer. Versuchen Sie ein anderes Wort.")


def test_stands_on_the_floor_plan_and_the_meeting_dialog_answer_the_keyboard(page, server):
    open_kiosk(page, server, "#/clusters/its-owl")
    page.locator('.floor-plan .stand[data-cluster="m4"]').focus()
    page.keyboard.press("Enter")
    expect(page.locator(".detail-head h1")).to_have_text("m4")
    page.locator('[data-action="meet"]').focus()
    page.keyboard.press("Enter")
    expect(page.locator(".meet-close")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(".meet-panel")).to_have_count(0)


def test_texts_shown_in_the_other_language_carry_its_lang(page, server):
    open_kiosk(page, server, "#/clusters/its-owl")
    marked = page.evaluate("""async () => {
        const { pickLanguage, setLanguage } = await import('/kiosk/static/js/i18n.js');
        setLanguage('en');
        return [pickLanguage({ de: 'Nur deutsch', en: '' }), pickLanguage({ de: 'a', en: 'b' }), pickLanguage('plain')];
    }""")
    assert marked == ["de", "en", "en"]
    expect(page.locator('.lang-switch [data-lang="en"]')).to_have_attribute("lang", "en")


# The part of a 1080 px standing screen below about 120 cm (ADA's 48 in) when its lower edge hangs at
# about 90 cm: the lower 45 %.
LOW_REACH_TOP = 1080 * 0.55
REACHABLE = ("#q, #keyboard-toggle, .nav button, .lang-switch button, .mode-switch button, #keyboard .key, "
             ".detail-bar .back")


def test_display_modes_switch_on_and_reset_on_idle(page, server):
    open_kiosk(page, server, "#/clusters/its-owl", "?idle=3")
    html = page.locator("html")
    size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.locator('[data-mode="large"]').click()
    expect(page.locator('[data-mode="large"]')).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") >= size * 1.25
    page.locator('[data-mode="contrast"]').click()
    expect(html).to_have_class("mode-large mode-contrast")
    # High contrast holds every text to AAA's 7:1, and nothing serious appears.
    enhanced = Axe().run(page, options={"runOnly": ["color-contrast-enhanced"]}).response["violations"]
    assert [node["target"] for violation in enhanced for node in violation["nodes"]] == []
    assert blocking_violations(page) == []

    page.locator('[data-mode="low"]').click()
    page.locator("#q").click()
    expect(page.locator("#keyboard")).to_be_visible()
    tops = page.locator(REACHABLE).evaluate_all("(els) => els.map((el) => [el.className || el.id, el.getBoundingClientRect().top])")
    assert len(tops) > 40
    assert [(name, top) for name, top in tops if top < LOW_REACH_TOP] == []
    assert small_targets(page, 44) == []
    assert blocking_violations(page) == []
    # Idle: back to the attract screen with every mode off.
    expect(page.locator(".attract")).to_be_visible(timeout=8000)
    expect(html).not_to_have_class("mode-low")
    assert page.evaluate("document.documentElement.className") == ""
    assert page.locator('[data-mode][aria-pressed="true"]').count() == 0


OFF_SCREEN = """(els) => els.filter((el) => el.offsetParent !== null).map((el) => [el.dataset.mode || el.dataset.lang ||
    el.id || el.textContent.trim(), el.getBoundingClientRect()]).filter(([, box]) => box.left < 0 || box.top < 0
    || box.right > innerWidth || box.bottom > innerHeight).map(([name]) => name)"""


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("mode", [None, "contrast", "large", "low"])
def test_every_control_of_the_bar_stays_on_screen_in_each_mode(page, server, mode, lang):
    open_kiosk(page, server, "#/search?q=leichtbau", f"?lang={lang}&now=2015-06-30T14:30")
    if mode:
        page.locator(f'[data-mode="{mode}"]').click()
        expect(page.locator(f'[data-mode="{mode}"]')).to_have_attribute("aria-pressed", "true")
    assert page.locator(".topbar button, .topbar input").evaluate_all(OFF_SCREEN) == []
