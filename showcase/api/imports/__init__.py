"""Bulk import of bundles and CSV files by editors."""
