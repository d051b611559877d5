"""Full-text search and as-you-type suggestions across the directory."""
