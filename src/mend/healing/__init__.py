"""The healing journey (clinical-model §4): stages, readiness for stage 2, pacing.

The pure rules take values and return values, with `now` passed in: `stages`
names the three stages and checks a stage change, `readiness` gives the six
indicators for stage 2, `pacing` the three signals to slow down after a
processing session. `service` loads the client's data for them and records
stages, decisions and sessions; `routes` holds the API and the pages.
"""

from __future__ import annotations
