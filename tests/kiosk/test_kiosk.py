"""GET /kiosk, its service worker and its static files, through the Flask test client."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from showcase.kiosk.routes import shell_files

KIOSK = Path(__file__).resolve().parents[2] / "showcase" / "kiosk"
STATIC = KIOSK / "static"


class Page(HTMLParser):
    """The tags of a page that load something, and any inline script or handler."""

    def __init__(self):
        super().__init__()
        self.scripts, self.styles, self.inline_scripts, self.handlers, self.body = [], [], [], [], {}
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.handlers += [name for name in attrs if name.startswith("on")]
        if tag == "script":
            self._in_script = True
            if attrs.get("src"):
                self.scripts.append(attrs)
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon"):
            self.styles.append(attrs["href"])
        if tag == "body":
            self.body = attrs

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts.append(data)


def parse(response) -> Page:
    page = Page()
    page.feed(response.get_data(as_text=True))
    return page


def test_the_kiosk_is_one_html_page(client):
    response = client.get("/kiosk")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.headers["Cache-Control"] == "no-cache"
    page = parse(response)
    assert [script["src"] for script in page.scripts] == ["/kiosk/static/js/app.js"]
    assert page.scripts[0]["type"] == "module"


def test_the_page_needs_no_inline_script_under_the_content_security_policy(client):
    response = client.get("/kiosk")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self';" in policy
    page = parse(response)
    assert page.inline_scripts == [] and page.handlers == []


def test_the_page_starts_in_the_configured_language_and_timeout(app, client):
    body = parse(client.get("/kiosk")).body
    assert body["data-default-language"] == "de"
    assert body["data-idle-seconds"] == "90"
    app.config.update(SHOWCASE_DEFAULT_LANGUAGE="en", SHOWCASE_KIOSK_IDLE_SECONDS=20)
    response = client.get("/kiosk")
    body = parse(response).body
    assert body["data-default-language"] == "en" and body["data-idle-seconds"] == "20"
    assert '<html lang="en">' in response.get_data(as_text=True)


def test_the_idle_timeout_comes_from_the_environment(monkeypatch, tmp_path):
    from showcase.config import load_config

    assert load_config(str(tmp_path))["SHOWCASE_KIOSK_IDLE_SECONDS"] == 90
    monkeypatch.setenv("SHOWCASE_KIOSK_IDLE_SECONDS", "45")
    assert load_config(str(tmp_path))["SHOWCASE_KIOSK_IDLE_SECONDS"] == 45


def test_every_file_the_page_loads_is_served(client):
    page = parse(client.get("/kiosk"))
    for url in [script["src"] for script in page.scripts] + page.styles:
        response = client.get(url)
        assert response.status_code == 200, url
        response.close()


def test_every_module_import_resolves():
    for module in (STATIC / "js").glob("*.js"):
        for target in re.findall(r'^import .* from "(\./[^"]+)";', module.read_text(encoding="utf-8"), re.M):
            assert (module.parent / target).is_file(), f"{module.name} imports {target}"


def test_nothing_is_fetched_from_another_server():
    """No CDN, no web font, no remote image: every URL in the kiosk's files is this server's."""
    allowed = {"http://www.w3.org/2000/svg", "https://HOST/embed.js", "https://HOST/embed/clusters/its-owl?lang=en"}
    for path in list(STATIC.rglob("*")) + list((KIOSK / "templates").rglob("*")):
        if path.is_file() and path.suffix in (".js", ".css", ".html", ".svg"):
            for url in re.findall(r"https?://[^\s\"'<>)]+", path.read_text(encoding="utf-8")):
                assert url in allowed, f"{path.name} refers to {url}"


def test_the_service_worker_controls_the_kiosk_page(client):
    response = client.get("/kiosk/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Service-Worker-Allowed"] == "/kiosk"
    assert response.headers["Cache-Control"] == "no-cache"
    text = response.get_data(as_text=True)
    assert 'const SNAPSHOT = "/api/v1/snapshot";' in text


def test_the_service_worker_keeps_every_file_of_the_shell(client):
    text = client.get("/kiosk/sw.js").get_data(as_text=True)
    shell = eval(re.search(r"const SHELL = (\[.*?\]);", text).group(1))  # a JSON list of strings
    assert shell[0] == "/kiosk"
    assert {"/kiosk/static/js/app.js", "/kiosk/static/css/kiosk.css", "/kiosk/static/germany.svg"} <= set(shell)
    modules = {f"/kiosk/static/js/{path.name}" for path in (STATIC / "js").glob("*.js")}
    assert modules <= set(shell)
    for url in shell:
        response = client.get(url)
        assert response.status_code == 200, url
        response.close()
    assert not any(name.startswith("embed/") for name in shell_files())


def test_the_service_worker_changes_when_the_kiosk_does(client):
    text = client.get("/kiosk/sw.js").get_data(as_text=True)
    version = re.search(r'const VERSION = "([0-9a-f]{12})";', text).group(1)
    page = client.get("/kiosk").get_data(as_text=True)
    assert f'data-version="{version}"' in page


def label_keys(source: str, lang: str) -> set[str]:
    block = re.search(rf"\n  {lang}: \{{\n(.*?)\n  \}},?\n", source, re.S).group(1)
    return set(re.findall(r'^    "([^"]+)":', block, re.M))


def test_every_label_is_translated():
    source = (STATIC / "js" / "i18n.js").read_text(encoding="utf-8")
    german, english = label_keys(source, "de"), label_keys(source, "en")
    assert german == english
    used = set()
    for module in (STATIC / "js").glob("*.js"):
        text = module.read_text(encoding="utf-8")
        used |= set(re.findall(r'\bt\("([^"$]+)"', text))
    template = (KIOSK / "templates" / "kiosk" / "index.html").read_text(encoding="utf-8")
    used |= set(re.findall(r'data-i18n(?:-placeholder|-label)?="([^"]+)"', template))
    assert used - german == set()


@pytest.mark.parametrize("prefix, values", [
    ("kind", ("cluster", "project", "innovation", "organisation", "session")),
    ("kinds", ("cluster", "project", "innovation", "organisation", "session")),
    ("ikind", ("product", "prototype", "service", "method", "platform")),
    ("maturity", ("research", "prototype", "pilot", "market")),
    ("otype", ("company", "sme", "university", "research_institute", "public_body", "association")),
    ("session", ("registration", "opening", "keynote", "panel", "forum", "matchmaking", "break", "get_together",
                 "exhibition", "closing")),
])
def test_every_value_the_api_sends_has_a_label(prefix, values):
    from showcase.models import INNOVATION_KINDS, MATURITY_LEVELS, ORGANISATION_TYPES, SESSION_KINDS

    known = {"ikind": INNOVATION_KINDS, "maturity": MATURITY_LEVELS, "otype": ORGANISATION_TYPES,
             "session": SESSION_KINDS}
    assert set(known.get(prefix, values)) == set(values)
    source = (STATIC / "js" / "i18n.js").read_text(encoding="utf-8")
    for lang in ("de", "en"):
        assert {f"{prefix}.{value}" for value in values} <= label_keys(source, lang)


def test_the_stylesheet_keeps_touch_targets_large_and_text_unselectable():
    css = (STATIC / "css" / "kiosk.css").read_text(encoding="utf-8")
    assert "user-select: none" in css and "-webkit-touch-callout: none" in css
    assert re.search(r"button \{[^}]*min-height: 48px;[^}]*min-width: 48px;", css, re.S)
    assert ":hover" not in css, "no control may depend on hover"
