"""The kiosk in Chromium against gunicorn: search, facets, languages, clusters, programme, idle reset."""

import re
import time

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def open_kiosk(page, server, query="", hash_=""):
    page.goto(f"{server.url}/kiosk{query}{hash_}")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")


def search(page, text):
    page.locator("#q").click()
    page.locator("#q").fill("")
    page.locator("#q").press_sequentially(text, delay=40)


@pytest.mark.parametrize("typed, slug, marked", [
    ("elektromobilitat", "elektromobilitaet-sued-west", "Elektromobilität"),
    ("leichtbua", "mai-carbon", "Leichtbau"),
])
def test_a_misspelt_query_without_umlauts_finds_and_highlights(page, server, typed, slug, marked):
    open_kiosk(page, server)
    search(page, typed)
    first = page.locator(".results .result").first
    expect(first.locator(".snippet mark").first).to_have_text(re.compile(marked, re.I))
    expect(page.locator(f'.results > li:nth-child(-n+3) .result[data-slug="{slug}"]')).to_have_count(1)
    expect(page).to_have_url(re.compile(r"#/search\?q="))
    assert page.locator(".offline-note").count() == 0


def test_suggestions_complete_the_word_being_typed(page, server):
    open_kiosk(page, server)
    search(page, "leichtb")
    suggestion = page.locator("#suggestions .suggestion.term", has_text="Leichtbau").first
    expect(suggestion).to_be_visible()
    suggestion.click()
    expect(page.locator("#q")).to_have_value("Leichtbau")
    expect(page.locator(".results .result").first).to_be_visible()


def test_did_you_mean_is_a_tappable_suggestion(page, server):
    open_kiosk(page, server)
    search(page, "nedizin")  # a wrong first letter is no typo the search forgives, but a correction
    button = page.locator(".did-you-mean button")
    expect(button).to_have_text(re.compile("^medizin$", re.I))
    button.click()
    expect(page.locator("#q")).to_have_value(re.compile("^medizin$", re.I))
    expect(page.locator(".results .result").first).to_be_visible()
    expect(page.locator(".did-you-mean")).to_have_count(0)


def test_a_spelling_variant_is_found_without_a_correction(page, server):
    open_kiosk(page, server)
    search(page, "karbon")  # c/k: Karbon is Carbon
    expect(page.locator('.results .result[data-slug="mai-carbon"]')).to_have_count(1)
    expect(page.locator(".did-you-mean")).to_have_count(0)


def test_tapping_a_facet_filters_the_results(page, server):
    open_kiosk(page, server)
    search(page, "leichtbau")
    expect(page.locator(".results .result").first).to_be_visible()
    total = page.locator(".results .result").count()
    chip = page.locator('.facet-kind .chip[data-value="innovation"]')
    count = int(chip.locator(".count").inner_text())
    chip.tap()
    expect(chip).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".results .result")).to_have_count(count)
    assert count < total
    assert set(page.locator(".results .result").evaluate_all("els => els.map(e => e.dataset.kind)")) == {"innovation"}
    expect(page).to_have_url(re.compile(r"kind=innovation"))

    page.locator('.facet-kind .chip[data-value=""]').tap()
    cluster_chip = page.locator('.facet-cluster .chip[data-value="mai-carbon"]')
    cluster_count = int(cluster_chip.locator(".count").inner_text())
    cluster_chip.tap()
    expect(page.locator(".results .result")).to_have_count(cluster_count)
    expect(page).to_have_url(re.compile(r"cluster=mai-carbon"))


def test_switching_language_translates_labels_and_records(page, server):
    open_kiosk(page, server)
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator(".attract h1")).to_have_text("Entdecken Sie die Spitzencluster")
    page.locator('[data-lang="en"]').tap()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".attract h1")).to_have_text("Discover the leading-edge clusters")
    expect(page.locator("#q")).to_have_attribute("placeholder", re.compile("^Search"))
    expect(page.locator('[data-nav="programme"]').last).to_have_text("Programme")

    page.locator('.cluster-tile[data-slug="elektromobilitaet-sued-west"]').tap()
    expect(page.locator(".detail-head .subtitle")).to_contain_text("Electric")
    expect(page.locator(".stand-hint")).to_have_text("This is where you find the stand")
    page.locator('[data-lang="de"]').tap()
    expect(page.locator(".detail-head .subtitle")).to_contain_text("Elektromobilität")
    expect(page.locator(".stand-hint")).to_have_text("Hier finden Sie den Stand")

    search(page, "elektromobilitat")
    expect(page.locator(".result-title").first).to_have_text("Elektromobilität Süd-West")
    page.locator('[data-lang="en"]').tap()
    expect(page.locator(".result-title").first).to_have_text("Electric Mobility South-West")
    expect(page.locator(".total")).to_contain_text("results")


