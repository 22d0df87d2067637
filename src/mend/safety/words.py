"""Plain words for each kind of risk signal, as the therapist sees them."""

from __future__ import annotations

SIGNAL_WORDS = {
    "imminent_strategy": "a strategy that can end a life was added to the jar",
    "imminent_urge": "an urge to self-harm at 8/10 or more",
    "phq9_risk_item": "PHQ-9 item 9 (thoughts of being better off dead or of self-harm)",
    "core10_risk_item": "CORE-10 item 6 (made plans to end my life)",
    "pacing": "a sign to slow down after a processing session (distress, harmful coping or PCL-5)",
}
