"""Email: an outbox written in the request's transaction, sent afterwards."""