def test_a_cluster_page_shows_its_stand_on_the_floor_plan(page, server):
    open_kiosk(page, server)
    marker = page.locator('.map .seat[data-slug="its-owl"]')
    expect(marker).to_be_visible()
    marker.locator(".hit").tap()
    expect(page).to_have_url(re.compile(r"#/clusters/its-owl$"))
    expect(page.locator(".detail-head h1")).to_have_text("it's OWL")
    highlighted = page.locator(".floor-plan .stand.highlight")
    expect(highlighted).to_have_count(1)
    expect(highlighted).to_have_attribute("data-stand", "A14")
    expect(highlighted).to_have_attribute("data-cluster", "its-owl")
    expect(page.locator(".stand-number strong")).to_have_text("A14")
    assert page.locator(".floor-plan .stand").count() == 15
    for heading in ("Projekte", "Innovationen", "Partnerorganisationen"):
        expect(page.locator(".panel h2", has_text=heading)).to_be_visible()

    page.locator(".panel .record-link.kind-innovation").first.tap()
    expect(page.locator(".innovation-detail .stand-number strong")).to_have_text("A14")
    # Where the facts come from: the source's site and the year it was published.
    expect(page.locator(".innovation-detail .provenance")).to_have_text(re.compile(r"^Quelle: [a-z0-9.-]+\.[a-z]+, \d{4}$"))
    page.locator(".back").tap()
    expect(page).to_have_url(re.compile(r"#/clusters/its-owl$"))
    page.locator(".panel .record-link.kind-project").first.tap()
    expect(page.locator(".project-detail h1")).not_to_be_empty()
    expect(page.locator(".project-detail .provenance")).to_have_text(re.compile(r"^Quelle: [a-z0-9.-]+\.[a-z]+, \d{4}$"))
    page.locator('[data-lang="en"]').tap()
    expect(page.locator(".project-detail .provenance")).to_have_text(re.compile(r"^Source: "))


def test_seats_lie_in_their_states_on_the_map(page, server):
    open_kiosk(page, server)
    expect(page.locator(".map .seat")).to_have_count(15)
    inside = page.evaluate("""() => {
        const dot = (slug) => document.querySelector(`.seat[data-slug="${slug}"] .dot`).getBBox();
        const state = (code) => document.getElementById(`state-${code}`).getBBox();
        const within = (d, s) => d.x + d.width / 2 > s.x && d.x + d.width / 2 < s.x + s.width
            && d.y + d.height / 2 > s.y && d.y + d.height / 2 < s.y + s.height;
        return { hamburg: within(dot("hamburg-aviation"), state("HH")),
                 owl: within(dot("its-owl"), state("NW")), m4: within(dot("m4"), state("BY")),
                 dresden: within(dot("cool-silicon"), state("SN")) };
    }""")
    assert inside == {"hamburg": True, "owl": True, "m4": True, "dresden": True}


def test_the_programme_shows_today_tomorrow_and_what_is_on_now(page, server):
    open_kiosk(page, server, "?now=2015-06-30T14:30", "#/programme")
    tabs = page.locator(".day-tab")
    expect(tabs).to_have_count(2)
    expect(tabs.nth(0)).to_have_text(re.compile(r"^Heute · Dienstag, 30\. Juni"))
    expect(tabs.nth(1)).to_have_text(re.compile(r"^Morgen · Mittwoch, 1\. Juli"))
    expect(tabs.nth(0)).to_have_attribute("aria-selected", "true")
    on_now = page.locator(".session.on-now")
    expect(on_now).to_have_count(3)
    assert all(slug.startswith("day1-forum") for slug in on_now.evaluate_all("els => els.map(e => e.dataset.slug)"))
    expect(page.locator(".session.up-next")).to_have_attribute("data-slug", "day1-matchmaking")
    expect(page.locator('.session[data-slug="day1-opening"]')).to_have_class(re.compile(r"\bover\b"))
    # The announcement gave no clock times: every time shown says it is provisional.
    expect(page.locator('.session[data-slug="day1-opening"] .provisional')).to_have_text("Zeit vorläufig")
    expect(page.locator(".provisional-note")).to_be_visible()

    tabs.nth(1).tap()
    expect(tabs.nth(1)).to_have_attribute("aria-selected", "true")
    expect(page.locator('.session[data-slug="day2-forum-cluster-management"]')).to_be_visible()
    expect(page.locator(".session.on-now")).to_have_count(0)

    page.locator('[data-nav="home"]').last.tap()
    expect(page.locator(".now-card h2")).to_have_text("Jetzt im Programm")
    expect(page.locator(".now-card .now-item")).to_have_count(3)


