"""Organisations, people, roles, sign-in sessions, MFA and API tokens."""
