"""Care teams, the client's consent, and the one authorisation policy."""