def test_the_idle_timeout_returns_to_the_attract_screen_and_clears_the_search(page, server):
    open_kiosk(page, server, "?idle=2")
    assert page.locator("body").get_attribute("data-idle-seconds") == "2"
    search(page, "leichtbau")
    expect(page.locator(".results .result").first).to_be_visible()
    page.locator('[data-lang="en"]').tap()
    expect(page.locator(".total")).to_contain_text("results")
    started = time.monotonic()
    expect(page.locator(".attract")).to_be_visible(timeout=6000)
    assert time.monotonic() - started > 1.0
    expect(page.locator("#q")).to_have_value("")
    expect(page.locator("#keyboard")).to_be_hidden()
    expect(page.locator("#suggestions")).to_be_hidden()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    assert page.evaluate("location.hash") in ("", "#/")


SMALL_TARGETS = """() => [...document.querySelectorAll('button, [role=button], input')]
    .filter((el) => el.getClientRects().length && !el.closest('.floor-plan'))
    .map((el) => { const r = el.getBoundingClientRect(); return [el.className || el.id, r.width, r.height]; })
    .filter(([, w, h]) => w < 48 || h < 48)"""


def test_the_screen_is_made_for_touch(page, server):
    open_kiosk(page, server)
    assert page.evaluate(SMALL_TARGETS) == []
    for hash_ in ("#/search?q=leichtbau", "#/clusters/mai-carbon", "#/programme"):
        open_kiosk(page, server, "", hash_)
        page.locator(".result, .floor-plan, .session").first.wait_for()
        assert page.evaluate(SMALL_TARGETS) == [], hash_
    open_kiosk(page, server)
    page.locator("#q").tap()
    expect(page.locator("#keyboard")).to_be_visible()
    for letter in "bioökonomie":
        page.locator(f'#keyboard .key[data-key="{letter}"]').tap()
    expect(page.locator("#q")).to_have_value("bioökonomie")
    expect(page.locator('.results > li:nth-child(-n+3) .result[data-slug="bioeconomy"]')).to_have_count(1)
    styles = page.evaluate("""() => ({ select: getComputedStyle(document.body).userSelect,
        menu: (() => { const e = new MouseEvent('contextmenu', {bubbles: true, cancelable: true});
                        document.querySelector('main').dispatchEvent(e); return e.defaultPrevented; })() })""")
    assert styles == {"select": "none", "menu": True}


def test_search_snippets_keep_only_text_and_marks(page, server):
    open_kiosk(page, server)
    kept = page.evaluate("""async () => {
        const { snippetFragment } = await import('/kiosk/static/js/dom.js');
        const box = document.createElement('div');
        box.append(snippetFragment('a &lt;b&gt; <mark>Leicht<i>bau</i></mark><img src=x onerror="window.hacked=1">'
            + '<script>window.hacked=2</script> z'));
        await new Promise((resolve) => setTimeout(resolve, 200));
        return [box.innerHTML, window.hacked ?? null];
    }""")
    assert kept == ["a &lt;b&gt; <mark>Leichtbau</mark>window.hacked=2 z", None]


def test_offline_matching_folds_umlauts_and_forgives_typos(page, server):
    open_kiosk(page, server)
    found = page.evaluate("""async () => {
        const { fold, wordScore } = await import('/kiosk/static/js/local-search.js');
        return [fold('Elektromobilität'), fold('Elektromobilitaet'), fold('Straße'), fold('Biooekonomie'),
                wordScore(fold('leichtbua'), fold('Leichtbau'), true) > 0,
                wordScore(fold('leichtbau'), fold('Faserverbundleichtbau'), true) > 0,
                wordScore(fold('medizin'), fold('Mechanik'), true), fold('Bioökonomie') === fold('Biooekonomie')];
    }""")
    assert found == ["elektromobilitat", "elektromobilitat", "strasse", "biookonomie", True, True, 0, True]


def test_every_hit_shows_its_stand_and_the_stand_view_groups_them(page, server):
    open_kiosk(page, server, "?lang=de")
    search(page, "leichtbau")
    carbon = page.locator('.results .result[data-slug="mai-carbon"]')
    expect(carbon.locator(".result-place")).to_have_text(re.compile(r"^Stand [A-Z]\d{2}$"))
    project = page.locator('.results .result[data-kind="project"]').first
    expect(project.locator(".result-place")).to_have_text(re.compile(r"^Stand [A-Z]\d{2} · \S"))
    page.locator(".group-toggle").tap()
    expect(page).to_have_url(re.compile(r"group=stand"))
    head = page.locator(".stand-group-head").first
    expect(head).to_have_text(re.compile(r"^\d+ Treffer an Stand [A-Z]\d{2} · \S"))
    group = page.locator(".stand-group").first
    assert group.locator(".result").count() <= 3
