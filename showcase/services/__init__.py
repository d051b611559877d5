"""Writes to the directory, shared by the API, the CLI and the importer; the caller commits."""
