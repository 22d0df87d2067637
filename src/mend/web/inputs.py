"""The base for every JSON request body: unknown fields and NUL characters are refused."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        # PostgreSQL cannot store NUL in text, and no person types one on purpose.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("contains a character that is not allowed")
        return value
