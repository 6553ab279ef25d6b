"""Reading plans and rosters from files (and, in ``write``, writing outputs atomically).

``load_plan`` is the one entry point for a plan, whatever its form: a folder of CSV files
with ``plan.toml`` (:mod:`roster.io.folder`), or one ``.xlsx`` workbook
(:mod:`roster.io.workbook`, laid out as :mod:`roster.io.layout` says and
:mod:`roster.io.template` writes it). Both produce the same rows of text
(:mod:`roster.io.columns`) for :mod:`roster.io.tables`, which turns them into a validated
:class:`~roster.plan.model.Plan`.
"""

from __future__ import annotations

from pathlib import Path

from roster.io.folder import PLAN_FILE, read_folder, read_roster_csv
from roster.io.workbook import read_workbook
from roster.plan.model import Plan
from roster.plan.problems import PlanError, Problem, message

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# An old .xls (or a password-protected workbook) goes to the workbook reader too, which
# says how to save it instead.
_OLD_WORKBOOK = ".xls"


def load_plan(path: Path) -> Plan:
    """The validated plan stored at ``path``.

    Args:
        path: A plan folder (``plan.toml`` + CSV files), that folder's ``plan.toml``, or an
            ``.xlsx`` workbook.

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
    if path.suffix.lower() in (*WORKBOOK_SUFFIXES, _OLD_WORKBOOK):
        return read_workbook(path)
    raise PlanError([Problem(name, None, None, None, message("not_a_plan"))])


__all__ = ["PlanError", "load_plan", "read_roster_csv"]
