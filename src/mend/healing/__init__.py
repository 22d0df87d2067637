"""The healing journey (clinical-model §4): stages, readiness for stage 2, pacing.

Pure rules only so far; each module takes values and returns values, with
`now` passed in. `stages` names the three stages and checks a stage change,
`readiness` gives the six indicators for stage 2, `pacing` the three signals
to slow down after a processing session.
"""

from __future__ import annotations
