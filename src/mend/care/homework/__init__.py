"""Homework a coach or therapist sets between appointments (clinical-model §6)."""
