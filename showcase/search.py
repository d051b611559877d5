"""Glue between the directory and search_index: documents from models, the outbox, reindexing."""

from flask import Flask


def init_app(app: Flask) -> None:
    app.extensions.setdefault("showcase_after_commit", [])
