"""`flask webhook-worker --once` sends what is due to a real receiver."""

import json

from showcase.services.webhooks import create_subscription
from tests.builders import add
from tests.webhook_receiver import receiver  # noqa: F401


def test_webhook_worker_once_delivers_what_is_due(app, runner, receiver):
    app.config["SHOWCASE_WEBHOOK_ALLOW_INSECURE"] = True
    with app.app_context():
        create_subscription({"url": receiver.url}, "")
        add("clusters", "its-owl")
    result = runner.invoke(args=["webhook-worker", "--once"])
    assert result.exit_code == 0, result.output
    assert "delivered 1 webhook(s)" in result.output
    assert [json.loads(body)["data"]["slug"] for body in receiver.bodies()] == ["its-owl"]
    assert runner.invoke(args=["webhook-worker", "--once"]).output.strip() == "delivered 0 webhook(s)"
