"""Request and response bodies for the coping API: the edge where shapes are checked."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, AwareDatetime, BaseModel, Field

from mend.coping.catalog import COST, FAMILIES, FUNCTIONS, PLACES, SOCIAL
from mend.coping.rules import STAGES_OF_CHANGE
from mend.web.inputs import Input

Category = Literal[
    "work",
    "school",
    "family",
    "relationships",
    "health",
    "money",
    "loss",
    "trauma_reminder",
    "other",
]
STRESSOR_CATEGORIES: tuple[str, ...] = get_args(Category)
Stage = Literal[
    "precontemplation", "contemplation", "preparation", "action", "maintenance", "recurrence"
]
Distress = Field(ge=0, le=10)
Key = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
Minute = Annotated[int, Field(ge=0, le=240)]
Intensity = Annotated[int, Field(ge=0, le=10)]
# Tags are stored comma-joined in 200 characters: one short word each, so ten fit.
Tag = Annotated[str, Field(min_length=1, max_length=18, pattern=r"^[a-z0-9][a-z0-9_-]*$")]
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)


def _plausible(value: datetime) -> datetime:
    # Year 1 at +05:00 is before the calendar begins in UTC: refuse it here, by name.
    try:
        in_range = value.astimezone(UTC) >= EARLIEST
    except OverflowError:
        in_range = False
    if not in_range:
        raise ValueError("Choose a date from the year 2000 on.")
    return value


When = Annotated[AwareDatetime, AfterValidator(_plausible)]
NOTE_MAX = 4000
STRESSOR_MAX = 500

assert Stage.__args__ == STAGES_OF_CHANGE  # type: ignore[attr-defined]


class MomentIn(Input):
    """A coping moment (clinical-model §3). `idempotency_key` comes from the
    device: sending the same moment twice stores it once."""

    idempotency_key: str = Key
    occurred_at: When
    distress_before: int = Distress
    distress_after: int | None = Field(default=None, ge=0, le=10)
    strategy_ids: list[str] = Field(default_factory=list, max_length=20)
    stressor: str | None = Field(default=None, max_length=STRESSOR_MAX)
    stressor_category: Category = "other"
    appraisal: Literal["threat", "loss", "challenge"] | None = None
    controllability: Literal["can", "partly", "cannot"] | None = None
    urge: int | None = Field(default=None, ge=0, le=10)
    urge_target_id: str | None = Field(default=None, max_length=24)
    urge_self_harm: bool = False
    loss_orientation: Literal["loss", "restoration"] | None = None
    note: str | None = Field(default=None, max_length=NOTE_MAX)


class MomentEdit(MomentIn):
    """The whole moment again, with the version it was read at."""

    idempotency_key: str = Field(default="unchanged", max_length=64)
    version: int = Field(ge=1)


class UsedOut(BaseModel):
    jar_item_id: str
    strategy: str
    helpfulness: str
    orientation: str


class MomentOut(BaseModel):
    id: str
    idempotency_key: str
    occurred_at: datetime
    logged_at: datetime
    distress_before: int
    distress_after: int | None
    strategies: list[UsedOut]
    stressor: str | None
    stressor_category: str
    appraisal: str | None
    controllability: str | None
    urge: int | None
    urge_target_id: str | None
    urge_self_harm: bool
    loss_orientation: str | None
    note: str | None
    version: int
    edited_at: datetime | None
    safety_pathway: bool = False


class JarAdd(Input):
    strategy: str = Field(min_length=1, max_length=64)
    stage_of_change: Stage | None = None


class StrategyIn(Input):
    """A strategy in someone's own words: a client's personal one or an organisation's."""

    name: str = Field(min_length=1, max_length=80)
    description: str = Field(default="", max_length=400)
    family: str = Field(min_length=1, max_length=40)
    helpfulness: Literal["helpful", "mixed", "harmful"]
    harm_potential: Literal["none", "low", "high", "imminent"] = "none"
    functions: list[str] = Field(min_length=1, max_length=len(FUNCTIONS))
    places: list[str] = Field(
        default_factory=lambda: list(PLACES), min_length=1, max_length=len(PLACES)
    )
    minutes: int = Field(default=10, ge=1, le=240)
    social: str = "either"
    cost: str = "free"
    fit_tags: list[Tag] = Field(default_factory=list, max_length=5)


class PersonalAdd(StrategyIn):
    stage_of_change: Stage | None = None


class JarEdit(Input):
    stage_of_change: Stage | None = None
    note: str | None = Field(default=None, max_length=NOTE_MAX)


class UrgeIn(Input):
    started_at: When
    samples: list[tuple[Minute, Intensity]] = Field(min_length=1, max_length=241)
    target_id: str | None = Field(default=None, max_length=24)
    self_harm: bool = False
    ended: bool = False
    end_reason: Literal["passed", "stopped"] | None = None


class PreferencesIn(Input):
    urge_passed_level: int = Field(ge=1, le=10)
    preferred_tags: list[Tag] = Field(default_factory=list, max_length=10)


VOCABULARY = {
    "families": tuple(FAMILIES),
    "functions": FUNCTIONS,
    "places": PLACES,
    "social": SOCIAL,
    "cost": COST,
}
