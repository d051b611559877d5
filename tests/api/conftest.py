"""Fixtures of the write API's tests: API keys and a small directory (defined in tests/editing.py)."""

from tests.editing import directory, keys  # noqa: F401
