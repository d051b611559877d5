"""The WSGI entry point gunicorn serves."""

from showcase import create_app

app = create_app()
