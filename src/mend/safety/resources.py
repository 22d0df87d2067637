"""Crisis resources shown the moment a risk signal appears (clinical-model §5).

Pure data. The numbers are the defaults of the clinical model, copied exactly;
an organisation's own list (country, wording) comes with the safety feature.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

SOURCE = "Mend clinical model §5 (shared/reference/clinical-model.md)"
VERIFIED = date(2026, 11, 21)


@dataclass(frozen=True, kw_only=True)
class CrisisResource:
    region: str
    name: str
    contact: str
    how: str
    tel: str  # what a phone dials: digits only
    source: str = SOURCE
    verified: date = VERIFIED


DEFAULT_RESOURCES: tuple[CrisisResource, ...] = (
    CrisisResource(
        region="United States and Canada",
        name="988 Suicide & Crisis Lifeline",
        contact="988",
        how="Call or text",
        tel="988",
    ),
    CrisisResource(
        region="United Kingdom and Ireland",
        name="Samaritans",
        contact="116 123",
        how="Call",
        tel="116123",
    ),
    CrisisResource(region="France", name="3114", contact="3114", how="Call", tel="3114"),
    CrisisResource(region="Spain", name="024", contact="024", how="Call", tel="024"),
    CrisisResource(
        region="Germany",
        name="TelefonSeelsorge",
        contact="0800 111 0 111",
        how="Call",
        tel="08001110111",
    ),
    CrisisResource(
        region="Australia", name="Lifeline", contact="13 11 14", how="Call", tel="131114"
    ),
)

EMERGENCY_NUMBERS = "911 / 999 / 112 / 000"
# The local emergency number, as one more line for lists that show each resource.
EMERGENCY = CrisisResource(
    region="Everywhere",
    name="Emergency services",
    contact=EMERGENCY_NUMBERS,
    how="Call the number for where you are",
    tel="112",  # reaches emergency services from a mobile phone in most countries
)
