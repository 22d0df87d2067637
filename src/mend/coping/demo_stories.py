"""Coping histories for the demo practice: real stories, told through the jar.

- alice heals: two harmful ways of coping give way, over months, to helpful
  ones she adds; reduction goals follow once a replacement is in her jar, and
  her urge-surfing sessions show urges peaking and passing.
- bob is where he is: steady, mostly avoidant coping and small relief. It is
  data, not a verdict.
- grace grieves: loss- and restoration-oriented moments take turns week by
  week, then the last two weeks (an anniversary) sit all on the loss side, so
  the clinician's gentle dual-process prompt shows.
- sam and priya keep light, ordinary histories.

Everything goes through the coping services with the clock set to when the
client would have pressed "save", so the rows are what the app itself would
store: idempotency keys, strategy snapshots, risk signals and the population
totals behind priors. The same seed and `now` always tell the same stories.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.coping import analytics
from mend.coping import service as coping
from mend.coping.catalog import Strategy, load_default, parse_strategy

# The settings' defaults; the demo runs with them.
SKEW = timedelta(minutes=5)
IMMINENT_URGE_LEVEL = 8
PASSED_LEVEL = 4

Action = Callable[[], object]


def tell_stories(
    db: Session, *, clients: dict[str, Membership], now: datetime, rng: random.Random
) -> dict[str, int]:
    """Give each named demo client their coping history, ending at `now`.

    Clients missing from `clients` are skipped. Returns moments logged per name.
    """
    tellers: list[tuple[str, int, Callable[[_Story], None]]] = [
        ("alice", 170, _healing),
        ("bob", 160, _stuck),
        ("grace", 150, _grieving),
        ("sam", 120, _sam),
        ("priya", 120, _priya),
    ]
    told: dict[str, int] = {}
    for name, days, tell in tellers:
        # Its own generator, so one client's story never shifts another's.
        story_rng = random.Random(rng.getrandbits(64))  # noqa: S311 - demo data, not secrets
        client = clients.get(name)
        if client is None:
            continue
        story = _Story(db=db, client=client, rng=story_rng, now=now, days=days)
        tell(story)
        told[name] = story.run()
    return told


# ---------------------------------------------------------------- the storyteller


@dataclass
class _Story:
    """Plans one client's history (all random draws happen here, in order), then
    replays it through the services oldest first, as the app would have seen it."""

    db: Session
    client: Membership
    rng: random.Random
    now: datetime
    days: int
    plan: list[tuple[datetime, int, Action]] = field(default_factory=list)
    added: dict[str, datetime] = field(default_factory=dict)  # jar ref -> when added
    strategies: dict[str, Strategy] = field(default_factory=dict)
    entries: dict[str, coping.JarEntry] = field(default_factory=dict)
    moments: int = 0
    owed: dict[str, float] = field(default_factory=dict)  # see share_out

    @property
    def start(self) -> datetime:
        midnight = self.now.replace(hour=0, minute=0, second=0, microsecond=0)
        return midnight - timedelta(days=self.days)

    def at(self, day: float, hour: int, minute: int | None = None) -> datetime:
        minute = self.rng.randint(0, 59) if minute is None else minute
        return self.start + timedelta(days=day, hours=hour, minutes=minute)

    def progress(self, when: datetime) -> float:
        return min(1.0, max(0.0, (when - self.start) / (self.now - self.start)))

    def key(self) -> str:
        return f"demo-{self.rng.getrandbits(96):024x}"

    def _do(self, when: datetime, action: Action) -> None:
        if when <= self.now:
            self.plan.append((when, len(self.plan), action))

    def run(self) -> int:
        for _, _, action in sorted(self.plan, key=lambda step: (step[0], step[1])):
            action()
        return self.moments

    # -- the jar

    def add(
        self, ref: str, day: float, *, stage: str | None = None, own: Strategy | None = None
    ) -> None:
        """Put a catalog strategy (or, with `own`, one in the client's words) in the jar."""
        when = self.at(day, self.rng.randint(9, 21))
        if when > self.now:
            return
        self.added[ref] = when
        self.strategies[ref] = own or _CATALOG[ref]

        def act() -> None:
            if own is None:
                result = coping.add_to_jar(
                    self.db,
                    client=self.client,
                    strategy_ref=ref,
                    stage_of_change=stage,
                    by=self.client.id,
                    now=when,
                )
            else:
                result = coping.add_personal(
                    self.db, client=self.client, strategy=own, stage_of_change=stage, now=when
                )
            self.entries[ref] = result.entry

        self._do(when, act)

    def stage(self, ref: str, day: float, stage: str) -> None:
        when = self.at(day, self.rng.randint(10, 20))
        self._do(
            when,
            lambda: coping.set_stage(
                self.db, entry=self.entries[ref], stage=stage, by=self.client.id, now=when
            ),
        )

    def goal(self, ref: str, day: float) -> None:
        when = self.at(day, self.rng.randint(10, 20))

        def act() -> None:
            decision = coping.set_reduction_goal(
                self.db, client=self.client, entry=self.entries[ref], by=self.client.id, now=when
            )
            if not decision.allowed:  # the story is wrong, not the rule: replace before reduce
                raise ValueError(f"demo reduction goal for {ref} refused: {decision.reason}")

        self._do(when, act)

    def preferences(self, day: float, *, tags: Sequence[str]) -> None:
        when = self.at(day, self.rng.randint(10, 20))
        self._do(
            when,
            lambda: coping.save_preferences(
                self.db,
                client_id=self.client.id,
                urge_passed_level=PASSED_LEVEL,
                tags=tags,
                now=when,
            ),
        )

    def in_jar(self, when: datetime, helpfulness: str) -> list[str]:
        return [
            ref
            for ref, added in self.added.items()
            if added < when and self.strategies[ref].helpfulness == helpfulness
        ]

    # -- moments and urges

    def moment(
        self,
        when: datetime,
        *,
        refs: Sequence[str] = (),
        before: int,
        after: int | None,
        category: str,
        stressor: str | None = None,
        appraisal: str | None = None,
        control: str | None = None,
        urge: int | None = None,
        urge_target: str | None = None,
        loss: str | None = None,
        note: str | None = None,
    ) -> None:
        """Log a moment, saved a little after it happened (never after `now`)."""
        if when > self.now - timedelta(minutes=2):
            return
        logged = min(when + timedelta(minutes=self.rng.randint(2, 90)), self.now)
        key = self.key()

        def act() -> None:
            data = coping.MomentData(
                occurred_at=when,
                distress_before=before,
                distress_after=after,
                strategy_ids=tuple(self.entries[r].item.id for r in refs),
                stressor=stressor,
                stressor_category=category,
                appraisal=appraisal,
                controllability=control,
                urge=urge,
                urge_target_id=self.entries[urge_target].item.id if urge_target else None,
                loss_orientation=loss,
                note=note,
            )
            limits = coping.MomentLimits(
                now=logged, skew=SKEW, imminent_urge_level=IMMINENT_URGE_LEVEL
            )
            coping.log_moment(self.db, client=self.client, key=key, data=data, limits=limits)
            self.moments += 1

        self._do(logged, act)

    def surf(self, when: datetime, samples: Sequence[tuple[int, int]], target: str) -> None:
        """One urge-surfing session, rated each minute and ended on the last rating."""
        ended = when + timedelta(minutes=samples[-1][0])
        key = self.key()

        def act() -> None:
            coping.save_urge_session(
                self.db,
                client=self.client,
                key=key,
                data=coping.UrgeData(
                    started_at=when,
                    samples=tuple(samples),
                    target_id=self.entries[target].item.id,
                    ended=True,
                ),
                passed_level=coping.passed_level(
                    self.db, client_id=self.client.id, default=PASSED_LEVEL
                ),
                limits=coping.MomentLimits(
                    now=ended, skew=SKEW, imminent_urge_level=IMMINENT_URGE_LEVEL
                ),
            )

        self._do(ended, act)

    # -- small choices

    def count(self, mean: float) -> int:
        """How many moments on one day: 0 to 3, averaging `mean` (at most 3)."""
        return sum(self.rng.random() < mean / 3 for _ in range(3))

    def score(self, mean: float, sd: float, low: int = 0, high: int = 10) -> int:
        return min(high, max(low, round(self.rng.gauss(mean, sd))))

    def pick(self, weights: Mapping[str, float]) -> str:
        names = list(weights)
        return self.rng.choices(names, weights=[weights[n] for n in names])[0]

    def share_out(self, weights: Mapping[str, float]) -> str:
        """Pick a kind so that over any few picks the mix follows `weights`
        closely (the story holds for every seed), with jitter so no pattern shows."""
        total = sum(weights.values())
        for kind, weight in weights.items():
            self.owed[kind] = self.owed.get(kind, 0.0) + weight / total
        chosen = max(weights, key=lambda kind: self.owed[kind] + self.rng.uniform(0, 0.6))
        self.owed[chosen] -= 1
        return chosen

    def maybe(self, chance: float, options: Sequence[str]) -> str | None:
        return self.rng.choice(options) if self.rng.random() < chance else None

    def helpful_for(
        self, when: datetime, control: str | None, fit_bias: float, leave_out: Sequence[str] = ()
    ) -> str:
        """A helpful strategy from the jar; one that suits how changeable the
        stressor is gets `fit_bias` times the weight (goodness of fit)."""
        options = [r for r in self.in_jar(when, "helpful") if r not in leave_out]
        suits = analytics.FITTING.get(control or "", frozenset())
        weights = [fit_bias if self.strategies[r].orientation in suits else 1.0 for r in options]
        return self.rng.choices(options, weights=weights)[0]


_CATALOG = {s.id: s for s in load_default()}


def _relief(before: int, drop: int) -> int:
    return before - min(before, max(0, drop))


def _urge_curve(
    rng: random.Random, *, peak: int, to_peak: int, to_pass: int
) -> list[tuple[int, int]]:
    """Minute-by-minute ratings that rise to `peak` at `to_peak` and first fall
    below the passed level at `to_pass`, then settle."""
    first = max(1, peak - rng.randint(2, 3))
    samples = [(m, first + (peak - first) * m // to_peak) for m in range(to_peak)]
    floor = PASSED_LEVEL - 1
    for m in range(to_peak, to_pass + 1):
        share = (m - to_peak) / (to_pass - to_peak)
        samples.append((m, math.ceil(peak - (peak - floor) * share - 1e-9)))
    samples.append((to_pass + 1, max(0, floor - 1)))
    return samples


# ---------------------------------------------------------------- words

STRESSORS: dict[str, tuple[str, ...]] = {
    "work": (
        "Deadline moved up with no warning",
        "Long meeting where I felt talked over",
        "Manager asked to see me tomorrow",
        "Emails kept coming after hours",
        "Made a mistake on a report",
        "Presentation on Friday",
        "A difficult customer on the phone",
        "Too many tasks, not enough hours",
    ),
    "school": (
        "Exam next week and I feel behind",
        "Group project where no one replies",
        "Got a lower mark than I hoped",
        "Essay due and I haven't started",
    ),
    "family": (
        "Tense phone call with my mum",
        "Family dinner on Sunday",
        "My brother asked to borrow money again",
        "Old argument came up at home",
        "Looking after everyone and no one asking about me",
    ),
    "relationships": (
        "Argument with my partner about chores",
        "Partner went quiet all evening",
        "Friend cancelled plans again",
        "Felt left out of the group chat",
        "Saw photos of a party I wasn't asked to",
    ),
    "health": (
        "Couldn't sleep again",
        "Headache all day",
        "Waiting on test results",
        "Back pain flared up",
        "Felt run down and achy",
    ),
    "money": (
        "Rent went up",
        "Unexpected repair bill",
        "Checked my bank balance",
        "Card declined at the shop",
    ),
    "trauma_reminder": (
        "A smell that took me straight back",
        "Someone shouted in the street",
        "A scene in a show hit too close",
        "Anniversary of a hard day",
    ),
    "other": (
        "Bad day, not sure why",
        "Felt flat and numb all afternoon",
        "Sunday evening dread",
        "Too much noise, too many people",
    ),
}

NOTES: dict[str, tuple[str, ...]] = {
    "helpful": (
        "Took a few minutes, but it helped.",
        "Calmer afterwards.",
        "Glad I tried this first.",
        "Didn't fix it, but I could think again.",
        "Easier than last time.",
        "Noticing this works for me.",
        "Felt a bit proud of myself.",
    ),
    "harmful": (
        "Got through the night.",
        "It took the edge off for a while.",
        "The relief didn't last long.",
        "Writing it down so I can talk it through.",
        "Not how I wanted to handle it. Noting it anyway.",
        "Felt worse in the morning.",
    ),
    "mixed": (
        "Switched off for a bit.",
        "Helped me stop thinking for an hour.",
        "Fine for a while, then it came back.",
    ),
}

# A note that fits the strategy beats a general one.
STRATEGY_NOTES: dict[str, tuple[str, ...]] = {
    "hold-ice": ("Held the ice until the wave passed.", "Ice in my hand, counted to sixty."),
    "box-breathing": ("Four counts in, four out. Slowed me down.",),
    "brisk-walk": ("Walked round the block twice. Clearer head.",),
    "journaling": ("Wrote it all down, then closed the book.",),
    "call-a-friend": ("Rang a friend. We ended up laughing.",),
    "squeeze-clay": ("Squeezed the clay hard. Let the anger go into it.",),
    "urge-surfing": ("Rode the urge like a wave. It passed.", "Watched the urge rise and fall."),
    "break-into-steps": ("Split it into three small steps. Did the first.",),
    "plan-the-day": ("Made a plan for tomorrow. Less to hold in my head.",),
    "sleep-routine": ("Same bedtime, no phone. Slept better.",),
    "music": ("Headphones on, played the same album twice.",),
    "time-with-pet": ("Sat with the dog for a while.",),
    "prayer": ("Prayed and felt less alone with it.",),
}

LOSS_STRESSORS = (
    "Found an old voicemail and played it",
    "A song from the funeral came on the radio",
    "Set the table for two without thinking",
    "Their birthday would have been this week",
    "Sorting through the wardrobe",
    "Quiet house in the evening",
    "Someone asked how I'm doing and I couldn't answer",
    "Passed the café we used to go to",
)
RESTORATION_STRESSORS = (
    "Doing the tax forms on my own for the first time",
    "Cooking a proper meal just for me",
    "First choir practice since it happened",
    "Learning how the boiler works",
    "Saying yes to coffee with a neighbour",
    "Sorting out the car insurance alone",
    "Planning a weekend away with my sister",
)
LOSS_NOTES = (
    "Cried for a while. Let it come.",
    "Missing them a lot today.",
    "Told a story about them out loud.",
    "Heavy day. That's allowed.",
    "Wrote another letter I won't send.",
)
RESTORATION_NOTES = (
    "Small win. Did it myself.",
    "Felt guilty for enjoying it, then less so.",
    "New routine is starting to feel normal.",
    "Asked for help and got it.",
)
ANNIVERSARY_STRESSORS = (
    "One year this week",
    "Their chair, empty at breakfast",
    "Cards arriving for the anniversary",
    "Looking at the photos from last spring",
    "Couldn't face going out today",
    "Dreamt about them",
    "The day itself",
)
STUCK_NOTES = (
    "Same as usual.",
    "Stayed in.",
    "Didn't feel like talking.",
    "Lost track of time.",
    "Phone off for the evening.",
    "Went to bed early.",
)


def _note(story: _Story, refs: Sequence[str], chance: float) -> str | None:
    if story.rng.random() >= chance or not refs:
        return None
    ref = refs[-1]
    if ref in STRATEGY_NOTES and story.rng.random() < 0.6:
        return story.rng.choice(STRATEGY_NOTES[ref])
    return story.rng.choice(NOTES[story.strategies[ref].helpfulness])


def _stressor(story: _Story, category: str, chance: float = 0.85) -> str | None:
    return story.maybe(chance, STRESSORS[category])


# What a stressor usually allows: (appraisal weights, controllability weights).
_APPRAISAL = {
    "work": ({"challenge": 3, "threat": 2}, {"can": 3, "partly": 3, "cannot": 1}),
    "school": ({"challenge": 3, "threat": 2}, {"can": 3, "partly": 2, "cannot": 1}),
    "family": ({"threat": 2, "loss": 1, "challenge": 1}, {"partly": 3, "cannot": 2, "can": 1}),
    "relationships": ({"threat": 2, "loss": 1, "challenge": 2}, {"partly": 3, "can": 1}),
    "health": ({"threat": 3, "challenge": 1}, {"cannot": 3, "partly": 2}),
    "money": ({"threat": 2, "challenge": 2}, {"can": 2, "partly": 3}),
    "trauma_reminder": ({"threat": 4}, {"cannot": 4, "partly": 1}),
    "other": ({"threat": 1, "challenge": 1}, {"partly": 1, "cannot": 1}),
}


def _appraise(story: _Story, category: str) -> tuple[str | None, str | None]:
    appraisals, controls = _APPRAISAL[category]
    appraisal = story.pick(appraisals) if story.rng.random() < 0.9 else None
    control = story.pick(controls) if story.rng.random() < 0.9 else None
    return appraisal, control


# ---------------------------------------------------------------- alice: healing


def _healing(s: _Story) -> None:
    s.add("self-injury", 0, stage="contemplation")
    s.add("drinking-alcohol", 0, stage="precontemplation")
    s.add("box-breathing", 0)
    s.add("talk-to-someone-you-trust", 1)
    s.add("watch-a-show", 1)
    s.add("hold-ice", 6)  # meets the same need as self-injury: calm, feel
    s.add("journaling", 10)
    s.stage("self-injury", 14, "preparation")
    s.goal("self-injury", 15)
    s.add("brisk-walk", 24)
    s.stage("self-injury", 30, "action")
    s.add("urge-surfing", 35)
    s.preferences(35, tags=["body", "creative"])
    s.add("break-into-steps", 42)
    s.stage("drinking-alcohol", 55, "contemplation")
    s.add("call-a-friend", 60)  # meets the same need as drinking: calm, connect
    s.add("squeeze-clay", 75)
    s.add("plan-the-day", 90)
    s.stage("drinking-alcohol", 100, "preparation")
    s.goal("drinking-alcohol", 102)
    s.add("sleep-routine", 120)

    categories = {
        "work": 5, "relationships": 3, "family": 2, "health": 2,
        "money": 1, "trauma_reminder": 1, "other": 1,
    }  # fmt: skip
    hours = (7, 8, 12, 13, 17, 18, 19, 20, 21, 21, 22, 22, 23)
    day = 2
    while day <= s.days:
        when = s.at(day, s.rng.choice(hours))
        day += s.rng.choice((1, 1, 2) if day < 30 else (2, 3, 3, 4))  # keen at first
        p = s.progress(when)
        category = s.pick(categories)
        appraisal, control = _appraise(s, category)
        kind = s.share_out(
            {
                "only_harmful": 0.38 * (1 - p) ** 1.5 + 0.02,
                "some_harmful": 0.25 * (1 - p) + 0.05,
                "other": 0.10,
                "helpful_only": 0.20 + 0.63 * p,
            }
        )
        harmful = s.pick({"self-injury": 0.6 - 0.3 * p, "drinking-alcohol": 0.4 + 0.3 * p})
        refs: list[str] = []
        if kind in ("only_harmful", "some_harmful"):
            refs.append(harmful)
        if kind in ("some_harmful", "helpful_only") or (kind == "other" and p > 0.3):
            refs.append(s.helpful_for(when, control, fit_bias=1 + 4 * p))
        if kind == "helpful_only" and s.rng.random() < 0.3:
            extra = s.helpful_for(when, control, fit_bias=1 + 4 * p)
            if extra not in refs:
                refs.append(extra)
        if kind == "other":
            refs.insert(0, "watch-a-show")
        before = s.score(7.4 - 2.2 * p, 1.1, low=2)
        drop = {
            "helpful_only": s.rng.gauss(2.6 + 1.6 * p, 0.9),
            "some_harmful": s.rng.gauss(1.6, 0.8),
            "only_harmful": s.rng.gauss(0.9, 0.7),
            "other": s.rng.gauss(1.2, 0.8),
        }[kind]
        urge = target = None
        if kind in ("only_harmful", "some_harmful") or s.rng.random() < 0.25:
            target = harmful
            urge = (
                s.rng.choice((5, 6, 6, 7, 7, 8))
                if harmful == "self-injury" and p < 0.18
                else s.score(6 - 3 * p, 1.2, low=1, high=7)
            )
        s.moment(
            when,
            refs=refs,
            before=before,
            after=None if s.rng.random() < 0.06 else _relief(before, round(drop)),
            category=category,
            stressor=_stressor(s, category),
            appraisal=appraisal,
            control=control,
            urge=urge,
            urge_target=target,
            note=_note(s, refs, 0.4),
        )

    # Urge surfing: urges peak after 3-5 minutes and pass within 10-15; once she stopped.
    sessions = (38, 52, 66, 81, 97, 115, 134, 152, 166)
    for n, day in enumerate(sessions):
        when = s.at(day, s.rng.choice((20, 21, 22)))
        target = "drinking-alcohol" if day in (115, 152) else "self-injury"
        peak = s.rng.randint(5, 7)
        if n == 1:
            samples = [(m, v) for m, v in enumerate((5, 6, 7, 7, 6, 6, 6))]
        else:
            samples = _urge_curve(
                s.rng, peak=peak, to_peak=s.rng.randint(3, 5), to_pass=s.rng.randint(10, 15)
            )
        s.surf(when, samples, target)
        before = s.score(6.5, 0.8, low=4)
        s.moment(
            when + timedelta(minutes=1),
            refs=["urge-surfing"],
            before=before,
            after=_relief(before, s.rng.randint(3, 5) if n != 1 else 1),
            category=s.pick({"work": 1, "relationships": 1, "other": 1}),
            urge=max(v for _, v in samples),
            urge_target=target,
            note=s.rng.choice(STRATEGY_NOTES["urge-surfing"]) if n != 1 else "Stopped early.",
        )


# ---------------------------------------------------------------- bob: where he is


def _stuck(s: _Story) -> None:
    s.add("hiding-away", 0, stage="precontemplation")
    s.add("gambling", 0, stage="contemplation")
    s.add("endless-scrolling", 0)
    s.add("music", 1)
    s.add("brisk-walk", 21)
    s.add("time-with-pet", 70)

    # Every few days, the same mix: mostly avoidant, now and then something else.
    categories = {"work": 3, "money": 3, "family": 1, "relationships": 2, "other": 2}
    hours = (13, 18, 20, 22, 22, 23, 23)
    day = 2
    while day <= s.days:
        when = s.at(day, s.rng.choice(hours))
        day += s.rng.choice((3, 4, 4, 5))
        category = s.pick(categories)
        appraisal, control = _appraise(s, category)
        kind = s.share_out(
            {"only_harmful": 0.4, "some_harmful": 0.2, "other": 0.2, "helpful_only": 0.2}
        )
        harmful = s.pick({"hiding-away": 0.55, "gambling": 0.45})
        refs: list[str] = []
        if kind in ("only_harmful", "some_harmful"):
            refs.append(harmful)
        if kind == "other":
            refs.append("endless-scrolling")
        if kind in ("some_harmful", "helpful_only"):
            refs.append(s.helpful_for(when, control, fit_bias=1.0))
        before = s.score(6.3, 1.2, low=3)
        drop = s.rng.gauss(1.5 if kind == "helpful_only" else 0.8, 0.7)
        gambled = "gambling" in refs
        s.moment(
            when,
            refs=refs,
            before=before,
            after=None if s.rng.random() < 0.12 else _relief(before, round(drop)),
            category=category,
            stressor=_stressor(s, category, 0.6),
            appraisal=appraisal,
            control=control,
            urge=s.score(6, 1, low=4, high=7) if gambled else None,
            urge_target="gambling" if gambled else None,
            note=s.maybe(0.3, STUCK_NOTES),
        )


# ---------------------------------------------------------------- grace: grieving

PHOTOS = parse_strategy(
    {
        "id": "old-photos",
        "name": "Look through old photos",
        "family": "acceptance",
        "orientation": "emotion",
        "helpfulness": "helpful",
        "harm_potential": "none",
        "functions": ["feel", "meaning", "connect"],
        "places": ["home"],
        "minutes": 20,
        "social": "either",
        "cost": "free",
        "fit_tags": [],
        "description": "Sit with the photo albums and remember, slowly.",
    },
    "demo",
)
GRIEF_WORK = ("make-room-for-grief", "old-photos", "unsent-letter")
LOSS_SIDE = ("make-room-for-grief", "old-photos", "unsent-letter", "journaling", "cup-of-tea")
RESTORATION_SIDE = (
    "plan-the-day",
    "walk-in-nature",
    "peer-support-group",
    "gardening",
    "ask-for-practical-help",
    "call-a-friend",
)


def _grieving(s: _Story) -> None:
    s.add("make-room-for-grief", 0)
    s.add("walk-in-nature", 0)
    s.add("call-a-friend", 1)
    s.add("cup-of-tea", 1)
    s.add("stay-in-bed", 2, stage="contemplation")
    s.add("old-photos", 8, own=PHOTOS)
    s.add("unsent-letter", 12)
    s.add("plan-the-day", 20)
    s.add("peer-support-group", 30)
    s.add("gardening", 45)
    s.preferences(46, tags=["nature"])
    s.add("ask-for-practical-help", 60)
    s.add("journaling", 80)

    # Week by week, grief and rebuilding take turns: both sides every week.
    cutoff = s.now - timedelta(days=14, hours=2)
    hours = (8, 10, 14, 17, 19, 20, 21, 22)
    for week in range(s.days // 7 + 1):
        times = sorted(
            s.at(week * 7 + s.rng.randint(0, 6), s.rng.choice(hours))
            for _ in range(max(2, s.count(1.6)))
        )
        loss_times = [t for t in times if s.start + timedelta(days=2) < t < cutoff]
        p = s.progress(times[0])
        toward = min(0.65, 0.25 + 0.4 * p) + (0.12 if week % 2 else -0.08)
        sides = ["restoration" if s.rng.random() < toward else "loss" for _ in loss_times]
        if len(sides) >= 2 and len(set(sides)) == 1:
            turn = s.rng.randrange(len(sides))
            sides[turn] = "restoration" if sides[turn] == "loss" else "loss"
        for when, side in zip(loss_times, sides, strict=True):
            _grief_moment(s, when, side)
        if s.rng.random() < 0.3:
            when = s.at(week * 7 + s.rng.randint(0, 6), s.rng.choice(hours))
            if s.start + timedelta(days=2) < when < s.now - timedelta(hours=1):
                _everyday_moment(s, when)

    # The anniversary: the last two weeks are all about the loss.
    for days_ago in (13, 11, 9, 7, 5, 3, 1):
        when = s.at(s.days - days_ago, s.rng.choice(hours))
        _grief_moment(s, when, "loss", stressors=ANNIVERSARY_STRESSORS)


def _grief_moment(
    s: _Story, when: datetime, side: str, stressors: Sequence[str] = LOSS_STRESSORS
) -> None:
    pool = LOSS_SIDE if side == "loss" else RESTORATION_SIDE
    options = [r for r in pool if s.added.get(r, when) < when]
    refs = s.rng.sample(options, k=min(len(options), s.rng.choice((1, 1, 2))))
    if side == "loss" and s.rng.random() < 0.12 * (1 - s.progress(when)):
        refs.append("stay-in-bed")
    before = s.score(7.2 if side == "loss" else 5.5, 1.2, low=3)
    drop = s.rng.gauss(1.6 if side == "loss" else 2.8, 0.9)
    if "stay-in-bed" in refs:
        drop -= 1
    s.moment(
        when,
        refs=refs,
        before=before,
        after=None if s.rng.random() < 0.08 else _relief(before, round(drop)),
        category="loss",
        stressor=s.rng.choice(stressors if side == "loss" else RESTORATION_STRESSORS),
        appraisal="loss" if side == "loss" else "challenge",
        control="cannot" if side == "loss" else s.pick({"can": 1, "partly": 2}),
        loss=side,
        note=s.maybe(0.45, LOSS_NOTES if side == "loss" else RESTORATION_NOTES),
    )


def _everyday_moment(s: _Story, when: datetime) -> None:
    category = s.pick({"health": 2, "money": 2, "family": 1})
    appraisal, control = _appraise(s, category)
    refs = [s.helpful_for(when, control, fit_bias=2.0, leave_out=GRIEF_WORK)]
    before = s.score(5, 1.2, low=2)
    s.moment(
        when,
        refs=refs,
        before=before,
        after=_relief(before, s.score(2.5, 1)),
        category=category,
        stressor=_stressor(s, category),
        appraisal=appraisal,
        control=control,
        note=_note(s, refs, 0.3),
    )


# ---------------------------------------------------------------- sam and priya: ordinary


def _sam(s: _Story) -> None:
    for ref in ("box-breathing", "brisk-walk", "plan-the-day", "call-a-friend", "puzzle-or-game"):
        s.add(ref, 0)
    _ordinary(s, categories={"school": 4, "work": 2, "money": 2, "relationships": 1})


def _priya(s: _Story) -> None:
    for ref in ("prayer", "spiritual-community", "journaling", "box-breathing", "call-a-friend"):
        s.add(ref, 0)
    s.add("read-a-book", 1)
    s.add("harsh-self-talk", 3, stage="contemplation")
    s.preferences(4, tags=["faith", "collectivist"])
    _ordinary(s, categories={"family": 4, "work": 3, "health": 2})


def _ordinary(s: _Story, *, categories: Mapping[str, float]) -> None:
    """A moment every week or so; each strategy in the jar gets tried early on."""
    first = list(s.added)
    s.rng.shuffle(first)
    day = 5
    while day <= s.days:
        when = s.at(day, s.rng.randint(8, 22))
        day += s.rng.randint(12, 17)
        category = s.pick(categories)
        appraisal, control = _appraise(s, category)
        harmful = s.in_jar(when, "harmful")
        mixed = s.in_jar(when, "mixed")
        roll = s.rng.random()
        if first:
            refs = [first.pop()]
        elif harmful and roll < 0.12:
            refs = [s.rng.choice(harmful)]
        elif mixed and roll < 0.3:
            refs = [s.rng.choice(mixed)]
        else:
            refs = [s.helpful_for(when, control, fit_bias=2.0)]
        before = s.score(5.5, 1.3, low=2)
        helpful = s.strategies[refs[0]].helpfulness == "helpful"
        s.moment(
            when,
            refs=refs,
            before=before,
            after=_relief(before, s.score(3 if helpful else 1, 1)),
            category=category,
            stressor=_stressor(s, category),
            appraisal=appraisal,
            control=control,
            note=_note(s, refs, 0.3),
        )
