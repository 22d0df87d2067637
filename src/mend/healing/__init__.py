"""The healing journey (clinical-model §4): stages, readiness for stage 2, pacing,
growth beside symptoms, and the insights the therapist sees where they matter (§3).

The pure rules take values and return values, with `now` passed in: `stages`
names the three stages and checks a stage change, `readiness` gives the six
indicators for stage 2, `pacing` the three signals to slow down after a
processing session, `growth` first / latest / change of symptoms and growth
and the sentences beside them, `insights` the one-sided-grief and
goodness-of-fit findings. `service` loads the client's data for them and
records stages, decisions and sessions; `routes` holds the journey's API and
pages; `healing_view` loads the one healing view per client and
`view_routes` serves it.
"""

from __future__ import annotations
