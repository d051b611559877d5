"""The organisations resource."""
