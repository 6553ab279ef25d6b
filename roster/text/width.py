"""How wide text is on a terminal or in a spreadsheet column: Chinese (East-Asian wide and
full-width) characters take two columns, everything else one."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    """Columns ``text`` takes."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def ljust(text: str, columns: int) -> str:
    """``text`` padded on the right to ``columns``."""
    return text + " " * max(0, columns - width(text))


def rjust(text: str, columns: int) -> str:
    """``text`` padded on the left to ``columns``."""
    return " " * max(0, columns - width(text)) + text


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Lines of a plain-text table: the header, a rule of dashes, then the rows, each column
    padded to its widest cell and two spaces apart."""
    widths = [max(width(row[k]) for row in [header, *rows]) for k in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(ljust(cell, widths[k]) for k, cell in enumerate(cells)).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(row) for row in rows)]
