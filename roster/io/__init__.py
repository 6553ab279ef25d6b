"""Reading plans and rosters from files (and, in ``write``, writing outputs atomically).

``load_plan`` is the one entry point for a plan, whatever its form: a folder of CSV files
with ``plan.toml`` now, an ``.xlsx`` workbook later. Both produce the same rows of text for
:mod:`roster.io.tables`, which turns them into a validated :class:`~roster.model.Plan`.
"""

from __future__ import annotations

from pathlib import Path

from roster.io.folder import PLAN_FILE, read_folder, read_roster_csv
from roster.model import Plan
from roster.validate import PlanError, Problem, message

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def load_plan(path: Path) -> Plan:
    """The validated plan stored at ``path``.

    Args:
        path: A plan folder (``plan.toml`` + CSV files), that folder's ``plan.toml``, or an
            ``.xlsx`` workbook (not supported yet: a clear problem says so).

    Raises:
        PlanError: With every problem found; nothing is ever half-loaded.
    """
    name = str(path)
    if not path.exists():
        raise PlanError([Problem(name, None, None, None, message("not_found"))])
    if path.is_dir():
        return read_folder(path)
    if path.name == PLAN_FILE:
        return read_folder(path.parent)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        raise PlanError([Problem(name, None, None, None, message("xlsx_unsupported"))])
    raise PlanError([Problem(name, None, None, None, message("not_a_plan"))])


__all__ = ["PlanError", "load_plan", "read_roster_csv"]
