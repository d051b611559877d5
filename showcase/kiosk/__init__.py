"""The exhibition hall's touch kiosk (GET /kiosk) and the widget other sites embed (GET /embed.js).

Both are plain HTML, CSS and JavaScript modules served from this package: no build step, nothing
fetched from another server. They read only the public API, like any other client.
"""

from showcase.kiosk.routes import bp

__all__ = ["bp"]
