"""Webhooks: administrators register sites that are sent each change of the directory, signed."""
