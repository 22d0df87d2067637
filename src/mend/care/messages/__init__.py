"""Secure messages between a client and each team member, and the consultation
thread between the client's therapist and coach (clinical-model §6)."""
