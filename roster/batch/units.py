"""The units of a city: which entries of a PLANS folder are plans, and their data as bytes.

A unit is a sub-folder that holds ``plan.toml`` or CSV files (a plan folder, perhaps a broken
one: its problems are reported like any invalid plan's), or an ``.xlsx`` workbook. Its name
is the folder's name or the workbook's stem. Hidden entries, Excel's ``~$`` lock files and
the output folder (when it lies inside PLANS) are not units.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from roster.io import WORKBOOK_SUFFIXES
from roster.io.folder import PLAN_FILE


class BatchInputError(Exception):
    """PLANS cannot be used: missing, not a folder, or without any unit."""


@dataclass(frozen=True)
class Unit:
    """One unit's plan in PLANS."""

    name: str
    path: Path

    @property
    def workbook(self) -> bool:
        """Whether the plan is one workbook (else a plan folder)."""
        return self.path.is_file()


@dataclass(frozen=True)
class PlanData:
    """A plan's files, as shipped to a worker: file name → bytes. A workbook is one file."""

    name: str
    files: dict[str, bytes]
    workbook: bool

    def digest(self) -> str:
        """A fingerprint of the files' names and bytes."""
        sha = hashlib.sha256()
        for file_name in sorted(self.files):
            sha.update(file_name.encode() + b"\0")
            sha.update(hashlib.sha256(self.files[file_name]).digest())
        return sha.hexdigest()


def discover(plans: Path, skip: Path | None = None) -> list[Unit]:
    """The units in ``plans``, by name.

    Raises:
        BatchInputError: ``plans`` is missing or not a folder, or holds no unit.
    """
    if not plans.exists():
        raise BatchInputError(f"{plans}: no such folder")
    if not plans.is_dir():
        raise BatchInputError(f"{plans}: not a folder (PLANS is a folder of unit plans)")
    skipped = skip.resolve() if skip is not None else None
    found: dict[str, Unit] = {}
    for entry in sorted(plans.iterdir()):
        if entry.name.startswith((".", "~$")) or entry.resolve() == skipped:
            continue
        if entry.is_dir() and _plan_folder(entry):
            found[entry.name] = Unit(entry.name, entry)
        elif entry.is_file() and entry.suffix.lower() in WORKBOOK_SUFFIXES:
            # A folder and a workbook of one stem are two units: keep the workbook's suffix.
            name = entry.name if entry.stem in found else entry.stem
            found[name] = Unit(name, entry)
    if not found:
        raise BatchInputError(
            f"{plans}: no unit plans found (expected sub-folders with {PLAN_FILE}, or .xlsx "
            "workbooks)"
        )
    return sorted(found.values(), key=lambda unit: unit.name)


def _plan_folder(folder: Path) -> bool:
    return (folder / PLAN_FILE).is_file() or any(folder.glob("*.csv"))


def read_unit(unit: Unit) -> PlanData:
    """The unit's files as bytes (a plan folder's own files; sub-folders are no part of a
    plan)."""
    if unit.workbook:
        return PlanData(unit.name, {unit.path.name: unit.path.read_bytes()}, workbook=True)
    files = {
        entry.name: entry.read_bytes()
        for entry in sorted(unit.path.iterdir())
        if entry.is_file() and not entry.name.startswith((".", "~$"))
    }
    return PlanData(unit.name, files, workbook=False)


def unit_hash(data: PlanData, options: dict[str, object]) -> str:
    """What decides whether a unit must be solved again: its plan's bytes and the options
    that shape its outputs (``BatchOptions.fingerprint``)."""
    chosen = json.dumps(options, sort_keys=True)
    return hashlib.sha256(f"{data.digest()}\n{chosen}".encode()).hexdigest()[:24]
