"""What visitors search for: counting searches and opened hits, and the editors' figures."""
