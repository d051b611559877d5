"""The audit log of every write, for administrators."""
