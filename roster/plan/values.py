"""Plain values of a plan: times of day, weekdays, ``;``-separated lists, and the frozen
base of every plan model. Shared by the plan model and its limits."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict

MINUTES_PER_DAY = 24 * 60
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Frozen(BaseModel):
    """Base of every plan model: immutable, unknown fields rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def parse_clock(value: Any) -> int:
    """Minutes since midnight from "HH:MM" (24:00 allowed as the end of a day)."""
    if isinstance(value, int) and not isinstance(value, bool):
        minutes = value
    elif isinstance(value, dt.time):
        minutes = value.hour * 60 + value.minute
    else:
        match = re.fullmatch(r"\s*(\d{1,2})[:：](\d{2})(?::00)?\s*", str(value))
        if not match:
            raise ValueError(f'"{value}" is not a time of day (expected HH:MM, e.g. 08:00)')
        hours, mins = int(match[1]), int(match[2])
        if mins >= 60 or hours > 24 or (hours == 24 and mins):
            raise ValueError(f'"{value}" is not a time of day (expected HH:MM, e.g. 08:00)')
        minutes = hours * 60 + mins
    if not 0 <= minutes <= MINUTES_PER_DAY:
        raise ValueError(f"{minutes} is not a time of day in minutes (0..1440)")
    return minutes


def parse_weekday(value: Any) -> int:
    """Weekday number (Monday 0) from "mon", "Monday", "周一", "1" (ISO) or an int."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return value  # already a weekday number: re-validating a Limits must not shift it
    text = str(value).strip().lower()
    zh = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
    if text[:3] in WEEKDAYS:
        return WEEKDAYS.index(text[:3])
    for prefix in ("周", "星期", "礼拜"):
        if text.startswith(prefix) and text[len(prefix) :] in zh:
            return zh[text[len(prefix) :]]
    if text.isdigit() and 1 <= int(text) <= 7:
        return int(text) - 1
    raise ValueError(f'"{value}" is not a weekday (expected mon, tue, ..., sun)')


def split_list(value: Any) -> Any:
    """Turn "a;b; c" into ("a", "b", "c"); lists pass through; blank gives ()."""
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in re.split(r"[;；,，]", value) if part.strip())
    return value


Clock = Annotated[int, BeforeValidator(parse_clock)]
Weekday = Annotated[int, BeforeValidator(parse_weekday)]
Names = Annotated[tuple[str, ...], BeforeValidator(split_list)]
