"""Small label helpers shared by the personal-limit rules: how times, lengths, places and
broken limits read."""

from __future__ import annotations

from roster.plan.index import PlanIndex
from roster.text.i18n import Text


def clock(minutes: int) -> str:
    """A time of day as leaders write it: 960 -> "16:00", 1440 -> "24:00"."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def place_name(index: PlanIndex, place: str) -> str:
    """A compound's name, or an errand's own name."""
    compound = index.compound_by_id.get(place)
    return compound.name if compound else place


def duration(minutes: int) -> Text:
    """A length of time a leader reads: "8 h", "8 h 1 min" / "8小时", "8小时1分钟"."""
    hours, mins = divmod(minutes, 60)
    if not mins:
        return Text({"en": f"{hours} h", "zh": f"{hours}小时"})
    if not hours:
        return Text({"en": f"{mins} min", "zh": f"{mins}分钟"})
    return Text({"en": f"{hours} h {mins} min", "zh": f"{hours}小时{mins}分钟"})
