"""Notes and diagnoses: the therapist's clinical and psychotherapy notes, the
coach's support notes, and diagnoses (clinical-model §6)."""
