"""The change feed: what changed since a cursor, for sites and apps that follow the directory."""
