"""Shared web parts: the transaction, errors, authentication, layout."""
