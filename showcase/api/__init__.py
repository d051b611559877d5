"""The REST API under /api/v1: one package per resource, each a flask-smorest Blueprint."""
