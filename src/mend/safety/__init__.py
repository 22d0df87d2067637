"""Safety: risk signals and crisis resources (clinical-model §5)."""

from mend.safety.screening import Evidence, Level, Screening, screen

__all__ = ["Evidence", "Level", "Screening", "screen"]
