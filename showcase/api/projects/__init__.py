"""The projects resource."""
