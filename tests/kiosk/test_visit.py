"""The shortlist's phone page (GET /visit) and the kiosk's QR code of it (GET /kiosk/visit-qr.svg)."""

import pytest


def test_the_phone_page_follows_the_phones_language_and_stores_nothing(client):
    response = client.get("/visit", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert response.status_code == 200
    assert '<html lang="en">' in response.get_data(as_text=True)
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-cache"
    assert '<html lang="de">' in client.get("/visit?lang=de").get_data(as_text=True)
    assert client.get("/visit/static/visit.js").status_code == 200


def test_the_code_carries_the_list_in_the_fragment(app, client):
    items = "project:mai-recycling,session:day1-forum-digitalisation,cluster:its-owl,innovation:multishuttle-move"
    response = client.get("/kiosk/visit-qr.svg", query_string={"items": items})
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.headers["X-QR-Payload"] == f"http://localhost/visit#items={items}"
    app.config["SHOWCASE_PUBLIC_URL"] = "https://showcase.example.org/"
    payload = client.get("/kiosk/visit-qr.svg", query_string={"items": "cluster:m4"}).headers["X-QR-Payload"]
    assert payload == "https://showcase.example.org/visit#items=cluster:m4"


@pytest.mark.parametrize("items", ["", ",", "organisation:fraunhofer", "project:", "project:Bad_Slug",
                                   "project:a:b", ",".join(["cluster:m4"] * 21)])
def test_a_malformed_list_gets_no_code(client, items):
    assert client.get("/kiosk/visit-qr.svg", query_string={"items": items}).status_code == 404


def test_a_full_list_of_twenty_gets_a_code(client):
    items = ",".join(f"session:day1-forum-number-{n:02d}" for n in range(20))
    response = client.get("/kiosk/visit-qr.svg", query_string={"items": items})
    assert response.status_code == 200
    assert response.headers["X-QR-Payload"].endswith(f"#items={items}")
