"""The whole public directory in one cacheable document, for kiosks that must ride out outages."""
