"""The stands resource."""
