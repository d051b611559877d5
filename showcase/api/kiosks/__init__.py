"""The kiosks resource, their tokens, and walking routes on the floor plan."""
