"""Uploaded files: what they may be, and how they become a plan on disk.

A plan arrives as an ``.xlsx`` workbook (the template's format) or a zip of the CSV folder.
Anything else, a zip whose paths leave its folder, or one that would expand past
``MAX_EXPANDED`` is refused before anything is read or stored (``UploadError``); an upload
over ``MAX_UPLOAD`` is refused as too large (413).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from roster.io.folder import PLAN_FILE

MAX_UPLOAD = 10 * 1024 * 1024
MAX_EXPANDED = 50 * 1024 * 1024
CHUNK = 64 * 1024

PlanKind = Literal["xlsx", "zip"]


@dataclass
class UploadError(Exception):
    """An upload refused: the HTTP status and the catalogue key of what to tell the leader."""

    status: int
    key: str
    params: dict[str, object] = field(default_factory=dict)


def sniff(data: bytes) -> PlanKind:
    """Whether ``data`` is a workbook or a zip of a plan folder; raises ``UploadError``."""
    if len(data) > MAX_UPLOAD:
        raise UploadError(413, "upload_too_large", {"mib": MAX_UPLOAD // (1024 * 1024)})
    if not data.startswith(b"PK\x03\x04"):
        raise UploadError(400, "upload_not_plan")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise UploadError(400, "upload_not_plan") from None
    names = {info.filename for info in infos}
    for info in infos:
        if not _inside(info.filename):
            raise UploadError(400, "upload_zip_path", {"name": info.filename})
    if sum(info.file_size for info in infos) > MAX_EXPANDED:
        raise UploadError(400, "upload_zip_big", {"mib": MAX_EXPANDED // (1024 * 1024)})
    if "xl/workbook.xml" in names:
        return "xlsx"
    if _plan_folder(names) is None:
        raise UploadError(400, "upload_no_plan_toml")
    return "zip"


def _inside(name: str) -> bool:
    """A zip member's path stays inside the folder it unpacks into."""
    if name.startswith(("/", "\\")) or "\\" in name or (len(name) > 1 and name[1] == ":"):
        return False
    return ".." not in PurePosixPath(name).parts


def _plan_folder(names: set[str]) -> str | None:
    """The folder of the zip that holds ``plan.toml``: "" (the top) or one folder."""
    if PLAN_FILE in names:
        return ""
    found = [
        n[: -len(PLAN_FILE)]
        for n in names
        if n.endswith("/" + PLAN_FILE) and n.count("/") == 1 and not n.startswith("__MACOSX")
    ]
    return found[0] if len(found) == 1 else None


def materialize(kind: PlanKind, data: bytes, folder: Path, name: str = "plan") -> Path:
    """Write the plan into ``folder`` and return the path ``load_plan`` reads: the
    workbook, or the unpacked plan folder. Unpacking counts what it writes, whatever the
    zip claims (raises ``UploadError``)."""
    if kind == "xlsx":
        path = folder / f"{name}.xlsx"
        path.write_bytes(data)
        return path
    target = folder / name
    target.mkdir(parents=True, exist_ok=True)
    written = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        top = _plan_folder({i.filename for i in archive.infolist()})
        if top is None:
            raise UploadError(400, "upload_no_plan_toml")
        for info in archive.infolist():
            if info.is_dir() or not info.filename.startswith(top):
                continue
            if not _inside(info.filename):
                raise UploadError(400, "upload_zip_path", {"name": info.filename})
            relative = PurePosixPath(info.filename[len(top) :])
            if len(relative.parts) != 1:  # a plan folder is flat
                continue
            out = target / relative.name
            with archive.open(info) as source, out.open("wb") as sink:
                while chunk := source.read(CHUNK):
                    written += len(chunk)
                    if written > MAX_EXPANDED:
                        raise UploadError(
                            400, "upload_zip_big", {"mib": MAX_EXPANDED // (1024 * 1024)}
                        )
                    sink.write(chunk)
    return target
