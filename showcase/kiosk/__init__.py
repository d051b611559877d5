"""The exhibition hall's touch kiosk (GET /kiosk), the widget other sites embed (GET /embed.js) and the
phone page for matchmaking (GET /meet).

They are plain HTML, CSS and JavaScript modules served from this package: no build step, nothing
fetched from another server. They read only the public API, like any other client; on the server
side they use the models, schemas and services, never `showcase.api`.
"""

from flask import Flask

from showcase.kiosk import meet, routes, visit


def init_app(app: Flask) -> None:
    app.register_blueprint(routes.bp)
    app.register_blueprint(meet.bp)
    app.register_blueprint(visit.bp)
