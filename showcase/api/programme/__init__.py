"""The programme resource."""
