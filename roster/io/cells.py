"""Excel cells and the text of CSV files, both ways: what a cell's value reads as
(:func:`cell_text`), and the value a CSV cell's text becomes in a workbook
(:func:`typed_cell`), so that a plan reads the same from a folder and from a workbook.
"""

from __future__ import annotations

import datetime as dt
import re

from roster.io.layout import CellValue


def cell_text(value: object, number_format: str = "General") -> str:
    """A cell's value as the text a CSV file would hold.

    Dates become ``2026-02-09`` (``2026-02-09 08:00`` with a time, or when the cell shows
    one), times ``08:00`` (a whole day, as Excel stores 24:00, ``24:00``), whole numbers
    lose their ``.0``, booleans are ``TRUE``/``FALSE``; text is trimmed.

    Args:
        value: The value openpyxl read.
        number_format: The cell's number format: it tells a date at midnight from a
            date-time, and a time of day from a date.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    shows_time = any(c in number_format.lower() for c in "hs")
    shows_date = any(c in number_format.lower() for c in "yd")
    if isinstance(value, dt.datetime):
        value = _nearest_second(value)
        if shows_time and not shows_date and value < dt.datetime(1900, 1, 2):
            # A time-of-day cell holding a whole day or more (24:00): Excel counts it
            # from 1899-12-31.
            return _clock(value - dt.datetime(1899, 12, 31))
        if value.time() == dt.time() and not shows_time:
            return value.date().isoformat()
        return f"{value:%Y-%m-%d} {_clock(value - value.replace(hour=0, minute=0, second=0))}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return _clock(
            dt.timedelta(
                hours=value.hour,
                minutes=value.minute,
                seconds=value.second,
                microseconds=value.microsecond,
            )
        )
    if isinstance(value, dt.timedelta):
        return _clock(value)
    return str(value).strip()


def _nearest_second(moment: dt.datetime) -> dt.datetime:
    """Excel stores times as fractions of a day; 08:00 may come back as 07:59:59.9999."""
    return (moment + dt.timedelta(microseconds=500_000)).replace(microsecond=0)


def _clock(span: dt.timedelta) -> str:
    """``HH:MM`` (``HH:MM:SS`` when there are seconds) of a span from midnight."""
    seconds = round(span.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}" + (f":{seconds:02d}" if seconds else "")


_NUMBER = re.compile(r"-?(0|[1-9]\d{0,8})(\.\d{1,6})?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
_TIME = re.compile(r"\d{2}:\d{2}")


def typed_cell(text: str) -> CellValue:
    """The value Excel would hold for a CSV cell's text: a number, a date, a date-time or a
    time when it reads back (:func:`cell_text`) as exactly the same text; else the text."""
    candidate: CellValue = None
    try:
        if _NUMBER.fullmatch(text):
            candidate = float(text) if "." in text else int(text)
        elif _DATE.fullmatch(text):
            candidate = dt.date.fromisoformat(text)
        elif _MOMENT.fullmatch(text):
            candidate = dt.datetime.fromisoformat(text)
        elif _TIME.fullmatch(text):
            candidate = dt.time.fromisoformat(text)
    except ValueError:
        return text
    if candidate is None:
        return text or None
    shown = _written_format(candidate)
    return candidate if cell_text(candidate, shown) == text else text


def _written_format(value: CellValue) -> str:
    """The number format :mod:`roster.io.template` writes a value with."""
    if isinstance(value, dt.datetime):
        return "yyyy-mm-dd hh:mm"
    if isinstance(value, dt.date):
        return "yyyy-mm-dd"
    if isinstance(value, dt.time):
        return "hh:mm"
    return "General"
