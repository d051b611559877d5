"""The WSGI entry point gunicorn serves."""

import gc

from showcase import create_app

app = create_app()
# What the app set up at start lives as long as the worker: keep it out of every garbage collection.
gc.freeze()
