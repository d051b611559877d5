"""POST/GET/PATCH/DELETE /webhooks and GET /webhooks/{id}/deliveries: administrators only."""

from flask import request
from flask.views import MethodView
from flask_smorest import abort

from showcase.api.blueprint import Blueprint
from showcase.api.webhooks.schemas import (
    WebhookCreatedSchema,
    WebhookDeliverySchema,
    WebhookInputSchema,
    WebhookPatchSchema,
    WebhookSchema,
)
from showcase.api.writes import write_access
from showcase.services.webhooks import (
    SubscriptionNotFound,
    create_subscription,
    delete_subscription,
    list_subscriptions,
    recent_deliveries,
    subscription_or_raise,
    update_subscription,
)

blp = Blueprint("webhooks", __name__, never_cached=True, url_prefix="/api/v1",
                description="Signed webhooks that send each change of the directory to a site (administrators).")


def found(call, *args):
    try:
        return call(*args)
    except SubscriptionNotFound:
        abort(404, message="No webhook subscription has this id.")


@blp.route("/webhooks")
class Webhooks(MethodView):
    @blp.requires_role("admin")
    @blp.read(WebhookSchema(many=True))
    def get(self):
        """List webhook subscriptions"""
        return list_subscriptions()

    @write_access(blp, "admin")
    @blp.arguments(WebhookInputSchema)
    @blp.response(201, WebhookCreatedSchema)
    def post(self, data):
        """Register a webhook

        Changes after this moment are sent to `url`, signed by the Standard Webhooks scheme with the
        `secret` answered here (and never again).
        """
        return create_subscription(data, request.url_root)


@blp.route("/webhooks/<int:subscription_id>")
class WebhookById(MethodView):
    @blp.requires_role("admin")
    @blp.read(WebhookSchema, errors=(404,))
    def get(self, subscription_id):
        """Get a webhook subscription"""
        return found(subscription_or_raise, subscription_id)

    @write_access(blp, "admin")
    @blp.arguments(WebhookPatchSchema)
    @blp.response(200, WebhookSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def patch(self, data, subscription_id):
        """Change or resume a webhook subscription"""
        return found(update_subscription, subscription_id, data)

    @write_access(blp, "admin")
    @blp.response(204)
    @blp.alt_response(404, response="NOT_FOUND")
    def delete(self, subscription_id):
        """Delete a webhook subscription and its deliveries"""
        found(delete_subscription, subscription_id)


@blp.route("/webhooks/<int:subscription_id>/deliveries")
class WebhookDeliveries(MethodView):
    @blp.requires_role("admin")
    @blp.read(WebhookDeliverySchema(many=True), errors=(404,))
    def get(self, subscription_id):
        """List a subscription's last 50 deliveries, newest first"""
        return found(recent_deliveries, subscription_id)
