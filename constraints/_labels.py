"""Small label helpers shared by the personal-limit rules: how times, lengths, places and
broken limits read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from roster.plan.index import PlanIndex
from roster.text.i18n import Text
from roster.text.labels import errand_text


def clock(minutes: int) -> str:
    """A time of day as leaders write it: 960 -> "16:00", 1440 -> "24:00"."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def place_name(index: PlanIndex, place: str) -> str | Text:
    """A compound's name, or an errand's label ("shopping" reads 采买 in Chinese)."""
    compound = index.compound_by_id.get(place)
    return compound.name if compound else errand_text(place)


def place_list(index: PlanIndex, places: Iterable[str], en: str = "/", zh: str = "/") -> Text:
    """Several places by name, joined with ``en`` or ``zh`` (a compound's id never shows)."""
    names = {f"p{i}": place_name(index, place) for i, place in enumerate(places)}
    fields = [f"{{{key}}}" for key in names]
    return Text({"en": en.join(fields), "zh": zh.join(fields)}, names)


def date_list(dates: Iterable[dt.date], en: str = ", ", zh: str = "、") -> Text:
    """Dates as the leader writes them ("3月7日、3月14日", "7 Mar, 14 Mar")."""
    values = {f"d{i}": date for i, date in enumerate(dates)}
    fields = [f"{{{key}}}" for key in values]
    return Text({"en": en.join(fields), "zh": zh.join(fields)}, values)


def duration(minutes: int) -> Text:
    """A length of time a leader reads: "8 h", "8 h 1 min" / "8小时", "8小时1分钟"."""
    hours, mins = divmod(minutes, 60)
    if not mins:
        return Text({"en": f"{hours} h", "zh": f"{hours}小时"})
    if not hours:
        return Text({"en": f"{mins} min", "zh": f"{mins}分钟"})
    return Text({"en": f"{hours} h {mins} min", "zh": f"{hours}小时{mins}分钟"})
