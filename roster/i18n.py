"""Chinese and English text: one catalogue, and ``Text`` for messages with parameters.

Every sentence a leader reads goes through here. Rule messages live next to their rule (its
``messages`` table); everything else (labels, headers, summaries) lives in ``CATALOGUE``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

CATALOGUE: dict[str, dict[Lang, str]] = {
    "unassigned": {"en": "(nobody)", "zh": "（无人）"},
}


def default_lang(title: str) -> Lang:
    """Chinese when the plan's title has Chinese characters, else English."""
    return "zh" if re.search(r"[\u4e00-\u9fff]", title) else "en"


def label(key: str, lang: Lang) -> str:
    """A label from the catalogue."""
    return CATALOGUE[key][lang]


def fmt_date(date: dt.date, lang: Lang) -> str:
    """A short date a leader reads: "2月12日" or "12 Feb"."""
    if lang == "zh":
        return f"{date.month}月{date.day}日"
    return f"{date.day} {date:%b}"


def fmt_hours(minutes: int) -> str:
    """Minutes as hours, without a needless ".0"."""
    hours = minutes / 60
    return f"{hours:g}"


@dataclass(frozen=True)
class Text:
    """A message in both languages: templates with ``{name}`` fields, and their values."""

    templates: Mapping[Lang, str]
    params: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: Lang) -> str:
        """The message in ``lang``; dates are formatted for that language."""
        values = {key: _localize(value, lang) for key, value in self.params.items()}
        return self.templates[lang].format(**values)

    def __str__(self) -> str:
        return self.render("en")


def _localize(value: object, lang: Lang) -> object:
    if isinstance(value, Text):
        return value.render(lang)
    if isinstance(value, dt.date):
        return fmt_date(value, lang)
    return value
