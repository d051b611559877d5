"""The innovations resource."""
