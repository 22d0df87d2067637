"""Mend: from coping to healing, with your therapist and coach."""

__version__ = "0.1.0"
