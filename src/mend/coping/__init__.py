"""Coping strategies: the catalog, the jar, coping moments, urge surfing and what works."""
