"""Writes to the directory, shared by the API, the CLI and the importer; each runs in one transaction."""
