"""Client-directed goals: the client's own, or proposed and accepted (clinical-model §6)."""
