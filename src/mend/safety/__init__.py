"""Safety: risk signals and crisis resources (clinical-model §5)."""
