"""Each kiosk its own rate budget through its X-Kiosk-Token: kiosks behind one address never throttle each other."""

import pytest

from showcase.models import Kiosk
from showcase.extensions import db
from showcase.services.kiosk_tokens import issue_token, revoke_tokens
from tests.builders import add


@pytest.fixture
def app_config(app_config):
    app_config.update({
        "SHOWCASE_RATELIMIT_ENABLED": True,
        "SHOWCASE_RATELIMIT_STORAGE_URL": "memory://",
        "SHOWCASE_RATELIMIT_READ": "2 per minute",
        "SHOWCASE_RATELIMIT_SEARCH": "2 per minute",
        "SHOWCASE_RATELIMIT_KIOSK_READ": "4 per minute",
        "SHOWCASE_RATELIMIT_KIOSK_SEARCH": "4 per minute",
    })
    return app_config


@pytest.fixture
def tokens(app_context):
    add("clusters", "its-owl")
    add("kiosks", "eingang")
    add("kiosks", "mittelgang", x=30.0, y=9.0)
    return {kiosk_id: issue_token(db.session.get(Kiosk, kiosk_id)).token for kiosk_id in ("eingang", "mittelgang")}


def searches(client, token: str | None, count: int) -> list[int]:
    headers = {"X-Kiosk-Token": token} if token else {}
    return [client.get("/api/v1/search?q=owl", headers=headers).status_code for _ in range(count)]


def test_two_kiosks_at_one_address_search_on_budgets_of_their_own(client, tokens):
    # Interleaved, as two kiosks typing at once: each gets its whole budget, more than the address's.
    assert [status for pair in zip(searches(client, tokens["eingang"], 4), searches(client, tokens["mittelgang"], 4))
            for status in pair] == [200] * 8
    assert searches(client, tokens["eingang"], 1) == [429]
    assert searches(client, tokens["mittelgang"], 1) == [429]
    # The address's own budget is untouched by the kiosks.
    assert searches(client, None, 2) == [200, 200]
    assert searches(client, None, 1) == [429]


def test_a_kiosk_over_its_budget_is_told_so(client, tokens):
    searches(client, tokens["eingang"], 4)
    response = client.get("/api/v1/suggest?q=ow", headers={"X-Kiosk-Token": tokens["eingang"]})
    assert response.status_code == 429 and response.content_type == "application/problem+json"
    assert response.get_json()["detail"].startswith("Too many searches from this kiosk: at most 4 per minute.")
    assert response.headers["X-RateLimit-Limit"] == "4"


def test_kiosk_reads_have_a_budget_of_their_own_too(client, tokens):
    headers = {"X-Kiosk-Token": tokens["mittelgang"]}
    assert [client.get("/api/v1/kiosks", headers=headers).status_code for _ in range(5)] == [200] * 4 + [429]
    assert client.get("/api/v1/kiosks").status_code == 200


@pytest.mark.parametrize("token", ["kt_" + "x" * 43, "not-a-token", "sc_" + "y" * 43])
def test_an_unknown_token_spends_the_address_budget_and_reads_stay_public(client, tokens, token):
    assert searches(client, token, 2) == [200, 200]
    assert searches(client, token, 1) == [429]
    assert searches(client, None, 1) == [429]
    assert searches(client, tokens["eingang"], 1) == [200]


def test_a_revoked_token_falls_back_to_the_address_budget(client, tokens):
    revoke_tokens(db.session.get(Kiosk, "eingang"))
    assert searches(client, tokens["eingang"], 3) == [200, 200, 429]
    assert searches(client, tokens["mittelgang"], 1) == [200]
