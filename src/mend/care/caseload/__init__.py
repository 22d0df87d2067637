"""The practitioner's caseload: who needs attention, what is due, what moved."""
