"""Plain words for the measures pages (labels only: clinical wording lives in
the instrument files)."""

from __future__ import annotations

LICENCE_WORDS = {
    "public-domain": "Public domain",
    "free-with-attribution": "Free to use, with the citation shown",
    "permission-unverified": "Your organisation must confirm it has permission",
    "non-commercial": "Non-commercial use only, or with the owner's permission",
    "not-shipped": "Brought in under your organisation's own licence",
}

# What an optional algorithm's result means. They are screens, not diagnoses.
ALGORITHM_WORDS = {
    ("depressive_syndrome", "major_depressive_syndrome"): (
        "Meets the PHQ-9 algorithm for major depressive syndrome (a screen, not a diagnosis)"
    ),
    ("depressive_syndrome", "other_depressive_syndrome"): (
        "Meets the PHQ-9 algorithm for other depressive syndrome (a screen, not a diagnosis)"
    ),
    ("depressive_syndrome", "none"): "Does not meet the PHQ-9 depressive syndrome algorithm",
    ("provisional_ptsd", "positive"): (
        "Meets the PCL-5 provisional DSM-5 PTSD rule (a screen, not a diagnosis)"
    ),
    ("provisional_ptsd", "negative"): "Does not meet the PCL-5 provisional DSM-5 PTSD rule",
}

CHANGE_WORDS = {
    "improved": "Reliable improvement",
    "deteriorated": "Reliable deterioration",
    "no_reliable_change": "No reliable change",
}

# NHS Talking Therapies paired outcome headlines.
OUTCOME_WORDS = {
    "reliable_recovery": "Reliable recovery",
    "reliable_improvement": "Reliable improvement",
    "recovered": "Recovery (without reliable improvement)",
    "reliable_deterioration": "Reliable deterioration",
    "no_reliable_change": "No reliable change",
}
