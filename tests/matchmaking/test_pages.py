"""The phone page and the kiosk's QR code, without a browser (tests/browser/test_matchmaking.py has one)."""

import io
import re

import segno


def test_the_qr_code_encodes_the_phone_page_of_a_cluster(app, client, directory):
    response = client.get("/kiosk/qr.svg?cluster=its-owl&lang=en")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert response.headers["X-QR-Payload"] == "http://localhost/meet?cluster=its-owl&lang=en"
    # The same drawing segno makes of that URL: the code holds exactly the payload.
    expected = segno.make("http://localhost/meet?cluster=its-owl&lang=en", error="m")
    path = re.search(r'<path[^>]*stroke="#000"[^>]*d="([^"]+)"', response.get_data(as_text=True)).group(1)
    buffer = io.BytesIO()
    expected.save(buffer, kind="svg", border=4, lineclass=None)
    assert path in buffer.getvalue().decode()
    app.config["SHOWCASE_PUBLIC_URL"] = "https://showcase.example/"
    assert client.get("/kiosk/qr.svg?cluster=its-owl").headers["X-QR-Payload"] == \
        "https://showcase.example/meet?cluster=its-owl"


def test_the_qr_code_is_only_for_clusters_of_the_directory(client, directory):
    for query in ("cluster=nowhere", "cluster=", "cluster=ITS-OWL", "cluster=its-owl&lang=fr",
                  "cluster=" + "a" * 81, "cluster=javascript:alert(1)"):
        assert client.get(f"/kiosk/qr.svg?{query}").status_code == 404, query


def test_the_phone_page_runs_no_inline_script_and_sends_no_referrer(client, directory):
    response = client.get("/meet?cluster=its-owl", headers={"Accept-Language": "en"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert '<html lang="en">' in html
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))
    assert not re.search(r"https?://", html.split("<body", 1)[1])
    assert client.get("/meet?lang=de").get_data(as_text=True).count('<html lang="de">') == 1
    assert client.get("/meet/static/meet.js").status_code == 200


def test_the_kiosk_knows_where_phones_reach_the_server(app, client, directory):
    assert 'data-meet-url="http://localhost/meet"' in client.get("/kiosk").get_data(as_text=True)
    app.config["SHOWCASE_PUBLIC_URL"] = "https://showcase.example"
    assert 'data-meet-url="https://showcase.example/meet"' in client.get("/kiosk").get_data(as_text=True)


def test_the_widgets_card_page_links_to_the_phone_page(client, directory):
    html = client.get("/embed/clusters/its-owl?lang=en").get_data(as_text=True)
    assert 'href="/meet?cluster=its-owl&amp;lang=en"' in html
