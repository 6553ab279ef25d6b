"""What the web tests share: the example plan as uploads, a client over a fresh store, and
waiting for a job to end."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "nanchang-road"
WORKBOOK = ROOT / "examples" / "nanchang-road.xlsx"
SCRIPT = "<script>alert(1)</script>"


def folder_zip(folder: Path = EXAMPLE, replace: dict[str, tuple[str, str]] | None = None) -> bytes:
    """The plan folder as a zip (inside a folder of its own, as a leader zips it);
    ``replace``: per file, a text to replace and what with."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            text = path.read_text(encoding="utf-8")
            if replace and path.name in replace:
                old, new = replace[path.name]
                assert old in text
                text = text.replace(old, new)
            archive.writestr(f"{folder.name}/{path.name}", text)
    return out.getvalue()


def upload(client: TestClient, name: str, data: bytes, **kwargs: Any) -> Any:
    return client.post("/api/plans", files={"file": (name, data)}, **kwargs)


def wait(client: TestClient, job: int, timeout: float = 120.0, **kwargs: Any) -> dict[str, Any]:
    """Poll a job until it ends; its last state."""
    deadline = time.monotonic() + timeout
    while True:
        found: dict[str, Any] = client.get(f"/api/jobs/{job}", **kwargs).json()
        if found["state"] not in ("queued", "running"):
            return found
        assert time.monotonic() < deadline, found
        time.sleep(0.3)
