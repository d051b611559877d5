"""The clusters resource."""
