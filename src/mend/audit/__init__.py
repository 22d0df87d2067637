"""Append-only, hash-chained record of who did what to whose data."""
